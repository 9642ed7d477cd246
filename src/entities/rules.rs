//! The rules that tie records of different collections together. Each runs in the transaction
//! of the change that triggers it and answers the events of what it changed, so the change, its
//! consequences and all their events commit together.
//!
//! | When | Then |
//! |---|---|
//! | a delivery is assigned to a driver | the driver goes `available` → `on_delivery` |
//! | a delivery is taken from a driver, or ends (delivered, failed, cancelled) | the driver goes `on_delivery` → `available` once no other delivery of theirs is open |
//! | a delivery is picked up or in transit | its order goes to `out_for_delivery` (from pending, confirmed, in progress or ready) |
//! | a delivery is delivered | its order goes to `delivered` (unless cancelled) |
//! | a delivery fails | its order goes `out_for_delivery` → `ready`, to be sent again |
//! | a transit batch is initiated | its orders go `confirmed` → `in_progress` |
//! | a transit batch is completed | its orders go `in_progress` → `ready` |
//!
//! A driver who is offline or on a break is left as they are; so is an order outside the
//! statuses named.

use diesel::prelude::*;

use super::delivery::Delivery;
use super::driver::Driver;
use super::order::Order;
use super::transit_batch::TransitBatch;
use super::Resource;
use crate::db::schema::{deliveries, drivers, orders};
use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::{Action, Entity};
use crate::error::ApiError;

/// Deliveries a driver is busy with.
const OPEN: &[&str] = &["assigned", "picked_up", "in_transit"];

/// After `delivery` was assigned (it was `previous`'s before, if anyone's).
pub fn after_assign(
    conn: &mut AnyConnection,
    previous: Option<i64>,
    delivery: &Delivery,
) -> Result<Vec<EntityEvent>, ApiError> {
    let mut events = Vec::new();
    if let Some(driver) = delivery.driver_id {
        events.extend(set_driver_status(conn, driver, "on_delivery", &["available"])?);
    }
    if let Some(previous) = previous.filter(|previous| Some(*previous) != delivery.driver_id) {
        events.extend(release_driver(conn, previous)?);
    }
    Ok(events)
}

/// After `delivery` moved to its current status.
pub fn after_delivery_status(conn: &mut AnyConnection, delivery: &Delivery) -> Result<Vec<EntityEvent>, ApiError> {
    let order = delivery.order_id;
    let mut events = Vec::new();
    match delivery.status.as_str() {
        "picked_up" | "in_transit" => events.extend(set_order_status(
            conn,
            order,
            "out_for_delivery",
            &["pending", "confirmed", "in_progress", "ready"],
        )?),
        "delivered" => events.extend(set_order_status(
            conn,
            order,
            "delivered",
            &["pending", "confirmed", "in_progress", "ready", "out_for_delivery"],
        )?),
        "failed" => events.extend(set_order_status(conn, order, "ready", &["out_for_delivery"])?),
        _ => {}
    }
    if ["delivered", "failed", "cancelled"].contains(&delivery.status.as_str()) {
        if let Some(driver) = delivery.driver_id {
            events.extend(release_driver(conn, driver)?);
        }
    }
    Ok(events)
}

/// After `batch` was initiated or completed.
pub fn after_batch(conn: &mut AnyConnection, batch: &TransitBatch) -> Result<Vec<EntityEvent>, ApiError> {
    let (to, from): (&str, &[&str]) = match batch.status.as_str() {
        "in_transit" => ("in_progress", &["confirmed"]),
        "completed" => ("ready", &["in_progress"]),
        _ => return Ok(Vec::new()),
    };
    let mut events = Vec::new();
    for order in &batch.order_ids {
        events.extend(set_order_status(conn, *order, to, from)?);
    }
    Ok(events)
}

/// `driver` back to `available` from `on_delivery`, when no delivery of theirs is open.
fn release_driver(conn: &mut AnyConnection, driver: i64) -> Result<Option<EntityEvent>, ApiError> {
    let busy: bool = diesel::select(diesel::dsl::exists(
        deliveries::table.filter(deliveries::driver_id.eq(driver)).filter(deliveries::status.eq_any(OPEN)),
    ))
    .get_result(conn)?;
    if busy {
        return Ok(None);
    }
    set_driver_status(conn, driver, "available", &["on_delivery"])
}

/// Sets `driver`'s status to `to` if it is one of `from`; the event when it changed.
fn set_driver_status(
    conn: &mut AnyConnection,
    driver: i64,
    to: &str,
    from: &[&str],
) -> Result<Option<EntityEvent>, ApiError> {
    let changed = diesel::update(drivers::table.find(driver).filter(drivers::status.eq_any(from)))
        .set((drivers::status.eq(to), crate::touched!(drivers)))
        .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    let record = Driver::find(conn, driver)?;
    Ok(Some(
        EntityEvent::for_record(Entity::Driver, Action::StatusUpdated, driver, &record)?.concerning([Some(driver)]),
    ))
}

/// Sets `order`'s status to `to` if it is one of `from`; the event when it changed.
fn set_order_status(
    conn: &mut AnyConnection,
    order: i64,
    to: &str,
    from: &[&str],
) -> Result<Option<EntityEvent>, ApiError> {
    let changed = diesel::update(orders::table.find(order).filter(orders::status.eq_any(from)))
        .set((orders::status.eq(to), crate::touched!(orders)))
        .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    let record = Order::find(conn, order)?;
    Ok(Some(EntityEvent::for_record(Entity::Order, Action::StatusChanged, order, &record)?))
}
