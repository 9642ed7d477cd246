//! Filtered topics: a collection narrowed by equality and `in` on its facets, spelled as the list
//! routes' query strings (`orders?status=pending,shipped&customer_id=3`).
//!
//! The log keeps each event's facets before and after the change (`EventFacets`), so a filter is
//! matched without the record, live and on replay alike. A session holding a filtered topic gets
//! an event when one of its records matched **before or after** the change, so a record leaving
//! the filter arrives too, marked (`left`), and a list can drop it.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::domain::fields::Kind;
use crate::domain::Entity;
use crate::entities::facets::{self, Facet};

/// At most this many values in one field's `in` list.
const MAX_VALUES: usize = 100;

/// A filtered topic, parsed and checked against its collection's facets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub entity: Entity,
    /// Each facet named and the values it accepts: facets by name, values sorted, no repeats.
    terms: Vec<(&'static str, Vec<String>)>,
    /// How the topic is spelled back (the ack, the `left` member): `topic()`.
    topic: String,
}

impl Filter {
    /// The filter of `topic` when it has one (`orders?status=pending`); `Ok(None)` for a topic
    /// without `?`.
    pub fn parse(topic: &str) -> Result<Option<Filter>, BadFilter> {
        let Some((collection, query)) = topic.split_once('?') else { return Ok(None) };
        let bad = |message: String| BadFilter { code: "bad_filter", message };
        if collection == "*" || collection.contains(':') {
            return Err(bad(format!("{topic:?}: only a collection's topic takes a filter")));
        }
        let entity = Entity::from_collection(collection)
            .ok_or_else(|| BadFilter { code: "unknown_topic", message: format!("unknown topic {topic:?}") })?;
        let known = facets::facets(entity);
        let names = || known.iter().map(|facet| facet.name).collect::<Vec<_>>().join(", ");
        let mut terms: Vec<(&'static str, Vec<String>)> = Vec::new();
        for part in query.split('&').filter(|part| !part.is_empty()) {
            let (name, values) = part.split_once('=').unwrap_or((part, ""));
            let name = decode(name);
            let Some(facet) = known.iter().find(|facet| facet.name == name) else {
                return Err(bad(format!("{collection} cannot be filtered by {name:?}; it can by: {}", names())));
            };
            let index = match terms.iter().position(|(held, _)| *held == facet.name) {
                Some(index) => index,
                None => {
                    terms.push((facet.name, Vec::new()));
                    terms.len() - 1
                }
            };
            // A text field's value is one value, commas and all (as the list routes read it):
            // several are given by repeating the field.
            let values: Vec<&str> = if is_text(facet.kind) { vec![values] } else { values.split(',').collect() };
            for value in values {
                let value = checked(facet, &decode(value)).map_err(|why| bad(format!("{collection}.{name}: {why}")))?;
                terms[index].1.push(value);
            }
        }
        if terms.is_empty() {
            return Err(bad(format!("{topic:?} names no field; {collection} can be filtered by: {}", names())));
        }
        terms.sort_by_key(|(name, _)| *name);
        for (name, values) in &mut terms {
            values.sort();
            values.dedup();
            if values.len() > MAX_VALUES {
                return Err(bad(format!("{collection}.{name}: at most {MAX_VALUES} values")));
            }
        }
        let spelled: Vec<String> = terms
            .iter()
            .flat_map(|(name, values)| {
                let values: Vec<String> = values.iter().map(|value| encode(value)).collect();
                match known.iter().any(|facet| facet.name == *name && is_text(facet.kind)) {
                    true => values.into_iter().map(|value| format!("{name}={value}")).collect(),
                    false => vec![format!("{name}={}", values.join(","))],
                }
            })
            .collect();
        let topic = format!("{collection}?{}", spelled.join("&"));
        Ok(Some(Filter { entity, terms, topic }))
    }

    /// The topic as the server spells it: fields by name, values sorted, text in lower case.
    pub fn topic(&self) -> &str {
        &self.topic
    }

    /// The first facet it names and the values it accepts there: a record it accepts has one of
    /// them (what the Broadcaster indexes it by).
    pub fn key(&self) -> (&'static str, &[String]) {
        let (name, values) = &self.terms[0];
        (name, values)
    }

    /// Whether a record with these facets is in it.
    fn accepts(&self, facets: &[(String, String)]) -> bool {
        self.terms.iter().all(|(name, values)| {
            facets.iter().any(|(held, value)| held == name && values.binary_search(value).is_ok())
        })
    }

    /// What an event about `entity` with these `facets` is to a session holding this filter.
    pub fn membership(&self, entity: Option<Entity>, facets: &EventFacets) -> Membership {
        if entity != Some(self.entity) {
            return Membership::Out;
        }
        // An event logged before facets were (none kept): delivered rather than missed.
        let Some(records) = facets else { return Membership::In };
        let mut matched = false;
        let mut left = Vec::new();
        for record in records.iter() {
            let before = record.before.as_deref().is_some_and(|facets| self.accepts(facets));
            let after = record.after.as_deref().is_some_and(|facets| self.accepts(facets));
            matched |= before || after;
            if before && !after {
                left.push(record.id);
            }
        }
        match (matched, left.is_empty()) {
            (false, _) => Membership::Out,
            (true, true) => Membership::In,
            (true, false) => Membership::Left(left),
        }
    }
}

/// Why a topic's filter is refused: the code and message of its error frame (or 400).
#[derive(Debug, PartialEq, Eq)]
pub struct BadFilter {
    /// `bad_filter`, or `unknown_topic` for a collection that does not exist.
    pub code: &'static str,
    pub message: String,
}

/// What an event is to a filtered topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Membership {
    /// None of its records is in the filter, before or after.
    Out,
    /// One of them is, after the change (or was and still is).
    In,
    /// These records were in it before the change and are not after it.
    Left(Vec<i64>),
}

/// A value of `facet` as a filter compares it, or why it cannot be one.
fn checked(facet: &Facet, value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("an empty value matches nothing".to_owned());
    }
    if let Some(allowed) = facet.values {
        return match allowed.contains(&value) {
            true => Ok(value.to_owned()),
            false => Err(format!("{value:?} is not one of {}", allowed.join(", "))),
        };
    }
    match facet.kind {
        Kind::Id | Kind::Reference | Kind::Integer => match value.parse::<i64>() {
            Ok(number) if number > 0 => Ok(number.to_string()),
            _ => Err(format!("{value:?} is not a record's id")),
        },
        Kind::Month if chrono::NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").is_err() => {
            Err(format!("{value:?} is not a month (YYYY-MM)"))
        }
        kind => Ok(facets::normalise(kind, value)),
    }
}

fn is_text(kind: Kind) -> bool {
    matches!(kind, Kind::Text | Kind::LongText | Kind::Email)
}

/// A part of a topic's query, percent-decoded as the list routes decode theirs (`+` is a space).
fn decode(text: &str) -> String {
    form_urlencoded::parse(format!("v={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The facets of one record an event changed, before and after (`None` before a create, after
/// a delete), by facet name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFacets {
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Vec<(String, String)>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Vec<(String, String)>>,
}

/// An event's facets, as the log keeps them (`events.facets`, JSON); `None` for an event logged
/// before the log kept them.
pub type EventFacets = Option<Arc<[RecordFacets]>>;

/// The stored text of an event's facets.
pub fn store(facets: &[RecordFacets]) -> String {
    serde_json::to_string(facets).unwrap_or_default()
}

/// An event's facets from their stored text (empty for an event logged before they were).
pub fn load(text: &str) -> EventFacets {
    serde_json::from_str::<Vec<RecordFacets>>(text).ok().map(Arc::from)
}

/// The filtered topics sessions hold, indexed by the first facet each names and its values, so an
/// event is matched against the filters that could accept one of its records, not against all.
#[derive(Default)]
pub struct FilterIndex {
    filters: HashMap<String, Arc<Filter>>,
    /// Collection → first facet → value → the filters that name it first.
    by_value: HashMap<Entity, HashMap<&'static str, ByValue>>,
}

/// A facet's values → the filters that name that facet first and accept the value.
type ByValue = HashMap<String, Vec<Arc<Filter>>>;

impl FilterIndex {
    pub fn is_empty(&self) -> bool {
        self.filters.is_empty()
    }

    pub fn len(&self) -> usize {
        self.filters.len()
    }

    /// Starts matching `topic` (a filtered topic, already checked), if it is not yet.
    pub fn add(&mut self, topic: &str) {
        if self.filters.contains_key(topic) {
            return;
        }
        let Ok(Some(filter)) = Filter::parse(topic) else { return };
        let filter = Arc::new(filter);
        let (name, values) = filter.key();
        let by_value = self.by_value.entry(filter.entity).or_default().entry(name).or_default();
        for value in values {
            by_value.entry(value.clone()).or_default().push(Arc::clone(&filter));
        }
        self.filters.insert(topic.to_owned(), filter);
    }

    /// Stops matching `topic`.
    pub fn remove(&mut self, topic: &str) {
        let Some(filter) = self.filters.remove(topic) else { return };
        let (name, values) = filter.key();
        let Some(by_name) = self.by_value.get_mut(&filter.entity) else { return };
        if let Some(by_value) = by_name.get_mut(name) {
            for value in values {
                if let Some(filters) = by_value.get_mut(value) {
                    filters.retain(|held| held.topic() != topic);
                    if filters.is_empty() {
                        by_value.remove(value);
                    }
                }
            }
            if by_value.is_empty() {
                by_name.remove(name);
            }
        }
        if by_name.is_empty() {
            self.by_value.remove(&filter.entity);
        }
    }

    /// The filtered topics an event about `entity` with these `facets` reaches, each with what
    /// the event is to them.
    pub fn matching(&self, entity: Option<Entity>, facets: &EventFacets) -> Vec<(&str, Membership)> {
        let Some(entity) = entity else { return Vec::new() };
        let Some(by_name) = self.by_value.get(&entity) else { return Vec::new() };
        let mut candidates: Vec<&Arc<Filter>> = Vec::new();
        match facets {
            Some(records) => {
                let sides = records.iter().flat_map(|record| record.before.iter().chain(record.after.iter()));
                for (name, value) in sides.flatten() {
                    let filters = by_name.get(name.as_str()).and_then(|by_value| by_value.get(value));
                    candidates.extend(filters.into_iter().flatten());
                }
                candidates.sort_by(|a, b| a.topic().cmp(b.topic()));
                candidates.dedup_by(|a, b| a.topic() == b.topic());
            }
            None => candidates.extend(self.filters.values().filter(|filter| filter.entity == entity)),
        }
        candidates
            .into_iter()
            .filter_map(|filter| match filter.membership(Some(entity), facets) {
                Membership::Out => None,
                membership => Some((filter.topic(), membership)),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(text: &str) -> Result<String, &'static str> {
        match Filter::parse(text) {
            Ok(Some(filter)) => Ok(filter.topic().to_owned()),
            Ok(None) => Ok(text.to_owned()),
            Err(error) => Err(error.code),
        }
    }

    #[test]
    fn filters_are_spelled_back_one_way() {
        assert_eq!(
            topic("orders?status=ready,pending&customer_id=3"),
            Ok("orders?customer_id=3&status=pending,ready".into())
        );
        assert_eq!(topic("orders?status=pending&status=pending"), Ok("orders?status=pending".into()));
        assert_eq!(topic("employees?department=%20Sales+Ops"), Ok("employees?department=sales+ops".into()));
        // A text field's value may hold a comma; several values repeat the field.
        assert_eq!(topic("employees?department=Sales, EU"), Ok("employees?department=sales%2C+eu".into()));
        assert_eq!(
            topic("expenses?category=Travel&category=fuel&employee_id=3,2"),
            Ok("expenses?category=fuel&category=travel&employee_id=2,3".into())
        );
        assert_eq!(topic("products?stock=low"), Ok("products?stock=low".into()));
        assert_eq!(topic("deliveries?driver_id=07"), Ok("deliveries?driver_id=7".into()));
        assert_eq!(topic("orders"), Ok("orders".into()));
    }

    #[test]
    fn bad_filters_are_refused() {
        assert_eq!(topic("orders?status=lost"), Err("bad_filter"));
        assert_eq!(topic("orders?colour=red"), Err("bad_filter"));
        assert_eq!(topic("orders?created_at=2026-01-01"), Err("bad_filter"), "ranges are not subscribable");
        assert_eq!(topic("orders?status="), Err("bad_filter"));
        assert_eq!(topic("orders?"), Err("bad_filter"));
        assert_eq!(topic("orders:4?status=pending"), Err("bad_filter"));
        assert_eq!(topic("*?status=pending"), Err("bad_filter"));
        assert_eq!(topic("deliveries?driver_id=0"), Err("bad_filter"));
        assert_eq!(topic("budgets?period=2026-13"), Err("bad_filter"));
        assert_eq!(topic("ordres?status=pending"), Err("unknown_topic"));
    }

    /// The facets of an event that moved order 9 from `before` to `after`.
    fn event(before: Option<&str>, after: Option<&str>) -> EventFacets {
        let side = |status: Option<&str>| status.map(|s| vec![("status".to_owned(), s.to_owned())]);
        Some(vec![RecordFacets { id: 9, before: side(before), after: side(after) }].into())
    }

    const ORDERS: Option<Entity> = Some(Entity::Order);

    #[test]
    fn a_record_entering_within_or_leaving_reaches_the_filter() {
        let filter = Filter::parse("orders?status=pending").unwrap().unwrap();
        assert_eq!(filter.membership(ORDERS, &event(None, Some("pending"))), Membership::In);
        assert_eq!(filter.membership(ORDERS, &event(Some("pending"), Some("pending"))), Membership::In);
        assert_eq!(filter.membership(ORDERS, &event(Some("confirmed"), Some("pending"))), Membership::In);
        assert_eq!(filter.membership(ORDERS, &event(Some("pending"), Some("confirmed"))), Membership::Left(vec![9]));
        assert_eq!(filter.membership(ORDERS, &event(Some("pending"), None)), Membership::Left(vec![9]));
        assert_eq!(filter.membership(ORDERS, &event(Some("shipped"), Some("confirmed"))), Membership::Out);
        let mut index = FilterIndex::default();
        index.add(filter.topic());
        index.add("orders?status=confirmed,ready");
        let reached = index.matching(ORDERS, &event(Some("pending"), Some("confirmed")));
        assert_eq!(reached.len(), 2, "{reached:?}");
        index.remove("orders?status=pending");
        assert_eq!(index.matching(ORDERS, &event(Some("pending"), Some("pending"))), vec![]);
    }
}
