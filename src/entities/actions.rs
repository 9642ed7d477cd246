//! The domain actions of `catalog::ACTIONS`, each one write: the record's own change (its
//! entity's method), the cross-entity rules it sets off (`rules`), and every event of both.

use std::collections::HashMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::customer::{self, Customer};
use super::delivery::{AssignForm, Delivery, DeliveryStatusForm};
use super::driver::{Driver, DriverStatusForm, LocationForm};
use super::order::Order;
use super::rules;
use super::transit_batch::TransitBatch;
use super::write::{Was, Written};
use crate::db::AnyConnection;
use crate::domain::event::{EntityEvent, Revision};
use crate::domain::status::OrderStatus;
use crate::domain::{Action, Entity};
use crate::error::ApiError;

/// `driver_location_updated`.
pub fn driver_location(
    conn: &mut AnyConnection,
    current: Driver,
    form: LocationForm,
) -> Result<Written<Driver>, ApiError> {
    let was = Was::of(&current)?;
    Written::record(Action::LocationUpdated, was, Driver::set_location(conn, current, form)?)
}

/// A fix as a change of its own, as any other write runs.
pub type FixChange = Box<dyn FnOnce(&mut AnyConnection) -> Result<Written<Driver>, ApiError> + Send>;

/// `POST /api/drivers/{id}/location` as a write: the group commit writes the fixes that queue
/// together in one statement (`group_commit::fixes`).
pub struct Fix {
    pub driver: i64,
    pub form: LocationForm,
    /// Whether the caller may move the driver as the driver is now (their reach, `If-Match`).
    pub admit: Box<dyn Fn(&Driver) -> bool + Send>,
    /// The same fix as a change of its own, run when it is not admitted (it then says why), when
    /// it runs alone, or when writing the fixes together failed.
    pub change: FixChange,
}

/// [`driver_location`] for several drivers in one statement (`Driver::set_locations`): `fixes`
/// holds each driver once, as they are now, with a form that passed `LocationForm::check`.
/// Answers each driver's write in the order of `fixes`.
pub fn driver_locations(
    conn: &mut AnyConnection,
    fixes: &[(Driver, LocationForm)],
) -> Result<Vec<Written<Driver>>, ApiError> {
    let moves: Vec<(i64, LocationForm)> = fixes.iter().map(|(driver, form)| (driver.id, *form)).collect();
    let mut moved: HashMap<i64, Driver> =
        Driver::set_locations(conn, &moves)?.into_iter().map(|driver| (driver.id, driver)).collect();
    fixes
        .iter()
        .map(|(current, _)| {
            let now = moved.remove(&current.id).ok_or_else(|| ApiError::NotFound(format!("driver {}", current.id)))?;
            Written::record(Action::LocationUpdated, Was::of(current)?, now)
        })
        .collect()
}

/// `driver_status_updated`.
pub fn driver_status(
    conn: &mut AnyConnection,
    current: Driver,
    form: DriverStatusForm,
) -> Result<Written<Driver>, ApiError> {
    let was = Was::of(&current)?;
    Written::record(Action::StatusUpdated, was, Driver::set_status(conn, current, form)?)
}

/// `delivery_driver_assigned`, whose data is the record plus `previous_driver_id`; then the
/// drivers' statuses follow.
pub fn assign_delivery(
    conn: &mut AnyConnection,
    current: Delivery,
    form: AssignForm,
) -> Result<Written<Delivery>, ApiError> {
    #[derive(Serialize)]
    struct Assigned<'a> {
        #[serde(flatten)]
        delivery: &'a Delivery,
        previous_driver_id: Option<i64>,
    }
    let previous = current.driver_id;
    let was = Was::of(&current)?;
    let record = Delivery::assign(conn, current, form)?;
    let effects = rules::after_assign(conn, previous, &record)?;
    let data = serde_json::to_value(Assigned { delivery: &record, previous_driver_id: previous })?;
    Ok(Written::with_data(Action::DriverAssigned, was, record, &data)?.and(effects))
}

/// `delivery_status_updated`; then the order's and the driver's statuses follow.
pub fn delivery_status(
    conn: &mut AnyConnection,
    current: Delivery,
    form: DeliveryStatusForm,
) -> Result<Written<Delivery>, ApiError> {
    let was = Was::of(&current)?;
    let record = Delivery::set_status(conn, current, form)?;
    let effects = rules::after_delivery_status(conn, &record)?;
    Ok(Written::record(Action::StatusUpdated, was, record)?.and(effects))
}

/// `transit_batch_initiated`; then its orders' statuses follow.
pub fn initiate_batch(conn: &mut AnyConnection, current: TransitBatch) -> Result<Written<TransitBatch>, ApiError> {
    let was = Was::of(&current)?;
    let record = TransitBatch::initiate(conn, current)?;
    let effects = rules::after_batch(conn, &record)?;
    Ok(Written::record(Action::Initiated, was, record)?.and(effects))
}

/// `transit_batch_completed`; then its orders' statuses follow.
pub fn complete_batch(conn: &mut AnyConnection, current: TransitBatch) -> Result<Written<TransitBatch>, ApiError> {
    let was = Was::of(&current)?;
    let record = TransitBatch::complete(conn, current)?;
    let effects = rules::after_batch(conn, &record)?;
    Ok(Written::record(Action::Completed, was, record)?.and(effects))
}

/// `order_status_changed`; a cancel takes the order's delivery (and its driver) along, or is
/// refused while the delivery is on the road.
pub fn order_status(conn: &mut AnyConnection, current: Order, status: OrderStatus) -> Result<Written<Order>, ApiError> {
    let was = Was::of(&current)?;
    let record = Order::change_status(conn, current, status)?;
    let effects =
        if record.status == OrderStatus::Cancelled { rules::after_order_cancelled(conn, &record)? } else { Vec::new() };
    Ok(Written::record(Action::StatusChanged, was, record)?.and(effects))
}

/// What a recompute changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct SegmentsRecomputed {
    /// The ids of the customers whose segment changed.
    pub changed_ids: Vec<i64>,
    /// Those customers as they are now.
    pub customers: Vec<Customer>,
}

/// Re-derives every customer's segment. Always one `customer_segments_updated` (its `ids` may
/// be empty when nothing changed), so every open customer list knows the recompute ran.
pub fn recompute_segments(conn: &mut AnyConnection) -> Result<Written<SegmentsRecomputed>, ApiError> {
    let changed = customer::recompute_segments(conn)?;
    let revisions = changed
        .iter()
        .map(|(was, now)| {
            Ok(Revision {
                id: now.id,
                before: Some(serde_json::to_value(was)?),
                after: Some(serde_json::to_value(now)?),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let customers: Vec<Customer> = changed.into_iter().map(|(_, now)| now).collect();
    let changed_ids: Vec<i64> = customers.iter().map(|c| c.id).collect();
    let result = SegmentsRecomputed { changed_ids, customers };
    let event = EntityEvent {
        entity: Entity::Customer,
        action: Action::SegmentsUpdated,
        ids: result.changed_ids.clone(),
        data: serde_json::value::to_raw_value(&result)?,
        drivers: Vec::new(),
        revisions,
    };
    Ok(Written::new(result, event))
}
