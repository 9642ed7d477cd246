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

use super::delivery::Delivery;
use super::driver::Driver;
use super::order::Order;
use super::transit_batch::TransitBatch;
use super::Resource;
use crate::db::schema::{deliveries, drivers, orders};
use crate::db::AnyConnection;
use crate::domain::event::{was, EntityEvent};
use crate::domain::machine::{self, DELIVERY_RULES, ORDER_RULES};
use crate::domain::status::{DeliveryStatus, DriverStatus, OrderStatus, TransitBatchStatus};
use crate::domain::{Action, Entity};
use crate::error::ApiError;

/// After `delivery` was assigned (it was `previous`'s before, if anyone's).
pub fn after_assign(
    conn: &mut AnyConnection,
    previous: Option<i64>,
    delivery: &Delivery,
) -> Result<Vec<EntityEvent>, ApiError> {
    let mut events = Vec::new();
    if let Some(driver) = delivery.driver_id {
        let cause = (Entity::Delivery, Action::DriverAssigned);
        events.extend(set_driver_status(conn, driver, DriverStatus::OnDelivery, cause)?);
    }
    if let Some(previous) = previous.filter(|previous| Some(*previous) != delivery.driver_id) {
        events.extend(release_driver(conn, previous, (Entity::Delivery, Action::DriverAssigned))?);
    }
    Ok(events)
}

/// After `delivery` moved to its current status.
pub fn after_delivery_status(conn: &mut AnyConnection, delivery: &Delivery) -> Result<Vec<EntityEvent>, ApiError> {
    let order = delivery.order_id;
    let cause = (Entity::Delivery, Action::StatusUpdated);
    let mut events = Vec::new();
    let order_to = match delivery.status {
        DeliveryStatus::PickedUp | DeliveryStatus::InTransit => Some(OrderStatus::OutForDelivery),
        DeliveryStatus::Delivered => Some(OrderStatus::Delivered),
        DeliveryStatus::Failed => Some(OrderStatus::Ready),
        DeliveryStatus::Pending | DeliveryStatus::Assigned | DeliveryStatus::Cancelled => None,
    };
    if let Some(to) = order_to {
        events.extend(set_order_status(conn, order, to, cause)?);
    }
    if !DELIVERY_RULES.busy.contains(&delivery.status) {
        if let Some(driver) = delivery.driver_id {
            events.extend(release_driver(conn, driver, cause)?);
        }
    }
    Ok(events)
}

/// After a record of `entity` was deleted (by `write::delete`), whose driver was `driver`: a
/// delivery's driver is freed once no other delivery of theirs is open, as its end would.
pub fn after_removed(
    conn: &mut AnyConnection,
    entity: Entity,
    driver: Option<i64>,
) -> Result<Vec<EntityEvent>, ApiError> {
    match (entity, driver) {
        (Entity::Delivery, Some(driver)) => {
            Ok(release_driver(conn, driver, (Entity::Delivery, Action::Deleted))?.into_iter().collect())
        }
        _ => Ok(Vec::new()),
    }
}

/// After `order` was cancelled: each of its deliveries still under way is cancelled with it
/// (`delivery_status_updated`, then its driver's rule), or, when one is past the point where a
/// delivery may be cancelled (picked up, in transit), the whole cancel is refused with a 409
/// naming it, and the transaction changes nothing.
pub fn after_order_cancelled(conn: &mut AnyConnection, order: &Order) -> Result<Vec<EntityEvent>, ApiError> {
    let open: Vec<Delivery> = deliveries::table
        .filter(deliveries::order_id.eq(order.id))
        .filter(deliveries::status.ne_all(DELIVERY_RULES.ended).and(deliveries::status.ne_all(DELIVERY_RULES.kept)))
        .order(deliveries::id)
        .select(Delivery::as_select())
        .load(conn)?;
    let mut events = Vec::new();
    for delivery in open {
        // Only from the status read above, so a delivery picked up meanwhile is not cancelled.
        let cancellable = machine::DELIVERY.moved_by_rule(DeliveryStatus::Cancelled, machine::ORDER_CANCELLED_CAUSE);
        let cancelled = cancellable.contains(&delivery.status)
            && !ORDER_RULES.cancel_refused_while_delivery.contains(&delivery.status)
            && diesel::update(deliveries::table.find(delivery.id).filter(deliveries::status.eq(delivery.status)))
                .set((deliveries::status.eq(DeliveryStatus::Cancelled), super::touched!(deliveries)))
                .execute(conn)?
                == 1;
        if !cancelled {
            return Err(ApiError::ConflictWith {
                code: "delivery_under_way",
                message: format!(
                    "order {} cannot be cancelled: its delivery {} is {} (a delivery can be cancelled only while {}; mark it failed first)",
                    order.id, delivery.id, delivery.status, machine::either(&cancellable)
                ),
                details: serde_json::json!({ "delivery_id": delivery.id, "delivery_status": delivery.status }),
            });
        }
        let record = Delivery::find(conn, delivery.id)?;
        events.push(
            EntityEvent::for_record(Entity::Delivery, Action::StatusUpdated, record.id, &record)?
                .was(was(&delivery)?)
                .concerning([record.driver_id]),
        );
        events.extend(after_delivery_status(conn, &record)?);
    }
    Ok(events)
}

/// After `batch` was initiated or completed.
pub fn after_batch(conn: &mut AnyConnection, batch: &TransitBatch) -> Result<Vec<EntityEvent>, ApiError> {
    let (to, cause) = match batch.status {
        TransitBatchStatus::InTransit => (OrderStatus::InProgress, (Entity::TransitBatch, Action::Initiated)),
        TransitBatchStatus::Completed => (OrderStatus::Ready, (Entity::TransitBatch, Action::Completed)),
        TransitBatchStatus::Planned => return Ok(Vec::new()),
    };
    let mut events = Vec::new();
    for order in &batch.order_ids {
        events.extend(set_order_status(conn, *order, to, cause)?);
    }
    Ok(events)
}

/// `driver` back to `available` (from where `cause`'s rule moves them), when no delivery of
/// theirs is open.
fn release_driver(
    conn: &mut AnyConnection,
    driver: i64,
    cause: (Entity, Action),
) -> Result<Option<EntityEvent>, ApiError> {
    let busy: bool = diesel::select(diesel::dsl::exists(
        deliveries::table
            .filter(deliveries::driver_id.eq(driver))
            .filter(deliveries::status.eq_any(DELIVERY_RULES.busy)),
    ))
    .get_result(conn)?;
    if busy {
        return Ok(None);
    }
    set_driver_status(conn, driver, DriverStatus::Available, cause)
}

/// Sets `driver`'s status to `to` if it is one `cause`'s rule moves from (`machine::DRIVER`);
/// the event when it changed.
fn set_driver_status(
    conn: &mut AnyConnection,
    driver: i64,
    to: DriverStatus,
    cause: (Entity, Action),
) -> Result<Option<EntityEvent>, ApiError> {
    let from = machine::DRIVER.moved_by_rule(to, cause);
    let before = match drivers::table.find(driver).select(Driver::as_select()).first(conn).optional()? {
        Some(record) if from.contains(&record.status) => record,
        _ => return Ok(None),
    };
    let changed = diesel::update(drivers::table.find(driver).filter(drivers::status.eq_any(from)))
        .set((drivers::status.eq(to), super::touched!(drivers)))
        .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    let record = Driver::find(conn, driver)?;
    Ok(Some(
        EntityEvent::for_record(Entity::Driver, Action::StatusUpdated, driver, &record)?
            .was(was(&before)?)
            .concerning([Some(driver)]),
    ))
}

/// Sets `order`'s status to `to` if it is one `cause`'s rule moves from (`machine::ORDER`); the
/// event when it changed.
fn set_order_status(
    conn: &mut AnyConnection,
    order: i64,
    to: OrderStatus,
    cause: (Entity, Action),
) -> Result<Option<EntityEvent>, ApiError> {
    let from = machine::ORDER.moved_by_rule(to, cause);
    let before = match Order::find(conn, order) {
        Ok(record) if from.contains(&record.status) => record,
        Ok(_) | Err(ApiError::NotFound(_)) => return Ok(None),
        Err(error) => return Err(error),
    };
    let changed = diesel::update(orders::table.find(order).filter(orders::status.eq_any(from)))
        .set((orders::status.eq(to), super::touched!(orders)))
        .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    let record = Order::find(conn, order)?;
    Ok(Some(EntityEvent::for_record(Entity::Order, Action::StatusChanged, order, &record)?.was(was(&before)?)))
}
