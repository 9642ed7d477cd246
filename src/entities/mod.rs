//! The back office's records: one file per entity with its record, its insert and update forms,
//! their validation, and its queries. `Resource` is what the generic REST handlers need of each.

pub mod accounts;
pub mod actions;
pub mod audit;
pub mod budget;
pub mod bulk;
pub mod customer;
pub mod day;
pub mod declarations;
pub mod delivery;
pub mod driver;
pub mod employee;
pub mod expense;
pub mod facets;
pub mod invoice;
pub mod order;
pub mod product;
pub mod rules;
pub mod schemas;
pub mod service;
pub mod sorting;
mod status_sql;
pub mod totals;
pub mod tracking;
pub mod transit_batch;
pub mod write;

use chrono::{NaiveDateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::fields::Declaration;
use crate::domain::status::Status;
use crate::domain::Entity;
use crate::error::{ApiError, FieldErrors};

pub use day::Day;

/// A kind of record the REST API lists, reads, creates, updates and deletes.
pub trait Resource: Serialize + ToSchema + Send + Sized + 'static {
    const ENTITY: Entity;
    /// Its fields, as its `#[collection]` declares them.
    const DECLARATION: Declaration;
    /// The body of `POST`.
    type New: DeserializeOwned + ToSchema + Send + 'static;
    /// The body of `PATCH`: every field optional.
    type Changes: DeserializeOwned + ToSchema + Send + 'static;
    /// The query-string filters of the list.
    type Filter: DeserializeOwned + IntoParams + Send + 'static;

    fn id(&self) -> i64;
    fn version(&self) -> i64;

    /// The driver whose record this is, for callers who may reach only their own (drivers).
    fn owner_driver(&self) -> Option<i64> {
        None
    }

    /// Narrows a list to one driver's records; `false` when this resource has none.
    fn restrict_to_driver(_filter: &mut Self::Filter, _driver: i64) -> bool {
        false
    }

    /// One page of the records that match, and how many match in all when the page asks
    /// (`list_page!`).
    fn list(conn: &mut AnyConnection, filter: &Self::Filter, page: Page) -> Result<(Vec<Self>, Option<i64>), ApiError>;
    /// The sums of its `Entity::summed` fields over every record that matches, as `list` counts
    /// `total` (`totals::sum_columns!`); none for a collection without money to add up.
    fn sums(_conn: &mut AnyConnection, _filter: &Self::Filter, _page: &Page) -> Result<Sums, ApiError> {
        Ok(Sums::new())
    }
    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError>;
    /// Validates and stores a new record.
    fn create(conn: &mut AnyConnection, new: Self::New) -> Result<Self, ApiError>;
    /// Validates and applies `changes` to `current`, raising its version by one.
    fn update(conn: &mut AnyConnection, current: Self, changes: Self::Changes) -> Result<Self, ApiError>;
    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError>;

    /// Deletes, and answers the events of any other records the delete changed (an employee's
    /// expenses lose their `employee_id`), so their subscribers hear of it too.
    fn delete_with_effects(conn: &mut AnyConnection, id: i64) -> Result<Vec<EntityEvent>, ApiError> {
        Self::delete(conn, id)?;
        Ok(Vec::new())
    }
}

/// A list's sums, by field name (`{"amount_cents": 123456}`): see `totals`.
pub type Sums = std::collections::BTreeMap<&'static str, i64>;

/// Which page of a list: `limit` records after the record `after` (keyset: as fast deep in the
/// list as at its start), or else at `offset`; with the total only when it costs nothing extra
/// to ask for it (offset pages, as before) or when asked (`count=exact`); of only the records
/// `ids` names when it names some (a client looking up the names of the records on its screen).
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
    /// The id of the last record of the previous page.
    pub after: Option<i64>,
    /// Whether to count every record that matches (a scan of them).
    pub count: bool,
    /// Only these records (`?ids=3,17,42`), when given.
    pub ids: Option<Vec<i64>>,
    /// In the order of one sortable field (`?sort=name`, `?sort=-name`) instead of newest first.
    pub sort: Option<Sort>,
}

/// `?sort=`: one of the collection's sortable fields (`Entity::sortable`), ascending or, with a
/// leading `-`, descending.
#[derive(Debug, Clone, Serialize)]
pub struct Sort {
    pub field: &'static str,
    pub descending: bool,
}

/// `name` or `-name`, for a field `entity` declares sortable; empty is no sort; anything else is a
/// 400 naming `sort` and listing what it accepts.
fn parse_sort(declaration: &Declaration, text: &str) -> Result<Option<Sort>, ApiError> {
    if text.is_empty() {
        return Ok(None);
    }
    let (name, descending) = match text.strip_prefix('-') {
        Some(name) => (name, true),
        None => (text, false),
    };
    match declaration.sortable().find(|field| field.name == name) {
        Some(field) => Ok(Some(Sort { field: field.name, descending })),
        None => Err(ApiError::bad_query(
            "sort",
            format!("must be one of: {} (not {text:?})", declaration.sort_values().join(", ")),
        )),
    }
}

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;
/// The most ids one `?ids=` may name: as many as one page can hold.
pub const MAX_IDS: usize = MAX_LIMIT as usize;

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    after: Option<i64>,
    count: Option<String>,
    ids: Option<String>,
    sort: Option<String>,
}

/// `3,17,42` -> the ids, each 1 or more, at most `MAX_IDS` of them; anything else is a 400 naming `ids`.
fn parse_ids(text: &str) -> Result<Vec<i64>, ApiError> {
    let bad = |why: String| ApiError::bad_request("bad_query", format!("ids {why}"));
    let ids = text
        .split(',')
        .map(|part| match part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse::<i64>()) {
            Some(Ok(id)) if id >= 1 => Ok(id),
            _ => Err(bad(format!("must be record ids (1 or more) separated by commas, like 3,17,42 (not {part:?})"))),
        })
        .collect::<Result<Vec<i64>, ApiError>>()?;
    if ids.len() > MAX_IDS {
        return Err(bad(format!("may name at most {MAX_IDS} records (not {})", ids.len())));
    }
    Ok(ids)
}

impl PageQuery {
    /// A page of `entity`'s list. Defaults to 50; a limit above 500 is lowered to 500.
    pub fn page(&self, declaration: &Declaration) -> Result<Page, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        let offset = self.offset.unwrap_or(0);
        if limit < 1 {
            return Err(ApiError::bad_query("limit", "must be at least 1"));
        }
        if offset < 0 {
            return Err(ApiError::bad_query("offset", "must not be negative"));
        }
        if self.after.is_some_and(|after| after < 1) {
            return Err(ApiError::bad_query("after", "must be the id of a record (1 or more)"));
        }
        if self.after.is_some() && self.offset.is_some() {
            return Err(ApiError::bad_query("after", "give after or offset, not both"));
        }
        let count = match self.count.as_deref() {
            None => self.after.is_none(),
            Some("exact") => true,
            Some(other) => {
                return Err(ApiError::bad_query("count", format!("must be exact (not {other:?})")));
            }
        };
        let ids = self.ids.as_deref().map(parse_ids).transpose()?;
        let sort = self.sort.as_deref().map(|text| parse_sort(declaration, text)).transpose()?.flatten();
        Ok(Page { limit: limit.min(MAX_LIMIT), offset, after: self.after, count, ids, sort })
    }
}

/// One page of `$query` (a function of no arguments answering a boxed query of `$table`): in
/// the order `page.sort` asks for (by `$sorted`, the function `sorting::sort_columns!` makes), or
/// else newest first (by `$order`, ending in the id column `$id`); the records after `page.after`
/// — found by `$sorted`, or by `$after`, the condition for records listed after the one with that
/// id — or those at `page.offset`, of those `page.ids` names if it names some; and how many match
/// in all when the page asks. Answers `(Vec<$record>, Option<i64>)`.
macro_rules! list_page {
    ($conn:expr, $query:expr, $page:expr, $select:expr, order: $order:expr, after: $after:expr, id: $id:expr, sorted: $sorted:expr) => {{
        let page: $crate::entities::Page = $page;
        let only = || {
            let query = $query();
            match &page.ids {
                Some(ids) => query.filter($id.eq_any(ids.clone())),
                None => query,
            }
        };
        let total = if page.count { Some(only().count().get_result::<i64>($conn)?) } else { None };
        let query = match &page.sort {
            Some(sort) => $sorted($conn, only(), only(), sort, page.after)?.limit(page.limit),
            None => {
                let query = only().order($order).limit(page.limit);
                match page.after {
                    Some(after) => query.filter($after(after)),
                    None => query,
                }
            }
        };
        let query = if page.after.is_some() { query } else { query.offset(page.offset) };
        (query.select($select).load($conn)?, total)
    }};
    ($conn:expr, $query:expr, $page:expr, $select:expr, table: $table:ident) => {
        $crate::entities::list_page!(
            $conn, $query, $page, $select,
            order: $table::id.desc(), after: |after: i64| $table::id.lt(after), id: $table::id, sorted: sorted
        )
    };
}
pub(crate) use list_page;

/// A list filter naming a value outside `allowed` is a 400, not a silently empty list.
pub fn check_filter(name: &str, value: Option<&str>, allowed: &[&str]) -> Result<(), ApiError> {
    match value {
        Some(value) if !value.is_empty() && !allowed.contains(&value) => {
            Err(ApiError::bad_query(name, format!("must be one of: {} (not {value:?})", allowed.join(", "))))
        }
        _ => Ok(()),
    }
}

/// A month filter (`?period=2026-11`) that is not a month is a 400, not an empty list.
pub fn check_month_filter(name: &str, value: Option<&str>) -> Result<(), ApiError> {
    match value {
        Some(month) if !month.is_empty() && day::month_bounds(month).is_none() => Err(ApiError::bad_query(
            name,
            format!("must be a month like 2026-11 (YYYY-MM, year 0001 to 9999; not {month:?})"),
        )),
        _ => Ok(()),
    }
}

/// The status called `value` of a body's `field`; a 422 naming the field and listing the
/// statuses unless there is one.
pub fn parse_status<S: Status>(field: &str, value: &str) -> Result<S, ApiError> {
    S::parse(value).ok_or_else(|| ApiError::invalid(field, must_be_one_of(S::NAMES)))
}

fn must_be_one_of(allowed: &[&str]) -> String {
    format!("must be one of: {}", allowed.join(", "))
}

/// `1 order`, `3 orders`.
pub fn how_many(count: i64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// 409 `in_use`: a record others still refer to, in words for the person who asked (its name,
/// what holds it, and what to do instead).
pub fn in_use(message: String) -> ApiError {
    ApiError::conflict("in_use", message)
}

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

diesel::define_sql_function! {
    /// Lower-cases text the same way on both backends, for case-insensitive search.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// `%q%` for a LIKE, with LIKE's wildcards in `q` taken literally. Searches compare
/// `lower(field)` with `lower(pattern)`, both lowered by the database, so the exact spelling
/// always matches and case folds alike on both sides (SQLite's `lower` folds only A–Z).
pub fn like_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// The record number a search names, as people write it (`42`, `#42`): `None` for any other
/// search, which then matches no number (an `id = NULL` is never true).
pub fn record_number(q: &str) -> Option<i64> {
    let digits = q.trim().strip_prefix('#').unwrap_or(q.trim());
    digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok()).flatten()
}

/// For `PATCH` fields that may be set to null: absent is `None`, null is `Some(None)`.
pub fn nullable<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// For `PATCH` fields that may be left out but not cleared: absent is `None`, and `null` fails
/// (a 422 naming the field) instead of passing for "no change".
pub fn present<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Timestamps go over the wire as RFC 3339 in UTC (`2026-11-25T09:30:00.123456Z`).
pub mod rfc3339 {
    use chrono::NaiveDateTime;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&value.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    }

    pub mod option {
        use chrono::NaiveDateTime;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(value: &Option<NaiveDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => super::serialize(value, serializer),
                None => serializer.serialize_none(),
            }
        }
    }
}

/// Collects what is wrong with a form, field by field, and fails with all of it at once.
#[derive(Debug, Default)]
pub struct Check(FieldErrors);

/// The most characters a text field holds unless its declaration says otherwise.
pub const MAX_TEXT: usize = 2_000;

impl Check {
    pub fn new() -> Self {
        Check::default()
    }

    pub fn fail(&mut self, field: &str, problem: impl Into<String>) {
        self.0.entry(field.to_owned()).or_insert_with(|| problem.into());
    }

    /// Non-blank text of reasonable length.
    pub fn text(&mut self, field: &str, value: &str) {
        self.text_within(field, value, MAX_TEXT);
    }

    pub fn optional_text(&mut self, field: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.at_most_chars(field, value, MAX_TEXT);
        }
    }

    /// Non-blank text of at most `max` characters.
    pub fn text_within(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.fail(field, "must not be blank");
        } else {
            self.at_most_chars(field, value, max);
        }
    }

    pub fn at_most_chars(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.fail(field, format!("must be at most {max} characters"));
        }
    }

    pub fn at_least(&mut self, field: &str, value: i64, min: i64) {
        match min {
            0 => self.non_negative(field, value),
            1 => self.positive(field, value),
            _ if value < min => self.fail(field, format!("must be at least {min}")),
            _ => {}
        }
    }

    pub fn at_most(&mut self, field: &str, value: i64, max: i64) {
        if value > max {
            self.fail(field, format!("must be at most {max}"));
        }
    }

    /// A month, `YYYY-MM`.
    pub fn month(&mut self, field: &str, value: &str) {
        if day::month_bounds(value).is_none() {
            self.fail(field, "must be a month like 2026-11 (YYYY-MM, year 0001 to 9999, month 01 to 12)");
        }
    }

    pub fn email(&mut self, field: &str, value: &str) {
        let valid = value.len() <= 254
            && value.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.chars().any(char::is_whitespace)
                    && !domain.contains('@')
            });
        if !valid {
            self.fail(field, "must be an email address like name@example.com");
        }
    }

    pub fn non_negative(&mut self, field: &str, value: i64) {
        if value < 0 {
            self.fail(field, "must not be negative");
        }
    }

    pub fn positive(&mut self, field: &str, value: i64) {
        if value <= 0 {
            self.fail(field, "must be greater than zero");
        }
    }

    pub fn one_of(&mut self, field: &str, value: &str, allowed: &[&str]) {
        if !allowed.contains(&value) {
            self.fail(field, must_be_one_of(allowed));
        }
    }

    /// The status called `value`, or a failure of `field` listing the statuses.
    pub fn status<S: Status>(&mut self, field: &str, value: &str) -> Option<S> {
        let parsed = S::parse(value);
        if parsed.is_none() {
            self.one_of(field, value, S::NAMES);
        }
        parsed
    }

    /// Fails with a 422 naming a field that refers to a record that does not exist.
    pub fn exists(&mut self, conn: &mut AnyConnection, field: &str, entity: Entity, id: i64) -> Result<(), ApiError> {
        if !record_exists(conn, entity, id)? {
            self.fail(field, format!("no {} with id {id}", entity.singular().replace('_', " ")));
        }
        Ok(())
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}

/// Maps the "no rows" of a lookup by id to a 404 naming the entity.
pub fn not_found(entity: Entity, id: i64) -> impl FnOnce(diesel::result::Error) -> ApiError {
    move |error| match error {
        diesel::result::Error::NotFound => ApiError::NotFound(format!("{} {id}", entity.singular().replace('_', " "))),
        other => other.into(),
    }
}

/// What every change to a record of `$table` sets besides its own columns: the version one up
/// (raised in SQL, so it is right whatever the caller read) and `updated_at` (now, or `$at`).
macro_rules! touched {
    ($table:ident) => {
        $crate::entities::touched!($table, $crate::entities::now())
    };
    ($table:ident, $at:expr) => {
        ($table::version.eq($table::version + 1), $table::updated_at.eq($at))
    };
}
pub(crate) use touched;

/// Inserts `$values` into `$table` and answers the new record, read back by the INSERT itself
/// (`RETURNING`: one statement, not an INSERT and a SELECT). diesel's `MultiConnection` does not
/// take a `RETURNING` of a whole record, so each backend's connection runs it.
macro_rules! insert_returning {
    ($conn:expr, $table:path, $values:expr) => {
        $crate::db::on_backend!($conn, |conn| diesel::insert_into($table)
            .values($values)
            .returning(Self::as_returning())
            .get_result::<Self>(conn))
    };
}
pub(crate) use insert_returning;

/// Sets `$changes` on the record `$id` of `$table` and answers it as it now is (`RETURNING`, as
/// [`insert_returning`]).
macro_rules! update_returning {
    ($conn:expr, $table:path, $id:expr, $changes:expr) => {
        $crate::db::on_backend!($conn, |conn| diesel::update($table.find($id))
            .set($changes)
            .returning(Self::as_returning())
            .get_result::<Self>(conn))
    };
}
pub(crate) use update_returning;

/// Deletes one row by id, 404 when there is none.
macro_rules! delete_by_id {
    ($conn:expr, $table:path, $entity:expr, $id:expr) => {{
        let deleted = diesel::delete($table.find($id)).execute($conn)?;
        if deleted == 0 {
            Err($crate::error::ApiError::NotFound(format!("{} {}", $entity.singular().replace('_', " "), $id)))
        } else {
            Ok(())
        }
    }};
}
pub(crate) use delete_by_id;

/// Whether a record of `entity` with `id` exists.
pub fn record_exists(conn: &mut AnyConnection, entity: Entity, id: i64) -> diesel::QueryResult<bool> {
    use crate::db::schema::*;
    use diesel::dsl::exists;
    use diesel::prelude::*;
    match entity {
        Entity::Order => diesel::select(exists(orders::table.find(id))).get_result(conn),
        Entity::Customer => diesel::select(exists(customers::table.find(id))).get_result(conn),
        Entity::Employee => diesel::select(exists(employees::table.find(id))).get_result(conn),
        Entity::Service => diesel::select(exists(services::table.find(id))).get_result(conn),
        Entity::Product => diesel::select(exists(products::table.find(id))).get_result(conn),
        Entity::Invoice => diesel::select(exists(invoices::table.find(id))).get_result(conn),
        Entity::Expense => diesel::select(exists(expenses::table.find(id))).get_result(conn),
        Entity::Budget => diesel::select(exists(budgets::table.find(id))).get_result(conn),
        Entity::Driver => diesel::select(exists(drivers::table.find(id))).get_result(conn),
        Entity::Delivery => diesel::select(exists(deliveries::table.find(id))).get_result(conn),
        Entity::TransitBatch => diesel::select(exists(transit_batches::table.find(id))).get_result(conn),
    }
}
