//! Read-only views over several tables.

use diesel::prelude::*;

use crate::db::schema::*;
use crate::db::AnyConnection;
use crate::domain::Entity;

/// Whether a record of `entity` with `id` exists.
pub fn record_exists(conn: &mut AnyConnection, entity: Entity, id: i64) -> QueryResult<bool> {
    use diesel::dsl::exists;
    match entity {
        Entity::Order => diesel::select(exists(orders::table.find(id))).get_result(conn),
        Entity::Customer => diesel::select(exists(customers::table.find(id))).get_result(conn),
        Entity::Employee => diesel::select(exists(employees::table.find(id))).get_result(conn),
        Entity::Service => diesel::select(exists(services::table.find(id))).get_result(conn),
        Entity::Product => diesel::select(exists(products::table.find(id))).get_result(conn),
        Entity::Invoice => diesel::select(exists(invoices::table.find(id))).get_result(conn),
        Entity::Expense => diesel::select(exists(expenses::table.find(id))).get_result(conn),
        Entity::Budget => diesel::select(exists(budgets::table.find(id))).get_result(conn),
        Entity::Driver => diesel::select(exists(drivers::table.find(id))).get_result(conn),
        Entity::Delivery => diesel::select(exists(deliveries::table.find(id))).get_result(conn),
        Entity::TransitBatch => diesel::select(exists(transit_batches::table.find(id))).get_result(conn),
    }
}
