//! The migrations of migrations/sqlite and migrations/postgres, embedded in the binary, and
//! running those a database has not had yet.

use diesel::prelude::*;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::connection::AnyConnection;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Any number that no other program on the database is likely to lock: serialises migrations
/// when several instances start at once.
const MIGRATION_LOCK_KEY: i64 = 0x5377_6974_6368;

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
