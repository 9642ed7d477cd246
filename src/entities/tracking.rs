//! What Live Tracking reads: the drivers on duty with their last position, and the orders out
//! for delivery with the driver carrying each. Queries only; the views serve them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{customers, deliveries, drivers, orders};
use crate::db::AnyConnection;
use crate::domain::machine::DELIVERY_RULES;
use crate::domain::status::{DeliveryStatus, DriverStatus, OrderStatus};
use crate::error::ApiError;

/// One line of `GET /api/live-tracking-drivers`.
#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct TrackedDriver {
    pub id: i64,
    pub name: String,
    pub vehicle: Option<String>,
    #[schema(value_type = String)]
    pub status: DriverStatus,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    #[serde(with = "super::rfc3339::option")]
    pub location_updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Deserialize)]
pub struct TrackedDriverFilter {
    /// Only drivers with this status; without it, every driver who is not offline.
    pub status: Option<String>,
}

/// An order out for delivery, with its live delivery and that delivery's driver if any. The
/// delivery's fields are absent for a role that may not read deliveries, the driver's for one
/// that may not read drivers (an accountant sees neither): see the catalogue's view entry.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TrackedOrder {
    pub order_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    /// The order's status.
    #[schema(value_type = String)]
    pub status: OrderStatus,
    /// The delivery's address, or the order's when it has no delivery yet. Absent for a role
    /// that may not read deliveries.
    pub delivery_address: Option<String>,
    pub total_cents: i64,
    /// Absent for a role that may not read deliveries.
    pub delivery_id: Option<i64>,
    /// Absent for a role that may not read deliveries.
    #[schema(value_type = Option<String>)]
    pub delivery_status: Option<DeliveryStatus>,
    /// Absent for a role that may not read drivers.
    pub driver_id: Option<i64>,
    /// Absent for a role that may not read drivers.
    pub driver_name: Option<String>,
    /// The driver's last known position; absent for a role that may not read drivers.
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    #[serde(with = "super::rfc3339::option")]
    pub location_updated_at: Option<NaiveDateTime>,
}

type OrderRow = (
    (i64, i64, String, OrderStatus, Option<String>, i64),
    Option<(i64, DeliveryStatus, String, Option<i64>)>,
    Option<(String, Option<f64>, Option<f64>, Option<NaiveDateTime>)>,
);

pub fn tracked_drivers(conn: &mut AnyConnection, filter: &TrackedDriverFilter) -> Result<Vec<TrackedDriver>, ApiError> {
    let mut query = drivers::table.into_boxed();
    query = match &filter.status {
        Some(status) => query.filter(drivers::status.eq(status)),
        None => query.filter(drivers::status.ne(DriverStatus::Offline)),
    };
    let items = query
        .order(drivers::id)
        .select((
            drivers::id,
            drivers::name,
            drivers::vehicle,
            drivers::status,
            drivers::lat,
            drivers::lng,
            drivers::location_updated_at,
        ))
        .load(conn)?;
    Ok(items)
}

pub fn tracked_orders(conn: &mut AnyConnection) -> Result<Vec<TrackedOrder>, ApiError> {
    let rows: Vec<OrderRow> = orders::table
        .inner_join(customers::table)
        .left_join(
            deliveries::table
                .on(deliveries::order_id.eq(orders::id).and(deliveries::status.ne_all(DELIVERY_RULES.ended))),
        )
        .left_join(drivers::table.on(deliveries::driver_id.eq(drivers::id.nullable())))
        .filter(orders::status.eq(OrderStatus::OutForDelivery))
        .order((orders::id, deliveries::id.nullable()))
        .select((
            (
                orders::id,
                orders::customer_id,
                customers::name,
                orders::status,
                orders::delivery_address,
                orders::total_cents,
            ),
            (deliveries::id, deliveries::status, deliveries::address, deliveries::driver_id).nullable(),
            (drivers::name, drivers::lat, drivers::lng, drivers::location_updated_at).nullable(),
        ))
        .load(conn)?;
    let mut items: Vec<TrackedOrder> = Vec::with_capacity(rows.len());
    for ((order_id, customer_id, customer_name, status, order_address, total_cents), delivery, driver) in rows {
        // At most one live delivery per order; should there be more, the first one counts.
        if items.last().is_some_and(|last| last.order_id == order_id) {
            continue;
        }
        let (delivery_id, delivery_status, delivery_address, driver_id) = match delivery {
            Some((id, status, address, driver_id)) => (Some(id), Some(status), Some(address), driver_id),
            None => (None, None, order_address, None),
        };
        let (driver_name, lat, lng, location_updated_at) = match driver {
            Some((name, lat, lng, at)) => (Some(name), lat, lng, at),
            None => (None, None, None, None),
        };
        items.push(TrackedOrder {
            order_id,
            customer_id,
            customer_name,
            status,
            delivery_address,
            total_cents,
            delivery_id,
            delivery_status,
            driver_id,
            driver_name,
            lat,
            lng,
            location_updated_at,
        });
    }
    Ok(items)
}
