//! The connection pool: how long a request waits for a connection (long while the database is
//! busy, short while it is unreachable), and on PostgreSQL the write slots that keep writes
//! blocked by a lock from taking every connection.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::r2d2::{event::AcquireEvent, HandleError, HandleEvent, Pool};

use super::connection::{
    connection_url, is_postgres_url, skip_openssl_exit_cleanup, ConnectionSetup, DbConn, Manager, PgTimeouts,
};
use super::transactions::table_of;
use crate::domain::Entity;
use crate::error::DbUnavailable;

/// How long a request waits for a connection when the pool is busy (all connections checked
/// out) and the database reachable: queueing under load, not an outage.
const BUSY_POOL_TIMEOUT: Duration = Duration::from_secs(10);
/// How long start-up waits for its first connection.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(10);
/// How often a waiting request looks again at whether the database is reachable.
const WAIT_SLICE: Duration = Duration::from_millis(50);
/// `connect_timeout` when none is configured (`build_pool` for tools and tests).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// The connection pool, which tells a busy database from an unreachable one: a request waits
/// for a connection up to `BUSY_POOL_TIMEOUT` while others hold connections and the last
/// connection attempt succeeded, and only up to `connect_timeout` otherwise (then 503).
///
/// On PostgreSQL a write transaction first takes a write slot (`write_slot`), so that writes
/// blocked by a lock, each holding its connection until the lock timeout, can take neither
/// every connection from reads nor every write slot from the writes to other tables.
#[derive(Clone)]
pub struct DbPool {
    pool: Pool<Manager>,
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
    if is_postgres_url(&url) {
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
        .build_unchecked(Manager::new(url));
    drop(pool.get_timeout(STARTUP_TIMEOUT)?);
    let writers = Arc::new(WriteSlots::new(size, timeouts.lock));
    Ok(DbPool { pool, health, connect_timeout, waits: Arc::default(), writers })
}
