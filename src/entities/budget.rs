//! Budgets: how much may be spent on one expense category in one month (`YYYY-MM`), and the
//! budget-vs-actual view that sets the expenses of that category and month against it.
//! Categories match without regard to case or surrounding spaces (`category_key`), everywhere
//! budgets and expenses meet: one budget per category and month, and an expense counts against
//! the budget of its category however it was typed.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Serialize;
use switchboard_macros::collection;
use utoipa::ToSchema;

use super::{lower, now, Check, Page, Resource};
use crate::db::schema::{budgets, expenses};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::Entity;
use crate::error::ApiError;

/// A budget: how much may be spent on one category in one month.
#[collection(entity = Budget, table = budgets, display = category, range = created_at)]
pub struct Budget {
    /// Matched without regard to case or surrounding spaces (`category_key`).
    #[field(text, sortable, searchable, filter, any_case)]
    pub category: String,
    /// The month, `YYYY-MM`.
    #[field(month, sortable, filter)]
    pub period: String,
    #[field(money, sortable, summed)]
    pub amount_cents: i64,
}

/// What two spellings of one category have in common: `" Fuel "`, `"fuel"` and `"FUEL"` are one.
pub fn category_key(category: &str) -> String {
    category.trim().to_lowercase()
}

/// The spelling of the budgets' category that `category` matches (the earliest budget's), if any.
pub fn known_category(conn: &mut AnyConnection, category: &str) -> Result<Option<String>, ApiError> {
    let key = category_key(category);
    // Compared in Rust: SQLite's `lower` folds only ASCII letters.
    let candidates: Vec<String> = budgets::table.order(budgets::id).select(budgets::category).load(conn)?;
    Ok(candidates.into_iter().find(|known| category_key(known) == key))
}

/// 409 `duplicate` when another budget (not `except`) has `category`, in any case, for `period`.
fn refuse_duplicate(
    conn: &mut AnyConnection,
    category: &str,
    period: &str,
    except: Option<i64>,
) -> Result<(), ApiError> {
    let key = category_key(category);
    let same_month: Vec<(i64, String)> =
        budgets::table.filter(budgets::period.eq(period)).select((budgets::id, budgets::category)).load(conn)?;
    match same_month.into_iter().find(|(id, other)| Some(*id) != except && category_key(other) == key) {
        Some((_, other)) => Err(ApiError::conflict(
            "duplicate",
            format!("a budget for {other:?} in {period} already exists (categories match without regard to case)"),
        )),
        None => Ok(()),
    }
}

pub use super::day::month_bounds;

impl Resource for Budget {
    const ENTITY: Entity = Entity::Budget;
    const DECLARATION: Declaration = DECLARATION;
    type New = NewBudget;
    type Changes = BudgetChanges;
    type Filter = BudgetFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(conn: &mut AnyConnection, filter: &BudgetFilter, page: Page) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        list_rows(conn, filter, page)
    }

    fn sums(conn: &mut AnyConnection, filter: &BudgetFilter, page: &Page) -> Result<super::totals::Sums, ApiError> {
        sum_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, mut new: NewBudget) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
        check.finish()?;
        new.category = new.category.trim().to_owned();
        refuse_duplicate(conn, &new.category, &new.period, None)?;
        let at = now();
        Ok(super::insert_returning!(
            conn,
            budgets::table,
            (new, budgets::created_at.eq(at), budgets::updated_at.eq(at))
        )?)
    }

    fn update(conn: &mut AnyConnection, current: Self, mut changes: BudgetChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        check.finish()?;
        changes.category = changes.category.map(|category| category.trim().to_owned());
        let category = changes.category.as_deref().unwrap_or(&current.category);
        refuse_duplicate(conn, category, changes.period.as_deref().unwrap_or(&current.period), Some(current.id))?;
        Ok(super::update_returning!(conn, budgets::table, current.id, (changes, super::touched!(budgets)))?)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        super::delete_by_id!(conn, budgets::table, Self::ENTITY, id)
    }
}

/// One budget set against its month's spending.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BudgetLine {
    pub budget_id: i64,
    pub category: String,
    pub period: String,
    pub budgeted_cents: i64,
    /// Σ the expenses of the same category (in any case) dated in the budget's month.
    pub actual_cents: i64,
    /// `budgeted_cents − actual_cents`: negative when over budget.
    pub variance_cents: i64,
    /// `actual / budgeted`; null when nothing is budgeted.
    pub utilization: Option<f64>,
    pub over_budget: bool,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct BudgetTotals {
    pub budgeted_cents: i64,
    pub actual_cents: i64,
    pub variance_cents: i64,
}

/// `GET /api/budget-vs-actual`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BudgetVsActual {
    pub items: Vec<BudgetLine>,
    pub totals: BudgetTotals,
}

/// Every budget (of `period`, when given) with what was actually spent, newest month first and
/// then by category. Sums are taken in Rust: a SQL `SUM` is `Numeric` on PostgreSQL.
pub fn budget_vs_actual(conn: &mut AnyConnection, period: Option<&str>) -> Result<BudgetVsActual, ApiError> {
    let mut query = budgets::table.into_boxed();
    if let Some(period) = period {
        query = query.filter(budgets::period.eq(period));
    }
    let budgets: Vec<Budget> = query
        .order((budgets::period.desc(), budgets::category.asc(), budgets::id.asc()))
        .select(Budget::as_select())
        .load(conn)?;

    // Every expense that can count towards one of these budgets, summed per category and month.
    let months: Vec<(NaiveDate, NaiveDate)> = budgets.iter().filter_map(|b| month_bounds(&b.period)).collect();
    let mut spent: HashMap<(String, i32, u32), i64> = HashMap::new();
    if let (Some(from), Some(to)) = (months.iter().map(|m| m.0).min(), months.iter().map(|m| m.1).max()) {
        for (category, day, amount) in budgeted_amounts_between(conn, from, to)? {
            let total = spent.entry((category_key(&category), day.year(), day.month())).or_insert(0);
            *total = total.saturating_add(amount);
        }
    }

    let mut totals = BudgetTotals::default();
    let items = budgets
        .into_iter()
        .map(|budget| {
            let actual_cents = month_bounds(&budget.period)
                .and_then(|(first, _)| {
                    spent.get(&(category_key(&budget.category), first.year(), first.month())).copied()
                })
                .unwrap_or(0);
            let budgeted_cents = budget.amount_cents;
            let variance_cents = budgeted_cents.saturating_sub(actual_cents);
            totals.budgeted_cents = totals.budgeted_cents.saturating_add(budgeted_cents);
            totals.actual_cents = totals.actual_cents.saturating_add(actual_cents);
            totals.variance_cents = totals.variance_cents.saturating_add(variance_cents);
            BudgetLine {
                budget_id: budget.id,
                category: budget.category,
                period: budget.period,
                budgeted_cents,
                actual_cents,
                variance_cents,
                utilization: (budgeted_cents != 0).then(|| actual_cents as f64 / budgeted_cents as f64),
                over_budget: actual_cents > budgeted_cents,
            }
        })
        .collect();
    Ok(BudgetVsActual { items, totals })
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
