//! Deliveries: taking one order to its address. An order has at most one delivery that is still
//! live (not failed or cancelled). The driver is set only by `assign`, the status only by
//! `set_status`, which follows `domain::machine::DELIVERY`. A delivered or failed one is the
//! record of what happened to its order, and is kept.

use diesel::prelude::*;
use serde::Deserialize;
use switchboard_macros::collection;
use utoipa::ToSchema;

use super::{now, Check, Page, Resource};
use crate::db::schema::{deliveries, orders};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::machine::{self, DELIVERY_RULES, ORDER_RULES};
use crate::domain::status::{DeliveryStatus, OrderStatus};
use crate::domain::Entity;
use crate::error::ApiError;

/// A delivery: taking one order to its address.
#[collection(entity = Delivery, table = deliveries, range = created_at, number = order_id,
             filters(unassigned: bool = "Unassigned"))]
pub struct Delivery {
    /// A delivery is known by its order's number.
    #[field(reference = Order, create_only, sortable, filter)]
    pub order_id: i64,
    /// Set by the assign action.
    #[field(reference = Driver, server, sortable, filter, searchable = name)]
    pub driver_id: Option<i64>,
    /// Moved by the assign and status actions and by the rules (`domain::machine::DELIVERY`).
    #[field(status = DeliveryStatus, server, sortable, filter)]
    pub status: DeliveryStatus,
    /// The order's delivery address when a new delivery leaves it out.
    #[field(long_text, filled, sortable, searchable)]
    pub address: String,
    #[field(long_text, searchable)]
    pub notes: Option<String>,
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
    #[schema(schema_with = crate::entities::schemas::delivery_status)]
    pub status: String,
}

/// `?unassigned=true`: only deliveries without a driver; `false`: only those with one.
fn refine<'a>(query: Filtered<'a>, filter: &DeliveryFilter) -> Filtered<'a> {
    match filter.unassigned {
        Some(true) => query.filter(deliveries::driver_id.is_null()),
        Some(false) => query.filter(deliveries::driver_id.is_not_null()),
        None => query,
    }
}

impl Resource for Delivery {
    const ENTITY: Entity = Entity::Delivery;
    const DECLARATION: Declaration = DECLARATION;
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
        list_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, mut new: NewDelivery) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
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
        let address = match (&order_address, new.address.take()) {
            // Said by the check above already, unless the order went since.
            (None, _) => {
                check.fail("order_id", format!("no order with id {}", new.order_id));
                None
            }
            (_, Some(address)) => Some(address),
            (Some(Some(address)), None) if !address.trim().is_empty() => Some(address.clone()),
            (Some(_), None) => {
                check.fail("address", "is required: the order has no delivery address");
                None
            }
        };
        check.finish()?;
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
                new,
                deliveries::address.eq(address.unwrap_or_default()),
                deliveries::created_at.eq(at),
                deliveries::updated_at.eq(at),
            ))
            .returning(deliveries::id)
            .get_result(conn)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: DeliveryChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        check.finish()?;
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
