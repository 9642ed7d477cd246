//! Products: the inventory. Each has a stock level and a reorder level; the inventory views
//! (`inventory_items`, `inventory_kpis`) value the stock and flag what runs low.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, nullable, Check, Page, Resource};
use crate::db::schema::{order_items, products};
use crate::db::AnyConnection;
use crate::domain::Entity;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = products)]
pub struct Product {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub description: Option<String>,
    pub price_cents: i64,
    pub cost_cents: i64,
    pub stock_quantity: i64,
    pub reorder_level: i64,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Debug, Deserialize, Insertable, ToSchema)]
#[diesel(table_name = products)]
#[serde(deny_unknown_fields)]
pub struct NewProduct {
    #[schema(max_length = 2000, pattern = r"\S")]
    pub sku: String,
    #[schema(max_length = 2000, pattern = r"\S")]
    pub name: String,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    #[schema(minimum = 0)]
    pub price_cents: i64,
    #[schema(minimum = 0)]
    pub cost_cents: i64,
    /// 0 when omitted.
    #[serde(default)]
    #[schema(minimum = 0)]
    pub stock_quantity: i64,
    /// 0 when omitted.
    #[serde(default)]
    #[schema(minimum = 0)]
    pub reorder_level: i64,
}

#[derive(Debug, Deserialize, AsChangeset, ToSchema)]
#[diesel(table_name = products)]
#[serde(deny_unknown_fields)]
pub struct ProductChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub sku: Option<String>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(minimum = 0, nullable = false)]
    pub price_cents: Option<i64>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(minimum = 0, nullable = false)]
    pub cost_cents: Option<i64>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(minimum = 0, nullable = false)]
    pub stock_quantity: Option<i64>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(minimum = 0, nullable = false)]
    pub reorder_level: Option<i64>,
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

#[derive(Debug, Deserialize, IntoParams)]
pub struct ProductFilter {
    /// Searches SKU and name.
    pub q: Option<String>,
    /// `in_stock`, `low` or `out`.
    pub stock: Option<StockState>,
}

fn check(
    check: &mut Check,
    sku: Option<&str>,
    name: Option<&str>,
    description: Option<&str>,
    amounts: [(&str, Option<i64>); 4],
) {
    if let Some(sku) = sku {
        check.text("sku", sku);
    }
    if let Some(name) = name {
        check.text("name", name);
    }
    check.optional_text("description", description);
    for (field, value) in amounts {
        if let Some(value) = value {
            check.non_negative(field, value);
        }
    }
}

// The columns of the fields `Entity::Product.sortable()` declares.
super::sorting::sort_columns!(products: id, sku, name, price_cents, cost_cents, stock_quantity, reorder_level, created_at);

type Filtered<'a> = products::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &ProductFilter) -> Filtered<'_> {
    let mut query = products::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        query = query.filter(
            lower(products::sku)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(products::name).like(pattern).escape('\\')),
        );
    }
    match filter.stock {
        Some(StockState::Out) => query = query.filter(products::stock_quantity.le(0)),
        Some(StockState::Low) => {
            query =
                query.filter(products::stock_quantity.gt(0).and(products::stock_quantity.le(products::reorder_level)))
        }
        Some(StockState::InStock) => {
            query =
                query.filter(products::stock_quantity.gt(0).and(products::stock_quantity.gt(products::reorder_level)))
        }
        None => {}
    }
    query
}

impl Resource for Product {
    const ENTITY: Entity = Entity::Product;
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
        let (items, total) = super::list_page!(conn, || filtered(filter), page, Product::as_select(), table: products);
        Ok((items, total))
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        products::table.find(id).select(Product::as_select()).first(conn).map_err(not_found(Self::ENTITY, id))
    }

    fn create(conn: &mut AnyConnection, new: NewProduct) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(
            &mut errors,
            Some(&new.sku),
            Some(&new.name),
            new.description.as_deref(),
            [
                ("price_cents", Some(new.price_cents)),
                ("cost_cents", Some(new.cost_cents)),
                ("stock_quantity", Some(new.stock_quantity)),
                ("reorder_level", Some(new.reorder_level)),
            ],
        );
        errors.finish()?;
        let at = now();
        let id = diesel::insert_into(products::table)
            .values((new, products::created_at.eq(at), products::updated_at.eq(at)))
            .returning(products::id)
            .get_result(conn)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: ProductChanges) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(
            &mut errors,
            changes.sku.as_deref(),
            changes.name.as_deref(),
            changes.description.as_ref().and_then(Option::as_deref),
            [
                ("price_cents", changes.price_cents),
                ("cost_cents", changes.cost_cents),
                ("stock_quantity", changes.stock_quantity),
                ("reorder_level", changes.reorder_level),
            ],
        );
        errors.finish()?;
        diesel::update(products::table.find(current.id)).set((changes, super::touched!(products))).execute(conn)?;
        Self::find(conn, current.id)
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
