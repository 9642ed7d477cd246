//! Group commit: one writer thread runs the write transactions of several requests in one
//! database transaction, each in a savepoint of its own, and commits them together.
//!
//! On SQLite, which takes one writer at a time whatever the pool holds, each commit appends every
//! page it touched to the WAL (the log's head, the events table, the record's table and its
//! indexes). On PostgreSQL every write holds the event log's head-row lock until its commit, so
//! writes run one at a time there too, each paying its round trips, its WAL flush and its
//! NOTIFY. Either way requests that arrive while a commit is under way share the next one: one
//! lock, one flush and one NOTIFY for the group, and one write of its events to the log
//! (`event_log::Batch`). On PostgreSQL the flush comes after the commit, with the NOTIFY
//! (`event_log::Announce`), so the lock is not held through it, and on another thread (the
//! `Announcer`), so the writer commits its next group meanwhile. Each request stays atomic (a
//! failed change rolls back to its savepoint and leaves the others alone), is answered only once
//! the commit that holds it is durable, and its events take their `seq` in the order the writer
//! ran them, which is the order they are published in.
//!
//! On PostgreSQL a change whose table another session has locked (LOCK TABLE, ALTER TABLE) is
//! not waited for inside the group, which holds the log's lock: it is handed back to run alone
//! (`Grouped::Alone`), waiting for that table without holding up anyone else's write.

mod fixes;

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix::Addr;
use diesel::connection::SimpleConnection;
use diesel::QueryResult;
use tokio::sync::oneshot;

use crate::db::{self, AnyConnection, DbPool};
use crate::domain::event::By;
use crate::domain::Entity;
use crate::entities::actions::{Fix, FixChange};
use crate::entities::driver::Driver;
use crate::entities::write::Written;
use crate::error::{ApiError, DbUnavailable};
use crate::realtime::broadcaster::{Broadcaster, Publish};
use crate::realtime::event_log::{self, Announce, Batch, LoggedEvent, OthersWriting};
use crate::telemetry::Metrics;
use fixes::FixJob;

/// Changes committed together at most: a bound on how long the first of them waits.
const MAX_BATCH: usize = 64;

/// Changes that end a group's linger (`Writer::linger`) before its time is up: enough to share
/// one turn with the log's lock, so writers that keep the queue full never wait for the clock.
const FULL_ENOUGH: usize = 16;

/// What became of a change handed to the group.
pub enum Grouped<T, F> {
    /// It ran and its group committed (or it failed, or the commit did).
    Done(Result<T, ApiError>),
    /// Its table is locked by another session: run it alone (`AppState::write`).
    Alone(F),
}

/// Why a group's transaction was rolled back.
enum Ended {
    /// The log's lock was not granted: the changes taken before it was asked for have had
    /// their answers, and no other was taken from the queue.
    Unlocked,
    /// A statement failed outside any change (writing the log, the commit).
    Failed(diesel::result::Error),
}

impl From<diesel::result::Error> for Ended {
    fn from(error: diesel::result::Error) -> Self {
        Ended::Failed(error)
    }
}

/// The handle requests hand their changes to; the writer thread stops when it is dropped.
pub struct GroupCommit {
    jobs: mpsc::Sender<Box<dyn Job>>,
    /// Writes handed over and not yet taken by the writer thread.
    queued: Arc<AtomicUsize>,
    /// Writes that may wait at once (`--writes-queued-max`); more are refused at once (503,
    /// writes queued), so a database that stalls holds a bounded queue, not every request that
    /// arrives meanwhile.
    limit: usize,
}

impl GroupCommit {
    /// Starts the writer thread on `pool`, publishing what it commits to `broadcaster`.
    pub fn start(
        pool: DbPool,
        broadcaster: Addr<Broadcaster>,
        metrics: Arc<Metrics>,
        instance: u64,
        limit: usize,
        linger: Linger,
    ) -> GroupCommit {
        let (jobs, queue) = mpsc::channel::<Box<dyn Job>>();
        // A rendezvous: the writer runs at most one group ahead of the flush (see `Announcer`).
        let (committed, to_announce) = mpsc::sync_channel::<Committed>(0);
        let queued = Arc::new(AtomicUsize::new(0));
        let announcer = Announcer { pool: pool.clone(), broadcaster: broadcaster.clone(), instance };
        let pace = Pace::default();
        let writer = Writer { pool, broadcaster, metrics, queued: Arc::clone(&queued), committed, linger, pace };
        std::thread::Builder::new()
            .name("db-announcer".into())
            .spawn(move || announcer.run(&to_announce))
            .expect("starting the database announcer thread");
        std::thread::Builder::new()
            .name("db-writer".into())
            .spawn(move || writer.run(&queue))
            .expect("starting the database writer thread");
        GroupCommit { jobs, queued, limit }
    }

    /// Writes waiting for the writer thread.
    pub fn queued(&self) -> usize {
        self.queued.load(Ordering::Relaxed)
    }

    /// Runs `change` (to records of `entity`, made `by` the caller) in the next group's
    /// transaction and answers once that has committed.
    pub async fn write<T, F>(&self, by: By, entity: Entity, change: F) -> Grouped<T, F>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        self.hand_over(Box::new(Change { by, entity, change, reply }), answer).await
    }

    /// As [`GroupCommit::write`], for a driver's position fix: the group writes it with the
    /// fixes next to it in the queue (`fixes`).
    pub async fn write_fix(&self, by: By, fix: Fix) -> Grouped<Driver, FixChange> {
        let (reply, answer) = oneshot::channel();
        self.hand_over(Box::new(FixJob { by, fix, reply }), answer).await
    }

    /// Queues `job`, unless `--writes-queued-max` are queued already, and waits for its answer.
    async fn hand_over<T, F>(&self, job: Box<dyn Job>, answer: oneshot::Receiver<Grouped<T, F>>) -> Grouped<T, F> {
        if self.queued.fetch_add(1, Ordering::Relaxed) >= self.limit {
            self.queued.fetch_sub(1, Ordering::Relaxed);
            return Grouped::Done(Err(ApiError::Database(DbUnavailable::WritesQueued)));
        }
        if self.jobs.send(job).is_err() {
            return Grouped::Done(Err(ApiError::Internal("the database writer has stopped".into())));
        }
        answer
            .await
            .unwrap_or_else(|_| Grouped::Done(Err(ApiError::Internal("the database writer dropped a change".into()))))
    }
}

/// One request's change, as the writer thread sees it.
trait Job: Send {
    /// Runs the change inside the group's open transaction, after a savepoint set for it alone
    /// (`Group::prepare`). A change that fails is rolled back to that savepoint and
    /// answered at once (`None`), and so is one handed back to run alone.
    fn run(self: Box<Self>, conn: &mut AnyConnection, group: &mut Group) -> Option<Staged>;
    /// Answers without running: the group could not start.
    fn fail(self: Box<Self>, error: ApiError);

    /// The driver, for a position fix, which the group writes with the fixes next to it.
    fn fix_of(&self) -> Option<i64> {
        None
    }

    /// The position fix this is, or itself.
    fn into_fix(self: Box<Self>) -> Result<FixJob, Box<dyn Job>>;
}

/// What the group's transaction holds already: on PostgreSQL the tables it has claimed, once
/// each for all its changes (the log's lock it takes before its first change, `commit_group`);
/// the events its changes logged, written together before it commits; and the savepoint its
/// changes run in.
struct Group {
    claimed: HashSet<Entity>,
    batch: Batch,
    savepoint: Savepoint,
}

/// The savepoint each change runs in, so that one that fails rolls back alone (on PostgreSQL a
/// failed statement would otherwise abort the whole group's transaction). One savepoint serves
/// every change in turn: rolled back to after a change that failed, released and set again
/// before the change after one that ran, in one round trip.
#[derive(Clone, Copy)]
enum Savepoint {
    /// None set yet.
    None,
    /// Set, with nothing done since.
    Clean,
    /// Set, and holding a change that ran.
    Holding,
}

impl Group {
    fn new(head: i64) -> Group {
        Group { claimed: HashSet::new(), batch: Batch::after(head), savepoint: Savepoint::None }
    }

    /// Sets a clean savepoint for a change to records of `entity` and, on PostgreSQL, claims its
    /// table if the group has not yet (`NOWAIT`), in one round trip; answers the table it
    /// claimed. A table another session holds is `TableLocked`, with the savepoint set and
    /// nothing done since.
    fn prepare(&mut self, conn: &mut AnyConnection, entity: Entity) -> Result<Option<Entity>, ApiError> {
        // On PostgreSQL each table once a group. SQLite has one writer and nothing to claim.
        let claim = (conn.is_postgres() && !self.claimed.contains(&entity)).then_some(entity);
        let mut statements: Vec<String> = match self.savepoint {
            Savepoint::Clean => Vec::new(),
            Savepoint::None => vec!["SAVEPOINT grouped_change".into()],
            Savepoint::Holding => vec!["RELEASE SAVEPOINT grouped_change".into(), "SAVEPOINT grouped_change".into()],
        };
        statements.extend(claim.map(db::claim_now_statement));
        if statements.is_empty() {
            return Ok(None);
        }
        match conn.batch_execute(&statements.join("; ")) {
            Ok(()) => {
                self.savepoint = Savepoint::Clean;
                self.claimed.extend(claim);
                Ok(claim)
            }
            // The claim, last, was refused: the savepoint before it is set.
            Err(error) if claim.is_some() && DbUnavailable::of(&error) == Some(DbUnavailable::LockNotGranted) => {
                self.savepoint = Savepoint::Clean;
                self.roll_back(conn, None)?;
                Err(ApiError::Database(DbUnavailable::TableLocked(db::table_of(entity))))
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Undoes what the change since the savepoint did, tables it claimed included.
    fn roll_back(&mut self, conn: &mut AnyConnection, claimed: Option<Entity>) -> QueryResult<()> {
        if let Some(entity) = claimed {
            self.claimed.remove(&entity);
        }
        conn.batch_execute("ROLLBACK TO SAVEPOINT grouped_change")
    }
}

/// A change that ran and waits for its group's commit.
struct Staged {
    logged: Vec<Arc<LoggedEvent>>,
    answer: Box<dyn FnOnce(Result<(), ApiError>) + Send>,
}

/// A group that committed, to be made durable and announced (on PostgreSQL), then published
/// and answered.
struct Committed {
    staged: Vec<Staged>,
    announce: Announce,
}

impl Committed {
    /// Publishes the group's events (on `Ok`) before its writes get their answers, as a lone
    /// request's events are.
    fn answer(self, broadcaster: &Addr<Broadcaster>, announced: Result<(), ApiError>) {
        if announced.is_ok() {
            let logged: Vec<_> = self.staged.iter().flat_map(|change| change.logged.iter().cloned()).collect();
            if !logged.is_empty() {
                broadcaster.do_send(Publish(logged));
            }
        }
        for change in self.staged {
            (change.answer)(announced.as_ref().map(|_| ()).map_err(clone_error));
        }
    }
}

/// On PostgreSQL the thread that makes committed groups durable and announces them
/// (`event_log::Announce`: a flush, then a NOTIFY), then publishes and answers them,
/// in commit order. The writer commits its next group meanwhile, so a group's flush overlaps the
/// next group's statements on one instance as it does across instances; it hands that group
/// over only once this flush is done. Running further ahead would make smaller groups when
/// writes come faster than they commit: measured on two cores, handing every group over at once
/// cut one instance's creates by a fifth (2,053/s against 2,447/s, `benches/postgres/writes.sh`)
/// for no gain in latency at 1,000 writes a second (W7).
struct Announcer {
    pool: DbPool,
    broadcaster: Addr<Broadcaster>,
    /// This server, in its NOTIFYs.
    instance: u64,
}

impl Announcer {
    fn run(&self, committed: &mpsc::Receiver<Committed>) {
        while let Ok(group) = committed.recv() {
            self.announce(group);
        }
    }

    /// Makes `group` durable and announces it, then publishes and answers it.
    fn announce(&self, group: Committed) {
        // Committed, but not known to be durable until announced: answered only then.
        let announced = self
            .pool
            .get()
            .map_err(ApiError::from)
            .and_then(|mut conn| group.announce.send_or_retry(&mut conn, &self.pool, self.instance));
        if let Err(error) = &announced {
            tracing::error!("a group of {} writes committed, but not its announcement: {error}", group.staged.len());
        }
        group.answer(&self.broadcaster, announced);
    }
}

/// The same failure for another of the writes that share it.
fn clone_error(error: &ApiError) -> ApiError {
    match error {
        ApiError::Database(kind) => ApiError::Database(kind.clone()),
        other => ApiError::Internal(other.to_string()),
    }
}

struct Change<T, F> {
    by: By,
    entity: Entity,
    change: F,
    reply: oneshot::Sender<Grouped<T, F>>,
}

impl<T, F> Job for Change<T, F>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<Written<T>, ApiError> + Send + 'static,
{
    fn run(self: Box<Self>, conn: &mut AnyConnection, group: &mut Group) -> Option<Staged> {
        let Change { by, entity, change, reply } = *self;
        let refuse = |reply: oneshot::Sender<Grouped<T, F>>, error| {
            let _ = reply.send(Grouped::Done(Err(error)));
            None
        };
        let claimed = match group.prepare(conn, entity) {
            Ok(claimed) => claimed,
            Err(ApiError::Database(DbUnavailable::TableLocked(_))) => {
                let _ = reply.send(Grouped::Alone(change));
                return None;
            }
            Err(error) => return refuse(reply, error),
        };
        match event_log::record_locked(conn, &mut group.batch, &by, change) {
            Ok((value, logged)) => {
                group.savepoint = Savepoint::Holding;
                Some(Staged {
                    logged,
                    answer: Box::new(move |committed| {
                        let _ = reply.send(Grouped::Done(committed.map(|()| value)));
                    }),
                })
            }
            Err(error) => {
                // Should the rollback fail too, the group's commit will, and say so to the rest.
                if let Err(broken) = group.roll_back(conn, claimed) {
                    tracing::error!("rolling back a failed change in its group: {broken}");
                }
                refuse(reply, error)
            }
        }
    }

    fn fail(self: Box<Self>, error: ApiError) {
        let _ = self.reply.send(Grouped::Done(Err(error)));
    }

    fn into_fix(self: Box<Self>) -> Result<FixJob, Box<dyn Job>> {
        Err(self)
    }
}

/// Moves what comes on `queue` into `arrived` until it holds `enough`, `until` passes or the
/// queue is closed, whichever is first.
fn gather<T>(arrived: &mut Vec<T>, queue: &mpsc::Receiver<T>, until: Instant, enough: usize) {
    while arrived.len() < enough {
        match queue.recv_timeout(until.saturating_duration_since(Instant::now())) {
            Ok(item) => arrived.push(item),
            Err(_) => return,
        }
    }
}

/// A group's changes, in the order they came.
type Jobs = std::iter::Peekable<std::vec::IntoIter<Box<dyn Job>>>;

/// `first` and the position fixes right behind it in `jobs`, up to the first fix of a driver
/// already among them (a driver's fixes take effect one after the other) or a change of another
/// kind.
fn fixes_of_distinct_drivers(first: FixJob, jobs: &mut Jobs) -> Vec<FixJob> {
    let mut drivers = HashSet::from([first.fix.driver]);
    let mut run = vec![first];
    while let Some(job) = jobs.next_if(|job| job.fix_of().is_some_and(|driver| drivers.insert(driver))) {
        match job.into_fix() {
            Ok(fix) => run.push(fix),
            Err(_) => unreachable!("only a fix tells its driver"),
        }
    }
    run
}

/// The writer thread's own.
struct Writer {
    pool: DbPool,
    broadcaster: Addr<Broadcaster>,
    metrics: Arc<Metrics>,
    queued: Arc<AtomicUsize>,
    /// On PostgreSQL, where the groups it committed go to be made durable (`Announcer`).
    committed: mpsc::SyncSender<Committed>,
    /// On PostgreSQL, how long a group waits for more writes (`Writer::linger`).
    linger: Linger,
    /// How many writes it took lately: a group lingers only if another is expected meanwhile.
    pace: Pace,
}

/// How long a group of writes waits for more to join it, on PostgreSQL (`Writer::linger`).
pub struct Linger {
    /// `--group-linger-ms`; zero on SQLite, whose one writer has no lock to take turns with.
    pub time: Duration,
    /// Whether other instances sharing the database are writing.
    pub others: OthersWriting,
}

/// How recently another instance must have written for this one's groups to wait.
const OTHERS_WROTE_WITHIN: Duration = Duration::from_secs(1);

/// The writes a writer took in the second under way and in the one before it: whether writes
/// come often enough that a group's linger is likely to gather another.
#[derive(Debug)]
struct Pace {
    /// When the second under way began.
    since: Cell<Instant>,
    taken: Cell<u64>,
    /// The writes taken in the second before it (0 if none was taken then).
    before: Cell<u64>,
}

impl Default for Pace {
    fn default() -> Self {
        Pace { since: Cell::new(Instant::now()), taken: Cell::new(0), before: Cell::new(0) }
    }
}

impl Pace {
    const SECOND: Duration = Duration::from_secs(1);

    /// `count` writes were taken at `now`.
    fn took(&self, count: usize, now: Instant) {
        self.turn(now);
        self.taken.set(self.taken.get() + count as u64);
    }

    /// Whether, at `now`, writes have lately come at least one per `linger`: in the last
    /// second, or in the second under way so far.
    fn one_each(&self, linger: Duration, now: Instant) -> bool {
        self.turn(now);
        let needed = (Self::SECOND.as_nanos() / linger.as_nanos().max(1)).max(1) as u64;
        self.before.get().max(self.taken.get()) >= needed
    }

    /// Starts a new second if the one under way is over.
    fn turn(&self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.since.get());
        if elapsed < Self::SECOND {
            return;
        }
        self.before.set(if elapsed < 2 * Self::SECOND { self.taken.get() } else { 0 });
        self.taken.set(0);
        self.since.set(now);
    }
}

impl Writer {
    /// Takes whatever changes are waiting (at least one), runs them in one transaction,
    /// commits, and hands them on to be published in order and answered: at once on SQLite,
    /// whose commit is as durable as it will be; on PostgreSQL through the `Announcer`, while
    /// the next group runs.
    fn run(&self, queue: &mpsc::Receiver<Box<dyn Job>>) {
        while let Ok(first) = queue.recv() {
            let arrived = self.linger(first, queue);
            let mut conn = match self.pool.get() {
                Ok(conn) => conn,
                Err(error) => {
                    tracing::warn!("no database connection for the writer: {error}");
                    self.taken(arrived.len());
                    let error = ApiError::from(error);
                    for job in arrived {
                        job.fail(clone_error(&error));
                    }
                    continue;
                }
            };
            // A panicking change drops the answers still held (their requests get a 500) and the
            // connection, which the pool discards since it is still in a transaction.
            let group = AssertUnwindSafe(|| self.commit_group(&mut conn, arrived, queue));
            let Ok((staged, announce)) = std::panic::catch_unwind(group) else {
                tracing::error!("a change panicked in the database writer; its group was rolled back");
                continue;
            };
            if staged.is_empty() {
                continue;
            }
            let group = Committed { staged, announce };
            if !conn.is_postgres() {
                group.answer(&self.broadcaster, Ok(()));
                continue;
            }
            // Back to the pool before waiting for the announcer, which may need it (a pool of one).
            drop(conn);
            if let Err(mpsc::SendError(group)) = self.committed.send(group) {
                group.answer(&self.broadcaster, Err(ApiError::Internal("the database announcer has stopped".into())));
            }
        }
    }

    /// On PostgreSQL, while other instances write (their NOTIFYs heard within the last second),
    /// waits up to `time` for more writes to join `first` in the group about to begin, or until
    /// `FULL_ENOUGH` have come; answers those that came, `first` first. They share its lock,
    /// round trips, flush and NOTIFY: instances take turns with the log's lock, and every group
    /// costs every instance a turn, so the fewer and fuller the better. An instance writing
    /// alone does not wait: nothing else waits for its lock. Nor does one whose writes come
    /// less than one per `time` (`Pace`): its groups would wait the whole time for nothing.
    fn linger(&self, first: Box<dyn Job>, queue: &mpsc::Receiver<Box<dyn Job>>) -> Vec<Box<dyn Job>> {
        let mut arrived = vec![first];
        let Linger { time, others } = &self.linger;
        if time.is_zero() || !others.lately(OTHERS_WROTE_WITHIN) || !self.pace.one_each(*time, Instant::now()) {
            return arrived;
        }
        gather(&mut arrived, queue, Instant::now() + *time, FULL_ENOUGH);
        arrived
    }

    /// `count` changes left the queue for a group.
    fn taken(&self, count: usize) {
        self.pace.took(count, Instant::now());
        self.queued.fetch_sub(count, Ordering::Relaxed);
    }

    /// Runs the changes that `arrived` and those queued behind them (at most `MAX_BATCH` in
    /// all) in one write transaction and returns those it committed; a change that failed has
    /// had its answer already, and if the commit fails every change gets one.
    ///
    /// On PostgreSQL the group waits for the log's lock (another instance's group committing)
    /// before it takes the changes queued behind those that `arrived`: those that queue
    /// meanwhile commit with them, so instances sharing the log take turns with full groups,
    /// not with the changes each had when it began to wait.
    fn commit_group(
        &self,
        conn: &mut AnyConnection,
        arrived: Vec<Box<dyn Job>>,
        queue: &mpsc::Receiver<Box<dyn Job>>,
    ) -> (Vec<Staged>, Announce) {
        let mut arrived = Some(arrived);
        let mut jobs: Jobs = Vec::new().into_iter().peekable();
        let mut staged: Vec<Staged> = Vec::new();
        let result = db::write_transaction(conn, |conn| {
            let head = match event_log::lock_log(conn) {
                Ok(head) => head,
                Err(error) => {
                    let arrived = arrived.take().unwrap_or_default();
                    self.taken(arrived.len());
                    for job in arrived {
                        job.fail(clone_error(&error));
                    }
                    return Err(Ended::Unlocked);
                }
            };
            let mut held = Group::new(head);
            let mut group = arrived.take().unwrap_or_default();
            group.extend(queue.try_iter().take(MAX_BATCH.saturating_sub(group.len())));
            self.taken(group.len());
            self.metrics.write_groups.increment(1);
            self.metrics.grouped_writes.increment(group.len() as u64);
            jobs = group.into_iter().peekable();
            while let Some(job) = jobs.next() {
                match job.into_fix() {
                    Ok(fix) => {
                        let run = fixes_of_distinct_drivers(fix, &mut jobs);
                        if run.len() > 1 {
                            self.metrics.fixes_together.increment(run.len() as u64);
                        }
                        staged.extend(fixes::run(conn, &mut held, run));
                    }
                    Err(job) => staged.extend(job.run(conn, &mut held)),
                }
            }
            Ok(held.batch.write(conn)?)
        });
        let error = match result {
            Ok(announce) => return (staged, announce),
            Err(Ended::Unlocked) => return (Vec::new(), Announce::none()),
            Err(Ended::Failed(error)) => error,
        };
        let count = staged.len() + jobs.len() + arrived.as_ref().map_or(0, Vec::len);
        tracing::error!("a group of {count} writes failed to commit: {error}");
        // A lost connection or a timeout is the database declining to serve (503), as it is for a
        // write on its own.
        let kind = DbUnavailable::of(&error);
        let failed = || match kind.clone() {
            Some(kind) => ApiError::Database(kind),
            None => ApiError::Internal(format!("committing a group of writes: {error}")),
        };
        // The transaction could not even begin.
        let arrived = arrived.take().unwrap_or_default();
        self.taken(arrived.len());
        for job in arrived {
            job.fail(failed());
        }
        for change in staged {
            (change.answer)(Err(failed()));
        }
        for job in jobs {
            job.fail(failed());
        }
        (Vec::new(), Announce::none())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use super::{gather, Pace};

    #[test]
    fn a_linger_ends_as_soon_as_enough_writes_have_come() {
        let (send, queue) = mpsc::channel();
        for n in 1..20 {
            send.send(n).unwrap();
        }
        let mut arrived = vec![0];
        let started = Instant::now();
        // Were the count not heeded, this would wait the hour out (or fail with all 20).
        gather(&mut arrived, &queue, started + Duration::from_secs(3_600), 16);
        assert_eq!(arrived, (0..16).collect::<Vec<_>>());
        assert_eq!(queue.try_iter().collect::<Vec<_>>(), (16..20).collect::<Vec<_>>());
    }

    #[test]
    fn a_linger_takes_what_came_once_its_time_is_up_or_the_queue_closes() {
        let (send, queue) = mpsc::channel();
        send.send(1).unwrap();
        send.send(2).unwrap();
        let mut arrived = vec![0];
        gather(&mut arrived, &queue, Instant::now(), 16);
        assert_eq!(arrived, [0, 1, 2]);

        send.send(3).unwrap();
        drop(send);
        gather(&mut arrived, &queue, Instant::now() + Duration::from_secs(3_600), 16);
        assert_eq!(arrived, [0, 1, 2, 3]);
    }

    #[test]
    fn a_linger_waits_only_while_writes_come_at_least_one_each_linger() {
        let linger = Duration::from_millis(20);
        let start = Instant::now();
        let pace = Pace { since: start.into(), taken: 0.into(), before: 0.into() };
        let at = |millis| start + Duration::from_millis(millis);
        // 49 writes in the first second: fewer than one each 20 ms.
        pace.took(49, at(100));
        assert!(!pace.one_each(linger, at(900)));
        // The fiftieth, still in that second: one each 20 ms.
        pace.took(1, at(950));
        assert!(pace.one_each(linger, at(999)));
        // The next second, none yet: the second before counts.
        assert!(pace.one_each(linger, at(1_500)));
        // Two seconds on with none since: the writes stopped.
        assert!(!pace.one_each(linger, at(2_600)));
        // A trickle of one a second never lingers.
        for second in 3..10 {
            pace.took(1, at(second * 1_000 + 10));
            assert!(!pace.one_each(linger, at(second * 1_000 + 20)));
        }
    }
}
