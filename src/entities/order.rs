//! Orders: what a customer asked for, line by line, and where it stands. The total is computed
//! from the lines, never taken from the client; the status moves only through the state machine
//! (`POST /api/orders/{id}/status`, see `Order::change_status`), never through PATCH.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use switchboard_macros::collection;
use utoipa::ToSchema;

use super::{now, Check, Page, Resource};
use crate::db::schema::{deliveries, order_items, orders, products, services, transit_batch_orders};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::machine::{self, ORDER_RULES};
use crate::domain::status::OrderStatus;
use crate::domain::Entity;
use crate::error::ApiError;

/// An order as GET returns it: its row and its lines.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Order {
    #[serde(flatten)]
    pub row: OrderRow,
    pub items: Vec<OrderItem>,
}

impl std::ops::Deref for Order {
    type Target = OrderRow;

    fn deref(&self) -> &OrderRow {
        &self.row
    }
}

/// An order's row; its lines are `order_items`.
#[collection(entity = Order, table = orders, range = created_at)]
pub struct OrderRow {
    #[field(reference = Customer, searchable = name, sortable, filter)]
    pub customer_id: i64,
    /// Moved by `POST /api/orders/{id}/status` and by the rules (`domain::machine::ORDER`).
    #[field(status = OrderStatus, server, sortable, filter)]
    pub status: OrderStatus,
    #[field(long_text, searchable)]
    pub delivery_address: Option<String>,
    #[field(long_text, searchable)]
    pub notes: Option<String>,
    /// Σ quantity × unit price over the lines.
    #[field(money, server, sortable, summed)]
    pub total_cents: i64,
    /// The lines; on PATCH, replaces every line (and recomputes the total).
    #[field(lines, input)]
    pub items: Vec<NewOrderItem>,
}

/// One line of an order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrderItem {
    pub id: i64,
    pub service_id: Option<i64>,
    pub product_id: Option<i64>,
    pub description: String,
    pub quantity: i64,
    pub unit_price_cents: i64,
    /// quantity × unit price.
    pub line_total_cents: i64,
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = order_items)]
struct OrderItemRow {
    id: i64,
    order_id: i64,
    service_id: Option<i64>,
    product_id: Option<i64>,
    description: String,
    quantity: i64,
    unit_price_cents: i64,
}

impl From<OrderItemRow> for OrderItem {
    fn from(row: OrderItemRow) -> Self {
        OrderItem {
            id: row.id,
            service_id: row.service_id,
            product_id: row.product_id,
            description: row.description,
            quantity: row.quantity,
            // Stored lines passed the overflow check when they were written.
            line_total_cents: row.quantity.saturating_mul(row.unit_price_cents),
            unit_price_cents: row.unit_price_cents,
        }
    }
}

/// A line as the client sends it: a service, a product, or (with neither) a custom line with
/// its own description and unit price.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrderItem {
    pub service_id: Option<i64>,
    pub product_id: Option<i64>,
    #[schema(minimum = 1)]
    pub quantity: i64,
    /// Defaults to the service's or product's price.
    #[schema(minimum = 0)]
    pub unit_price_cents: Option<i64>,
    /// Defaults to the service's or product's name.
    #[schema(max_length = 2000, pattern = r"\S")]
    pub description: Option<String>,
}

/// A line ready to store.
struct Line {
    service_id: Option<i64>,
    product_id: Option<i64>,
    description: String,
    quantity: i64,
    unit_price_cents: i64,
}

/// Checks the lines, fills in catalogue prices and names, and totals them. Problems go to
/// `errors` as `items[0].service_id` and the like; the lines come back only if there were none.
/// An inactive service is refused unless it is one of `kept` (already on the order).
fn resolve_lines(
    conn: &mut AnyConnection,
    errors: &mut Check,
    items: Vec<NewOrderItem>,
    kept: &[i64],
) -> Result<Option<(Vec<Line>, i64)>, ApiError> {
    if items.is_empty() {
        errors.fail("items", "must have at least one line");
        return Ok(None);
    }
    let mut lines = Vec::with_capacity(items.len());
    let mut total: Option<i64> = Some(0);
    let mut ok = true;
    for (i, item) in items.into_iter().enumerate() {
        let field = |name: &str| format!("items[{i}].{name}");
        let mut fail = |name: &str, problem: String| {
            errors.fail(&field(name), problem);
            ok = false;
        };
        // The catalogue entry's (name, price), when the line names one that exists.
        let catalog: Option<(String, i64)> = match (item.service_id, item.product_id) {
            (Some(_), Some(_)) => {
                fail("product_id", "name either a service_id or a product_id, not both".into());
                None
            }
            (Some(id), None) => {
                let found: Option<(String, i64, bool)> = services::table
                    .find(id)
                    .select((services::name, services::price_cents, services::active))
                    .first(conn)
                    .optional()?;
                match &found {
                    None => fail("service_id", format!("no service with id {id}")),
                    Some((name, _, false)) if !kept.contains(&id) => {
                        fail("service_id", format!("{name} is inactive: choose another service"))
                    }
                    Some(_) => {}
                }
                found.map(|(name, price, _)| (name, price))
            }
            (None, Some(id)) => {
                let found =
                    products::table.find(id).select((products::name, products::price_cents)).first(conn).optional()?;
                if found.is_none() {
                    fail("product_id", format!("no product with id {id}"));
                }
                found
            }
            (None, None) => {
                match (&item.description, item.unit_price_cents) {
                    (None, None) => fail(
                        "service_id",
                        "name a service_id or a product_id (a custom line needs a description and a unit_price_cents)"
                            .into(),
                    ),
                    (None, Some(_)) => {
                        fail("description", "is required for a line without a service or product".into())
                    }
                    (Some(_), None) => {
                        fail("unit_price_cents", "is required for a line without a service or product".into())
                    }
                    (Some(_), Some(_)) => {}
                }
                None
            }
        };
        if item.quantity <= 0 {
            fail("quantity", "must be greater than zero".into());
        }
        if item.unit_price_cents.is_some_and(|price| price < 0) {
            fail("unit_price_cents", "must not be negative".into());
        }
        match &item.description {
            Some(text) if text.trim().is_empty() => fail("description", "must not be blank".into()),
            Some(text) if text.chars().count() > 2_000 => fail("description", "must be at most 2000 characters".into()),
            _ => {}
        }
        let unit_price_cents = item.unit_price_cents.or(catalog.as_ref().map(|(_, price)| *price)).unwrap_or(0);
        let description = item.description.or(catalog.map(|(name, _)| name)).unwrap_or_default();
        let line_total = item.quantity.checked_mul(unit_price_cents);
        let before = total;
        total = total.zip(line_total).and_then(|(sum, line)| sum.checked_add(line));
        if before.is_some() && total.is_none() {
            fail("quantity", "makes the order total too large".into());
        }
        lines.push(Line {
            service_id: item.service_id,
            product_id: item.product_id,
            description,
            quantity: item.quantity,
            unit_price_cents,
        });
    }
    Ok(match (ok, total) {
        (true, Some(total)) => Some((lines, total)),
        _ => None,
    })
}

fn insert_lines(conn: &mut AnyConnection, order_id: i64, lines: Vec<Line>) -> Result<(), ApiError> {
    // One INSERT per line: the MultiConnection backend has no batch insert.
    for line in lines {
        diesel::insert_into(order_items::table)
            .values((
                order_items::order_id.eq(order_id),
                order_items::service_id.eq(line.service_id),
                order_items::product_id.eq(line.product_id),
                order_items::description.eq(line.description),
                order_items::quantity.eq(line.quantity),
                order_items::unit_price_cents.eq(line.unit_price_cents),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The lines of each of `rows`, in one query, attached.
fn attach_items(conn: &mut AnyConnection, rows: Vec<OrderRow>) -> Result<Vec<Order>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut by_order: HashMap<i64, Vec<OrderItem>> = HashMap::new();
    if !ids.is_empty() {
        let items = order_items::table
            .filter(order_items::order_id.eq_any(ids))
            .order(order_items::id.asc())
            .select(OrderItemRow::as_select())
            .load(conn)?;
        for item in items {
            by_order.entry(item.order_id).or_default().push(item.into());
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let items = by_order.remove(&row.id).unwrap_or_default();
            Order { row, items }
        })
        .collect())
}

fn locked(current: &Order, doing: &str) -> ApiError {
    ApiError::conflict("order_locked", format!("order {} is {}: {doing}", current.id, current.status))
}

impl Order {
    /// Moves the order along the state machine, raising its version by one.
    pub fn change_status(conn: &mut AnyConnection, current: Order, status: OrderStatus) -> Result<Order, ApiError> {
        if !machine::ORDER.allows(current.status, status, "status") {
            return Err(ApiError::conflict(
                "illegal_transition",
                format!("order {} cannot go from {} to {status}", current.id, current.status),
            ));
        }
        diesel::update(orders::table.find(current.id))
            .set((orders::status.eq(status), super::touched!(orders)))
            .execute(conn)?;
        Self::find(conn, current.id)
    }
}

impl Resource for Order {
    const ENTITY: Entity = Entity::Order;
    const DECLARATION: Declaration = DECLARATION;
    type New = NewOrder;
    type Changes = OrderChanges;
    type Filter = OrderFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(conn: &mut AnyConnection, filter: &OrderFilter, page: Page) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        let (rows, total) = list_rows(conn, filter, page)?;
        Ok((attach_items(conn, rows)?, total))
    }

    fn sums(conn: &mut AnyConnection, filter: &OrderFilter, page: &Page) -> Result<super::totals::Sums, ApiError> {
        sum_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        let row = find_row(conn, id)?;
        Ok(attach_items(conn, vec![row])?.remove(0))
    }

    fn create(conn: &mut AnyConnection, new: NewOrder) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        new.check(conn, &mut errors)?;
        let lines = resolve_lines(conn, &mut errors, new.items, &[])?;
        errors.finish()?;
        let (lines, total) = lines.expect("lines resolve when nothing failed");
        let at = now();
        let id = diesel::insert_into(orders::table)
            .values((
                orders::customer_id.eq(new.customer_id),
                orders::status.eq(OrderStatus::Pending),
                orders::delivery_address.eq(new.delivery_address),
                orders::notes.eq(new.notes),
                orders::total_cents.eq(total),
                orders::created_at.eq(at),
                orders::updated_at.eq(at),
            ))
            .returning(orders::id)
            .get_result(conn)?;
        insert_lines(conn, id, lines)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, mut changes: OrderChanges) -> Result<Self, ApiError> {
        let locks = changes.items.is_some() || changes.customer_id.is_some() || changes.delivery_address.is_some();
        if locks && !ORDER_RULES.editable.contains(&current.status) {
            return Err(locked(&current, "only notes may change once work has started"));
        }
        let mut errors = Check::new();
        changes.check(conn, &mut errors)?;
        let lines = match changes.items.take() {
            Some(items) => {
                let kept: Vec<i64> = order_items::table
                    .filter(order_items::order_id.eq(current.id))
                    .select(order_items::service_id)
                    .load::<Option<i64>>(conn)?
                    .into_iter()
                    .flatten()
                    .collect();
                resolve_lines(conn, &mut errors, items, &kept)?
            }
            None => None,
        };
        errors.finish()?;
        let mut total = current.total_cents;
        if let Some((lines, new_total)) = lines {
            diesel::delete(order_items::table.filter(order_items::order_id.eq(current.id))).execute(conn)?;
            insert_lines(conn, current.id, lines)?;
            total = new_total;
        }
        diesel::update(orders::table.find(current.id))
            .set((changes, orders::total_cents.eq(total), super::touched!(orders)))
            .execute(conn)?;
        Self::find(conn, current.id)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        let current = Self::find(conn, id)?;
        if !ORDER_RULES.deletable.contains(&current.status) {
            let deletable = machine::either(ORDER_RULES.deletable);
            return Err(locked(&current, &format!("only {deletable} orders may be deleted")));
        }
        let delivered: bool =
            diesel::select(diesel::dsl::exists(deliveries::table.filter(deliveries::order_id.eq(id))))
                .get_result(conn)?;
        let in_transit: bool = diesel::select(diesel::dsl::exists(
            transit_batch_orders::table.filter(transit_batch_orders::order_id.eq(id)),
        ))
        .get_result(conn)?;
        if delivered || in_transit {
            let what = if delivered { "a delivery" } else { "a transit batch" };
            return Err(ApiError::conflict("in_use", format!("order {id} is still part of {what}")));
        }
        super::delete_by_id!(conn, orders::table, Self::ENTITY, id)
    }
}
