//! One connection to either database (`AnyConnection`), the URL diesel is given for it, and
//! what every new connection is set up with (SQLite's pragmas, PostgreSQL's timeouts).

use std::time::{Duration, Instant};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::r2d2::{CustomizeConnection, ManageConnection, PooledConnection, R2D2Connection};
use diesel::{Connection, PgConnection, SqliteConnection};

/// One connection to whichever database `DATABASE_URL` names.
///
/// `Postgresql` stays first: `establish` tries the variants in order and SQLite accepts any path.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbConn = PooledConnection<Manager>;

/// Makes the pool's connections, to the backend `url` names. (diesel's `ConnectionManager` would
/// call `AnyConnection::establish`, which tries each backend in turn and, when PostgreSQL is
/// unreachable, reports only that SQLite did not take the URL, not PostgreSQL's reason.)
#[derive(Debug)]
pub struct Manager {
    url: String,
}

impl Manager {
    /// For `url`, as [`connection_url`] answers it.
    pub fn new(url: String) -> Manager {
        Manager { url }
    }
}

impl ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        let connection = if is_postgres_url(&self.url) {
            PgConnection::establish(&self.url).map(|mut pg| {
                pg.set_instrumentation(Answered::default());
                AnyConnection::Postgresql(pg)
            })
        } else {
            SqliteConnection::establish(&self.url).map(AnyConnection::Sqlite)
        };
        connection.map_err(diesel::r2d2::Error::ConnectionError)
    }

    /// Checked on every check-out: a PostgreSQL connection whose last statement succeeded within
    /// `ANSWERED_WITHIN` is taken as it is, any other is pinged (`SELECT 1`, a round trip).
    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        if Answered::lately(conn) {
            return Ok(());
        }
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// How recently a PostgreSQL connection's last statement must have succeeded for a check-out to
/// skip its `SELECT 1`. The writer and announcer threads check a connection out for every group
/// of writes, a few hundred times a second under load, and each ping was a round trip the
/// group's answer waited for. A connection that died since (the server restarted, its backend
/// was terminated) fails its next statement instead, which is answered as the database being
/// unreachable (503), as it would be had the ping failed; the connection is then pinged at its
/// next check-out and replaced.
const ANSWERED_WITHIN: Duration = Duration::from_millis(250);

/// When a PostgreSQL connection last answered a statement without an error, noted by diesel's
/// instrumentation hook as each statement finishes.
#[derive(Default)]
struct Answered(Option<Instant>);

impl Instrumentation for Answered {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::FinishQuery { error, .. } = event {
            self.0 = error.is_none().then(Instant::now);
        }
    }
}

impl Answered {
    /// Whether `conn` answered a statement within `ANSWERED_WITHIN`, its last.
    fn lately(conn: &mut AnyConnection) -> bool {
        let AnyConnection::Postgresql(pg) = conn else { return false };
        pg.instrumentation()
            .downcast_ref::<Answered>()
            .and_then(|answered| answered.0)
            .is_some_and(|at| at.elapsed() < ANSWERED_WITHIN)
    }
}

/// Whether `url` names a PostgreSQL database (anything else is a SQLite file).
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The URL diesel understands for `database_url`, creating a SQLite file's directory if needed.
pub fn connection_url(database_url: &str) -> std::io::Result<String> {
    if is_postgres_url(database_url) {
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

impl AnyConnection {
    pub fn is_postgres(&self) -> bool {
        matches!(self, AnyConnection::Postgresql(_))
    }
}

/// Runs `$body` with `$inner` bound to the concrete connection inside `$conn`, typed for its own
/// backend: for what diesel's `MultiConnection` does not support, such as a multi-row INSERT.
macro_rules! on_backend {
    ($conn:expr, |$inner:ident| $body:expr) => {
        match $conn {
            $crate::db::AnyConnection::Postgresql($inner) => $body,
            $crate::db::AnyConnection::Sqlite($inner) => $body,
        }
    };
}
pub(crate) use on_backend;

/// PostgreSQL's bounds on how long one statement may wait for a lock and run, set on each pooled
/// connection (zero: none); `None` leaves the server's setting (tools run with it).
/// SQLite has its own: the busy timeout, and one writer at a time (`group_commit`).
#[derive(Debug, Clone, Copy, Default)]
pub struct PgTimeouts {
    pub lock: Option<Duration>,
    pub statement: Option<Duration>,
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
pub(super) struct ConnectionSetup {
    pub(super) timeouts: PgTimeouts,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgresql_database_that_cannot_be_reached_is_named_with_its_reason() {
        // Nothing listens on port 1: libpq's own message, not "no backend took the URL".
        let manager = Manager::new("postgres://postgres@127.0.0.1:1/switchboard".to_owned());
        let error = manager.connect().err().expect("nothing listens on port 1").to_string();
        assert!(error.contains("127.0.0.1") && error.contains("port 1"), "{error}");
        assert!(!error.contains("multiconnection"), "{error}");
    }

    #[test]
    fn a_sqlite_path_opens_a_sqlite_connection() {
        let dir = std::env::temp_dir().join(format!("switchboard-manager-{}", std::process::id()));
        let path = connection_url(&dir.join("db.sqlite").to_string_lossy()).unwrap();
        let conn = Manager::new(path).connect().unwrap();
        assert!(!conn.is_postgres());
        drop(conn);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
