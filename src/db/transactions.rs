//! The two kinds of transaction every request runs in (a write that takes the write lock up
//! front, a read of one snapshot), and on PostgreSQL the table lock a write claims first.

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::prelude::*;

use super::connection::AnyConnection;
use crate::domain::Entity;
use crate::error::{ApiError, DbUnavailable};

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
    lock_table(conn, entity, "")
}

/// The statement of [`claim`] refused at once (`lock_not_available`) if the lock is not free:
/// for a write in a group (`group_commit`), which must not keep the others waiting for it, and
/// sends it in one round trip with its savepoint.
pub fn claim_now_statement(entity: Entity) -> String {
    lock_statement(entity, " NOWAIT")
}

fn lock_statement(entity: Entity, wait: &str) -> String {
    format!("LOCK TABLE {} IN ROW EXCLUSIVE MODE{wait}", table_of(entity))
}

fn lock_table(conn: &mut AnyConnection, entity: Entity, wait: &str) -> Result<(), ApiError> {
    if !conn.is_postgres() {
        return Ok(());
    }
    match diesel::sql_query(lock_statement(entity, wait)).execute(conn) {
        Ok(_) => Ok(()),
        Err(error) if DbUnavailable::of(&error) == Some(DbUnavailable::LockNotGranted) => {
            Err(ApiError::Database(DbUnavailable::TableLocked(table_of(entity))))
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
