//! The database: one connection type over SQLite and PostgreSQL, the r2d2 pool, SQLite's pragmas,
//! the embedded migrations, and the two kinds of transaction every request runs in.

pub mod schema;

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// One connection to whichever database `DATABASE_URL` names.
///
/// `Postgresql` stays first: `establish` tries the variants in order and SQLite accepts any path.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<AnyConnection>>;
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

/// Builds the pool and checks that one connection can be made.
pub fn build_pool(database_url: &str, size: u32) -> Result<DbPool, Box<dyn std::error::Error>> {
    let url = connection_url(database_url)?;
    let pool = Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(SqlitePragmas))
        .build(ConnectionManager::<AnyConnection>::new(url))?;
    Ok(pool)
}

/// SQLite done right: WAL so readers never wait for the writer, foreign keys enforced, and a
/// busy timeout so a writer queues for the lock instead of failing.
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<AnyConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut AnyConnection) -> Result<(), diesel::r2d2::Error> {
        if let AnyConnection::Sqlite(conn) = conn {
            use diesel::connection::SimpleConnection;
            conn.batch_execute(
                "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; \
                 PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Runs every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut AnyConnection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    match conn {
        AnyConnection::Postgresql(conn) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")).execute(conn)?;
            let result = conn.run_pending_migrations(POSTGRES_MIGRATIONS).map(drop);
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")).execute(conn)?;
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
