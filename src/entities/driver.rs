//! Drivers: who takes deliveries out. Their `status` and last known position are changed only
//! by their own actions (`set_status`, `set_location`), never by `PATCH`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use switchboard_macros::collection;
use utoipa::ToSchema;

use super::{now, Check, Page, Resource};
use crate::db::schema::{deliveries, drivers};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::status::DriverStatus;
use crate::domain::Entity;
use crate::error::ApiError;

/// A driver: takes deliveries out.
#[collection(entity = Driver, table = drivers, display = name, range = created_at)]
pub struct Driver {
    #[field(text, sortable, searchable)]
    pub name: String,
    #[field(phone, searchable)]
    pub phone: Option<String>,
    #[field(text, sortable, searchable)]
    pub vehicle: Option<String>,
    /// Set by the status action, and by the rules as deliveries come and go (`domain::machine::DRIVER`).
    #[field(status = DriverStatus, server, sortable, filter)]
    pub status: DriverStatus,
    /// Last known position in decimal degrees; set by the location action.
    #[field(number, label = "Latitude", server)]
    pub lat: Option<f64>,
    #[field(number, label = "Longitude", server)]
    pub lng: Option<f64>,
    #[field(timestamp, label = "Location updated", server, sortable)]
    pub location_updated_at: Option<NaiveDateTime>,
}

/// The body of `POST /api/drivers/{id}/location`.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationForm {
    #[schema(minimum = -90, maximum = 90)]
    pub lat: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub lng: f64,
}

impl LocationForm {
    /// 422 unless the latitude is a number in [-90, 90] and the longitude one in [-180, 180].
    pub fn check(&self) -> Result<(), ApiError> {
        let mut errors = Check::new();
        if !self.lat.is_finite() || !(-90.0..=90.0).contains(&self.lat) {
            errors.fail("lat", "must be a number from -90 to 90");
        }
        if !self.lng.is_finite() || !(-180.0..=180.0).contains(&self.lng) {
            errors.fail("lng", "must be a number from -180 to 180");
        }
        errors.finish()
    }
}

/// The body of `POST /api/drivers/{id}/status`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DriverStatusForm {
    #[schema(schema_with = crate::entities::schemas::driver_status)]
    pub status: String,
}

impl Resource for Driver {
    const ENTITY: Entity = Entity::Driver;
    const DECLARATION: Declaration = DECLARATION;
    type New = NewDriver;
    type Changes = DriverChanges;
    type Filter = DriverFilter;

    fn owner_driver(&self) -> Option<i64> {
        Some(self.id)
    }

    fn restrict_to_driver(filter: &mut DriverFilter, driver: i64) -> bool {
        filter.only = Some(driver);
        true
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(conn: &mut AnyConnection, filter: &DriverFilter, page: Page) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        list_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, new: NewDriver) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
        check.finish()?;
        let at = now();
        Ok(super::insert_returning!(
            conn,
            drivers::table,
            (new, drivers::created_at.eq(at), drivers::updated_at.eq(at))
        )?)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: DriverChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        check.finish()?;
        Ok(super::update_returning!(conn, drivers::table, current.id, (changes, super::touched!(drivers)))?)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        let count: i64 = deliveries::table.filter(deliveries::driver_id.eq(id)).count().get_result(conn)?;
        if count > 0 {
            let name: String = drivers::table.find(id).select(drivers::name).first(conn)?;
            let has = super::how_many(count, "delivery", "deliveries");
            return Err(super::in_use(format!(
                "{name} has {has}, so they cannot be deleted. Set them offline instead."
            )));
        }
        super::delete_by_id!(conn, drivers::table, Self::ENTITY, id)
    }
}

impl Driver {
    /// Records where the driver is now: latitude in [-90, 90], longitude in [-180, 180].
    pub fn set_location(conn: &mut AnyConnection, current: Self, form: LocationForm) -> Result<Self, ApiError> {
        form.check()?;
        let at = now();
        Ok(super::update_returning!(
            conn,
            drivers::table,
            current.id,
            (
                drivers::lat.eq(form.lat),
                drivers::lng.eq(form.lng),
                drivers::location_updated_at.eq(at),
                super::touched!(drivers, at),
            )
        )?)
    }

    /// The drivers of `ids` that exist, in no particular order.
    pub fn find_many(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<Self>> {
        drivers::table.filter(drivers::id.eq_any(ids)).select(Self::as_select()).load(conn)
    }

    /// [`Driver::set_location`] for several drivers at once, in one statement: `fixes` holds
    /// each driver once, each with a form that passed [`LocationForm::check`]. Answers the
    /// drivers as they now are, in no particular order.
    pub fn set_locations(conn: &mut AnyConnection, fixes: &[(i64, LocationForm)]) -> QueryResult<Vec<Self>> {
        use diesel::sql_types::{BigInt, Double, Timestamp};
        let sql = set_locations_statement(fixes.len(), if conn.is_postgres() { '$' } else { '?' });
        let at = now();
        crate::db::on_backend!(conn, |conn| {
            let mut query = diesel::sql_query(sql.as_str()).into_boxed();
            for &(id, LocationForm { lat, lng }) in fixes {
                query = query.bind::<BigInt, _>(id).bind::<Double, _>(lat).bind::<Double, _>(lng);
            }
            query.bind::<Timestamp, _>(at).load::<Driver>(conn)
        })
    }

    /// Sets the driver's status to any of theirs (`machine::DRIVER.set_by`).
    pub fn set_status(conn: &mut AnyConnection, current: Self, form: DriverStatusForm) -> Result<Self, ApiError> {
        let status: DriverStatus = super::parse_status("status", &form.status)?;
        Ok(super::update_returning!(
            conn,
            drivers::table,
            current.id,
            (drivers::status.eq(status), super::touched!(drivers))
        )?)
    }
}

/// `UPDATE drivers` setting `count` drivers' positions, as [`Driver::set_location`] sets one:
/// each driver's id, latitude and longitude are parameters 3i+1 to 3i+3, the time the last one
/// (`marker` before each number: `$` on PostgreSQL, `?` on SQLite).
fn set_locations_statement(count: usize, marker: char) -> String {
    let param = |n: usize| format!("{marker}{n}");
    let each = |column: usize| -> String {
        (0..count).map(|i| format!(" WHEN {} THEN {}", param(3 * i + 1), param(3 * i + 1 + column))).collect()
    };
    let ids: Vec<String> = (0..count).map(|i| param(3 * i + 1)).collect();
    let at = param(3 * count + 1);
    format!(
        "UPDATE drivers SET lat = CASE id{} END, lng = CASE id{} END, location_updated_at = {at}, updated_at = {at}, \
         version = version + 1 WHERE id IN ({}) RETURNING *",
        each(1),
        each(2),
        ids.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::set_locations_statement;

    #[test]
    fn positions_of_two_drivers_are_one_statement_with_each_value_a_parameter() {
        assert_eq!(
            set_locations_statement(2, '$'),
            "UPDATE drivers SET lat = CASE id WHEN $1 THEN $2 WHEN $4 THEN $5 END, \
             lng = CASE id WHEN $1 THEN $3 WHEN $4 THEN $6 END, location_updated_at = $7, updated_at = $7, \
             version = version + 1 WHERE id IN ($1, $4) RETURNING *"
        );
    }
}
