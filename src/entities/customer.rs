//! Customers: who orders. Their `segment` is derived from their order history
//! (see `recompute_segments`), never set by hand.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use switchboard_macros::collection;

use super::{now, Check, Page, Resource};
use crate::db::schema::{customers, invoices, orders};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::status::OrderStatus;
use crate::domain::Entity;
use crate::error::ApiError;

/// A customer: who orders.
#[collection(entity = Customer, table = customers, display = name, range = created_at)]
pub struct Customer {
    #[field(text, sortable, searchable)]
    pub name: String,
    #[field(email, sortable, searchable)]
    pub email: String,
    #[field(phone, sortable, searchable)]
    pub phone: Option<String>,
    #[field(long_text)]
    pub address: Option<String>,
    /// Derived from order history: new, regular, vip or dormant.
    #[field(one_of = SEGMENTS, server, sortable, filter)]
    pub segment: String,
    #[field(long_text)]
    pub notes: Option<String>,
}

pub const SEGMENTS: &[&str] = &["new", "regular", "vip", "dormant"];

impl Resource for Customer {
    const ENTITY: Entity = Entity::Customer;
    const DECLARATION: Declaration = DECLARATION;
    type New = NewCustomer;
    type Changes = CustomerChanges;
    type Filter = CustomerFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(
        conn: &mut AnyConnection,
        filter: &CustomerFilter,
        page: Page,
    ) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        list_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, new: NewCustomer) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
        check.finish()?;
        let at = now();
        Ok(super::insert_returning!(
            conn,
            customers::table,
            (new, customers::created_at.eq(at), customers::updated_at.eq(at))
        )?)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: CustomerChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        check.finish()?;
        Ok(super::update_returning!(conn, customers::table, current.id, (changes, super::touched!(customers)))?)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        let orders: i64 = orders::table.filter(orders::customer_id.eq(id)).count().get_result(conn)?;
        let invoices: i64 = invoices::table.filter(invoices::customer_id.eq(id)).count().get_result(conn)?;
        if orders + invoices > 0 {
            let name: String = customers::table.find(id).select(customers::name).first(conn)?;
            let has = match (orders, invoices) {
                (0, n) => super::how_many(n, "invoice", "invoices"),
                (n, 0) => super::how_many(n, "order", "orders"),
                (o, i) => format!(
                    "{} and {}",
                    super::how_many(o, "order", "orders"),
                    super::how_many(i, "invoice", "invoices")
                ),
            };
            return Err(super::in_use(format!("{name} has {has}, so it cannot be deleted while they exist.")));
        }
        super::delete_by_id!(conn, customers::table, Self::ENTITY, id)
    }
}

/// How many days without an order make a customer dormant.
pub const DORMANT_AFTER_DAYS: i64 = 90;
/// Spending (in cents, orders not cancelled) that makes a customer VIP.
pub const VIP_SPEND_CENTS: i64 = 500_000;
/// Orders (not cancelled) that make a customer VIP.
pub const VIP_ORDERS: i64 = 10;

/// The segment rule: no orders (cancelled ones aside) is `new`; at least 10 orders or
/// $5,000.00 spent is `vip`; otherwise no order in the last 90 days is `dormant`; else `regular`.
pub fn segment_for(
    order_count: i64,
    spent_cents: i64,
    last_order_at: Option<NaiveDateTime>,
    at: NaiveDateTime,
) -> &'static str {
    match last_order_at {
        None => "new",
        _ if order_count == 0 => "new",
        _ if order_count >= VIP_ORDERS || spent_cents >= VIP_SPEND_CENTS => "vip",
        Some(last) if at - last > Duration::days(DORMANT_AFTER_DAYS) => "dormant",
        Some(_) => "regular",
    }
}

/// Re-derives every customer's segment; returns the customers whose segment changed, as they
/// were and as they are now.
pub fn recompute_segments(conn: &mut AnyConnection) -> Result<Vec<(Customer, Customer)>, ApiError> {
    let at = now();
    let orders: Vec<(i64, i64, NaiveDateTime)> = orders::table
        .filter(orders::status.ne(OrderStatus::Cancelled))
        .select((orders::customer_id, orders::total_cents, orders::created_at))
        .load(conn)?;
    // Customer → (orders, spent, last order).
    let mut history: std::collections::HashMap<i64, (i64, i64, Option<NaiveDateTime>)> = Default::default();
    for (customer, total, created) in orders {
        let entry = history.entry(customer).or_insert((0, 0, None));
        entry.0 += 1;
        // Saturating: totals near i64::MAX are valid orders, and their sum must not panic.
        entry.1 = entry.1.saturating_add(total);
        entry.2 = entry.2.max(Some(created));
    }
    let current: Vec<(i64, String)> = customers::table.select((customers::id, customers::segment)).load(conn)?;
    let mut changed = Vec::new();
    for (id, segment) in current {
        let (count, spent, last) = history.get(&id).copied().unwrap_or((0, 0, None));
        let derived = segment_for(count, spent, last, at);
        if derived != segment {
            let was = Customer::find(conn, id)?;
            diesel::update(customers::table.find(id))
                .set((customers::segment.eq(derived), super::touched!(customers, at)))
                .execute(conn)?;
            changed.push((was, Customer::find(conn, id)?));
        }
    }
    Ok(changed)
}
