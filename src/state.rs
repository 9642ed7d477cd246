//! What every handler shares, and the three ways it reaches the database: a write that logs
//! its events and hands them to the Broadcaster, a read at a known `seq`, and a plain connection.

use std::future::Future;
use std::sync::atomic::AtomicI64;
use std::sync::Arc;
use std::time::Instant;

use actix::Addr;
use actix_web::web;

use crate::auth::middleware::AuthState;
use crate::config::Config;
use crate::db::{self, AnyConnection, DbPool};
use crate::domain::event::By;
use crate::domain::Entity;
use crate::drain::Drain;
use crate::entities::actions::Fix;
use crate::entities::driver::Driver;
use crate::entities::write::Written;
use crate::error::{ApiError, DbUnavailable};
use crate::group_commit::{GroupCommit, Grouped};
use crate::realtime::broadcaster::{Broadcaster, Publish};
use crate::realtime::{event_log, Sockets};
use crate::telemetry::Metrics;

/// What every handler shares.
pub struct AppState {
    pub pool: DbPool,
    pub broadcaster: Addr<Broadcaster>,
    pub config: Config,
    /// What the WebSocket sessions take (`GET /ws`, the upgrade, their limits), registered with
    /// actix apart, so the real-time part never reaches for the rest of this.
    pub sockets: Arc<Sockets>,
    /// What the access check takes, registered apart likewise.
    pub auth: Arc<AuthState>,
    /// The requests in flight and whether the server drains, registered apart likewise.
    pub drain: Arc<Drain>,
    pub metrics: Arc<Metrics>,
    /// On PostgreSQL: the `seq` of the last event this instance's listener read from the log.
    pub listener_seq: Option<Arc<AtomicI64>>,
    /// Held while the server runs, so `switchboard restore` can tell the database is in use.
    pub _in_use: Option<crate::backup::InUse>,
    /// The writer that commits several requests' changes together (`--group-commit`; always on
    /// SQLite); `None` when each request commits its own transaction.
    pub group_commit: Option<GroupCommit>,
    /// This server, to the others on the same database (`event_log::new_instance`).
    pub instance: u64,
    /// A permit per CSV export streaming now (`api::csv`), so slow readers hold only so many.
    pub exports: Arc<tokio::sync::Semaphore>,
    /// The log's size as `/metrics` last counted it.
    pub log_rows: crate::realtime::event_log::CountedRows,
}

impl AppState {
    /// Runs `change` (to records of `entity`, and what follows from it) in one write
    /// transaction, appends the events it returns to the log and their entries, made `by` the
    /// caller, to the audit trail in that same transaction, and once it has committed hands them
    /// to the Broadcaster. A failed change logs and sends nothing. The transaction is a
    /// savepoint in a group the writer thread commits at once (`group_commit`), unless group
    /// commit is off (PostgreSQL) or the change's table is locked by another session.
    pub async fn write<T, F>(&self, by: By, entity: Entity, change: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError> + Send + 'static,
    {
        let Some(group_commit) = &self.group_commit else { return self.write_alone(by, entity, change).await };
        self.grouped(by.clone(), entity, group_commit.write(by, entity, change)).await
    }

    /// [`AppState::write`] for a driver's position fix, which a group commit writes with the
    /// fixes next to it (`group_commit::Fix`).
    pub async fn write_fix(&self, by: By, fix: Fix) -> Result<Driver, ApiError> {
        let Some(group_commit) = &self.group_commit else {
            return self.write_alone(by, Entity::Driver, fix.change).await;
        };
        self.grouped(by.clone(), Entity::Driver, group_commit.write_fix(by, fix)).await
    }

    /// The answer of a change handed to the group commit, or of the change it handed back to
    /// run alone.
    async fn grouped<T, F>(
        &self,
        by: By,
        entity: Entity,
        grouped: impl Future<Output = Grouped<T, F>>,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError> + Send + 'static,
    {
        // A write transaction lasts from joining a group to its commit.
        let started = Instant::now();
        match grouped.await {
            Grouped::Done(written) => {
                self.metrics.transaction(true, started.elapsed().as_secs_f64());
                written
            }
            Grouped::Alone(change) => self.write_alone(by, entity, change).await,
        }
    }

    /// [`AppState::write`] in a transaction of its own (PostgreSQL, when its table is locked by
    /// another session or group commit is off): it first waits for a write slot
    /// (`DbPool::write_slot`), so writes never hold the connections kept for reads.
    async fn write_alone<T, F>(&self, by: By, entity: Entity, change: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError> + Send + 'static,
    {
        let slot = self.pool.write_slot(entity).await?;
        let pool = self.pool.clone();
        let broadcaster = self.broadcaster.clone();
        let metrics = self.metrics.clone();
        let instance = self.instance;
        #[cfg(feature = "otel")]
        let request = tracing::Span::current();
        // The publish happens on the blocking thread, right after commit: even if the client
        // goes away and this future is dropped, a committed event is still delivered.
        web::block(move || {
            let _slot = slot;
            let mut conn = pool.get()?;
            #[cfg(feature = "otel")]
            let _span = tracing::info_span!(parent: &request, "db transaction", kind = "write").entered();
            let started = Instant::now();
            let written = db::write_transaction(&mut conn, |conn| event_log::record(conn, &by, entity, change));
            let locked = matches!(written, Err(ApiError::Database(DbUnavailable::TableLocked(_))));
            pool.table_locked(entity, locked);
            let (value, logged, announce) = written?;
            announce.send_or_retry(&mut conn, &pool, instance)?;
            metrics.transaction(true, started.elapsed().as_secs_f64());
            if !logged.is_empty() {
                broadcaster.do_send(Publish(logged));
            }
            Ok(value)
        })
        .await?
    }

    /// Runs `f` on a pooled connection on a blocking thread, in no transaction of its own: for
    /// work that logs no event and needs no snapshot seq (credentials, tokens, sessions).
    pub async fn with_conn<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || f(&mut *pool.get()?)).await?
    }

    /// Runs `query` in a read transaction (one snapshot) and answers with the event `seq`
    /// that snapshot is consistent with.
    pub async fn read<T, F>(&self, query: F) -> Result<(T, i64), ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let metrics = self.metrics.clone();
        #[cfg(feature = "otel")]
        let request = tracing::Span::current();
        web::block(move || {
            let mut conn = pool.get()?;
            #[cfg(feature = "otel")]
            let _span = tracing::info_span!(parent: &request, "db transaction", kind = "read").entered();
            let started = Instant::now();
            let read = db::read_transaction(&mut conn, |conn| {
                let seq = event_log::head(conn)?;
                Ok((query(conn)?, seq))
            });
            metrics.transaction(false, started.elapsed().as_secs_f64());
            read
        })
        .await?
    }
}
