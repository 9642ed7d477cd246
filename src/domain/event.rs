//! What a change looks like on the wire: the entity it touched, what happened to it, and the
//! seed's React Query keys it invalidates. One `EntityEvent` becomes one frame, serialized once.

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::permissions::Role;
use super::{Action, Entity};

/// The events that are a "latest value": each carries its record's whole new state, so only the
/// newest one per record matters. A session that falls behind may get only the newest of these
/// per record (its frame says so: `"latest": true`), and the log keeps past a short window only
/// the newest per record. Every other event is "every change": each one delivered, once, in order.
pub const LATEST_VALUE: [(Entity, Action); 1] = [(Entity::Driver, Action::LocationUpdated)];

/// The type of the events of `action` on `entity`: `order_status_changed`, `transit_batch_created`, …
pub fn event_type(entity: Entity, action: Action) -> String {
    format!("{}_{}", entity.singular(), action.suffix())
}

/// The types of the [`LATEST_VALUE`] events, as the log stores them.
pub fn latest_value_types() -> Vec<String> {
    LATEST_VALUE.iter().map(|&(entity, action)| event_type(entity, action)).collect()
}

/// Who made a change: the token, or the token behind the browser session, by its id, name and
/// role. Never a secret: this is what every subscriber and the audit trail are told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct By {
    pub token_id: i64,
    pub name: String,
    #[serde(serialize_with = "role_name")]
    pub role: Role,
}

fn role_name<S: serde::Serializer>(role: &Role, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(role.as_str())
}

/// One record as it was before a change and as it is after it (`None` before a create, after a
/// delete), as `GET` answers it: what the audit trail compares.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub id: i64,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One change, ready to be logged: built inside the transaction that made it.
#[derive(Debug)]
pub struct EntityEvent {
    pub entity: Entity,
    pub action: Action,
    /// The record(s) changed: one for most events, the changed customers for segments.
    pub ids: Vec<i64>,
    /// The record as `GET` returns it (for a delete, at least its id), already JSON.
    pub data: Box<RawValue>,
    /// The drivers whose records the event is about (a driver's own record, a delivery's driver
    /// before and after the change): the only drivers who may receive it.
    pub drivers: Vec<i64>,
    /// Each record the event changed, before and after: the audit trail's, never broadcast.
    pub revisions: Vec<Revision>,
}

impl EntityEvent {
    /// An event about one record, carrying `record` as its data (and as the record after the
    /// change); as it was before is told with [`EntityEvent::was`].
    pub fn for_record(entity: Entity, action: Action, id: i64, record: &impl Serialize) -> serde_json::Result<Self> {
        let after = serde_json::to_value(record)?;
        let data = serde_json::value::to_raw_value(&after)?;
        let revisions = vec![Revision { id, before: None, after: Some(after) }];
        Ok(EntityEvent { entity, action, ids: vec![id], data, drivers: Vec::new(), revisions })
    }

    /// As [`EntityEvent::for_record`], with the frame carrying `data` (the record and more)
    /// instead of the record.
    pub fn for_record_with(
        entity: Entity,
        action: Action,
        id: i64,
        record: &impl Serialize,
        data: &impl Serialize,
    ) -> serde_json::Result<Self> {
        let after = serde_json::to_value(record)?;
        let data = serde_json::value::to_raw_value(data)?;
        let revisions = vec![Revision { id, before: None, after: Some(after) }];
        Ok(EntityEvent { entity, action, ids: vec![id], data, drivers: Vec::new(), revisions })
    }

    /// `…_deleted`: the record as it was is both the frame's data and what the audit keeps.
    pub fn deleted(entity: Entity, id: i64, record: &impl Serialize) -> serde_json::Result<Self> {
        let before = serde_json::to_value(record)?;
        let data = serde_json::value::to_raw_value(&before)?;
        let revisions = vec![Revision { id, before: Some(before), after: None }];
        Ok(EntityEvent { entity, action: Action::Deleted, ids: vec![id], data, drivers: Vec::new(), revisions })
    }

    /// The event, telling what its record was before the change (already as JSON, from
    /// [`was`]).
    pub fn was(mut self, before: Option<Value>) -> Self {
        if let Some(revision) = self.revisions.first_mut() {
            revision.before = before;
        }
        self
    }

    /// The event, also concerning these drivers (`None`s are skipped).
    pub fn concerning(mut self, drivers: impl IntoIterator<Item = Option<i64>>) -> Self {
        for driver in drivers.into_iter().flatten() {
            if !self.drivers.contains(&driver) {
                self.drivers.push(driver);
            }
        }
        self
    }

    /// `order_status_changed`, `transit_batch_created`, …
    pub fn event_type(&self) -> String {
        event_type(self.entity, self.action)
    }

    /// Whether only the newest event of this kind per record matters ([`LATEST_VALUE`]).
    pub fn latest_value(&self) -> bool {
        LATEST_VALUE.contains(&(self.entity, self.action))
    }

    /// The topics a session may hold to receive this event: the collection and each record.
    pub fn topics(&self) -> Vec<String> {
        let collection = self.entity.collection();
        std::iter::once(collection.to_owned()).chain(self.ids.iter().map(|id| format!("{collection}:{id}"))).collect()
    }

    /// The React Query keys the seed invalidates for this event: the catalogue's keys of its
    /// entity (`Entity::invalidates`), with each record's own key after the collection's.
    pub fn invalidate(&self) -> Vec<serde_json::Value> {
        use serde_json::json;
        let entity = self.entity;
        let mut keys: Vec<serde_json::Value> = entity.invalidates().map(|key| json!([key])).collect();
        keys.splice(1..1, self.ids.iter().map(|id| json!([entity.item_key(), id])));
        keys
    }

    /// The frame every subscriber receives, with the `seq` the log gave the event and who made it.
    pub fn to_frame(&self, seq: i64, by: &By) -> serde_json::Result<String> {
        let event_type = self.event_type();
        let frame = Frame {
            kind: &event_type,
            latest: self.latest_value(),
            entity: self.entity.collection(),
            id: (self.ids.len() == 1).then(|| self.ids[0]),
            ids: (self.ids.len() != 1 || self.action == Action::SegmentsUpdated).then_some(self.ids.as_slice()),
            seq,
            data: &self.data,
            invalidate: self.invalidate(),
            by,
        };
        serde_json::to_string(&frame)
    }
}

#[derive(Serialize)]
struct Frame<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    /// Right after the type, so a frame read back from the log tells it from its first bytes
    /// (`LoggedEvent::new`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    latest: bool,
    entity: &'a str,
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ids: Option<&'a [i64]>,
    seq: i64,
    data: &'a RawValue,
    invalidate: Vec<serde_json::Value>,
    by: &'a By,
}

/// A record as JSON, to tell an event what it was before the change.
pub fn was(record: &impl Serialize) -> serde_json::Result<Option<Value>> {
    serde_json::to_value(record).map(Some)
}
