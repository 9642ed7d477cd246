//! On PostgreSQL, several instances share one database. Each listens on the log's channel;
//! a notification (sent once a write's commit is flushed, `event_log::Announce`) wakes it to
//! read the log after the last event it has seen, up to the one announced, and hand what it
//! finds to its Broadcaster, which drops what it already delivered. A lost connection is
//! re-made, and the log read from where it stopped: nothing is missed. No event is handed on
//! before it is durable: one a read finds beyond what was announced waits for its own
//! announcement, or, on the reads made without one, for a flush (`event_log::flush`).
//!
//! The same connection carries presence between instances: it listens on the presence channel
//! too, handing what it hears to the Broadcaster, and sends (as NOTIFY, in order) what the
//! Broadcaster queues for the others. Presence is not in the log: after a reconnect the
//! Broadcaster tells the others to forget what it said and says it again.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use actix::Addr;
use diesel::{Connection, PgConnection, RunQueryDsl};

use super::broadcaster::{Broadcaster, PeerPresence, Publish, Reshare};
use super::event_log::{self, Notice, OthersWriting, NOTIFY_CHANNEL};
use crate::db::AnyConnection;

/// How soon the listener looks for notifications again after some arrived: while writes come,
/// an event waits at most this long for it.
const POLL_BUSY: Duration = Duration::from_millis(1);
/// How long it waits between looks at most: the wait doubles from `POLL_BUSY` while none arrive.
const POLL_IDLE: Duration = Duration::from_millis(10);
/// Even without a notification, the log is read this often (a safety net, cheap).
const READ_ANYWAY_AFTER: Duration = Duration::from_secs(1);
const READ_BATCH: i64 = 1_000;
/// The channel instances tell each other about presence on.
pub const PRESENCE_CHANNEL: &str = "switchboard_presence";

/// What the listener thread sends for the Broadcaster: presence messages, in order.
pub type Outgoing = std::sync::mpsc::Receiver<String>;

/// This server as its listener knows it: its number, in the NOTIFYs it hears, and where it
/// notes that the others are writing (for the writer's linger).
pub struct Peers {
    pub instance: u64,
    pub others: OthersWriting,
}

/// Starts the listener thread of server `peers.instance`, reading after `read` (the log's head
/// at start-up); `read` follows the last `seq` it has read, for the metrics.
pub fn spawn(
    database_url: String,
    read: Arc<AtomicI64>,
    broadcaster: Addr<Broadcaster>,
    outgoing: Outgoing,
    peers: Peers,
) -> thread::JoinHandle<()> {
    thread::Builder::new()
        .name("pg-listener".into())
        .spawn(move || run(&database_url, &read, &broadcaster, &outgoing, &peers))
        .expect("spawning the listener thread")
}

fn run(database_url: &str, read: &AtomicI64, broadcaster: &Addr<Broadcaster>, outgoing: &Outgoing, peers: &Peers) {
    let mut after = read.load(Ordering::Relaxed);
    let mut backoff = Duration::from_millis(100);
    let database_url = with_application_name(database_url);
    let mut first = true;
    loop {
        if !broadcaster.connected() {
            return;
        }
        let first = std::mem::take(&mut first);
        match listen(&database_url, &mut after, read, broadcaster, outgoing, first, peers) {
            Ok(()) => return,
            Err(error) => {
                tracing::warn!("event listener lost its database connection ({error}); reconnecting");
                thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
}

/// Listens until the connection fails (an error) or the Broadcaster is gone (`Ok`).
fn listen(
    database_url: &str,
    after: &mut i64,
    read: &AtomicI64,
    broadcaster: &Addr<Broadcaster>,
    outgoing: &Outgoing,
    first: bool,
    peers: &Peers,
) -> diesel::QueryResult<()> {
    let mut conn =
        PgConnection::establish(database_url).map_err(|e| diesel::result::Error::QueryBuilderError(e.into()))?;
    diesel::sql_query(format!("LISTEN {NOTIFY_CHANNEL}")).execute(&mut conn)?;
    diesel::sql_query(format!("LISTEN {PRESENCE_CHANNEL}")).execute(&mut conn)?;
    if !first {
        broadcaster.do_send(Reshare);
    }
    let mut conn = AnyConnection::Postgresql(conn);
    // Notifications may have been missed while there was no connection: read all at once.
    let mut sweep = true;
    let mut swept = Instant::now();
    let mut wait = POLL_BUSY;
    // How far the log is known to be durable: through the last `seq` a NOTIFY announced.
    let mut durable = *after;
    loop {
        if !broadcaster.connected() {
            return Ok(());
        }
        let AnyConnection::Postgresql(pg) = &mut conn else {
            return Ok(());
        };
        while let Ok(message) = outgoing.try_recv() {
            diesel::sql_query("SELECT pg_notify($1, $2)")
                .bind::<diesel::sql_types::Text, _>(PRESENCE_CHANNEL)
                .bind::<diesel::sql_types::Text, _>(&message)
                .execute(pg)?;
        }
        let mut notified = false;
        let mut heard = false;
        for notification in pg.notifications_iter() {
            let notification = notification?;
            heard = true;
            if notification.channel == PRESENCE_CHANNEL {
                broadcaster.do_send(PeerPresence(notification.payload));
                continue;
            }
            // This instance's own commit, right after what was read: its Broadcaster has those
            // events already, so there is nothing to read back. Anything else is read.
            match Notice::of(&notification.payload, peers.instance) {
                Notice::Own { first, last } if !notified && first == *after + 1 => {
                    *after = last;
                    durable = durable.max(last);
                    read.store(last, Ordering::Relaxed);
                }
                Notice::Own { last, .. } => {
                    durable = durable.max(last);
                    notified = true;
                }
                Notice::Other { last: Some(last) } => {
                    peers.others.heard();
                    durable = durable.max(last);
                    notified = true;
                }
                // A build that said nothing of how far it wrote, and committed before it did.
                Notice::Other { last: None } => {
                    peers.others.heard();
                    sweep = true;
                }
            }
        }
        sweep |= swept.elapsed() >= READ_ANYWAY_AFTER;
        if notified || sweep {
            read_log(&mut conn, after, &mut durable, sweep, read, broadcaster)?;
        }
        if sweep {
            sweep = false;
            swept = Instant::now();
        }
        wait = if heard { POLL_BUSY } else { (wait * 2).min(POLL_IDLE) };
        thread::sleep(wait);
    }
}

/// Reads the log after `after` and hands what it finds to the Broadcaster: up to `durable`, what
/// NOTIFYs announced, or with `sweep` everything, made durable first (`event_log::flush`).
fn read_log(
    conn: &mut AnyConnection,
    after: &mut i64,
    durable: &mut i64,
    sweep: bool,
    read: &AtomicI64,
    broadcaster: &Addr<Broadcaster>,
) -> diesel::QueryResult<()> {
    loop {
        let mut events = event_log::read_after(conn, *after, READ_BATCH)?;
        let full = events.len() as i64 == READ_BATCH;
        let beyond = events.last().is_some_and(|last| last.seq > *durable);
        if beyond && sweep {
            event_log::flush(conn)?;
            *durable = events.last().map_or(*durable, |last| last.seq);
        } else if beyond {
            // The rest is announced soon, or found by the next sweep.
            events.retain(|event| event.seq <= *durable);
        }
        let Some(last) = events.last() else { return Ok(()) };
        *after = last.seq;
        read.store(last.seq, Ordering::Relaxed);
        broadcaster.do_send(Publish(events.into_iter().map(Arc::new).collect()));
        if !full || (beyond && !sweep) {
            return Ok(());
        }
    }
}

/// Names the listener's connection `switchboard-listener`, so an operator can tell it apart in
/// `pg_stat_activity`.
fn with_application_name(database_url: &str) -> String {
    let separator = if database_url.contains('?') { '&' } else { '?' };
    format!("{database_url}{separator}application_name={LISTENER_APPLICATION_NAME}")
}

/// The `application_name` of the listener's connection.
pub const LISTENER_APPLICATION_NAME: &str = "switchboard-listener";
