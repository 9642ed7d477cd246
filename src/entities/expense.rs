//! Expenses: money spent, by category and day, optionally tied to an employee. Budgets
//! compare against them (see `budget::budget_vs_actual`); an expense whose category is a
//! budget's in another case is stored with the budget's spelling.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, nullable, Check, Day, Page, Resource};
use crate::db::schema::{budgets, expenses};
use crate::db::AnyConnection;
use crate::domain::Entity;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = expenses)]
pub struct Expense {
    pub id: i64,
    pub category: String,
    pub description: Option<String>,
    pub amount_cents: i64,
    /// `YYYY-MM-DD`.
    pub expense_date: NaiveDate,
    pub vendor: Option<String>,
    pub employee_id: Option<i64>,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Debug, Deserialize, Insertable, ToSchema)]
#[diesel(table_name = expenses)]
#[serde(deny_unknown_fields)]
pub struct NewExpense {
    #[schema(max_length = 2000, pattern = r"\S")]
    pub category: String,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    #[schema(minimum = 0)]
    pub amount_cents: i64,
    #[schema(value_type = String, format = Date)]
    pub expense_date: Day,
    #[schema(max_length = 2000)]
    pub vendor: Option<String>,
    pub employee_id: Option<i64>,
}

#[derive(Debug, Deserialize, AsChangeset, ToSchema)]
#[diesel(table_name = expenses)]
#[serde(deny_unknown_fields)]
pub struct ExpenseChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub category: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(minimum = 0, nullable = false)]
    pub amount_cents: Option<i64>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(value_type = String, format = Date)]
    pub expense_date: Option<Day>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(max_length = 2000)]
    pub vendor: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub employee_id: Option<Option<i64>>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ExpenseFilter {
    /// Searches description and vendor.
    pub q: Option<String>,
    /// This category, without regard to case or surrounding spaces.
    pub category: Option<String>,
    pub employee_id: Option<i64>,
    /// On or after this day (`YYYY-MM-DD`).
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<Day>,
    /// On or before this day (`YYYY-MM-DD`).
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<Day>,
}

fn check(
    check: &mut Check,
    conn: &mut AnyConnection,
    category: Option<&str>,
    description: Option<&str>,
    amount_cents: Option<i64>,
    vendor: Option<&str>,
    employee_id: Option<i64>,
) -> Result<(), ApiError> {
    if let Some(category) = category {
        check.text("category", category);
    }
    check.optional_text("description", description);
    if let Some(amount_cents) = amount_cents {
        check.non_negative("amount_cents", amount_cents);
    }
    check.optional_text("vendor", vendor);
    if let Some(employee_id) = employee_id {
        check.exists(conn, "employee_id", Entity::Employee, employee_id)?;
    }
    Ok(())
}

// The columns of the fields `Entity::Expense.sortable()` declares.
super::sorting::sort_columns!(expenses: id, category, amount_cents, expense_date, vendor, employee_id, created_at);

// The columns of the fields `Entity::Expense.summed()` declares.
super::totals::sum_columns!(expenses: amount_cents);

type Filtered<'a> = expenses::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &ExpenseFilter) -> Filtered<'_> {
    let mut query = expenses::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        query = query.filter(
            lower(expenses::description.assume_not_null()).like(pattern.clone()).escape('\\').or(lower(
                expenses::vendor.assume_not_null(),
            )
            .like(pattern)
            .escape('\\')),
        );
    }
    if let Some(category) = filter.category.as_deref().filter(|c| !c.trim().is_empty()) {
        // Both sides lowered by the database, so the exact spelling always matches (SQLite's
        // `lower` folds only ASCII letters; PostgreSQL's, all).
        query = query.filter(lower(expenses::category).eq(lower(category.trim())));
    }
    if let Some(employee_id) = filter.employee_id {
        query = query.filter(expenses::employee_id.eq(employee_id));
    }
    if let Some(from) = filter.from {
        query = query.filter(expenses::expense_date.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(expenses::expense_date.le(to));
    }
    query
}

impl Resource for Expense {
    const ENTITY: Entity = Entity::Expense;
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
        summed(conn, || filtered(filter), page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        expenses::table.find(id).select(Expense::as_select()).first(conn).map_err(not_found(Self::ENTITY, id))
    }

    fn create(conn: &mut AnyConnection, mut new: NewExpense) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(
            &mut errors,
            conn,
            Some(&new.category),
            new.description.as_deref(),
            Some(new.amount_cents),
            new.vendor.as_deref(),
            new.employee_id,
        )?;
        errors.finish()?;
        new.category = spelled_as_budget(conn, &new.category)?;
        let at = now();
        let id = diesel::insert_into(expenses::table)
            .values((new, expenses::created_at.eq(at), expenses::updated_at.eq(at)))
            .returning(expenses::id)
            .get_result(conn)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, mut changes: ExpenseChanges) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(
            &mut errors,
            conn,
            changes.category.as_deref(),
            changes.description.as_ref().and_then(Option::as_deref),
            changes.amount_cents,
            changes.vendor.as_ref().and_then(Option::as_deref),
            changes.employee_id.flatten(),
        )?;
        errors.finish()?;
        if let Some(category) = &changes.category {
            changes.category = Some(spelled_as_budget(conn, category)?);
        }
        diesel::update(expenses::table.find(current.id)).set((changes, super::touched!(expenses))).execute(conn)?;
        Self::find(conn, current.id)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        super::delete_by_id!(conn, expenses::table, Self::ENTITY, id)
    }
}

/// `category` trimmed, in the spelling of the budgets' category it matches when there is one.
fn spelled_as_budget(conn: &mut AnyConnection, category: &str) -> Result<String, ApiError> {
    Ok(super::budget::known_category(conn, category)?.unwrap_or_else(|| category.trim().to_owned()))
}

/// `(category, expense_date, amount_cents)` of every expense between `from` and `to` inclusive
/// whose category is a budget's in any case: lowered by the database on both sides, which the
/// index on `(lower(category), expense_date)` serves. The caller groups them by `category_key`.
pub fn budgeted_amounts_between(
    conn: &mut AnyConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, NaiveDate, i64)>, ApiError> {
    Ok(expenses::table
        .filter(lower(expenses::category).eq_any(budgets::table.select(lower(budgets::category))))
        .filter(expenses::expense_date.ge(from))
        .filter(expenses::expense_date.le(to))
        .select((expenses::category, expenses::expense_date, expenses::amount_cents))
        .load(conn)?)
}
