//! Drivers: who takes deliveries out. Their `status` and last known position are changed only
//! by their own actions (`set_status`, `set_location`), never by `PATCH`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, nullable, Check, Page, Resource};
use crate::db::schema::{deliveries, drivers};
use crate::db::AnyConnection;
use crate::domain::status::{DriverStatus, Status};
use crate::domain::Entity;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = drivers)]
pub struct Driver {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub vehicle: Option<String>,
    /// Set by the status action, and by the rules as deliveries come and go (`domain::machine::DRIVER`).
    #[schema(schema_with = crate::entities::fields::driver_status_value)]
    pub status: DriverStatus,
    /// Last known position in decimal degrees; set by the location action.
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    #[serde(with = "super::rfc3339::option")]
    pub location_updated_at: Option<NaiveDateTime>,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Debug, Deserialize, Insertable, ToSchema)]
#[diesel(table_name = drivers)]
#[serde(deny_unknown_fields)]
pub struct NewDriver {
    #[schema(max_length = 2000, pattern = r"\S")]
    pub name: String,
    #[schema(max_length = 2000)]
    pub phone: Option<String>,
    #[schema(max_length = 2000)]
    pub vehicle: Option<String>,
}

#[derive(Debug, Deserialize, AsChangeset, ToSchema)]
#[diesel(table_name = drivers)]
#[serde(deny_unknown_fields)]
pub struct DriverChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub vehicle: Option<Option<String>>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DriverFilter {
    /// Searches name, phone and vehicle.
    pub q: Option<String>,
    #[param(schema_with = crate::entities::fields::driver_status_filter)]
    pub status: Option<String>,
    /// Set by the server for a driver's own token: only that driver.
    #[serde(skip)]
    #[param(ignore)]
    pub only: Option<i64>,
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
    #[schema(schema_with = crate::entities::fields::driver_status)]
    pub status: String,
}

pub const STATUSES: &[&str] = DriverStatus::NAMES;

fn check(check: &mut Check, name: Option<&str>, phone: Option<&str>, vehicle: Option<&str>) {
    if let Some(name) = name {
        check.text("name", name);
    }
    check.optional_text("phone", phone);
    check.optional_text("vehicle", vehicle);
}

// The columns of the fields `Entity::Driver.sortable()` declares.
super::sorting::sort_columns!(drivers: id, name, vehicle, status, location_updated_at, created_at);

type Filtered<'a> = drivers::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &DriverFilter) -> Filtered<'_> {
    let mut query = drivers::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        query = query.filter(
            lower(drivers::name)
                .like(pattern.clone())
                .escape('\\')
                .or(drivers::phone.assume_not_null().like(pattern.clone()).escape('\\'))
                .or(lower(drivers::vehicle.assume_not_null()).like(pattern).escape('\\')),
        );
    }
    if let Some(status) = &filter.status {
        query = query.filter(drivers::status.eq(status));
    }
    if let Some(id) = filter.only {
        query = query.filter(drivers::id.eq(id));
    }
    query
}

impl Resource for Driver {
    const ENTITY: Entity = Entity::Driver;
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
        super::check_filter("status", filter.status.as_deref(), STATUSES)?;
        let (items, total) = super::list_page!(conn, || filtered(filter), page, Driver::as_select(), table: drivers);
        Ok((items, total))
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        drivers::table.find(id).select(Driver::as_select()).first(conn).map_err(not_found(Self::ENTITY, id))
    }

    fn create(conn: &mut AnyConnection, new: NewDriver) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(&mut errors, Some(&new.name), new.phone.as_deref(), new.vehicle.as_deref());
        errors.finish()?;
        let at = now();
        let id = diesel::insert_into(drivers::table)
            .values((new, drivers::created_at.eq(at), drivers::updated_at.eq(at)))
            .returning(drivers::id)
            .get_result(conn)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: DriverChanges) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(
            &mut errors,
            changes.name.as_deref(),
            changes.phone.as_ref().and_then(Option::as_deref),
            changes.vehicle.as_ref().and_then(Option::as_deref),
        );
        errors.finish()?;
        diesel::update(drivers::table.find(current.id)).set((changes, super::touched!(drivers))).execute(conn)?;
        Self::find(conn, current.id)
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
        diesel::update(drivers::table.find(current.id))
            .set((
                drivers::lat.eq(form.lat),
                drivers::lng.eq(form.lng),
                drivers::location_updated_at.eq(at),
                super::touched!(drivers, at),
            ))
            .execute(conn)?;
        Self::find(conn, current.id)
    }

    /// Sets the driver's status to any of theirs (`machine::DRIVER.set_by`).
    pub fn set_status(conn: &mut AnyConnection, current: Self, form: DriverStatusForm) -> Result<Self, ApiError> {
        let status: DriverStatus = super::parse_status("status", &form.status)?;
        diesel::update(drivers::table.find(current.id))
            .set((drivers::status.eq(status), super::touched!(drivers)))
            .execute(conn)?;
        Self::find(conn, current.id)
    }
}
