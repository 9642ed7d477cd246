//! Invoices: money owed to the business (receivable) or by it (payable). An open invoice whose
//! due date has passed is overdue; the accounts receivable / payable views age them.

use chrono::{Days, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, nullable, Check, Day, Page, Resource};
use crate::db::schema::{customers, invoices};
use crate::db::AnyConnection;
use crate::domain::status::{InvoiceStatus, Status};
use crate::domain::Entity;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = invoices)]
pub struct Invoice {
    pub id: i64,
    /// Unique, like `INV-000123`.
    pub number: String,
    /// receivable or payable.
    pub kind: String,
    pub customer_id: Option<i64>,
    pub counterparty: String,
    pub amount_cents: i64,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    #[schema(schema_with = crate::entities::fields::invoice_status)]
    pub status: InvoiceStatus,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInvoice {
    /// Generated (`INV-000123`) when omitted.
    #[schema(max_length = 64, pattern = r"\S")]
    pub number: Option<String>,
    #[schema(schema_with = crate::entities::fields::invoice_kind)]
    pub kind: String,
    pub customer_id: Option<i64>,
    /// Defaults to the customer's name when a customer is given.
    #[schema(max_length = 2000, pattern = r"\S")]
    pub counterparty: Option<String>,
    #[schema(minimum = 0)]
    pub amount_cents: i64,
    /// Defaults to today (UTC).
    #[schema(value_type = Option<String>, format = Date)]
    pub issue_date: Option<Day>,
    /// Defaults to 30 days after the issue date (9999-12-31 at the latest).
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<Day>,
    /// Defaults to draft.
    #[schema(schema_with = crate::entities::fields::new_invoice_status)]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoiceChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 64, pattern = r"\S", nullable = false)]
    pub number: Option<String>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(schema_with = crate::entities::fields::invoice_kind)]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub customer_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub counterparty: Option<String>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(minimum = 0, nullable = false)]
    pub amount_cents: Option<i64>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(value_type = String, format = Date)]
    pub issue_date: Option<Day>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(value_type = String, format = Date)]
    pub due_date: Option<Day>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(schema_with = crate::entities::fields::invoice_status)]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct InvoiceFilter {
    #[param(schema_with = crate::entities::fields::invoice_kind_filter)]
    pub kind: Option<String>,
    #[param(schema_with = crate::entities::fields::invoice_status_filter)]
    pub status: Option<String>,
    pub customer_id: Option<i64>,
    /// true: open and past due; false: everything else.
    pub overdue: Option<bool>,
    /// Searches the number, the counterparty and the customer's name.
    pub q: Option<String>,
}

pub const KINDS: &[&str] = &["receivable", "payable"];
pub const STATUSES: &[&str] = InvoiceStatus::NAMES;
/// Days from issue to due when the due date is not given.
pub const DEFAULT_TERMS_DAYS: u64 = 30;

/// Today's date in UTC: the day "overdue" is measured against.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Checks the fields given; the status, parsed, when one was given and is one.
#[allow(clippy::too_many_arguments)]
fn check(
    check: &mut Check,
    number: Option<&str>,
    kind: Option<&str>,
    counterparty: Option<&str>,
    amount_cents: Option<i64>,
    status: Option<&str>,
    issue_date: NaiveDate,
    due_date: NaiveDate,
) -> Option<InvoiceStatus> {
    if let Some(number) = number {
        check.text("number", number);
        if number.chars().count() > 64 {
            check.fail("number", "must be at most 64 characters");
        }
    }
    if let Some(kind) = kind {
        check.one_of("kind", kind, KINDS);
    }
    if let Some(counterparty) = counterparty {
        check.text("counterparty", counterparty);
    }
    if let Some(amount) = amount_cents {
        check.non_negative("amount_cents", amount);
    }
    let status = status.and_then(|status| check.status("status", status));
    if due_date < issue_date {
        check.fail("due_date", format!("must not be before the issue date ({issue_date})"));
    }
    status
}

// The columns of the fields `Entity::Invoice.sortable()` declares.
super::sorting::sort_columns!(invoices: id, number, kind, customer_id, counterparty, amount_cents, issue_date, due_date, status, created_at);

// The columns of the fields `Entity::Invoice.summed()` declares.
super::totals::sum_columns!(invoices: amount_cents);

type Filtered<'a> = invoices::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &InvoiceFilter) -> Filtered<'_> {
    let mut query = invoices::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        let customers_named = customers::table
            .filter(lower(customers::name).like(pattern.clone()).escape('\\'))
            .select(customers::id.nullable());
        query = query.filter(
            lower(invoices::number)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(invoices::counterparty).like(pattern).escape('\\'))
                .or(invoices::customer_id.eq_any(customers_named)),
        );
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(invoices::kind.eq(kind));
    }
    if let Some(status) = &filter.status {
        query = query.filter(invoices::status.eq(status));
    }
    if let Some(customer_id) = filter.customer_id {
        query = query.filter(invoices::customer_id.eq(customer_id));
    }
    match filter.overdue {
        Some(true) => {
            query = query.filter(invoices::status.eq(InvoiceStatus::Open).and(invoices::due_date.lt(today())))
        }
        Some(false) => {
            query = query.filter(invoices::status.ne(InvoiceStatus::Open).or(invoices::due_date.ge(today())))
        }
        None => {}
    }
    query
}

/// `INV-000123` for invoice 123, or with a suffix if someone already chose that number.
fn generated_number(conn: &mut AnyConnection, id: i64) -> Result<String, ApiError> {
    let base = format!("INV-{id:06}");
    let mut candidate = base.clone();
    for n in 2.. {
        let taken: bool = diesel::select(diesel::dsl::exists(invoices::table.filter(invoices::number.eq(&candidate))))
            .get_result(conn)?;
        if !taken {
            break;
        }
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}

impl Resource for Invoice {
    const ENTITY: Entity = Entity::Invoice;
    type New = NewInvoice;
    type Changes = InvoiceChanges;
    type Filter = InvoiceFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(
        conn: &mut AnyConnection,
        filter: &InvoiceFilter,
        page: Page,
    ) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        super::check_filter("status", filter.status.as_deref(), STATUSES)?;
        super::check_filter("kind", filter.kind.as_deref(), KINDS)?;
        let (items, total) = super::list_page!(conn, || filtered(filter), page, Invoice::as_select(), table: invoices);
        Ok((items, total))
    }

    fn sums(conn: &mut AnyConnection, filter: &InvoiceFilter, page: &Page) -> Result<super::totals::Sums, ApiError> {
        summed(conn, || filtered(filter), page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        invoices::table.find(id).select(Invoice::as_select()).first(conn).map_err(not_found(Self::ENTITY, id))
    }

    fn create(conn: &mut AnyConnection, new: NewInvoice) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        let issue_date = new.issue_date.map_or_else(today, Day::date);
        let due_date = match new.due_date {
            Some(due) => due.date(),
            None => issue_date
                .checked_add_days(Days::new(DEFAULT_TERMS_DAYS))
                .and_then(Day::new)
                .unwrap_or(Day::LAST)
                .date(),
        };
        let mut customer_name = None;
        if let Some(customer_id) = new.customer_id {
            customer_name =
                customers::table.find(customer_id).select(customers::name).first::<String>(conn).optional()?;
            if customer_name.is_none() {
                errors.fail("customer_id", format!("no customer with id {customer_id}"));
            }
        }
        let counterparty = new.counterparty.or(customer_name);
        if counterparty.is_none() && new.customer_id.is_none() {
            errors.fail("counterparty", "is required when no customer_id is given");
        }
        let status = check(
            &mut errors,
            new.number.as_deref(),
            Some(&new.kind),
            counterparty.as_deref(),
            Some(new.amount_cents),
            new.status.as_deref(),
            issue_date,
            due_date,
        );
        errors.finish()?;
        let at = now();
        // A unique stand-in until the id is known; replaced in this same transaction.
        let number = new
            .number
            .clone()
            .unwrap_or_else(|| format!("\u{1}pending-{}", at.and_utc().timestamp_nanos_opt().unwrap_or(0)));
        let id = diesel::insert_into(invoices::table)
            .values((
                invoices::number.eq(number),
                invoices::kind.eq(new.kind),
                invoices::customer_id.eq(new.customer_id),
                invoices::counterparty.eq(counterparty.unwrap_or_default()),
                invoices::amount_cents.eq(new.amount_cents),
                invoices::issue_date.eq(issue_date),
                invoices::due_date.eq(due_date),
                invoices::status.eq(status.unwrap_or(InvoiceStatus::Draft)),
                invoices::created_at.eq(at),
                invoices::updated_at.eq(at),
            ))
            .returning(invoices::id)
            .get_result(conn)?;
        if new.number.is_none() {
            let number = generated_number(conn, id)?;
            diesel::update(invoices::table.find(id)).set(invoices::number.eq(number)).execute(conn)?;
        }
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: InvoiceChanges) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        if let Some(Some(customer_id)) = changes.customer_id {
            errors.exists(conn, "customer_id", Entity::Customer, customer_id)?;
        }
        let issue_date = changes.issue_date.map_or(current.issue_date, Day::date);
        let due_date = changes.due_date.map_or(current.due_date, Day::date);
        let status = check(
            &mut errors,
            changes.number.as_deref(),
            changes.kind.as_deref(),
            changes.counterparty.as_deref(),
            changes.amount_cents,
            changes.status.as_deref(),
            issue_date,
            due_date,
        );
        errors.finish()?;
        diesel::update(invoices::table.find(current.id))
            .set((
                invoices::number.eq(changes.number.unwrap_or(current.number)),
                invoices::kind.eq(changes.kind.unwrap_or(current.kind)),
                invoices::customer_id.eq(changes.customer_id.unwrap_or(current.customer_id)),
                invoices::counterparty.eq(changes.counterparty.unwrap_or(current.counterparty)),
                invoices::amount_cents.eq(changes.amount_cents.unwrap_or(current.amount_cents)),
                invoices::issue_date.eq(issue_date),
                invoices::due_date.eq(due_date),
                invoices::status.eq(status.unwrap_or(current.status)),
                super::touched!(invoices),
            ))
            .execute(conn)?;
        Self::find(conn, current.id)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        super::delete_by_id!(conn, invoices::table, Self::ENTITY, id)
    }
}
