//! What the finance views read: the open invoices of one kind with their totals and aging by
//! days past due. Summed in Rust, not SQL (SUM is Numeric on PostgreSQL).

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::invoice::{today, Invoice};
use crate::db::schema::invoices;
use crate::db::AnyConnection;
use crate::domain::status::InvoiceStatus;
use crate::error::ApiError;

/// Cents of open invoices by how many days past their due date they are.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Aging {
    /// Not yet due (due today or later).
    pub current: i64,
    pub days_1_30: i64,
    pub days_31_60: i64,
    pub days_61_90: i64,
    pub days_over_90: i64,
}

/// `GET /api/accounts-receivable` and `GET /api/accounts-payable`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccountsSummary {
    /// receivable or payable.
    pub kind: &'static str,
    /// The day the aging is measured on (UTC).
    pub as_of: NaiveDate,
    pub open_count: i64,
    pub open_total_cents: i64,
    pub overdue_count: i64,
    pub overdue_total_cents: i64,
    pub aging: Aging,
    /// The open invoices, oldest due date first.
    pub invoices: Vec<Invoice>,
}

/// Totals and ages `open` (open invoices) as of `today`.
pub fn summarize(kind: &'static str, today: NaiveDate, open: Vec<Invoice>) -> AccountsSummary {
    let mut summary = AccountsSummary {
        kind,
        as_of: today,
        open_count: 0,
        open_total_cents: 0,
        overdue_count: 0,
        overdue_total_cents: 0,
        aging: Aging::default(),
        invoices: Vec::new(),
    };
    for invoice in &open {
        let amount = invoice.amount_cents;
        summary.open_count += 1;
        // Saturating: one invoice may carry up to i64::MAX cents; the sum must not panic.
        summary.open_total_cents = summary.open_total_cents.saturating_add(amount);
        let days_late = (today - invoice.due_date).num_days();
        if days_late > 0 {
            summary.overdue_count += 1;
            summary.overdue_total_cents = summary.overdue_total_cents.saturating_add(amount);
        }
        let bucket = match days_late {
            i64::MIN..=0 => &mut summary.aging.current,
            1..=30 => &mut summary.aging.days_1_30,
            31..=60 => &mut summary.aging.days_31_60,
            61..=90 => &mut summary.aging.days_61_90,
            _ => &mut summary.aging.days_over_90,
        };
        *bucket = bucket.saturating_add(amount);
    }
    summary.invoices = open;
    summary
}

pub fn load_summary(conn: &mut AnyConnection, kind: &'static str) -> Result<AccountsSummary, ApiError> {
    let open = invoices::table
        .filter(invoices::kind.eq(kind).and(invoices::status.eq(InvoiceStatus::Open)))
        .order((invoices::due_date.asc(), invoices::id.asc()))
        .select(Invoice::as_select())
        .load(conn)?;
    Ok(summarize(kind, today(), open))
}
