//! The database: one connection type over SQLite and PostgreSQL, the r2d2 pool, each connection's
//! set-up (SQLite's pragmas, PostgreSQL's timeouts), the embedded migrations, the two kinds of
//! transaction every request runs in, and why the database could not serve one.

pub mod schema;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{
    event::AcquireEvent, ConnectionManager, CustomizeConnection, HandleError, HandleEvent, Pool, PooledConnection,
};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::domain::Entity;
use crate::error::ApiError;

/// One connection to whichever database `DATABASE_URL` names.
///
/// `Postgresql` stays first: `establish` tries the variants in order and SQLite accepts any path.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type DbConn = PooledConnection<ConnectionManager<AnyConnection>>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Any number that no other program on the database is likely to lock: serialises migrations
/// when several instances start at once.
const MIGRATION_LOCK_KEY: i64 = 0x5377_6974_6368;

/// The URL diesel understands for `database_url`, creating a SQLite file's directory if needed.
pub fn connection_url(database_url: &str) -> std::io::Result<String> {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        return Ok(database_url.to_owned());
    }
    let path = database_url.strip_prefix("sqlite://").unwrap_or(database_url);
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    Ok(path.to_owned())
}

/// How long a request waits for a connection when the pool is busy (all connections checked
/// out) and the database reachable: queueing under load, not an outage.
const BUSY_POOL_TIMEOUT: Duration = Duration::from_secs(10);
/// How long start-up waits for its first connection.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(10);
/// How often a waiting request looks again at whether the database is reachable.
const WAIT_SLICE: Duration = Duration::from_millis(50);
/// `connect_timeout` when none is configured (`build_pool` for tools and tests).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// Why the database could not serve a request: each is a 503 `unavailable` whose message says
/// which, so a caller (and an operator) can tell an outage from load from a lock.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DbUnavailable {
    #[error("the database refused the connection or could not be reached; try again")]
    Unreachable,
    #[error("the database is busy: every connection was in use; try again")]
    Busy,
    #[error("the database is busy: too many writes are queued for the event log; try again")]
    WritesQueued,
    #[error(
        "the database is busy: the {0} table is locked by another session and the lock was not \
         granted in time; try again"
    )]
    TableLocked(&'static str),
    #[error("the database is busy: a lock the request needed was not granted in time; try again")]
    LockNotGranted,
    #[error("the database is busy: the request's query ran past the statement timeout and was cancelled")]
    StatementTimeout,
    #[error("the database is busy: the request collided with another one and was rolled back; try again")]
    Deadlock,
}

impl DbUnavailable {
    /// The cause of `error` when it is the database declining to serve (a timeout, a deadlock, a
    /// lost connection) rather than something wrong with the request.
    ///
    /// diesel does not expose PostgreSQL's SQLSTATE, only the message, so these are matched by
    /// the server's (English) messages for 55P03 lock_not_available, 57014 query_canceled and
    /// 40P01 deadlock_detected.
    pub fn of(error: &diesel::result::Error) -> Option<DbUnavailable> {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => Some(DbUnavailable::Unreachable),
            Error::DatabaseError(DatabaseErrorKind::Unknown, info) => match info.message() {
                // SQLite's busy timeout ran out (another process held the write lock).
                "canceling statement due to lock timeout" | "database is locked" => Some(DbUnavailable::LockNotGranted),
                "canceling statement due to statement timeout" => Some(DbUnavailable::StatementTimeout),
                "deadlock detected" => Some(DbUnavailable::Deadlock),
                _ => None,
            },
            _ => None,
        }
    }
}

/// PostgreSQL's bounds on how long one statement may wait for a lock and run, set on each pooled
/// connection (zero: none); `None` leaves the server's setting (tools run with it).
/// SQLite has its own: the busy timeout, and one writer at a time (`group_commit`).
#[derive(Debug, Clone, Copy, Default)]
pub struct PgTimeouts {
    pub lock: Option<Duration>,
    pub statement: Option<Duration>,
}

/// The connection pool, which tells a busy database from an unreachable one: a request waits
/// for a connection up to `BUSY_POOL_TIMEOUT` while others hold connections and the last
/// connection attempt succeeded, and only up to `connect_timeout` otherwise (then 503).
///
/// On PostgreSQL a write transaction first takes a write slot (`write_slot`), so that writes
/// blocked by a lock, each holding its connection until the lock timeout, can take neither
/// every connection from reads nor every write slot from the writes to other tables.
#[derive(Clone)]
pub struct DbPool {
    pool: Pool<ConnectionManager<AnyConnection>>,
    health: Arc<Health>,
    connect_timeout: Duration,
    waits: Arc<Waits>,
    writers: Arc<WriteSlots>,
}

/// How many write transactions may hold connections at once: all of them together, all but a
/// quarter of the pool (at least one connection kept for reads); those to one table, half of
/// that. Writes on PostgreSQL run one at a time behind the event log's lock anyway, so the
/// shares cost no throughput; they only keep a pile-up on one table to itself.
struct WriteSlots {
    all: Arc<tokio::sync::Semaphore>,
    tables: std::collections::HashMap<Entity, TableSlots>,
    /// When the slots were made: the origin of `TableSlots::locked_until`.
    epoch: Instant,
    lock_timeout: Duration,
}

/// One table's share of the write slots, and whether its writes are meeting another session's
/// lock on it: until when (in milliseconds since `WriteSlots::epoch`; 0 when not).
struct TableSlots {
    share: Arc<tokio::sync::Semaphore>,
    locked_until: AtomicU64,
}

impl WriteSlots {
    fn new(pool_size: u32, lock_timeout: Option<Duration>) -> WriteSlots {
        let kept_for_reads = if pool_size > 1 { (pool_size / 4).max(1) } else { 0 };
        let writes = (pool_size - kept_for_reads).max(1) as usize;
        let per_table = (writes / 2).max(1);
        let table = |_| TableSlots { share: Arc::new(tokio::sync::Semaphore::new(per_table)), locked_until: 0.into() };
        WriteSlots {
            all: Arc::new(tokio::sync::Semaphore::new(writes)),
            tables: Entity::ALL.iter().map(|entity| (*entity, table(entity))).collect(),
            epoch: Instant::now(),
            lock_timeout: lock_timeout.unwrap_or_default(),
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

/// A write transaction's right to a connection (`DbPool::write_slot`), held until it commits.
pub struct WriteSlot {
    _table: tokio::sync::OwnedSemaphorePermit,
    _write: tokio::sync::OwnedSemaphorePermit,
}

/// How often requests had to wait for a connection, and for how long in all.
#[derive(Debug, Default)]
struct Waits {
    count: AtomicU64,
    nanos: AtomicU64,
    timeouts: AtomicU64,
}

/// The pool's state and its running totals, for the metrics.
#[derive(Debug, Clone, Copy)]
pub struct PoolStats {
    pub max_size: u32,
    pub connections: u32,
    pub idle: u32,
    /// Requests for a connection that found none idle.
    pub waits: u64,
    pub wait_seconds: f64,
    /// Requests that got no connection in time.
    pub timeouts: u64,
}

impl DbPool {
    /// A connection, waiting as long as the database's state warrants.
    pub fn get(&self) -> Result<DbConn, DbUnavailable> {
        if let Some(conn) = self.pool.try_get() {
            return Ok(conn);
        }
        let started = Instant::now();
        let waited = |waits: &Waits| {
            waits.count.fetch_add(1, Ordering::Relaxed);
            let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            waits.nanos.fetch_add(nanos, Ordering::Relaxed);
        };
        loop {
            match self.pool.get_timeout(WAIT_SLICE) {
                Ok(conn) => {
                    waited(&self.waits);
                    return Ok(conn);
                }
                Err(error) => {
                    let busy = self.busy();
                    let limit = if busy { BUSY_POOL_TIMEOUT } else { self.connect_timeout };
                    if started.elapsed() >= limit {
                        waited(&self.waits);
                        self.waits.timeouts.fetch_add(1, Ordering::Relaxed);
                        tracing::warn!("no database connection: {error}");
                        return Err(if busy { DbUnavailable::Busy } else { DbUnavailable::Unreachable });
                    }
                }
            }
        }
    }

    /// Waits (without holding a connection) until this write transaction, to `entity`'s table,
    /// may take a connection: at once unless that table's writes already hold their share
    /// (`WriteSlots`), or all writes theirs; at most as long as a request waits for a busy pool
    /// (then `Busy`). While that table's writes are being refused for another session's lock
    /// on it (`table_locked`), one that would wait for their share is refused at once.
    pub async fn write_slot(&self, entity: Entity) -> Result<WriteSlot, DbUnavailable> {
        let slots = &self.writers;
        let table = &slots.tables[&entity];
        if let (Ok(share), Ok(write)) = (table.share.clone().try_acquire_owned(), slots.all.clone().try_acquire_owned())
        {
            return Ok(WriteSlot { _table: share, _write: write });
        }
        let started = Instant::now();
        let slot = async {
            // Looks again at whether the table is locked every slice, and once a share is had
            // (the writes it was waiting behind may have just been refused).
            let share = loop {
                let share = tokio::time::timeout(WAIT_SLICE, table.share.clone().acquire_owned()).await;
                if table.locked_until.load(Ordering::Relaxed) > slots.now() {
                    return Err(DbUnavailable::TableLocked(table_of(entity)));
                }
                // The semaphores are never closed: a share is the only answer before the timeout.
                if let Ok(Ok(share)) = share {
                    break share;
                }
                if started.elapsed() >= BUSY_POOL_TIMEOUT {
                    return Err(DbUnavailable::Busy);
                }
            };
            let left = BUSY_POOL_TIMEOUT.saturating_sub(started.elapsed());
            match tokio::time::timeout(left, slots.all.clone().acquire_owned()).await {
                Ok(Ok(write)) => Ok(WriteSlot { _table: share, _write: write }),
                _ => Err(DbUnavailable::Busy),
            }
        }
        .await;
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.waits.count.fetch_add(1, Ordering::Relaxed);
        self.waits.nanos.fetch_add(nanos, Ordering::Relaxed);
        if slot.is_err() {
            self.waits.timeouts.fetch_add(1, Ordering::Relaxed);
        }
        slot
    }

    /// Tells how a write to `entity`'s table went: refused because another session holds a lock
    /// on the table (for the next lock timeout, writes that would queue for the table's share
    /// are refused at once), or past that claim (the table is not locked).
    pub fn table_locked(&self, entity: Entity, locked: bool) {
        let slots = &self.writers;
        let until = if locked { slots.now() + u64::try_from(slots.lock_timeout.as_millis()).unwrap_or(0) } else { 0 };
        slots.tables[&entity].locked_until.store(until, Ordering::Relaxed);
    }

    pub fn stats(&self) -> PoolStats {
        let state = self.pool.state();
        PoolStats {
            max_size: self.pool.max_size(),
            connections: state.connections,
            idle: state.idle_connections,
            waits: self.waits.count.load(Ordering::Relaxed),
            wait_seconds: self.waits.nanos.load(Ordering::Relaxed) as f64 / 1e9,
            timeouts: self.waits.timeouts.load(Ordering::Relaxed),
        }
    }

    /// A connection for a health probe: at once when the database is known unreachable and no
    /// connection is idle, within `connect_timeout` otherwise, never waiting out a busy pool.
    pub fn probe(&self) -> Result<DbConn, DbUnavailable> {
        let started = Instant::now();
        loop {
            match self.pool.get_timeout(WAIT_SLICE) {
                Ok(conn) => return Ok(conn),
                Err(_) if !self.reachable() => return Err(DbUnavailable::Unreachable),
                Err(_) if started.elapsed() >= self.connect_timeout => return Err(DbUnavailable::Busy),
                Err(_) => {}
            }
        }
    }

    /// Whether the last attempt to open a connection succeeded.
    pub fn reachable(&self) -> bool {
        self.health.reachable.load(Ordering::Relaxed)
    }

    /// Whether the database is reachable and the pool's connections are in use: a wait for one
    /// is queueing under load, not an outage.
    pub fn busy(&self) -> bool {
        let state = self.pool.state();
        state.connections > state.idle_connections && self.reachable()
    }

    /// The longest a request waits for an unreachable database.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }
}

/// Whether the database could be reached at the last attempt to connect, kept by the pool's
/// error and event handlers. The pool keeps retrying in the background, so it recovers alone.
#[derive(Debug)]
struct Health {
    reachable: AtomicBool,
}

#[derive(Debug)]
struct HealthErrors(Arc<Health>);

impl HandleError<diesel::r2d2::Error> for HealthErrors {
    fn handle_error(&self, error: diesel::r2d2::Error) {
        // Connecting failed (a dead connection failing its check is not news about the server).
        if let diesel::r2d2::Error::ConnectionError(cause) = &error {
            if self.0.reachable.swap(false, Ordering::Relaxed) {
                tracing::warn!("the database is unreachable: {cause}");
            }
        } else {
            tracing::debug!("dropping a database connection: {error}");
        }
    }
}

#[derive(Debug)]
struct HealthEvents(Arc<Health>);

impl HandleEvent for HealthEvents {
    fn handle_acquire(&self, _: AcquireEvent) {
        if !self.0.reachable.swap(true, Ordering::Relaxed) {
            tracing::info!("the database is reachable again");
        }
    }
}

/// Builds the pool with the default `connect_timeout` and no PostgreSQL timeouts (for tools),
/// and checks that one connection can be made.
pub fn build_pool(database_url: &str, size: u32) -> Result<DbPool, Box<dyn std::error::Error>> {
    build_pool_with(database_url, size, DEFAULT_CONNECT_TIMEOUT, PgTimeouts::default())
}

/// Builds the pool and checks that one connection can be made.
pub fn build_pool_with(
    database_url: &str,
    size: u32,
    connect_timeout: Duration,
    timeouts: PgTimeouts,
) -> Result<DbPool, Box<dyn std::error::Error>> {
    let url = connection_url(database_url)?;
    if url.starts_with("postgres") {
        skip_openssl_exit_cleanup();
    }
    let health = Arc::new(Health { reachable: AtomicBool::new(true) });
    let pool = Pool::builder()
        .max_size(size)
        // Also paces the pool's retries while the database is unreachable (half of it at most).
        .connection_timeout(connect_timeout.max(WAIT_SLICE))
        .connection_customizer(Box::new(ConnectionSetup { timeouts }))
        .error_handler(Box::new(HealthErrors(health.clone())))
        .event_handler(Box::new(HealthEvents(health.clone())))
        .build_unchecked(ConnectionManager::<AnyConnection>::new(url));
    drop(pool.get_timeout(STARTUP_TIMEOUT)?);
    let writers = Arc::new(WriteSlots::new(size, timeouts.lock));
    Ok(DbPool { pool, health, connect_timeout, waits: Arc::default(), writers })
}

/// Keeps OpenSSL from registering its exit handler. Call it before the first PostgreSQL
/// connection (`build_pool` does); later calls do nothing.
///
/// libpq initialises OpenSSL on its first TLS connection, which registers `OPENSSL_cleanup`
/// with `atexit`. At exit that frees state the threads still holding TLS connections (the
/// pool's, the listener's) go on using, and processes crashed with SIGSEGV after their work was
/// done. Initialising OpenSSL first with `OPENSSL_INIT_NO_ATEXIT` registers no handler (the
/// system reclaims the memory at exit anyway). The symbol is looked up at run time, from the
/// libcrypto libpq brought in, so no link flags are needed; without it there is nothing to do.
pub fn skip_openssl_exit_cleanup() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        /// `OPENSSL_INIT_NO_ATEXIT` in OpenSSL 3's <openssl/crypto.h> (1.1.1's too).
        const OPENSSL_INIT_NO_ATEXIT: u64 = 0x0008_0000;
        /// `int OPENSSL_init_crypto(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings)`.
        type InitCrypto = unsafe extern "C" fn(u64, *const std::ffi::c_void) -> std::ffi::c_int;
        // SAFETY: the name is NUL-terminated, and the symbol, when libcrypto provides it, has
        // the signature above; a null settings pointer means the defaults.
        let initialised = unsafe {
            let symbol = libc::dlsym(libc::RTLD_DEFAULT, c"OPENSSL_init_crypto".as_ptr());
            if symbol.is_null() {
                return;
            }
            let init = std::mem::transmute::<*mut std::ffi::c_void, InitCrypto>(symbol);
            init(OPENSSL_INIT_NO_ATEXIT, std::ptr::null())
        };
        if initialised != 1 {
            tracing::warn!("OpenSSL did not initialise; it may still run its exit handler");
        }
    });
}

/// Each new connection's set-up.
///
/// SQLite done right: WAL so readers never wait for the writer, foreign keys enforced, and a
/// busy timeout so a writer queues for the lock instead of failing.
///
/// PostgreSQL bounded: a statement waits at most the lock timeout for a lock and runs at most the
/// statement timeout, so a table locked by another session costs a request an answer in seconds
/// (503), not its connection for as long as the lock is held.
#[derive(Debug)]
struct ConnectionSetup {
    timeouts: PgTimeouts,
}

impl CustomizeConnection<AnyConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut AnyConnection) -> Result<(), diesel::r2d2::Error> {
        use diesel::connection::SimpleConnection;
        let sql = match conn {
            AnyConnection::Sqlite(_) => "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; \
                 PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                .to_owned(),
            AnyConnection::Postgresql(_) => {
                let millis = |bound: Option<Duration>| bound.map(|bound| bound.as_millis());
                let mut sql = String::new();
                if let Some(lock) = millis(self.timeouts.lock) {
                    sql.push_str(&format!("SET lock_timeout = {lock};"));
                }
                if let Some(statement) = millis(self.timeouts.statement) {
                    sql.push_str(&format!("SET statement_timeout = {statement};"));
                }
                sql
            }
        };
        if !sql.is_empty() {
            conn.batch_execute(&sql).map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Runs every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut AnyConnection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    match conn {
        AnyConnection::Postgresql(conn) => {
            use diesel::connection::SimpleConnection;
            // Waiting for another instance's migrations, and a migration rebuilding a large
            // table, may take longer than a request's timeouts: none apply here, and the
            // connection's own are put back after.
            #[derive(QueryableByName)]
            struct Timeouts {
                #[diesel(sql_type = diesel::sql_types::Text)]
                lock: String,
                #[diesel(sql_type = diesel::sql_types::Text)]
                statement: String,
            }
            let timeouts: Timeouts = diesel::sql_query(
                "SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement",
            )
            .get_result(conn)?;
            conn.batch_execute("SET lock_timeout = 0; SET statement_timeout = 0")?;
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")).execute(conn)?;
            let result = conn.run_pending_migrations(POSTGRES_MIGRATIONS).map(drop);
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")).execute(conn)?;
            diesel::sql_query(
                "SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)",
            )
            .bind::<diesel::sql_types::Text, _>(timeouts.lock)
            .bind::<diesel::sql_types::Text, _>(timeouts.statement)
            .execute(conn)?;
            result
        }
        AnyConnection::Sqlite(conn) => conn.run_pending_migrations(SQLITE_MIGRATIONS).map(drop),
    }
}

impl AnyConnection {
    pub fn is_postgres(&self) -> bool {
        matches!(self, AnyConnection::Postgresql(_))
    }
}

/// The table `entity`'s records are stored in: its collection's name, but for the one whose
/// name has a hyphen.
pub fn table_of(entity: Entity) -> &'static str {
    match entity {
        Entity::TransitBatch => "transit_batches",
        other => other.collection(),
    }
}

/// On PostgreSQL, inside a write transaction: takes the table lock a write to `entity`'s table
/// needs (ROW EXCLUSIVE, what INSERT, UPDATE and DELETE take anyway, so Switchboard's own
/// writes never wait for each other here), waiting at most the lock timeout. A table another
/// session has locked (LOCK TABLE, ALTER TABLE, CREATE INDEX, VACUUM FULL) is met here, before
/// the write takes the event log's lock (`event_log::record`), so it blocks that write alone.
/// SQLite has one writer at a time, with nothing to claim.
pub fn claim(conn: &mut AnyConnection, entity: Entity) -> Result<(), ApiError> {
    if !conn.is_postgres() {
        return Ok(());
    }
    let table = table_of(entity);
    match diesel::sql_query(format!("LOCK TABLE {table} IN ROW EXCLUSIVE MODE")).execute(conn) {
        Ok(_) => Ok(()),
        Err(error) if DbUnavailable::of(&error) == Some(DbUnavailable::LockNotGranted) => {
            Err(ApiError::Database(DbUnavailable::TableLocked(table)))
        }
        Err(error) => Err(error.into()),
    }
}

/// Runs `f` in a write transaction. On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken
/// up front, so two writers never both read and then race to upgrade (the source of
/// "database is locked"); they queue on the busy timeout instead.
pub fn write_transaction<T, E, F>(conn: &mut AnyConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        AnyConnection::Sqlite(inner) => AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?,
        AnyConnection::Postgresql(inner) => AnsiTransactionManager::begin_transaction(inner)?,
    }
    match f(conn) {
        Ok(value) => {
            <AnyConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            <AnyConnection as Connection>::TransactionManager::rollback_transaction(conn)?;
            Err(error)
        }
    }
}

/// Runs `f` in a read transaction that sees one snapshot of the whole database, so a list and
/// the event `seq` read beside it agree (PostgreSQL needs REPEATABLE READ for that; a SQLite
/// read transaction is a snapshot already).
pub fn read_transaction<T, E, F>(conn: &mut AnyConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    conn.transaction(|conn| {
        if conn.is_postgres() {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(conn)?;
        }
        f(conn)
    })
}
