//! Products: the inventory. Each has a stock level and a reorder level; the inventory views
//! (`inventory_items`, `inventory_kpis`) value the stock and flag what runs low.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use switchboard_macros::collection;
use utoipa::ToSchema;

use super::{now, Check, Page, Resource};
use crate::db::schema::{order_items, products};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::Entity;
use crate::error::ApiError;

/// A product: a stock level and the level to reorder at.
#[collection(entity = Product, table = products, display = name, range = created_at,
             filters(stock: StockState = "Stock level"))]
pub struct Product {
    #[field(text, label = "SKU", sortable, searchable)]
    pub sku: String,
    #[field(text, sortable, searchable)]
    pub name: String,
    #[field(long_text)]
    pub description: Option<String>,
    #[field(money, sortable)]
    pub price_cents: i64,
    #[field(money, sortable)]
    pub cost_cents: i64,
    #[field(integer, min = 0, default = 0, sortable)]
    pub stock_quantity: i64,
    #[field(integer, min = 0, default = 0, sortable)]
    pub reorder_level: i64,
}

/// A stock level: `out` at zero, `low` at or below the reorder level, else `in_stock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StockState {
    InStock,
    Low,
    Out,
}

impl StockState {
    /// As a query names them (`?stock=low`).
    pub const NAMES: &[&str] = &["in_stock", "low", "out"];

    pub fn of(stock_quantity: i64, reorder_level: i64) -> StockState {
        if stock_quantity <= 0 {
            StockState::Out
        } else if stock_quantity <= reorder_level {
            StockState::Low
        } else {
            StockState::InStock
        }
    }
}

/// `?stock=`: the products at that stock level (`StockState::of`, in SQL).
fn refine<'a>(query: Filtered<'a>, filter: &ProductFilter) -> Filtered<'a> {
    let positive = products::stock_quantity.gt(0);
    match filter.stock {
        Some(StockState::Out) => query.filter(products::stock_quantity.le(0)),
        Some(StockState::Low) => query.filter(positive.and(products::stock_quantity.le(products::reorder_level))),
        Some(StockState::InStock) => query.filter(positive.and(products::stock_quantity.gt(products::reorder_level))),
        None => query,
    }
}

impl Resource for Product {
    const ENTITY: Entity = Entity::Product;
    const DECLARATION: Declaration = DECLARATION;
    type New = NewProduct;
    type Changes = ProductChanges;
    type Filter = ProductFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(
        conn: &mut AnyConnection,
        filter: &ProductFilter,
        page: Page,
    ) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        list_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, new: NewProduct) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
        check.finish()?;
        let at = now();
        Ok(super::insert_returning!(
            conn,
            products::table,
            (new, products::created_at.eq(at), products::updated_at.eq(at))
        )?)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: ProductChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        check.finish()?;
        Ok(super::update_returning!(conn, products::table, current.id, (changes, super::touched!(products)))?)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        let orders: i64 = order_items::table
            .filter(order_items::product_id.eq(id))
            .select(diesel::dsl::count(order_items::order_id).aggregate_distinct())
            .get_result(conn)?;
        if orders > 0 {
            let name: String = products::table.find(id).select(products::name).first(conn)?;
            let on = super::how_many(orders, "order", "orders");
            return Err(super::in_use(format!(
                "{name} is on {on}, so it cannot be deleted. Remove it from them first."
            )));
        }
        super::delete_by_id!(conn, products::table, Self::ENTITY, id)
    }
}

/// One line of `GET /api/inventory-items`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InventoryItem {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub stock_quantity: i64,
    pub reorder_level: i64,
    pub price_cents: i64,
    pub cost_cents: i64,
    /// `stock_quantity × cost_cents`.
    pub stock_value_cents: i64,
    pub stock_state: StockState,
}

/// `GET /api/inventory-kpis`.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct InventoryKpis {
    pub sku_count: i64,
    pub total_units: i64,
    /// Σ stock × cost.
    pub stock_value_cents: i64,
    /// Σ stock × price.
    pub retail_value_cents: i64,
    pub low_stock_count: i64,
    pub out_of_stock_count: i64,
}

/// Every product with its stock valued at cost and its stock state, by SKU.
pub fn inventory_items(conn: &mut AnyConnection) -> Result<Vec<InventoryItem>, ApiError> {
    let products: Vec<Product> =
        products::table.order((products::sku.asc(), products::id.asc())).select(Product::as_select()).load(conn)?;
    Ok(products
        .into_iter()
        .map(|p| InventoryItem {
            stock_value_cents: p.stock_quantity.saturating_mul(p.cost_cents),
            stock_state: StockState::of(p.stock_quantity, p.reorder_level),
            id: p.id,
            sku: p.sku,
            name: p.name,
            stock_quantity: p.stock_quantity,
            reorder_level: p.reorder_level,
            price_cents: p.price_cents,
            cost_cents: p.cost_cents,
        })
        .collect())
}

/// The inventory's totals, added up in Rust (a SQL `SUM` is `Numeric` on PostgreSQL).
pub fn inventory_kpis(conn: &mut AnyConnection) -> Result<InventoryKpis, ApiError> {
    let levels: Vec<(i64, i64, i64, i64)> = products::table
        .select((products::stock_quantity, products::reorder_level, products::cost_cents, products::price_cents))
        .load(conn)?;
    let mut kpis = InventoryKpis::default();
    for (stock, reorder, cost, price) in levels {
        kpis.sku_count += 1;
        kpis.total_units = kpis.total_units.saturating_add(stock);
        kpis.stock_value_cents = kpis.stock_value_cents.saturating_add(stock.saturating_mul(cost));
        kpis.retail_value_cents = kpis.retail_value_cents.saturating_add(stock.saturating_mul(price));
        match StockState::of(stock, reorder) {
            StockState::Low => kpis.low_stock_count += 1,
            StockState::Out => kpis.out_of_stock_count += 1,
            StockState::InStock => {}
        }
    }
    Ok(kpis)
}

#[cfg(test)]
mod tests {
    use super::StockState;

    /// `NAMES` (the catalogue's values of `?stock=`) are the names serde reads and writes.
    #[test]
    fn stock_names_are_the_wire_names() {
        let states = [StockState::InStock, StockState::Low, StockState::Out];
        let wire: Vec<String> =
            states.iter().map(|state| serde_json::to_value(state).unwrap().as_str().unwrap().to_owned()).collect();
        assert_eq!(wire, StockState::NAMES);
    }
}
