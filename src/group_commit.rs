//! Group commit on SQLite: one writer thread runs the write transactions of several requests
//! in one database transaction, each in a savepoint of its own, and commits them together.
//!
//! SQLite takes one writer at a time whatever the pool holds, and each commit appends every page
//! it touched to the WAL (the log's head, the events table, the record's table and its indexes):
//! requests that arrive while a commit is under way share the next one. Each request stays
//! atomic (a failed change rolls back to its savepoint and leaves the others alone), is answered
//! only once the commit that holds it is done, and its events take their `seq` in the order the
//! writer ran them, which is the order they are published in.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::Arc;

use actix::Addr;
use diesel::Connection;
use tokio::sync::oneshot;

use crate::db::{self, AnyConnection, DbPool};
use crate::domain::event::By;
use crate::domain::Entity;
use crate::entities::write::Written;
use crate::error::ApiError;
use crate::realtime::broadcaster::{Broadcaster, Publish};
use crate::realtime::event_log::{self, LoggedEvent};

/// Changes committed together at most: a bound on how long the first of them waits.
const MAX_BATCH: usize = 64;

/// The handle requests hand their changes to; the writer thread stops when it is dropped.
pub struct GroupCommit {
    jobs: mpsc::Sender<Box<dyn Job>>,
}

impl GroupCommit {
    /// Starts the writer thread on `pool`, publishing what it commits to `broadcaster`.
    pub fn start(pool: DbPool, broadcaster: Addr<Broadcaster>) -> GroupCommit {
        let (jobs, queue) = mpsc::channel::<Box<dyn Job>>();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || run(&pool, &broadcaster, &queue))
            .expect("starting the SQLite writer thread");
        GroupCommit { jobs }
    }

    /// Runs `change` (to records of `entity`, made `by` the caller) in the next group's
    /// transaction and answers once that has committed.
    pub async fn write<T, F>(&self, by: By, entity: Entity, change: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Box::new(Change { by, entity, change, reply }))
            .map_err(|_| ApiError::Internal("the SQLite writer has stopped".into()))?;
        answer.await.unwrap_or_else(|_| Err(ApiError::Internal("the SQLite writer dropped a change".into())))
    }
}

/// One request's change, as the writer thread sees it.
trait Job: Send {
    /// Runs the change inside the group's open transaction, in a savepoint of its own. A change
    /// that fails is rolled back to its savepoint and answered at once (`None`).
    fn run(self: Box<Self>, conn: &mut AnyConnection) -> Option<Staged>;
    /// Answers without running: the group could not start.
    fn fail(self: Box<Self>, error: ApiError);
}

/// A change that ran and waits for its group's commit.
struct Staged {
    logged: Vec<Arc<LoggedEvent>>,
    answer: Box<dyn FnOnce(Result<(), ApiError>) + Send>,
}

struct Change<T, F> {
    by: By,
    entity: Entity,
    change: F,
    reply: oneshot::Sender<Result<T, ApiError>>,
}

impl<T, F> Job for Change<T, F>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError> + Send + 'static,
{
    fn run(self: Box<Self>, conn: &mut AnyConnection) -> Option<Staged> {
        let Change { by, entity, change, reply } = *self;
        // A transaction inside the group's: a savepoint, rolled back alone if the change fails.
        let ran = conn.transaction(|conn| event_log::record(conn, &by, entity, change));
        match ran {
            Ok((value, logged)) => Some(Staged {
                logged,
                answer: Box::new(move |committed| {
                    let _ = reply.send(committed.map(|()| value));
                }),
            }),
            Err(error) => {
                let _ = reply.send(Err(error));
                None
            }
        }
    }

    fn fail(self: Box<Self>, error: ApiError) {
        let _ = self.reply.send(Err(error));
    }
}

/// The writer thread: takes whatever changes are waiting (at least one), runs them in one
/// transaction, commits, publishes their events in order and answers them.
fn run(pool: &DbPool, broadcaster: &Addr<Broadcaster>, queue: &mpsc::Receiver<Box<dyn Job>>) {
    while let Ok(first) = queue.recv() {
        let mut group = vec![first];
        group.extend(queue.try_iter().take(MAX_BATCH - 1));
        let mut conn = match pool.get() {
            Ok(conn) => conn,
            Err(error) => {
                tracing::warn!("no database connection for the writer: {error}");
                group.into_iter().for_each(|job| job.fail(error.clone().into()));
                continue;
            }
        };
        // A panicking change drops the answers still held (their requests get a 500) and the
        // connection, which the pool discards since it is still in a transaction.
        let Ok(committed) = std::panic::catch_unwind(AssertUnwindSafe(|| commit_group(&mut conn, group))) else {
            tracing::error!("a change panicked in the SQLite writer; its group was rolled back");
            continue;
        };
        let logged: Vec<_> = committed.iter().flat_map(|change| change.logged.iter().cloned()).collect();
        // Published before the answers go out, as a lone request's events are.
        if !logged.is_empty() {
            broadcaster.do_send(Publish(logged));
        }
        for change in committed {
            (change.answer)(Ok(()));
        }
    }
}

/// Runs `group` in one write transaction and returns the changes it committed; a change that
/// failed has had its answer already, and if the commit fails every change gets one.
fn commit_group(conn: &mut AnyConnection, group: Vec<Box<dyn Job>>) -> Vec<Staged> {
    let mut jobs = group.into_iter();
    let mut staged = Vec::with_capacity(jobs.len());
    let result = db::write_transaction(conn, |conn| {
        for job in jobs.by_ref() {
            staged.extend(job.run(conn));
        }
        Ok::<_, diesel::result::Error>(())
    });
    match result {
        Ok(()) => staged,
        Err(error) => {
            tracing::error!("a group of {} writes failed to commit: {error}", staged.len() + jobs.len());
            let failed = || ApiError::Internal(format!("committing a group of writes: {error}"));
            for change in staged {
                (change.answer)(Err(failed()));
            }
            for job in jobs {
                job.fail(failed());
            }
            Vec::new()
        }
    }
}
