//! Employees: the staff accounts of the back office, with a role and a department.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, nullable, Check, Page, Resource};
use crate::db::schema::{employees, expenses};
use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::{Action, Entity};
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = employees)]
pub struct Employee {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// One of `ROLES`.
    pub role: String,
    pub department: Option<String>,
    pub phone: Option<String>,
    pub active: bool,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Debug, Deserialize, Insertable, ToSchema)]
#[diesel(table_name = employees)]
#[serde(deny_unknown_fields)]
pub struct NewEmployee {
    #[schema(max_length = 2000, pattern = r"\S")]
    pub name: String,
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// `staff` when omitted.
    #[serde(default = "default_role")]
    #[schema(schema_with = crate::entities::fields::employee_role)]
    pub role: String,
    #[schema(max_length = 2000)]
    pub department: Option<String>,
    #[schema(max_length = 2000)]
    pub phone: Option<String>,
    /// `true` when omitted.
    #[serde(default = "default_active")]
    pub active: bool,
}

#[derive(Debug, Deserialize, AsChangeset, ToSchema)]
#[diesel(table_name = employees)]
#[serde(deny_unknown_fields)]
pub struct EmployeeChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(format = Email, max_length = 254, nullable = false)]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(schema_with = crate::entities::fields::employee_role)]
    pub role: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub department: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(nullable = false)]
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct EmployeeFilter {
    /// Searches name and email.
    pub q: Option<String>,
    #[param(schema_with = crate::entities::fields::employee_role_filter)]
    pub role: Option<String>,
    pub department: Option<String>,
    pub active: Option<bool>,
}

pub const ROLES: &[&str] = &["admin", "manager", "dispatcher", "accountant", "driver", "staff"];

fn default_role() -> String {
    "staff".to_owned()
}

fn default_active() -> bool {
    true
}

fn check(
    check: &mut Check,
    name: Option<&str>,
    email: Option<&str>,
    role: Option<&str>,
    department: Option<&str>,
    phone: Option<&str>,
) {
    if let Some(name) = name {
        check.text("name", name);
    }
    if let Some(email) = email {
        check.email("email", email);
    }
    if let Some(role) = role {
        check.one_of("role", role, ROLES);
    }
    check.optional_text("department", department);
    check.optional_text("phone", phone);
}

// The columns of the fields `Entity::Employee.sortable()` declares.
super::sorting::sort_columns!(employees: id, name, email, role, department, active, created_at);

type Filtered<'a> = employees::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &EmployeeFilter) -> Filtered<'_> {
    let mut query = employees::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        query = query.filter(
            lower(employees::name)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(employees::email).like(pattern).escape('\\')),
        );
    }
    if let Some(role) = &filter.role {
        query = query.filter(employees::role.eq(role));
    }
    if let Some(department) = &filter.department {
        query = query.filter(employees::department.eq(department));
    }
    if let Some(active) = filter.active {
        query = query.filter(employees::active.eq(active));
    }
    query
}

impl Resource for Employee {
    const ENTITY: Entity = Entity::Employee;
    type New = NewEmployee;
    type Changes = EmployeeChanges;
    type Filter = EmployeeFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(
        conn: &mut AnyConnection,
        filter: &EmployeeFilter,
        page: Page,
    ) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        super::check_filter("role", filter.role.as_deref(), ROLES)?;
        let (items, total) =
            super::list_page!(conn, || filtered(filter), page, Employee::as_select(), table: employees);
        Ok((items, total))
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        employees::table.find(id).select(Employee::as_select()).first(conn).map_err(not_found(Self::ENTITY, id))
    }

    fn create(conn: &mut AnyConnection, new: NewEmployee) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(
            &mut errors,
            Some(&new.name),
            Some(&new.email),
            Some(&new.role),
            new.department.as_deref(),
            new.phone.as_deref(),
        );
        errors.finish()?;
        let at = now();
        let id = diesel::insert_into(employees::table)
            .values((new, employees::created_at.eq(at), employees::updated_at.eq(at)))
            .returning(employees::id)
            .get_result(conn)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: EmployeeChanges) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(
            &mut errors,
            changes.name.as_deref(),
            changes.email.as_deref(),
            changes.role.as_deref(),
            changes.department.as_ref().and_then(Option::as_deref),
            changes.phone.as_ref().and_then(Option::as_deref),
        );
        errors.finish()?;
        diesel::update(employees::table.find(current.id)).set((changes, super::touched!(employees))).execute(conn)?;
        Self::find(conn, current.id)
    }

    /// The employee's expenses stay, no longer tied to anyone (the schema's `ON DELETE SET
    /// NULL`); they are detached here first so each one's version records the change.
    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        Self::delete_with_effects(conn, id).map(drop)
    }

    /// The employee's expenses stay, without `employee_id`; each gets an `expense_updated`.
    fn delete_with_effects(conn: &mut AnyConnection, id: i64) -> Result<Vec<EntityEvent>, ApiError> {
        let detached: Vec<i64> =
            expenses::table.filter(expenses::employee_id.eq(id)).select(expenses::id).load(conn)?;
        diesel::update(expenses::table.filter(expenses::employee_id.eq(id)))
            .set((expenses::employee_id.eq(None::<i64>), super::touched!(expenses)))
            .execute(conn)?;
        super::delete_by_id!(conn, employees::table, Self::ENTITY, id)?;
        detached
            .into_iter()
            .map(|expense| {
                let record = crate::entities::expense::Expense::find(conn, expense)?;
                Ok(EntityEvent::for_record(Entity::Expense, Action::Updated, expense, &record)?)
            })
            .collect()
    }
}
