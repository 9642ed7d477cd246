//! Every write answers what it did: the record as it now is, and the events that tell each
//! subscriber, its own first and then those of its consequences in other collections. They are
//! built here, in the transaction that makes the change, and nowhere else; the caller
//! (`AppState::write`) only logs and delivers them.

use super::Resource;
use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::Action;
use crate::error::ApiError;

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
    /// `record` after `action`, with one event carrying it. The event also concerns the driver
    /// the record belonged to `before` the change, so a driver it was taken from hears of it.
    pub fn record(action: Action, before: Option<i64>, record: R) -> Result<Self, ApiError> {
        let event = EntityEvent::for_record(R::ENTITY, action, record.id(), &record)?
            .concerning([before, record.owner_driver()]);
        Ok(Written::new(record, event))
    }

    /// As [`Written::record`], with the event carrying `data` instead of the record.
    pub fn with_data(
        action: Action,
        before: Option<i64>,
        record: R,
        data: &impl serde::Serialize,
    ) -> Result<Self, ApiError> {
        let event =
            EntityEvent::for_record(R::ENTITY, action, record.id(), data)?.concerning([before, record.owner_driver()]);
        Ok(Written::new(record, event))
    }
}

/// Validates and stores a new record: `…_created`.
pub fn create<R: Resource>(conn: &mut AnyConnection, new: R::New) -> Result<Written<R>, ApiError> {
    Written::record(Action::Created, None, R::create(conn, new)?)
}

/// Applies `changes` to `current`: `…_updated`.
pub fn update<R: Resource>(conn: &mut AnyConnection, current: R, changes: R::Changes) -> Result<Written<R>, ApiError> {
    let before = current.owner_driver();
    Written::record(Action::Updated, before, R::update(conn, current, changes)?)
}

/// Deletes `current`: `…_deleted` carrying the record as it was, then the events of the
/// records the delete changed (an employee's expenses).
pub fn delete<R: Resource>(conn: &mut AnyConnection, current: R) -> Result<Written<()>, ApiError> {
    let mut effects = R::delete_with_effects(conn, current.id())?;
    effects.extend(super::rules::after_removed(conn, R::ENTITY, current.owner_driver())?);
    let event = EntityEvent::for_record(R::ENTITY, Action::Deleted, current.id(), &current)?
        .concerning([current.owner_driver()]);
    Ok(Written::new((), event).and(effects))
}
