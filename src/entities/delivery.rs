//! Deliveries: taking one order to its address. An order has at most one delivery that is still
//! live (not failed or cancelled). The driver is set only by `assign`, the status only by
//! `set_status`, which follows `domain::machine::DELIVERY`. A delivered or failed one is the
//! record of what happened to its order, and is kept.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, nullable, record_number, rules, Check, Page, Resource};
use crate::db::schema::{deliveries, drivers, orders};
use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::machine::{self, DELIVERY_RULES, ORDER_RULES};
use crate::domain::status::{DeliveryStatus, OrderStatus, Status};
use crate::domain::Entity;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = deliveries)]
pub struct Delivery {
    pub id: i64,
    pub order_id: i64,
    /// Set by the assign action.
    pub driver_id: Option<i64>,
    /// Moved by the assign and status actions and by the rules (`domain::machine::DELIVERY`).
    #[schema(schema_with = crate::entities::fields::delivery_status_value)]
    pub status: DeliveryStatus,
    pub address: String,
    pub notes: Option<String>,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDelivery {
    pub order_id: i64,
    /// Defaults to the order's delivery address.
    #[schema(max_length = 2000, pattern = r"\S")]
    pub address: Option<String>,
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize, AsChangeset, ToSchema)]
#[diesel(table_name = deliveries)]
#[serde(deny_unknown_fields)]
pub struct DeliveryChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub address: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub notes: Option<Option<String>>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DeliveryFilter {
    #[param(schema_with = crate::entities::fields::delivery_status_filter)]
    pub status: Option<String>,
    pub driver_id: Option<i64>,
    pub order_id: Option<i64>,
    /// `true`: only deliveries without a driver; `false`: only those with one.
    pub unassigned: Option<bool>,
    /// Searches its order's number (`42` or `#42`), the driver's name, the address and the
    /// notes.
    pub q: Option<String>,
}

/// The body of `POST /api/deliveries/{id}/assign`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignForm {
    pub driver_id: i64,
}

/// The body of `POST /api/deliveries/{id}/status`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryStatusForm {
    #[schema(schema_with = crate::entities::fields::delivery_status)]
    pub status: String,
}

pub const STATUSES: &[&str] = DeliveryStatus::NAMES;

fn check(check: &mut Check, address: Option<&str>, notes: Option<&str>) {
    if let Some(address) = address {
        check.text("address", address);
    }
    check.optional_text("notes", notes);
}

// The columns of the fields `Entity::Delivery.sortable()` declares.
super::sorting::sort_columns!(deliveries: id, order_id, driver_id, status, address, created_at);

type Filtered<'a> = deliveries::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &DeliveryFilter) -> Filtered<'_> {
    let mut query = deliveries::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        let drivers_named = drivers::table
            .filter(lower(drivers::name).like(pattern.clone()).escape('\\'))
            .select(drivers::id.nullable());
        query = query.filter(
            deliveries::order_id
                .nullable()
                .eq(record_number(q))
                .or(deliveries::driver_id.eq_any(drivers_named))
                .or(lower(deliveries::address).like(pattern.clone()).escape('\\'))
                .or(lower(deliveries::notes.assume_not_null()).like(pattern).escape('\\')),
        );
    }
    if let Some(status) = &filter.status {
        query = query.filter(deliveries::status.eq(status));
    }
    if let Some(driver_id) = filter.driver_id {
        query = query.filter(deliveries::driver_id.eq(driver_id));
    }
    if let Some(order_id) = filter.order_id {
        query = query.filter(deliveries::order_id.eq(order_id));
    }
    match filter.unassigned {
        Some(true) => query = query.filter(deliveries::driver_id.is_null()),
        Some(false) => query = query.filter(deliveries::driver_id.is_not_null()),
        None => {}
    }
    query
}

impl Resource for Delivery {
    const ENTITY: Entity = Entity::Delivery;
    type New = NewDelivery;
    type Changes = DeliveryChanges;
    type Filter = DeliveryFilter;

    fn owner_driver(&self) -> Option<i64> {
        self.driver_id
    }

    fn restrict_to_driver(filter: &mut DeliveryFilter, driver: i64) -> bool {
        filter.driver_id = Some(driver);
        true
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(
        conn: &mut AnyConnection,
        filter: &DeliveryFilter,
        page: Page,
    ) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        super::check_filter("status", filter.status.as_deref(), STATUSES)?;
        let (items, total) =
            super::list_page!(conn, || filtered(filter), page, Delivery::as_select(), table: deliveries);
        Ok((items, total))
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        deliveries::table.find(id).select(Delivery::as_select()).first(conn).map_err(not_found(Self::ENTITY, id))
    }

    fn create(conn: &mut AnyConnection, new: NewDelivery) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(&mut errors, new.address.as_deref(), new.notes.as_deref());
        // Takes the order's row lock before reading its status (an update that changes nothing),
        // so a cancel of the order committing meanwhile is seen, and one that follows sees
        // this delivery: an order is never cancelled with a delivery left open.
        diesel::update(orders::table.find(new.order_id)).set(orders::status.eq(orders::status)).execute(conn)?;
        let order: Option<(OrderStatus, Option<String>)> = orders::table
            .find(new.order_id)
            .select((orders::status, orders::delivery_address))
            .first(conn)
            .optional()?;
        if let Some((status, _)) = order.as_ref().filter(|(status, _)| ORDER_RULES.closed.contains(status)) {
            return Err(ApiError::conflict(
                "order_locked",
                format!("order {} is {status}: no delivery can be made for it", new.order_id),
            ));
        }
        let order_address = order.map(|(_, address)| address);
        let address = match (&order_address, new.address) {
            (None, _) => {
                errors.fail("order_id", format!("no order with id {}", new.order_id));
                None
            }
            (_, Some(address)) => Some(address),
            (Some(Some(address)), None) if !address.trim().is_empty() => Some(address.clone()),
            (Some(_), None) => {
                errors.fail("address", "is required: the order has no delivery address");
                None
            }
        };
        errors.finish()?;
        let live: bool = diesel::select(diesel::dsl::exists(
            deliveries::table
                .filter(deliveries::order_id.eq(new.order_id))
                .filter(deliveries::status.ne_all(DELIVERY_RULES.ended)),
        ))
        .get_result(conn)?;
        if live {
            return Err(ApiError::conflict(
                "duplicate",
                format!(
                    "order {} already has a delivery that is not {}",
                    new.order_id,
                    machine::either(DELIVERY_RULES.ended)
                ),
            ));
        }
        let at = now();
        let id = diesel::insert_into(deliveries::table)
            .values((
                deliveries::order_id.eq(new.order_id),
                deliveries::address.eq(address.unwrap_or_default()),
                deliveries::notes.eq(new.notes),
                deliveries::created_at.eq(at),
                deliveries::updated_at.eq(at),
            ))
            .returning(deliveries::id)
            .get_result(conn)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: DeliveryChanges) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(&mut errors, changes.address.as_deref(), changes.notes.as_ref().and_then(Option::as_deref));
        errors.finish()?;
        diesel::update(deliveries::table.find(current.id)).set((changes, super::touched!(deliveries))).execute(conn)?;
        Self::find(conn, current.id)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        let current = Self::find(conn, id)?;
        if DELIVERY_RULES.kept.contains(&current.status) {
            return Err(ApiError::ConflictWith {
                code: "delivery_final",
                message: format!(
                    "delivery {id} is {}: it is the record of its order's delivery and is kept",
                    current.status
                ),
                details: serde_json::json!({ "delivery_id": id, "status": current.status }),
            });
        }
        super::delete_by_id!(conn, deliveries::table, Self::ENTITY, id)
    }

    /// A delivery deleted while its driver was on it frees the driver, as its end would.
    fn delete_with_effects(conn: &mut AnyConnection, id: i64) -> Result<Vec<EntityEvent>, ApiError> {
        let current = Self::find(conn, id)?;
        Self::delete(conn, id)?;
        rules::after_delivery_removed(conn, &current)
    }
}

impl Delivery {
    /// Gives the delivery to a driver (or another one) while it is pending or assigned.
    pub fn assign(conn: &mut AnyConnection, current: Self, form: AssignForm) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        errors.exists(conn, "driver_id", Entity::Driver, form.driver_id)?;
        errors.finish()?;
        if !machine::DELIVERY.allows(current.status, DeliveryStatus::Assigned, "assign") {
            return Err(ApiError::conflict(
                "illegal_transition",
                format!("a delivery that is {} cannot be assigned a driver", current.status),
            ));
        }
        diesel::update(deliveries::table.find(current.id))
            .set((
                deliveries::driver_id.eq(form.driver_id),
                deliveries::status.eq(DeliveryStatus::Assigned),
                super::touched!(deliveries),
            ))
            .execute(conn)?;
        Self::find(conn, current.id)
    }

    /// Moves the delivery along `machine::DELIVERY`.
    pub fn set_status(conn: &mut AnyConnection, current: Self, form: DeliveryStatusForm) -> Result<Self, ApiError> {
        let status: DeliveryStatus = super::parse_status("status", &form.status)?;
        if !machine::DELIVERY.allows(current.status, status, "status") {
            return Err(ApiError::conflict(
                "illegal_transition",
                format!("a delivery cannot go from {} to {status}", current.status),
            ));
        }
        diesel::update(deliveries::table.find(current.id))
            .set((deliveries::status.eq(status), super::touched!(deliveries)))
            .execute(conn)?;
        Self::find(conn, current.id)
    }
}
