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
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationForm {
    #[schema(minimum = -90, maximum = 90)]
    pub lat: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub lng: f64,
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
        let mut errors = Check::new();
        if !form.lat.is_finite() || !(-90.0..=90.0).contains(&form.lat) {
            errors.fail("lat", "must be a number from -90 to 90");
        }
        if !form.lng.is_finite() || !(-180.0..=180.0).contains(&form.lng) {
            errors.fail("lng", "must be a number from -180 to 180");
        }
        errors.finish()?;
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
