//! Employees: the staff accounts of the back office, with a role and a department.

use diesel::prelude::*;
use switchboard_macros::collection;

use super::expense::Expense;
use super::{now, Check, Page, Resource};
use crate::db::schema::{employees, expenses};
use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::fields::Declaration;
use crate::domain::{Action, Entity};
use crate::error::ApiError;

/// An employee: a staff account of the back office.
#[collection(entity = Employee, table = employees, display = name, range = created_at)]
pub struct Employee {
    #[field(text, sortable, searchable)]
    pub name: String,
    #[field(email, sortable, searchable)]
    pub email: String,
    /// One of `ROLES`.
    #[field(one_of = ROLES, default = "staff", sortable, filter)]
    pub role: String,
    #[field(text, sortable, filter)]
    pub department: Option<String>,
    #[field(phone)]
    pub phone: Option<String>,
    #[field(boolean, default = true, sortable, filter)]
    pub active: bool,
}

pub const ROLES: &[&str] = &["admin", "manager", "dispatcher", "accountant", "driver", "staff"];

impl Resource for Employee {
    const ENTITY: Entity = Entity::Employee;
    const DECLARATION: Declaration = DECLARATION;
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
        list_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, new: NewEmployee) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
        check.finish()?;
        let at = now();
        Ok(super::insert_returning!(
            conn,
            employees::table,
            (new, employees::created_at.eq(at), employees::updated_at.eq(at))
        )?)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: EmployeeChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        check.finish()?;
        Ok(super::update_returning!(conn, employees::table, current.id, (changes, super::touched!(employees)))?)
    }

    /// The employee's expenses stay, no longer tied to anyone (the schema's `ON DELETE SET
    /// NULL`); they are detached here first so each one's version records the change.
    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        Self::delete_with_effects(conn, id).map(drop)
    }

    /// The employee's expenses stay, without `employee_id`; each gets an `expense_updated`.
    fn delete_with_effects(conn: &mut AnyConnection, id: i64) -> Result<Vec<EntityEvent>, ApiError> {
        let detached: Vec<Expense> =
            expenses::table.filter(expenses::employee_id.eq(id)).select(Expense::as_select()).load(conn)?;
        diesel::update(expenses::table.filter(expenses::employee_id.eq(id)))
            .set((expenses::employee_id.eq(None::<i64>), super::touched!(expenses)))
            .execute(conn)?;
        super::delete_by_id!(conn, employees::table, Self::ENTITY, id)?;
        detached
            .into_iter()
            .map(|was| {
                let record = Expense::find(conn, was.id)?;
                Ok(EntityEvent::for_record(Entity::Expense, Action::Updated, was.id, &record)?
                    .was(crate::domain::event::was(&was)?))
            })
            .collect()
    }
}
