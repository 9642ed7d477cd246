//! The database: one connection type over SQLite and PostgreSQL (connection.rs, with each
//! connection's set-up), the r2d2 pool that tells a busy database from an unreachable one
//! (pool.rs), the embedded migrations (migrations.rs), and the two kinds of transaction every
//! request runs in (transactions.rs). Why the database could not serve a request is
//! `error::DbUnavailable`, beside the error it becomes.

mod connection;
mod migrations;
mod pool;
pub mod schema;
mod together;
mod transactions;

pub(crate) use connection::on_backend;
pub use connection::{connection_url, skip_openssl_exit_cleanup, AnyConnection, DbConn, MultiBackend, PgTimeouts};
pub use migrations::run_migrations;
pub use pool::{build_pool, build_pool_with, DbPool, PoolStats, WriteSlot, DEFAULT_CONNECT_TIMEOUT};
pub use together::{unnest, Bind, Column, Fixed, Together};
pub use transactions::{claim, claim_now_statement, read_transaction, table_of, write_transaction};
