//! The rules that tie records of different collections together. Each runs in the transaction
//! of the change that triggers it and answers the events of what it changed, so the change, its
//! consequences and all their events commit together.
//!
//! | When | Then |
//! |---|---|
//! | a delivery is assigned to a driver | the driver goes `available` → `on_delivery` |
//! | a delivery is taken from a driver, ends (delivered, failed, cancelled) or is deleted | the driver goes `on_delivery` → `available` once no other delivery of theirs is open |
//! | an order is cancelled | its pending or assigned delivery is cancelled (and its driver freed as above); one picked up or in transit refuses the cancel (409 `delivery_under_way`) |
//! | a delivery is picked up or in transit | its order goes to `out_for_delivery` (from pending, confirmed, in progress or ready) |
//! | a delivery is delivered | its order goes to `delivered` (unless cancelled) |
//! | a delivery fails | its order goes `out_for_delivery` → `ready`, to be sent again |
//! | a transit batch is initiated | its orders go `confirmed` → `in_progress` |
//! | a transit batch is completed | its orders go `in_progress` → `ready` |
//!
//! A driver who is offline or on a break is left as they are; so is an order outside the
//! statuses named.

use diesel::prelude::*;

use super::delivery::{Delivery, DEAD, KEPT};
use super::driver::Driver;
use super::order::Order;
use super::transit_batch::TransitBatch;
use super::Resource;
use crate::db::schema::{deliveries, drivers, orders};
use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::{machine, Action, Entity};
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

/// After `delivery` was deleted: its driver is freed once no other delivery of theirs is open.
pub fn after_delivery_removed(conn: &mut AnyConnection, delivery: &Delivery) -> Result<Vec<EntityEvent>, ApiError> {
    match delivery.driver_id {
        Some(driver) => Ok(release_driver(conn, driver)?.into_iter().collect()),
        None => Ok(Vec::new()),
    }
}

/// After `order` was cancelled: each of its deliveries still under way is cancelled with it
/// (`delivery_status_updated`, then its driver's rule), or, when one is past the point where a
/// delivery may be cancelled (picked up, in transit), the whole cancel is refused with a 409
/// naming it, and the transaction changes nothing.
pub fn after_order_cancelled(conn: &mut AnyConnection, order: &Order) -> Result<Vec<EntityEvent>, ApiError> {
    let open: Vec<Delivery> = deliveries::table
        .filter(deliveries::order_id.eq(order.id))
        .filter(deliveries::status.ne_all(DEAD).and(deliveries::status.ne_all(KEPT)))
        .order(deliveries::id)
        .select(Delivery::as_select())
        .load(conn)?;
    let mut events = Vec::new();
    for delivery in open {
        // Only from the status read above, so a delivery picked up meanwhile is not cancelled.
        let cancelled = machine::DELIVERY.allows(&delivery.status, "cancelled")
            && diesel::update(deliveries::table.find(delivery.id).filter(deliveries::status.eq(&delivery.status)))
                .set((deliveries::status.eq("cancelled"), crate::touched!(deliveries)))
                .execute(conn)?
                == 1;
        if !cancelled {
            return Err(ApiError::ConflictWith {
                code: "delivery_under_way",
                message: format!(
                    "order {} cannot be cancelled: its delivery {} is {} (a delivery can be cancelled only while pending or assigned; mark it failed first)",
                    order.id, delivery.id, delivery.status
                ),
                details: serde_json::json!({ "delivery_id": delivery.id, "delivery_status": delivery.status }),
            });
        }
        let record = Delivery::find(conn, delivery.id)?;
        events.push(
            EntityEvent::for_record(Entity::Delivery, Action::StatusUpdated, record.id, &record)?
                .concerning([record.driver_id]),
        );
        events.extend(after_delivery_status(conn, &record)?);
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
