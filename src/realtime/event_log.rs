//! The durable event log (a transactional outbox): every change appends its event in the same
//! transaction, so the change and its event commit together or not at all.
//!
//! `seq` comes from the one-row `log_head` counter, bumped by each write transaction. The row
//! lock is held until commit, so on PostgreSQL as on SQLite events commit in `seq` order and a
//! rolled-back transaction gives its number back: the log has no gaps, and a reader that has
//! seen `seq` N has seen every event before it.
//!
//! On PostgreSQL that lock serialises every write of every instance, so a write must not wait
//! for another session's lock while it holds it: it claims its table first (`db::claim`), and
//! once it holds the log's lock waits at most `HELD_LOG_LOCK_WAIT` for any other.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use actix_web::web::Bytes;
use chrono::{NaiveDateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment};
use diesel::sql_types::{BigInt, Text, Timestamp};

use super::filter::{self, EventFacets, Filter, Membership, RecordFacets};
use crate::db::schema::{events, log_head};
use crate::db::{self, AnyConnection, Column};
use crate::domain::event::{self, By, EntityEvent};
use crate::domain::Entity;
use crate::entities::audit;
use crate::entities::facets as entity_facets;
use crate::entities::write::Written;
use crate::error::{ApiError, DbUnavailable};

/// The PostgreSQL channel that wakes other instances when events commit.
pub const NOTIFY_CHANNEL: &str = "switchboard_events";

/// How long a write holding the log's lock waits for any other lock (a row or a table its
/// change reaches beyond its own table, such as a referenced customer): every other write waits
/// behind it meanwhile. Switchboard's own writes never hold such locks while waiting for the
/// log's, so only another session's can be met here, and a write that meets one is refused
/// (503) rather than stalling every instance's writes for the whole lock timeout.
pub const HELD_LOG_LOCK_WAIT: Duration = Duration::from_millis(200);

/// An event as stored: its place in the log, who may receive it, and its frame: the whole
/// WebSocket text frame, header included, encoded once for every session that receives it.
#[derive(Debug)]
pub struct LoggedEvent {
    pub seq: i64,
    /// The kind of record it is about; `None` for a kind this build does not know (logged by a
    /// newer version sharing the database), which no session is sent.
    pub entity: Option<Entity>,
    pub topics: Vec<String>,
    pub frame: Bytes,
    /// The drivers whose records the event is about (a driver's own record, or a delivery's
    /// driver before and after the change): the only drivers who may receive it.
    pub drivers: Vec<i64>,
    /// Each changed record's facets before and after, which filtered topics are matched against.
    pub facets: EventFacets,
    /// For a "latest value" event (`domain::event::LATEST_VALUE`, its frame marked
    /// `"latest":true`), the record whose newest state it carries: a session's queue keeps only
    /// the newest of these per record.
    pub latest: Option<(Entity, i64)>,
    /// The same frame as a Server-Sent Event, encoded by the first event stream that gets it.
    event_stream: OnceLock<Bytes>,
    /// For a position, its entry in a combined frame (combined.rs), made by the first that needs it.
    combined: OnceLock<Option<Box<str>>>,
}

impl LoggedEvent {
    pub fn new(
        seq: i64,
        entity: Option<Entity>,
        topics: Vec<String>,
        json: &str,
        drivers: Vec<i64>,
        facets: EventFacets,
    ) -> Self {
        let latest = latest_record(entity, &topics, json);
        let frame = super::wire::text(json);
        let (event_stream, combined) = (OnceLock::new(), OnceLock::new());
        LoggedEvent { seq, entity, topics, frame, drivers, facets, latest, event_stream, combined }
    }

    /// Whether a session holding `topic` receives it (`filter`: the topic's, when it has one).
    pub fn matches(&self, topic: &str, filter: Option<&Filter>) -> bool {
        match filter {
            Some(filter) => self.membership(filter) != Membership::Out,
            None => topic == "*" || self.topics.iter().any(|t| t == topic),
        }
    }

    /// What it is to a session holding `filter`.
    pub fn membership(&self, filter: &Filter) -> Membership {
        filter.membership(self.entity, &self.facets)
    }

    /// The same event for a session whose filtered topics its records left: the frame with a
    /// `left` member naming, for each of those topics, the records that left it.
    pub fn leaving(&self, left: &[(&str, &[i64])]) -> LoggedEvent {
        let json = std::str::from_utf8(super::wire::payload(&self.frame)).unwrap_or("{}");
        let members: Vec<String> = left
            .iter()
            .map(|(topic, ids)| format!("{}:{}", serde_json::json!(topic), serde_json::json!(ids)))
            .collect();
        let marked = match json.strip_suffix('}') {
            Some(open) => format!("{open},\"left\":{{{}}}}}", members.join(",")),
            None => json.to_owned(),
        };
        let facets = self.facets.clone();
        LoggedEvent::new(self.seq, self.entity, self.topics.clone(), &marked, self.drivers.clone(), facets)
    }

    /// The frame as a Server-Sent Event (`event: <type>`, `id: <seq>`, `data: <json>`): made
    /// once, from the WebSocket frame's payload, for every event stream that receives it.
    pub fn event_stream_frame(&self) -> &Bytes {
        self.event_stream.get_or_init(|| {
            let json = super::wire::payload(&self.frame);
            let kind = super::event_stream::kind_of(json).unwrap_or_default();
            super::event_stream::frame(&kind, Some(self.seq), json)
        })
    }

    /// For a position, its entry in a combined frame, made by `make` the first time (combined.rs
    /// knows what goes in it); `None` for any other event.
    pub fn combined_entry(&self, make: fn(&LoggedEvent) -> Option<Box<str>>) -> Option<&str> {
        self.combined.get_or_init(|| make(self)).as_deref()
    }
}

/// The record a "latest value" event is about, told by its frame: `EntityEvent::to_frame` writes
/// `"latest":true` right after the type, so the frame's first bytes say it, whether the event
/// was just appended or read back from the log (another instance's, or a replay). Such an event
/// is about one record, whose topic follows the collection's.
fn latest_record(entity: Option<Entity>, topics: &[String], json: &str) -> Option<(Entity, i64)> {
    let (_type, rest) = json.strip_prefix(r#"{"type":""#)?.split_once('"')?;
    if !rest.starts_with(r#","latest":true"#) {
        return None;
    }
    let id = topics.get(1)?.rsplit_once(':')?.1.parse().ok()?;
    Some((entity?, id))
}

#[derive(Queryable)]
struct EventRow {
    seq: i64,
    topics: String,
    frame: String,
    scope: String,
    facets: String,
}

/// Decodes a stored row: its topics are the collection and then each record.
impl From<EventRow> for LoggedEvent {
    fn from(row: EventRow) -> Self {
        let topics: Vec<String> = row.topics.split(' ').map(str::to_owned).collect();
        let entity = topics.first().and_then(|collection| Entity::from_collection(collection));
        let drivers = row.scope.split(' ').filter_map(|id| id.parse().ok()).collect();
        LoggedEvent::new(row.seq, entity, topics, &row.frame, drivers, filter::load(&row.facets))
    }
}

/// Takes the log's lock at the start of a write transaction and answers its head, the `seq` of
/// the newest event. Every write holds the lock until commit, so writes are serialised and a
/// transaction reads what the one before it committed (SQLite's `BEGIN IMMEDIATE` does the same
/// on its own). From then on the transaction waits at most `HELD_LOG_LOCK_WAIT` for any other
/// lock.
///
/// On PostgreSQL the transaction then commits without waiting for its WAL flush
/// (`synchronous_commit = off`): the lock is released as soon as the commit is made, so the next
/// writer (another instance's group) does not wait for this one's flush. The write is made
/// durable, and only then answered and published, by the flush and NOTIFY that follow it
/// ([`Announce`]).
pub fn lock(conn: &mut AnyConnection) -> QueryResult<i64> {
    let AnyConnection::Postgresql(pg) = conn else {
        return head(conn);
    };
    #[derive(QueryableByName)]
    struct Head {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        seq: i64,
    }
    // The settings are made once the row's lock is granted (RETURNING is evaluated after the
    // update), in the same round trip, which the whole fleet's writes wait for. Kept prepared.
    static STATEMENT: OnceLock<String> = OnceLock::new();
    let statement = STATEMENT.get_or_init(|| {
        let wait = HELD_LOG_LOCK_WAIT.as_millis();
        format!(
            "UPDATE log_head SET seq = seq RETURNING seq, set_config('lock_timeout', '{wait}', true) AS lock_timeout, \
             set_config('synchronous_commit', 'off', true) AS synchronous_commit"
        )
    });
    let head: Head = db::Fixed(statement).get_result(pg)?;
    Ok(head.seq)
}

/// [`lock`], answering a wait that ran out as `WritesQueued`: waiting that long for the log's
/// lock means writes queue faster than they commit.
pub fn lock_log(conn: &mut AnyConnection) -> Result<i64, ApiError> {
    lock(conn).map_err(|error| match DbUnavailable::of(&error) {
        Some(DbUnavailable::LockNotGranted) => ApiError::Database(DbUnavailable::WritesQueued),
        _ => error.into(),
    })
}

/// The events a write transaction logs, numbered as they are made and written at once before it
/// commits: the head bumped once, one INSERT for the events and one for their audit entries,
/// however many writes a group holds, on PostgreSQL all three in one statement; after the commit,
/// one NOTIFY ([`Announce`]).
pub struct Batch {
    /// The head when the transaction took the log's lock: the batch's events come after it.
    from: i64,
    head: i64,
    events: Vec<NewEvent>,
    entries: Vec<audit::NewEntry>,
}

/// A point in a [`Batch`] (`Batch::mark`).
#[derive(Clone, Copy)]
pub struct BatchMark {
    head: i64,
    events: usize,
    entries: usize,
}

/// An event's row as written.
#[derive(Insertable)]
#[diesel(table_name = events)]
struct NewEvent {
    seq: i64,
    event_type: String,
    topics: String,
    frame: String,
    created_at: NaiveDateTime,
    scope: String,
    facets: String,
}

/// `UPDATE log_head SET seq = …`, which diesel keeps prepared (its own `UPDATE` it never does).
struct HeadTo(i64);

impl QueryFragment<Pg> for HeadTo {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("UPDATE log_head SET seq = ");
        out.push_bind_param::<BigInt, i64>(&self.0)
    }
}

/// A batch's events as one array a column, written by one `INSERT … SELECT * FROM unnest(…)`
/// (`db::unnest`) on PostgreSQL.
struct EventColumns<'a> {
    seq: Column<BigInt, i64>,
    event_type: Column<Text, &'a str>,
    topics: Column<Text, &'a str>,
    frame: Column<Text, &'a str>,
    created_at: Column<Timestamp, NaiveDateTime>,
    scope: Column<Text, &'a str>,
    facets: Column<Text, &'a str>,
}

impl<'a> EventColumns<'a> {
    fn of(events: &'a [NewEvent]) -> EventColumns<'a> {
        let text = |column: fn(&'a NewEvent) -> &'a str| Column::of(events.iter().map(column).collect());
        EventColumns {
            seq: Column::of(events.iter().map(|event| event.seq).collect()),
            event_type: text(|event| &event.event_type),
            topics: text(|event| &event.topics),
            frame: text(|event| &event.frame),
            created_at: Column::of(events.iter().map(|event| event.created_at).collect()),
            scope: text(|event| &event.scope),
            facets: text(|event| &event.facets),
        }
    }
}

impl QueryFragment<Pg> for EventColumns<'_> {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        let columns: [(&str, &dyn db::Bind); 7] = [
            ("seq", &self.seq),
            ("event_type", &self.event_type),
            ("topics", &self.topics),
            ("frame", &self.frame),
            ("created_at", &self.created_at),
            ("scope", &self.scope),
            ("facets", &self.facets),
        ];
        db::unnest(out, "events", &columns)
    }
}

/// Events one INSERT writes at most on SQLite (PostgreSQL's binds them as arrays,
/// `EventColumns`): well under its limit of bound parameters.
const EVENTS_PER_INSERT: usize = 1_000;

impl Batch {
    /// Numbers on from `head`, which the transaction's [`lock`] answered.
    pub fn after(head: i64) -> Batch {
        Batch { from: head, head, events: Vec::new(), entries: Vec::new() }
    }

    /// Logs `event`, made by `by`, as the next `seq`.
    pub fn add(&mut self, event: &EntityEvent, by: &By) -> QueryResult<Arc<LoggedEvent>> {
        let seq = self.head + 1;
        let frame = event.to_frame(seq, by).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
        let entries = audit::entries(event, seq, by)?;
        let topics = event.topics();
        let drivers = event.drivers.clone();
        let facets: Arc<[RecordFacets]> = event
            .revisions
            .iter()
            .map(|revision| {
                let side =
                    |record: &Option<serde_json::Value>| record.as_ref().map(|r| entity_facets::of(event.entity, r));
                let side =
                    |record| side(record).map(|facets| facets.into_iter().map(|(n, v)| (n.to_owned(), v)).collect());
                RecordFacets { id: revision.id, before: side(&revision.before), after: side(&revision.after) }
            })
            .collect();
        self.events.push(NewEvent {
            seq,
            event_type: event.event_type(),
            topics: topics.join(" "),
            frame: frame.clone(),
            created_at: Utc::now().naive_utc(),
            scope: drivers.iter().map(i64::to_string).collect::<Vec<_>>().join(" "),
            facets: filter::store(&facets),
        });
        self.entries.extend(entries);
        self.head = seq;
        Ok(Arc::new(LoggedEvent::new(seq, Some(event.entity), topics, &frame, drivers, Some(facets))))
    }

    /// Logs each of `events`, in order, or none of them.
    fn add_all(&mut self, events: &[EntityEvent], by: &By) -> QueryResult<Vec<Arc<LoggedEvent>>> {
        let mark = self.mark();
        let logged: QueryResult<Vec<_>> = events.iter().map(|event| self.add(event, by)).collect();
        if logged.is_err() {
            self.rewind(mark);
        }
        logged
    }

    /// Where the batch is now, to [`Batch::rewind`] to.
    pub fn mark(&self) -> BatchMark {
        BatchMark { head: self.head, events: self.events.len(), entries: self.entries.len() }
    }

    /// Forgets what was logged since `mark`, for changes rolled back.
    pub fn rewind(&mut self, mark: BatchMark) {
        self.head = mark.head;
        self.events.truncate(mark.events);
        self.entries.truncate(mark.entries);
    }

    /// Writes what was logged, inside the transaction that holds the log's lock; answers what
    /// to announce once it has committed.
    pub fn write(self, conn: &mut AnyConnection) -> QueryResult<Announce> {
        if self.events.is_empty() {
            return Ok(Announce::none());
        }
        let announce = Announce(Some((self.from + 1, self.head)));
        // On PostgreSQL in one round trip, kept prepared (parsed once per connection): the log's
        // lock is held meanwhile, and every instance's writes wait for it.
        if let AnyConnection::Postgresql(conn) = conn {
            let events = EventColumns::of(&self.events);
            let head = HeadTo(self.head);
            let statement = match self.entries.is_empty() {
                true => db::Together::new(events).and(head),
                false => db::Together::new(audit::columns(&self.entries)).and(head).and(events),
            };
            statement.execute(conn)?;
            return Ok(announce);
        }
        diesel::update(log_head::table).set(log_head::seq.eq(self.head)).execute(conn)?;
        for chunk in self.events.chunks(EVENTS_PER_INSERT) {
            db::on_backend!(conn, |conn| diesel::insert_into(events::table).values(chunk).execute(conn))?;
        }
        audit::insert(conn, &self.entries)?;
        Ok(announce)
    }
}

/// The events `first..=last` a write transaction committed, to announce before its writes are
/// answered and its events published.
///
/// On PostgreSQL that is one round trip after the commit: a transaction that flushes the WAL
/// through itself, so through the write's commit before it as well (which `lock` had commit
/// without waiting; see [`FLUSH`]), then a NOTIFY. Once it returns, the writes are durable, and
/// every other instance is woken to read them. Instances' groups thus take turns for their
/// statements only: one group's flush runs while the next group's statements do, instead of
/// every group holding the log's lock through its own, and flushes of several instances are
/// shared as PostgreSQL shares concurrent commits' flushes. The NOTIFY's own commit writes no
/// WAL and waits for no flush, so the server-wide lock that keeps notifications in commit order
/// is held for microseconds. Its payload, `<instance>:<first seq>:<last seq>` (`instance`: this
/// server's random number, `new_instance`), tells the listeners how far the log is durable, and
/// lets this instance's own skip reading back what its Broadcaster was handed already
/// (`Notice::Own`).
#[must_use = "the writes are answered once their events are announced"]
pub struct Announce(Option<(i64, i64)>);

/// A transaction that commits with a flush of the WAL through its commit record, so through
/// every commit before it. PostgreSQL flushes at commit only a transaction that has an id and
/// wrote WAL: one that only takes an id (`pg_current_xact_id()`) or only sends a NOTIFY commits
/// without a flush, whatever `synchronous_commit` says. A transactional logical-decoding message
/// is the smallest WAL record that is both, and it touches no table and no lock (any role may
/// send one; a logical-decoding consumer, if any, sees an empty message prefixed `switchboard`).
const FLUSH: &str = "BEGIN; SELECT pg_logical_emit_message(true, 'switchboard', ''); COMMIT";

/// Runs `sql`, a string of statements that opens a transaction block of its own, on
/// PostgreSQL; should one of them fail, the block is rolled back, so that the connection goes
/// back to the pool outside any transaction.
fn execute_block(conn: &mut AnyConnection, sql: &str) -> QueryResult<()> {
    let done = conn.batch_execute(sql);
    if done.is_err() {
        // Outside a transaction (the failure came after the COMMIT) this only warns.
        let _ = conn.batch_execute("ROLLBACK");
    }
    done
}

impl Announce {
    /// Nothing to announce.
    pub fn none() -> Announce {
        Announce(None)
    }

    /// Flushes and sends the NOTIFY on `conn`, outside any transaction, as made by server
    /// `instance`: one round trip.
    pub fn send(&self, conn: &mut AnyConnection, instance: u64) -> QueryResult<()> {
        match self.0 {
            Some((first, last)) if conn.is_postgres() => {
                execute_block(conn, &format!("{FLUSH}; NOTIFY {NOTIFY_CHANNEL}, '{instance}:{first}:{last}'"))
            }
            _ => Ok(()),
        }
    }

    /// [`Announce::send`] on `conn`, and should that connection fail, once more on a fresh one
    /// from `pool` (the write has committed; only its flush is not known to be done). An error
    /// means the database is gone and the writes may not have survived it.
    pub fn send_or_retry(&self, conn: &mut AnyConnection, pool: &db::DbPool, instance: u64) -> Result<(), ApiError> {
        match self.send(conn, instance) {
            Ok(()) => Ok(()),
            Err(error) => {
                tracing::warn!("announcing committed events {:?} failed ({error}); once more", self.0);
                let mut fresh = pool.get()?;
                Ok(self.send(&mut fresh, instance)?)
            }
        }
    }
}

/// Inside the caller's write transaction: claims the table of `entity` (the kind of record the
/// change is about), takes the log's lock, runs `change`, and logs the events it answers, in
/// order, as made by `by`. Answers its value and the logged events, to announce and publish
/// after commit.
pub fn record<T>(
    conn: &mut AnyConnection,
    by: &By,
    entity: Entity,
    change: impl FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError>,
) -> Result<(T, Vec<Arc<LoggedEvent>>, Announce), ApiError> {
    db::claim(conn, entity)?;
    let mut batch = Batch::after(lock_log(conn)?);
    let (value, logged) = record_locked(conn, &mut batch, by, change)?;
    let announce = batch.write(conn)?;
    Ok((value, logged, announce))
}

/// As [`record`], in a transaction that has already claimed the table and holds the log's lock
/// (a group's, `group_commit`): the events go to `batch`, which the group writes once and
/// announces once. If the change fails, `batch` holds none of its events.
pub fn record_locked<T>(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    by: &By,
    change: impl FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError>,
) -> Result<(T, Vec<Arc<LoggedEvent>>), ApiError> {
    let Written { value, events } = change(conn)?;
    let logged = batch.add_all(&events, by)?;
    Ok((value, logged))
}

/// A server instance's number, to the other instances sharing the database: random at start,
/// so a restarted instance is a new one.
pub fn new_instance() -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    u64::from_le_bytes(bytes)
}

/// When another instance sharing the database last announced a commit, as this one's listener
/// heard it: while others write, this instance's groups of writes linger for more
/// (`group_commit::Linger`), since every group costs every instance a turn with the log's lock.
#[derive(Clone, Default)]
pub struct OthersWriting(Arc<AtomicU64>);

impl OthersWriting {
    /// Another instance announced a commit now.
    pub fn heard(&self) {
        self.0.store(since_start(), Ordering::Relaxed);
    }

    /// Whether another instance announced one within `within`.
    pub fn lately(&self, within: Duration) -> bool {
        let heard = self.0.load(Ordering::Relaxed);
        heard != 0 && since_start().saturating_sub(heard) <= within.as_millis() as u64
    }
}

/// Milliseconds since the first call, plus one (so that 0 is "never").
fn since_start() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as u64 + 1
}

/// What a notification on the log's channel says.
#[derive(Debug, PartialEq, Eq)]
pub enum Notice {
    /// This process committed events `first..=last`.
    Own { first: i64, last: i64 },
    /// Another instance committed events through `last`, and the log is durable through it;
    /// `None` from a build whose NOTIFY had no payload.
    Other { last: Option<i64> },
}

impl Notice {
    /// What `payload` says to `instance`.
    pub fn of(payload: &str, instance: u64) -> Notice {
        let mut parts = payload.split(':').map(str::parse::<u64>);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(from)), Some(Ok(first)), Some(Ok(last))) if from == instance => {
                Notice::Own { first: first as i64, last: last as i64 }
            }
            (Some(Ok(_)), Some(Ok(_)), Some(Ok(last))) => Notice::Other { last: Some(last as i64) },
            _ => Notice::Other { last: None },
        }
    }
}

/// On PostgreSQL, how full the server's one NOTIFY queue is (0 to 1): notifications every
/// listening session of every database has not read yet. Past half, a listener is stuck (or
/// holds a transaction open); full, every NOTIFY, so every write, fails.
pub fn notify_queue_usage(conn: &mut AnyConnection) -> QueryResult<Option<f64>> {
    if !conn.is_postgres() {
        return Ok(None);
    }
    #[derive(QueryableByName)]
    struct Usage {
        #[diesel(sql_type = diesel::sql_types::Double)]
        usage: f64,
    }
    let usage: Usage = diesel::sql_query("SELECT pg_notification_queue_usage() AS usage").get_result(conn)?;
    Ok(Some(usage.usage))
}

/// The `seq` of the newest committed event, as the caller's transaction sees it.
pub fn head(conn: &mut AnyConnection) -> QueryResult<i64> {
    log_head::table.select(log_head::seq).first(conn)
}

/// On PostgreSQL, makes durable every commit a read before it saw: a write commits without
/// waiting for its WAL flush and is announced once flushed ([`Announce`]), so a read may see it
/// first.
pub fn flush(conn: &mut AnyConnection) -> QueryResult<()> {
    if !conn.is_postgres() {
        return Ok(());
    }
    execute_block(conn, FLUSH)
}

/// The `seq` of the newest committed event, made durable ([`flush`]): where a server starts
/// delivering.
pub fn durable_head(conn: &mut AnyConnection) -> QueryResult<i64> {
    let head = head(conn)?;
    flush(conn)?;
    Ok(head)
}

/// The number of events the log holds.
pub fn rows(conn: &mut AnyConnection) -> QueryResult<i64> {
    events::table.count().get_result(conn)
}

/// The number of events in the log as last counted, counted again only once it is a second old:
/// `COUNT(*)` reads the whole log (3 ms at 8,000 events on PostgreSQL), and a scraper may ask
/// many times a second. One count runs at a time: scrapes that come meanwhile wait for it and
/// answer what it found.
#[derive(Default)]
pub struct CountedRows(Mutex<Option<(Instant, i64)>>);

impl CountedRows {
    const FRESH_FOR: Duration = Duration::from_secs(1);

    /// The count, from `count` unless the last one is fresh.
    pub fn get<E>(&self, count: impl FnOnce() -> Result<i64, E>) -> Result<i64, E> {
        let mut last = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((at, rows)) = *last {
            if at.elapsed() < Self::FRESH_FOR {
                return Ok(rows);
            }
        }
        let rows = count()?;
        *last = Some((Instant::now(), rows));
        Ok(rows)
    }
}

/// Events after `after`, oldest first, at most `limit`.
pub fn read_after(conn: &mut AnyConnection, after: i64, limit: i64) -> QueryResult<Vec<LoggedEvent>> {
    let rows: Vec<EventRow> = events::table
        .filter(events::seq.gt(after))
        .order(events::seq.asc())
        .limit(limit)
        .select((events::seq, events::topics, events::frame, events::scope, events::facets))
        .load(conn)?;
    Ok(rows.into_iter().map(LoggedEvent::from).collect())
}

/// Events in `(after, upto]`, oldest first, or `None` when the log no longer reaches back to
/// `after` (the client must refetch: a resync).
pub fn read_range(conn: &mut AnyConnection, after: i64, upto: i64) -> QueryResult<Option<Vec<LoggedEvent>>> {
    if after >= upto {
        return Ok(if after == upto { Some(Vec::new()) } else { None });
    }
    let oldest: Option<i64> = events::table.select(diesel::dsl::min(events::seq)).first(conn)?;
    match oldest {
        Some(oldest) if oldest <= after + 1 => {
            let rows: Vec<EventRow> = events::table
                .filter(events::seq.gt(after).and(events::seq.le(upto)))
                .order(events::seq.asc())
                .select((events::seq, events::topics, events::frame, events::scope, events::facets))
                .load(conn)?;
            Ok(Some(rows.into_iter().map(LoggedEvent::from).collect()))
        }
        _ => Ok(None),
    }
}

/// What the pruner keeps of the log.
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    /// The newest business events (every event but the latest values), and all after them.
    pub events: i64,
    /// Every event logged since then.
    pub since: NaiveDateTime,
    /// Latest values (driver positions) logged since then; of the older ones, each record's newest.
    pub latest_since: NaiveDateTime,
}

/// Drops events beyond the retention limits, always keeping the newest one so the log's
/// reach stays known. Returns how many were removed.
///
/// Business events and whatever came before the oldest kept are dropped by age and count, as
/// one cut, so the log holds every business event after its oldest one. Latest values within
/// that are thinned as well: past `latest_since`, only each record's newest is kept (a replay
/// from before then gets each driver's position as it was then, not every fix). The oldest event
/// stays whatever its kind: it marks how far back the log reaches (`read_range`).
pub fn prune(conn: &mut AnyConnection, keep: Retention) -> QueryResult<usize> {
    let head = head(conn)?;
    let latest = event::latest_value_types();
    let by_age = diesel::delete(events::table.filter(events::created_at.lt(keep.since).and(events::seq.lt(head))))
        .execute(conn)?;
    let cut: Option<i64> = events::table
        .filter(events::event_type.ne_all(&latest))
        .order(events::seq.desc())
        .offset(keep.events.max(1) - 1)
        .select(events::seq)
        .first(conn)
        .optional()?;
    let by_count = match cut {
        Some(cut) => diesel::delete(events::table.filter(events::seq.lt(cut))).execute(conn)?,
        None => 0,
    };
    let oldest: Option<i64> = events::table.select(diesel::dsl::min(events::seq)).first(conn)?;
    // Where the window of whole latest values starts; events get their time as they take their
    // seq, under the log's lock, so the older ones are those before it.
    let window: Option<i64> = events::table
        .filter(events::created_at.ge(keep.latest_since))
        .select(diesel::dsl::min(events::seq))
        .first(conn)?;
    let Some(oldest) = oldest else { return Ok(by_age + by_count) };
    let window = window.unwrap_or(head + 1);
    // The event types are ours (`[a-z_]`) and the bounds numbers; a latest value's topics are its
    // collection's and its record's, the same for every value of one record. (diesel's DSL does
    // not take a grouped subquery in a delete's filter.)
    let types = latest.iter().map(|kind| format!("'{kind}'")).collect::<Vec<_>>().join(", ");
    let superseded = diesel::sql_query(format!(
        "DELETE FROM events WHERE event_type IN ({types}) AND seq > {oldest} AND seq < {window} \
         AND seq NOT IN (SELECT MAX(seq) FROM events WHERE event_type IN ({types}) AND seq < {window} GROUP BY topics)"
    ))
    .execute(conn)?;
    Ok(by_age + by_count + superseded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::Role;
    use crate::domain::Action;

    #[test]
    fn the_logs_rows_are_counted_again_only_once_the_last_count_is_a_second_old() {
        let rows = CountedRows::default();
        let counts = std::cell::Cell::new(0);
        let count = |n: i64| {
            counts.set(counts.get() + 1);
            Ok::<_, ()>(n)
        };
        assert_eq!(rows.get(|| count(7)), Ok(7));
        // Within the second: the last count, without counting.
        assert_eq!(rows.get(|| count(8)), Ok(7));
        assert_eq!(counts.get(), 1);
        // A failed count is not kept: the next asks again.
        *rows.0.lock().unwrap() = None;
        assert_eq!(rows.get(|| Err::<i64, ()>(())), Err(()));
        assert_eq!(rows.get(|| count(9)), Ok(9));
        // A second old: counted again.
        let old = Instant::now().checked_sub(CountedRows::FRESH_FOR).expect("a clock past its first second");
        *rows.0.lock().unwrap() = Some((old, 9));
        assert_eq!(rows.get(|| count(10)), Ok(10));
        assert_eq!(counts.get(), 3);
    }

    fn logged(entity: Entity, action: Action, id: i64) -> LoggedEvent {
        let by = By { token_id: 1, name: "Dispatch desk".to_owned(), role: Role::Dispatcher };
        let event =
            EntityEvent::for_record(entity, action, id, &serde_json::json!({"id": id, "latest": true})).unwrap();
        let frame = event.to_frame(9, &by).unwrap();
        LoggedEvent::new(9, Some(entity), event.topics(), &frame, Vec::new(), None)
    }

    #[test]
    fn a_position_is_the_latest_value_of_its_driver_and_says_so_in_its_frame() {
        let fix = logged(Entity::Driver, Action::LocationUpdated, 7);
        assert_eq!(fix.latest, Some((Entity::Driver, 7)));
        let json: serde_json::Value = serde_json::from_slice(super::super::wire::payload(&fix.frame)).unwrap();
        assert_eq!(json["latest"], true);
        // Marked for a filtered topic it left, it is still one.
        assert_eq!(fix.leaving(&[("drivers?status=available", &[7])]).latest, Some((Entity::Driver, 7)));
    }

    #[test]
    fn other_events_are_every_change_whatever_their_data_holds() {
        for (entity, action) in [(Entity::Driver, Action::StatusUpdated), (Entity::Driver, Action::Updated)] {
            let event = logged(entity, action, 7);
            assert_eq!(event.latest, None);
            let json: serde_json::Value = serde_json::from_slice(super::super::wire::payload(&event.frame)).unwrap();
            assert_eq!(json.get("latest"), None, "{json}");
        }
    }

    #[test]
    fn others_are_writing_once_one_of_their_commits_is_heard() {
        let others = OthersWriting::default();
        assert!(!others.lately(Duration::from_secs(3600)), "nothing heard yet");
        others.clone().heard();
        assert!(others.lately(Duration::from_secs(1)), "a clone hears for all");
    }

    #[test]
    fn a_notification_tells_this_instances_commits_from_the_others() {
        let instance = new_instance();
        assert_eq!(Notice::of(&format!("{instance}:5:9"), instance), Notice::Own { first: 5, last: 9 });
        assert_eq!(Notice::of(&format!("{}:5:9", instance.wrapping_add(1)), instance), Notice::Other { last: Some(9) });
        assert_eq!(Notice::of("", instance), Notice::Other { last: None }, "an older build's NOTIFY has no payload");
    }
}
