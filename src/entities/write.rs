//! Every write answers what it did: the record as it now is, and the events that tell each
//! subscriber, its own first and then those of its consequences in other collections. They are
//! built here, in the transaction that makes the change, and nowhere else; the caller
//! (`AppState::write`) only logs and delivers them.

use serde_json::Value;

use super::Resource;
use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::Action;
use crate::error::ApiError;

/// A record as it was before a change: the driver it belonged to (whom the change's event also
/// concerns, so a driver it was taken from hears of it) and its JSON, for the audit trail.
#[derive(Debug, Default)]
pub struct Was {
    driver: Option<i64>,
    record: Option<Value>,
}

impl Was {
    /// `record` before the change.
    pub fn of<R: Resource>(record: &R) -> Result<Was, ApiError> {
        Ok(Was { driver: record.owner_driver(), record: Some(serde_json::to_value(record)?) })
    }

    /// Before a create: nothing.
    pub fn nothing() -> Was {
        Was::default()
    }
}

/// What a write did.
#[derive(Debug)]
pub struct Written<T> {
    /// What the caller answers with: the record, or a summary of the change.
    pub value: T,
    pub events: Vec<EntityEvent>,
}

impl<T> Written<T> {
    pub fn new(value: T, event: EntityEvent) -> Self {
        Written { value, events: vec![event] }
    }

    /// The same write, also telling the events of its consequences (after its own).
    pub fn and(mut self, effects: impl IntoIterator<Item = EntityEvent>) -> Self {
        self.events.extend(effects);
        self
    }
}

impl<R: Resource> Written<R> {
    /// `record` after `action`, with one event carrying it, which also tells what the record
    /// `was` and concerns the driver it belonged to.
    pub fn record(action: Action, was: Was, record: R) -> Result<Self, ApiError> {
        let event = EntityEvent::for_record(R::ENTITY, action, record.id(), &record)?
            .was(was.record)
            .concerning([was.driver, record.owner_driver()]);
        Ok(Written::new(record, event))
    }

    /// As [`Written::record`], with the event's frame carrying `data` instead of the record.
    pub fn with_data(action: Action, was: Was, record: R, data: &impl serde::Serialize) -> Result<Self, ApiError> {
        let event = EntityEvent::for_record_with(R::ENTITY, action, record.id(), &record, data)?
            .was(was.record)
            .concerning([was.driver, record.owner_driver()]);
        Ok(Written::new(record, event))
    }
}

/// Validates and stores a new record: `…_created`.
pub fn create<R: Resource>(conn: &mut AnyConnection, new: R::New) -> Result<Written<R>, ApiError> {
    Written::record(Action::Created, Was::nothing(), R::create(conn, new)?)
}

/// Applies `changes` to `current`: `…_updated`.
pub fn update<R: Resource>(conn: &mut AnyConnection, current: R, changes: R::Changes) -> Result<Written<R>, ApiError> {
    let was = Was::of(&current)?;
    Written::record(Action::Updated, was, R::update(conn, current, changes)?)
}

/// Deletes `current`: `…_deleted` carrying the record as it was, then the events of the
/// records the delete changed (an employee's expenses).
pub fn delete<R: Resource>(conn: &mut AnyConnection, current: R) -> Result<Written<()>, ApiError> {
    let mut effects = R::delete_with_effects(conn, current.id())?;
    effects.extend(super::rules::after_removed(conn, R::ENTITY, current.owner_driver())?);
    let event = EntityEvent::deleted(R::ENTITY, current.id(), &current)?.concerning([current.owner_driver()]);
    Ok(Written::new((), event).and(effects))
}
