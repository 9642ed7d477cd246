//! Services: what the business sells by the job, priced in cents.

use diesel::prelude::*;
use switchboard_macros::collection;

use super::{now, Check, Page, Resource};
use crate::db::schema::{order_items, services};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::Entity;
use crate::error::ApiError;

/// A service: sold by the job.
#[collection(entity = Service, table = services, display = name, range = created_at)]
pub struct Service {
    #[field(text, sortable, searchable)]
    pub name: String,
    #[field(long_text, searchable)]
    pub description: Option<String>,
    #[field(money, sortable)]
    pub price_cents: i64,
    #[field(integer, min = 1, sortable)]
    pub duration_minutes: Option<i64>,
    /// Inactive services leave the pickers and keep their history.
    #[field(boolean, default = true, sortable, filter)]
    pub active: bool,
}

impl Resource for Service {
    const ENTITY: Entity = Entity::Service;
    const DECLARATION: Declaration = DECLARATION;
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
        list_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, new: NewService) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
        check.finish()?;
        let at = now();
        Ok(super::insert_returning!(
            conn,
            services::table,
            (new, services::created_at.eq(at), services::updated_at.eq(at))
        )?)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: ServiceChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        check.finish()?;
        Ok(super::update_returning!(conn, services::table, current.id, (changes, super::touched!(services)))?)
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
