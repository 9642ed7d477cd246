//! The audit trail: for every record a write changed, who changed it, when, by which event, and
//! each field before and after. Written in the write's own transaction (`event_log::record`),
//! never broadcast, pruned only by its own retention; read as a record's history and, by admins,
//! as the whole trail.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment};
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::Day;
use crate::db::schema::audit;
use crate::db::{self, AnyConnection, Column};
use crate::domain::event::{By, EntityEvent, Revision};
use crate::domain::permissions::Role;
use crate::domain::Entity;
use crate::error::ApiError;

/// Fields no entry lists as changed: the id names the record already, and the version and
/// `updated_at` change with every write.
const UNLISTED: &[&str] = &["id", "version", "updated_at"];

/// Entries one page holds by default, and at most.
pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

/// One record's change, as the history and the audit answer it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Entry {
    pub id: i64,
    /// When the change committed (UTC).
    pub at: DateTime<Utc>,
    /// The collection of the record (`orders`).
    pub collection: String,
    pub record_id: i64,
    /// The event the change sent (`order_status_changed`).
    pub action: String,
    /// That event's place in the event log; `null` for a change that sends no event (a token's).
    pub seq: Option<i64>,
    #[schema(value_type = Object)]
    pub by: By,
    /// Each field that changed: all of them, `before` null, for a create; all of them, `after`
    /// null, for a delete.
    pub changes: Vec<Change>,
}

/// One field of a record, before and after a change.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Change {
    pub field: String,
    #[schema(value_type = Object)]
    pub before: Value,
    #[schema(value_type = Object)]
    pub after: Value,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = audit)]
struct Row {
    id: i64,
    at: NaiveDateTime,
    collection: String,
    record_id: i64,
    action: String,
    seq: Option<i64>,
    token_id: i64,
    token_name: String,
    role: String,
    changes: String,
}

impl Row {
    fn entry(self) -> Result<Entry, ApiError> {
        let changes = serde_json::from_str(&self.changes)
            .map_err(|e| ApiError::Internal(format!("audit entry {} holds unreadable changes: {e}", self.id)))?;
        // A role this build does not know (written by a newer one) reads as the least one.
        let role = Role::parse(&self.role).unwrap_or(Role::Driver);
        Ok(Entry {
            id: self.id,
            at: Utc.from_utc_datetime(&self.at),
            collection: self.collection,
            record_id: self.record_id,
            action: self.action,
            seq: self.seq,
            by: By { token_id: self.token_id, name: self.token_name, role },
            changes,
        })
    }
}

/// The tokens' entries are under this name (`GET /api/audit?collection=tokens`): a token is no
/// collection and sends no event, but who made or revoked one is the trail's to tell.
pub const TOKENS: &str = "tokens";

/// An entry as written, before the database numbers it.
#[derive(Insertable)]
#[diesel(table_name = audit, treat_none_as_default_value = false)]
pub struct NewEntry {
    at: NaiveDateTime,
    collection: &'static str,
    record_id: i64,
    action: String,
    seq: Option<i64>,
    token_id: i64,
    token_name: String,
    role: &'static str,
    changes: String,
}

/// Entries one INSERT writes at most: well under either backend's limit of bound parameters.
const ROWS_PER_INSERT: usize = 1_000;

/// The entries of `event` (logged as `seq`), made by `by`: one for each record it changed.
pub fn entries(event: &EntityEvent, seq: i64, by: &By) -> QueryResult<Vec<NewEntry>> {
    let action = event.event_type();
    event.revisions.iter().map(|revision| entry(event.entity.collection(), &action, Some(seq), by, revision)).collect()
}

/// `entries` as one array a column, written by one `INSERT … SELECT * FROM unnest(…)`
/// (`db::unnest`) on PostgreSQL, with a group's events (`event_log::Batch::write`).
pub struct Columns<'a> {
    at: Column<Timestamp, NaiveDateTime>,
    collection: Column<Text, &'a str>,
    record_id: Column<BigInt, i64>,
    action: Column<Text, &'a str>,
    seq: Column<Nullable<BigInt>, Option<i64>>,
    token_id: Column<BigInt, i64>,
    token_name: Column<Text, &'a str>,
    role: Column<Text, &'a str>,
    changes: Column<Text, &'a str>,
}

pub fn columns(entries: &[NewEntry]) -> Columns<'_> {
    Columns {
        at: Column::of(entries.iter().map(|entry| entry.at).collect()),
        collection: Column::of(entries.iter().map(|entry| entry.collection).collect()),
        record_id: Column::of(entries.iter().map(|entry| entry.record_id).collect()),
        action: Column::of(entries.iter().map(|entry| entry.action.as_str()).collect()),
        seq: Column::of(entries.iter().map(|entry| entry.seq).collect()),
        token_id: Column::of(entries.iter().map(|entry| entry.token_id).collect()),
        token_name: Column::of(entries.iter().map(|entry| entry.token_name.as_str()).collect()),
        role: Column::of(entries.iter().map(|entry| entry.role).collect()),
        changes: Column::of(entries.iter().map(|entry| entry.changes.as_str()).collect()),
    }
}

impl QueryFragment<Pg> for Columns<'_> {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        let columns: [(&str, &dyn db::Bind); 9] = [
            ("at", &self.at),
            ("collection", &self.collection),
            ("record_id", &self.record_id),
            ("action", &self.action),
            ("seq", &self.seq),
            ("token_id", &self.token_id),
            ("token_name", &self.token_name),
            ("role", &self.role),
            ("changes", &self.changes),
        ];
        db::unnest(out, "audit", &columns)
    }
}

/// Inside the caller's write transaction: writes `entries`, in order.
pub fn insert(conn: &mut AnyConnection, entries: &[NewEntry]) -> QueryResult<()> {
    for chunk in entries.chunks(ROWS_PER_INSERT) {
        db::on_backend!(conn, |conn| diesel::insert_into(audit::table).values(chunk).execute(conn))?;
    }
    Ok(())
}

/// Inside the caller's transaction: the entry of a change to an API token, which sends no event
/// (`token_created`, `token_revoked`). The token's record never holds its secret or hash.
pub fn append_token(conn: &mut AnyConnection, action: &str, by: &By, revision: &Revision) -> QueryResult<()> {
    insert(conn, &[entry(TOKENS, action, None, by, revision)?])
}

fn entry(
    collection: &'static str,
    action: &str,
    seq: Option<i64>,
    by: &By,
    revision: &Revision,
) -> QueryResult<NewEntry> {
    let changes = serde_json::to_string(&changes(revision))
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    Ok(NewEntry {
        at: super::now(),
        collection,
        record_id: revision.id,
        action: action.to_owned(),
        seq,
        token_id: by.token_id,
        token_name: by.name.clone(),
        role: by.role.as_str(),
        changes,
    })
}

/// The fields `revision` changed, by name: every field a create filled in (before null), every
/// field of a deleted record (after null), and of an updated one those that differ.
fn changes(revision: &Revision) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let fields = |value: &Option<Value>| value.as_ref().and_then(Value::as_object).unwrap_or(&empty).clone();
    let (before, after) = (fields(&revision.before), fields(&revision.after));
    let created = revision.before.is_none();
    let names = if revision.after.is_none() { before.keys() } else { after.keys() };
    names
        .filter(|name| !UNLISTED.contains(&name.as_str()))
        .filter(|name| !created || name.as_str() != "created_at")
        .filter_map(|name| {
            let was = before.get(name).cloned().unwrap_or(Value::Null);
            let now = after.get(name).cloned().unwrap_or(Value::Null);
            // A field the record did not have before (an event's extra data) is no change of it,
            // nor is a field a create left empty.
            let listed =
                (created && !now.is_null()) || revision.after.is_none() || (before.contains_key(name) && was != now);
            listed.then(|| Change { field: name.clone(), before: was, after: now })
        })
        .collect()
}

/// Which page of entries: newest first, `limit` of them after the entry `after`.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EntryPage {
    /// Entries on the page: 50 unless given, at most 500.
    pub limit: Option<i64>,
    /// The id of the last entry of the previous page (its `next_after`).
    pub after: Option<i64>,
}

impl EntryPage {
    fn limit(self) -> Result<i64, ApiError> {
        match self.limit {
            Some(limit) if limit < 1 => Err(ApiError::bad_query("limit", "must be at least 1")),
            limit => Ok(limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT)),
        }
    }
}

/// A page of entries, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Entries {
    pub items: Vec<Entry>,
    pub limit: i64,
    /// The `after` of the next page (the id of this page's last entry), `null` on the last page.
    pub next_after: Option<i64>,
}

/// The filters of `GET /api/audit`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Only records of this collection (`orders`), or `tokens`.
    pub collection: Option<String>,
    /// Only this record (with `collection`).
    pub record: Option<i64>,
    /// Only changes made with this token (or browser sessions made from it).
    pub token_id: Option<i64>,
    /// Only changes on or after this day (UTC), `YYYY-MM-DD`.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<Day>,
    /// Only changes on or before this day (UTC).
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<Day>,
    pub limit: Option<i64>,
    pub after: Option<i64>,
}

/// `record` of `entity`'s entries, newest first.
pub fn history(conn: &mut AnyConnection, entity: Entity, record: i64, page: EntryPage) -> Result<Entries, ApiError> {
    let filter = AuditFilter {
        collection: Some(entity.collection().to_owned()),
        record: Some(record),
        limit: page.limit,
        after: page.after,
        ..AuditFilter::default()
    };
    search(conn, &filter)
}

/// The entries `filter` asks for, newest first.
pub fn search(conn: &mut AnyConnection, filter: &AuditFilter) -> Result<Entries, ApiError> {
    let limit = EntryPage { limit: filter.limit, after: filter.after }.limit()?;
    let mut query = audit::table.select(Row::as_select()).order(audit::id.desc()).limit(limit).into_boxed();
    if let Some(collection) = &filter.collection {
        if Entity::from_collection(collection).is_none() && collection != TOKENS {
            let known: Vec<&str> =
                Entity::ALL.iter().map(|entity| entity.collection()).chain(std::iter::once(TOKENS)).collect();
            return Err(ApiError::bad_query("collection", format!("must be one of: {}", known.join(", "))));
        }
        query = query.filter(audit::collection.eq(collection.clone()));
    }
    if let Some(record) = filter.record {
        if filter.collection.is_none() {
            return Err(ApiError::bad_query("record", "needs collection too (record ids are per collection)"));
        }
        query = query.filter(audit::record_id.eq(record));
    }
    if let Some(token) = filter.token_id {
        query = query.filter(audit::token_id.eq(token));
    }
    if let Some(from) = filter.from {
        match first_since(conn, from.date().and_hms_opt(0, 0, 0).expect("midnight"))? {
            Some(first) => query = query.filter(audit::id.ge(first)),
            None => return Ok(Entries { items: Vec::new(), limit, next_after: None }),
        }
    }
    if let Some(to) = filter.to {
        let next = to.date().succ_opt().unwrap_or(to.date());
        if let Some(first_after) = first_since(conn, next.and_hms_opt(0, 0, 0).expect("midnight"))? {
            query = query.filter(audit::id.lt(first_after));
        }
    }
    if let Some(after) = filter.after {
        query = query.filter(audit::id.lt(after));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let items = rows.into_iter().map(Row::entry).collect::<Result<Vec<_>, _>>()?;
    let next_after = (items.len() as i64 == limit).then(|| items.last().map(|entry| entry.id)).flatten();
    Ok(Entries { items, limit, next_after })
}

/// The newest entry of `record`, if it has one: who changed it last.
pub fn last_change(conn: &mut AnyConnection, entity: Entity, record: i64) -> Result<Option<Entry>, ApiError> {
    let row: Option<Row> = audit::table
        .select(Row::as_select())
        .filter(audit::collection.eq(entity.collection()).and(audit::record_id.eq(record)))
        .order(audit::id.desc())
        .first(conn)
        .optional()?;
    row.map(Row::entry).transpose()
}

/// Drops the entries older than `keep_since`, always keeping the newest one (so an id is never
/// given twice, on SQLite too); answers how many.
pub fn prune(conn: &mut AnyConnection, keep_since: NaiveDateTime) -> QueryResult<usize> {
    let keep_from = match first_since(conn, keep_since)? {
        Some(first) => first,
        None => match audit::table.select(diesel::dsl::max(audit::id)).first::<Option<i64>>(conn)? {
            Some(newest) => newest,
            None => return Ok(0),
        },
    };
    diesel::delete(audit::table.filter(audit::id.lt(keep_from))).execute(conn)
}

/// The id of the first entry made at or after `instant`, if any. Entries are numbered in the
/// order their writes held the event log's lock, and `at` is read under that same lock, so ids
/// and times rise together: a binary search over the primary key finds the bound, and no index
/// on `at` has to be kept up by every write (it cost a fifth of SQLite's creates a second). A
/// clock stepped back can misplace entries made across the step by that much.
fn first_since(conn: &mut AnyConnection, instant: NaiveDateTime) -> QueryResult<Option<i64>> {
    let newest: Option<(i64, NaiveDateTime)> =
        audit::table.select((audit::id, audit::at)).order(audit::id.desc()).first(conn).optional()?;
    let Some((newest, newest_at)) = newest else { return Ok(None) };
    if newest_at < instant {
        return Ok(None);
    }
    // The answer is `found` or an entry in `low..=high`: the entries below `low` are older than
    // `instant`, and none between `high` and `found` is newer.
    let (mut low, mut high, mut found) = (0_i64, newest - 1, newest);
    while low <= high {
        let middle = low + (high - low) / 2;
        let first: Option<(i64, NaiveDateTime)> = audit::table
            .select((audit::id, audit::at))
            .filter(audit::id.ge(middle).and(audit::id.le(high)))
            .order(audit::id.asc())
            .first(conn)
            .optional()?;
        match first {
            Some((id, at)) if at >= instant => (found, high) = (id, middle - 1),
            Some((id, _)) => low = id + 1,
            None => high = middle - 1,
        }
    }
    Ok(Some(found))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn listed(before: Option<Value>, after: Option<Value>) -> Vec<(String, Value, Value)> {
        changes(&Revision { id: 1, before, after }).into_iter().map(|c| (c.field, c.before, c.after)).collect()
    }

    #[test]
    fn an_update_lists_only_the_fields_that_differ() {
        let before =
            json!({"id": 1, "name": "Acme", "notes": null, "version": 1, "updated_at": "a", "created_at": "c"});
        let after = json!({"id": 1, "name": "Acme", "notes": "x", "version": 2, "updated_at": "b", "created_at": "c",
                           "previous_driver_id": 4});
        assert_eq!(listed(Some(before), Some(after)), vec![("notes".to_owned(), Value::Null, json!("x"))]);
    }

    #[test]
    fn a_create_lists_every_field_and_a_delete_keeps_the_record() {
        let record = json!({"id": 1, "name": "Acme", "version": 1, "updated_at": "a", "created_at": "c"});
        let with_an_empty_field = json!({"id": 1, "name": "Acme", "notes": null, "version": 1});
        assert_eq!(listed(None, Some(with_an_empty_field)), vec![("name".to_owned(), Value::Null, json!("Acme"))]);
        assert_eq!(
            listed(Some(record), None),
            vec![("created_at".to_owned(), json!("c"), Value::Null), ("name".to_owned(), json!("Acme"), Value::Null)]
        );
    }
}
