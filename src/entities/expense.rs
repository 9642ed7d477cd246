//! Expenses: money spent, by category and day, optionally tied to an employee. Budgets
//! compare against them (see `budget::budget_vs_actual`); an expense whose category is a
//! budget's in another case is stored with the budget's spelling.

use chrono::NaiveDate;
use diesel::prelude::*;
use switchboard_macros::collection;

use super::{now, Check, Page, Resource};
use crate::db::schema::expenses;
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::Entity;
use crate::error::ApiError;

/// An expense: money spent on one category on one day.
#[collection(entity = Expense, table = expenses, range = expense_date)]
pub struct Expense {
    /// Matched without regard to case or surrounding spaces; stored in the spelling of the
    /// budgets' category it matches.
    #[field(text, sortable, filter, any_case)]
    pub category: String,
    #[field(long_text, searchable)]
    pub description: Option<String>,
    #[field(money, sortable, summed)]
    pub amount_cents: i64,
    /// `YYYY-MM-DD`.
    #[field(date, sortable)]
    pub expense_date: NaiveDate,
    #[field(text, sortable, searchable)]
    pub vendor: Option<String>,
    #[field(reference = Employee, sortable, filter)]
    pub employee_id: Option<i64>,
}

impl Resource for Expense {
    const ENTITY: Entity = Entity::Expense;
    const DECLARATION: Declaration = DECLARATION;
    type New = NewExpense;
    type Changes = ExpenseChanges;
    type Filter = ExpenseFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    /// Newest first: by day, then by id.
    fn list(
        conn: &mut AnyConnection,
        filter: &ExpenseFilter,
        page: Page,
    ) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        // Listed after record `after`: an earlier day, or the same day and a lower id (a sorted
        // page finds its place by the sort's field instead).
        let day: Option<chrono::NaiveDate> = match page.after {
            Some(after) if page.sort.is_none() => Some(
                expenses::table
                    .find(after)
                    .select(expenses::expense_date)
                    .first(conn)
                    .optional()?
                    .ok_or_else(|| ApiError::bad_query("after", format!("no expense {after} to list after")))?,
            ),
            _ => None,
        };
        let day = day.unwrap_or_default();
        filter.check()?;
        let (items, total) = super::list_page!(
            conn,
            || filtered(filter),
            page,
            Expense::as_select(),
            order: (expenses::expense_date.desc(), expenses::id.desc()),
            after: |after| expenses::expense_date.lt(day).or(expenses::expense_date.eq(day).and(expenses::id.lt(after))),
            id: expenses::id,
            sorted: sorted
        );
        Ok((items, total))
    }

    fn sums(conn: &mut AnyConnection, filter: &ExpenseFilter, page: &Page) -> Result<super::totals::Sums, ApiError> {
        sum_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, mut new: NewExpense) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
        check.finish()?;
        new.category = spelled_as_budget(conn, &new.category)?;
        let at = now();
        Ok(super::insert_returning!(
            conn,
            expenses::table,
            (new, expenses::created_at.eq(at), expenses::updated_at.eq(at))
        )?)
    }

    fn update(conn: &mut AnyConnection, current: Self, mut changes: ExpenseChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        check.finish()?;
        if let Some(category) = &changes.category {
            changes.category = Some(spelled_as_budget(conn, category)?);
        }
        Ok(super::update_returning!(conn, expenses::table, current.id, (changes, super::touched!(expenses)))?)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        super::delete_by_id!(conn, expenses::table, Self::ENTITY, id)
    }
}

/// `category` trimmed, in the spelling of the budgets' category it matches when there is one.
fn spelled_as_budget(conn: &mut AnyConnection, category: &str) -> Result<String, ApiError> {
    Ok(super::budget::known_category(conn, category)?.unwrap_or_else(|| category.trim().to_owned()))
}
