//! A record's facets: the values of the fields a filtered topic may name (`orders?status=pending`),
//! as the list routes filter them. Every field a collection declares with an equality filter,
//! and its filters that are not one field's (`products?stock=low`), worked out from the record as
//! `GET` answers it, so the event log can keep them beside each event (before and after the
//! change) and a subscription can be matched without the record.

use serde_json::Value;

use super::declarations::declaration;
use super::invoice::today;
use super::product::StockState;
use crate::domain::fields::{FilterKind, Kind};
use crate::domain::Entity;

/// A facet a filtered topic may name: its name, what it holds, and the values it may take (an
/// enum's, a boolean's; `None` for any).
#[derive(Debug, Clone, Copy)]
pub struct Facet {
    pub name: &'static str,
    pub kind: Kind,
    pub values: Option<&'static [&'static str]>,
}

const BOOLEAN: &[&str] = &["false", "true"];

/// The facets of `entity`'s records, as its declaration has them: each field filtered by
/// equality, then each filter that is not one field's.
pub fn facets(entity: Entity) -> Vec<Facet> {
    let declared = declaration(entity);
    let fields = declared.fields.iter().filter(|field| field.filter == Some(FilterKind::Eq)).map(|field| Facet {
        name: field.name,
        kind: field.kind,
        values: if field.kind == Kind::Boolean { Some(BOOLEAN) } else { field.values },
    });
    let special = declared.filters.iter().map(|filter| Facet {
        name: filter.name,
        kind: filter.kind,
        values: if filter.kind == Kind::Boolean { Some(BOOLEAN) } else { filter.values },
    });
    fields.chain(special).collect()
}

/// A value as a facet compares it: text trimmed and in lower case (the list routes compare
/// text fields ignoring case), anything else as its JSON spelling.
pub fn normalise(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Text | Kind::LongText | Kind::Email => value.trim().to_lowercase(),
        _ => value.to_owned(),
    }
}

/// The facets of one record of `entity` (`record` as `GET` answers it), in the order
/// [`facets`] names them; a facet the record has no value for (a `null`) is left out.
pub fn of(entity: Entity, record: &Value) -> Vec<(&'static str, String)> {
    facets(entity)
        .into_iter()
        .filter_map(|facet| {
            let value = match record.get(facet.name) {
                Some(Value::String(text)) => normalise(facet.kind, text),
                Some(Value::Bool(flag)) => flag.to_string(),
                Some(Value::Number(number)) => number.to_string(),
                _ => special(entity, facet.name, record)?,
            };
            Some((facet.name, value))
        })
        .collect()
}

/// The filters that are not one field's, as the list routes' `refine` has them.
fn special(entity: Entity, name: &str, record: &Value) -> Option<String> {
    let integer = |field: &str| record.get(field).and_then(Value::as_i64);
    match (entity, name) {
        (Entity::Product, "stock") => {
            let state = StockState::of(integer("stock_quantity")?, integer("reorder_level")?);
            Some(StockState::NAMES[state as usize].to_owned())
        }
        (Entity::Delivery, "unassigned") => Some(record.get("driver_id").is_none_or(Value::is_null).to_string()),
        // As of the change: an invoice that falls due later makes no event of its own.
        (Entity::Invoice, "overdue") => {
            let open = record.get("status").and_then(Value::as_str) == Some("open");
            let due = record.get("due_date").and_then(Value::as_str)?;
            let past_due = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").ok()? < today();
            Some((open && past_due).to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_record_has_its_declared_facets() {
        let order = json!({"id": 4, "customer_id": 3, "status": "pending", "notes": "x"});
        assert_eq!(of(Entity::Order, &order), vec![("customer_id", "3".to_owned()), ("status", "pending".to_owned())]);
        let product = json!({"id": 1, "stock_quantity": 2, "reorder_level": 5});
        assert_eq!(of(Entity::Product, &product), vec![("stock", "low".to_owned())]);
        let delivery = json!({"id": 1, "order_id": 2, "driver_id": null, "status": "pending"});
        let facets = of(Entity::Delivery, &delivery);
        assert!(facets.contains(&("unassigned", "true".to_owned())), "{facets:?}");
        assert!(!facets.iter().any(|(name, _)| *name == "driver_id"), "a null has no facet: {facets:?}");
        let employee = json!({"id": 1, "department": "  Sales ", "active": true, "role": "driver"});
        let facets = of(Entity::Employee, &employee);
        assert!(
            facets.contains(&("department", "sales".to_owned())) && facets.contains(&("active", "true".to_owned()))
        );
    }
}
