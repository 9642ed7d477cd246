//! Orders: what a customer asked for, line by line, and where it stands. The total is computed
//! from the lines, never taken from the client; the status moves only through the state machine
//! (`POST /api/orders/{id}/status`, see `Order::change_status`), never through PATCH.

use std::collections::HashMap;

use chrono::{Days, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, nullable, record_number, Check, Day, Page, Resource};
use crate::db::schema::{customers, deliveries, order_items, orders, products, services, transit_batch_orders};
use crate::db::AnyConnection;
use crate::domain::machine::{self, ORDER_RULES};
use crate::domain::status::{OrderStatus, Status};
use crate::domain::Entity;
use crate::error::ApiError;

/// An order as GET returns it: its row and its lines.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Order {
    pub id: i64,
    pub customer_id: i64,
    /// Moved by `POST /api/orders/{id}/status` and by the rules (`domain::machine::ORDER`).
    #[schema(schema_with = crate::entities::fields::order_status_value)]
    pub status: OrderStatus,
    pub delivery_address: Option<String>,
    pub notes: Option<String>,
    /// Σ quantity × unit price over the lines.
    pub total_cents: i64,
    pub items: Vec<OrderItem>,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
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
#[diesel(table_name = orders)]
struct OrderRow {
    id: i64,
    customer_id: i64,
    status: OrderStatus,
    delivery_address: Option<String>,
    notes: Option<String>,
    total_cents: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
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

impl OrderRow {
    fn with_items(self, items: Vec<OrderItem>) -> Order {
        Order {
            id: self.id,
            customer_id: self.customer_id,
            status: self.status,
            delivery_address: self.delivery_address,
            notes: self.notes,
            total_cents: self.total_cents,
            items,
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    pub customer_id: i64,
    #[schema(max_length = 2000)]
    pub delivery_address: Option<String>,
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    #[schema(min_items = 1)]
    pub items: Vec<NewOrderItem>,
    /// Not accepted: every order starts pending.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(ignore)]
    pub status: Option<Option<serde_json::Value>>,
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(nullable = false)]
    pub customer_id: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub delivery_address: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub notes: Option<Option<String>>,
    /// Replaces every line (and recomputes the total).
    #[serde(default, deserialize_with = "super::present")]
    #[schema(min_items = 1, nullable = false)]
    pub items: Option<Vec<NewOrderItem>>,
    /// Not accepted: the status changes through `POST /api/orders/{id}/status`.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(ignore)]
    pub status: Option<Option<serde_json::Value>>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OrderFilter {
    #[param(schema_with = crate::entities::fields::order_status_filter)]
    pub status: Option<String>,
    pub customer_id: Option<i64>,
    /// Searches the order number (`42` or `#42`), the customer's name, the delivery address and
    /// the notes.
    pub q: Option<String>,
    /// Created on or after this date (UTC).
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<Day>,
    /// Created on or before this date (UTC).
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<Day>,
}

pub const STATUSES: &[&str] = OrderStatus::NAMES;

const STATUS_ENDPOINT: &str = "is changed through POST /api/orders/{id}/status";

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
            row.with_items(items)
        })
        .collect())
}

// The columns of the fields `Entity::Order.sortable()` declares.
super::sorting::sort_columns!(orders: id, customer_id, status, total_cents, created_at, updated_at);

// The columns of the fields `Entity::Order.summed()` declares.
super::totals::sum_columns!(orders: total_cents);

type Filtered<'a> = orders::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &OrderFilter) -> Filtered<'_> {
    let mut query = orders::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        let customers_named =
            customers::table.filter(lower(customers::name).like(pattern.clone()).escape('\\')).select(customers::id);
        query = query.filter(
            orders::id
                .nullable()
                .eq(record_number(q))
                .or(orders::customer_id.eq_any(customers_named))
                .or(lower(orders::delivery_address.assume_not_null()).like(pattern.clone()).escape('\\'))
                .or(lower(orders::notes.assume_not_null()).like(pattern).escape('\\')),
        );
    }
    if let Some(status) = &filter.status {
        query = query.filter(orders::status.eq(status));
    }
    if let Some(customer_id) = filter.customer_id {
        query = query.filter(orders::customer_id.eq(customer_id));
    }
    if let Some(from) = filter.from {
        query = query.filter(orders::created_at.ge(from.date().and_time(chrono::NaiveTime::MIN)));
    }
    // Up to the next midnight; `to` = 9999-12-31 has none in range (and SQLite would compare
    // the text "+10000-…" below every date), so it filters nothing.
    if let Some(to) = filter.to.and_then(|to| to.date().checked_add_days(Days::new(1))).and_then(Day::new) {
        query = query.filter(orders::created_at.lt(to.date().and_time(chrono::NaiveTime::MIN)));
    }
    query
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
        super::check_filter("status", filter.status.as_deref(), STATUSES)?;
        let (rows, total) = super::list_page!(conn, || filtered(filter), page, OrderRow::as_select(), table: orders);
        Ok((attach_items(conn, rows)?, total))
    }

    fn sums(conn: &mut AnyConnection, filter: &OrderFilter, page: &Page) -> Result<super::totals::Sums, ApiError> {
        summed(conn, || filtered(filter), page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        let row =
            orders::table.find(id).select(OrderRow::as_select()).first(conn).map_err(not_found(Self::ENTITY, id))?;
        Ok(attach_items(conn, vec![row])?.remove(0))
    }

    fn create(conn: &mut AnyConnection, new: NewOrder) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        if new.status.is_some() {
            errors.fail("status", format!("every order starts {}; the status {STATUS_ENDPOINT}", OrderStatus::Pending));
        }
        errors.exists(conn, "customer_id", Entity::Customer, new.customer_id)?;
        errors.optional_text("delivery_address", new.delivery_address.as_deref());
        errors.optional_text("notes", new.notes.as_deref());
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

    fn update(conn: &mut AnyConnection, current: Self, changes: OrderChanges) -> Result<Self, ApiError> {
        if changes.status.is_some() {
            return Err(ApiError::invalid(
                "status",
                format!("cannot be set here; an order's status {STATUS_ENDPOINT}"),
            ));
        }
        let locks = changes.items.is_some() || changes.customer_id.is_some() || changes.delivery_address.is_some();
        if locks && !ORDER_RULES.editable.contains(&current.status) {
            return Err(locked(&current, "only notes may change once work has started"));
        }
        let mut errors = Check::new();
        if let Some(customer_id) = changes.customer_id {
            errors.exists(conn, "customer_id", Entity::Customer, customer_id)?;
        }
        errors.optional_text("delivery_address", changes.delivery_address.as_ref().and_then(Option::as_deref));
        errors.optional_text("notes", changes.notes.as_ref().and_then(Option::as_deref));
        let lines = match changes.items {
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
            .set((
                orders::customer_id.eq(changes.customer_id.unwrap_or(current.customer_id)),
                orders::delivery_address.eq(changes.delivery_address.unwrap_or(current.delivery_address)),
                orders::notes.eq(changes.notes.unwrap_or(current.notes)),
                orders::total_cents.eq(total),
                super::touched!(orders),
            ))
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
