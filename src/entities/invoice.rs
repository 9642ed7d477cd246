//! Invoices: money owed to the business (receivable) or by it (payable). An open invoice whose
//! due date has passed is overdue; the accounts receivable / payable views age them.

use chrono::{Days, NaiveDate, Utc};
use diesel::prelude::*;
use switchboard_macros::collection;

use super::{now, Check, Day, Page, Resource};
use crate::db::schema::{customers, invoices};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::status::InvoiceStatus;
use crate::domain::Entity;
use crate::error::ApiError;

/// An invoice: money owed to the business (receivable) or by it (payable).
#[collection(entity = Invoice, table = invoices, display = number, range = issue_date,
             filters(overdue: bool = "Overdue"))]
pub struct Invoice {
    /// Unique, like `INV-000123`; generated when a new invoice leaves it out.
    #[field(text, max = 64, filled, sortable, searchable)]
    pub number: String,
    /// receivable or payable.
    #[field(one_of = KINDS, sortable, filter)]
    pub kind: String,
    #[field(reference = Customer, sortable, filter, searchable = name)]
    pub customer_id: Option<i64>,
    /// The customer's name when a new invoice names a customer and leaves it out.
    #[field(text, filled, sortable, searchable)]
    pub counterparty: String,
    #[field(money, sortable, summed)]
    pub amount_cents: i64,
    /// Today (UTC) when a new invoice leaves it out.
    #[field(date, filled, sortable)]
    pub issue_date: NaiveDate,
    /// 30 days after the issue date (9999-12-31 at the latest) when a new invoice leaves it out.
    #[field(date, filled, sortable)]
    pub due_date: NaiveDate,
    #[field(status = InvoiceStatus, default = "draft", sortable, filter)]
    pub status: InvoiceStatus,
}

pub const KINDS: &[&str] = &["receivable", "payable"];
/// Days from issue to due when the due date is not given.
pub const DEFAULT_TERMS_DAYS: u64 = 30;

/// Today's date in UTC: the day "overdue" is measured against.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// 422 on `due_date` when it comes before `issue_date`.
fn check_terms(check: &mut Check, issue_date: NaiveDate, due_date: NaiveDate) {
    if due_date < issue_date {
        check.fail("due_date", format!("must not be before the issue date ({issue_date})"));
    }
}

/// `?overdue=true`: open and past due; `false`: everything else.
fn refine<'a>(query: Filtered<'a>, filter: &InvoiceFilter) -> Filtered<'a> {
    match filter.overdue {
        Some(true) => query.filter(invoices::status.eq(InvoiceStatus::Open).and(invoices::due_date.lt(today()))),
        Some(false) => query.filter(invoices::status.ne(InvoiceStatus::Open).or(invoices::due_date.ge(today()))),
        None => query,
    }
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
    const DECLARATION: Declaration = DECLARATION;
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
        list_rows(conn, filter, page)
    }

    fn sums(conn: &mut AnyConnection, filter: &InvoiceFilter, page: &Page) -> Result<super::totals::Sums, ApiError> {
        sum_rows(conn, filter, page)
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        find_row(conn, id)
    }

    fn create(conn: &mut AnyConnection, new: NewInvoice) -> Result<Self, ApiError> {
        let mut check = Check::new();
        new.check(conn, &mut check)?;
        let issue_date = new.issue_date.map_or_else(today, Day::date);
        let due_date = match new.due_date {
            Some(due) => due.date(),
            None => issue_date
                .checked_add_days(Days::new(DEFAULT_TERMS_DAYS))
                .and_then(Day::new)
                .unwrap_or(Day::LAST)
                .date(),
        };
        check_terms(&mut check, issue_date, due_date);
        // The check above refused a customer that does not exist.
        let customer_name = match new.customer_id {
            Some(customer_id) => {
                customers::table.find(customer_id).select(customers::name).first::<String>(conn).optional()?
            }
            None => None,
        };
        let counterparty = new.counterparty.clone().or(customer_name);
        if counterparty.is_none() && new.customer_id.is_none() {
            check.fail("counterparty", "is required when no customer_id is given");
        }
        check.finish()?;
        let at = now();
        // A unique stand-in until the id is known; replaced in this same transaction.
        let number = new
            .number
            .clone()
            .unwrap_or_else(|| format!("\u{1}pending-{}", at.and_utc().timestamp_nanos_opt().unwrap_or(0)));
        let generate = new.number.is_none();
        let id = diesel::insert_into(invoices::table)
            .values((
                new,
                invoices::number.eq(number),
                invoices::counterparty.eq(counterparty.unwrap_or_default()),
                invoices::issue_date.eq(issue_date),
                invoices::due_date.eq(due_date),
                invoices::created_at.eq(at),
                invoices::updated_at.eq(at),
            ))
            .returning(invoices::id)
            .get_result(conn)?;
        if generate {
            let number = generated_number(conn, id)?;
            diesel::update(invoices::table.find(id)).set(invoices::number.eq(number)).execute(conn)?;
        }
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: InvoiceChanges) -> Result<Self, ApiError> {
        let mut check = Check::new();
        changes.check(conn, &mut check)?;
        let issue_date = changes.issue_date.map_or(current.issue_date, Day::date);
        let due_date = changes.due_date.map_or(current.due_date, Day::date);
        check_terms(&mut check, issue_date, due_date);
        check.finish()?;
        diesel::update(invoices::table.find(current.id)).set((changes, super::touched!(invoices))).execute(conn)?;
        Self::find(conn, current.id)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        super::delete_by_id!(conn, invoices::table, Self::ENTITY, id)
    }
}
