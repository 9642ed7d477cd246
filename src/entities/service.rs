//! Services: what the business sells by the job, priced in cents.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, nullable, Check, Page, Resource};
use crate::db::schema::{order_items, services};
use crate::db::AnyConnection;
use crate::domain::Entity;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = services)]
pub struct Service {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub price_cents: i64,
    pub duration_minutes: Option<i64>,
    pub active: bool,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Debug, Deserialize, Insertable, ToSchema)]
#[diesel(table_name = services)]
#[serde(deny_unknown_fields)]
pub struct NewService {
    #[schema(max_length = 2000, pattern = r"\S")]
    pub name: String,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    #[schema(minimum = 0)]
    pub price_cents: i64,
    #[schema(minimum = 1)]
    pub duration_minutes: Option<i64>,
    /// `true` when omitted.
    #[serde(default = "default_active")]
    pub active: bool,
}

#[derive(Debug, Deserialize, AsChangeset, ToSchema)]
#[diesel(table_name = services)]
#[serde(deny_unknown_fields)]
pub struct ServiceChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(minimum = 0, nullable = false)]
    pub price_cents: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(minimum = 1)]
    pub duration_minutes: Option<Option<i64>>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(nullable = false)]
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ServiceFilter {
    /// Searches name and description.
    pub q: Option<String>,
    pub active: Option<bool>,
}

fn default_active() -> bool {
    true
}

fn check(
    check: &mut Check,
    name: Option<&str>,
    description: Option<&str>,
    price_cents: Option<i64>,
    duration_minutes: Option<i64>,
) {
    if let Some(name) = name {
        check.text("name", name);
    }
    check.optional_text("description", description);
    if let Some(price_cents) = price_cents {
        check.non_negative("price_cents", price_cents);
    }
    if let Some(duration_minutes) = duration_minutes {
        check.positive("duration_minutes", duration_minutes);
    }
}

// The columns of the fields `Entity::Service.sortable()` declares.
super::sorting::sort_columns!(services: id, name, price_cents, duration_minutes, active, created_at);

type Filtered<'a> = services::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &ServiceFilter) -> Filtered<'_> {
    let mut query = services::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        query = query.filter(
            lower(services::name)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(services::description.assume_not_null()).like(pattern).escape('\\')),
        );
    }
    if let Some(active) = filter.active {
        query = query.filter(services::active.eq(active));
    }
    query
}

impl Resource for Service {
    const ENTITY: Entity = Entity::Service;
    type New = NewService;
    type Changes = ServiceChanges;
    type Filter = ServiceFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(
        conn: &mut AnyConnection,
        filter: &ServiceFilter,
        page: Page,
    ) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        let (items, total) = super::list_page!(conn, || filtered(filter), page, Service::as_select(), table: services);
        Ok((items, total))
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        services::table.find(id).select(Service::as_select()).first(conn).map_err(not_found(Self::ENTITY, id))
    }

    fn create(conn: &mut AnyConnection, new: NewService) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(&mut errors, Some(&new.name), new.description.as_deref(), Some(new.price_cents), new.duration_minutes);
        errors.finish()?;
        let at = now();
        let id = diesel::insert_into(services::table)
            .values((new, services::created_at.eq(at), services::updated_at.eq(at)))
            .returning(services::id)
            .get_result(conn)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: ServiceChanges) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(
            &mut errors,
            changes.name.as_deref(),
            changes.description.as_ref().and_then(Option::as_deref),
            changes.price_cents,
            changes.duration_minutes.flatten(),
        );
        errors.finish()?;
        diesel::update(services::table.find(current.id)).set((changes, super::touched!(services))).execute(conn)?;
        Self::find(conn, current.id)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        let orders: i64 = order_items::table
            .filter(order_items::service_id.eq(id))
            .select(diesel::dsl::count(order_items::order_id).aggregate_distinct())
            .get_result(conn)?;
        if orders > 0 {
            let name: String = services::table.find(id).select(services::name).first(conn)?;
            let on = super::how_many(orders, "order", "orders");
            return Err(super::in_use(format!(
                "{name} is on {on}. Deactivate it instead: it leaves the pickers and keeps its history."
            )));
        }
        super::delete_by_id!(conn, services::table, Self::ENTITY, id)
    }
}
