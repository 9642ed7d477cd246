//! The Broadcaster: the one actor that knows every live session and what it subscribes to.
//! It takes committed events (`Publish`), puts them in `seq` order, and hands each one, already
//! serialized, to the sessions whose topics match: once per session, however topics overlap.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix::prelude::*;

use super::event_log::{self, LoggedEvent};
use super::hub::{HubConfirm, HubDeliver, HubHandle, HubId};
use super::mailbox::{Kick, Notice, Subscribed};
use super::operator;
use crate::db::DbPool;
use crate::telemetry::Metrics;

pub use super::mailbox::SessionId;

/// How often the Broadcaster looks for a gap in the events it was handed.
const GAP_CHECK_INTERVAL: Duration = Duration::from_millis(200);
/// How long a gap may last before the Broadcaster reads the log to fill it.
const GAP_FILL_AFTER: Duration = Duration::from_millis(300);
/// How long a gap the log cannot fill may last before delivery skips past it.
const GAP_GIVE_UP_AFTER: Duration = Duration::from_secs(30);
/// Events read from the log in one gap fill.
const FILL_BATCH: i64 = 1_000;

/// Registers a session (already attached to its thread's hub); answers the `seq` delivered so
/// far.
#[derive(Message)]
#[rtype(result = "i64")]
pub struct Connect {
    pub id: SessionId,
    /// Where to tell the session to close.
    pub kick: Recipient<Kick>,
    /// Where to send it frames outside the event stream (the operator report).
    pub notice: Recipient<Notice>,
    /// The hub of the session's thread.
    pub hub: HubHandle,
    pub token_id: i64,
    pub session_id: Option<i64>,
    /// Its principal, in words, for the operator report.
    pub name: String,
    pub role: &'static str,
}

/// Closes the sessions opened with these tokens or browser sessions (revoked, expired, logged
/// out), wherever they are subscribed.
#[derive(Message)]
#[rtype(result = "()")]
pub struct CloseFor {
    pub tokens: Vec<i64>,
    pub sessions: Vec<i64>,
    pub reason: &'static str,
}

/// Forgets a session and all its subscriptions.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Disconnect {
    pub id: SessionId,
}

/// Adds topics to a session, and confirms it to the session ([`Subscribed`]) with the `seq`
/// delivered so far: every later event that matches reaches the session live.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Subscribe {
    pub id: SessionId,
    pub topics: Vec<String>,
}

/// Removes topics from a session.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Unsubscribe {
    pub id: SessionId,
    pub topics: Vec<String>,
}

/// Committed events to deliver, from this instance's writes or from the log.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Publish(pub Vec<Arc<LoggedEvent>>);

/// Asks for the Broadcaster's counters.
#[derive(Message)]
#[rtype(result = "Stats")]
pub struct GetStats;

/// Asks every session to close with "going away" (the server is shutting down).
#[derive(Message)]
#[rtype(result = "()")]
pub struct CloseAll;

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Stats {
    pub sessions: usize,
    pub indexed_topics: usize,
    pub delivered_seq: i64,
    pub kicked_slow_sessions: u64,
    /// Frames sent to the session threads' hubs and not yet handed to their sessions.
    pub backlog_frames: usize,
    /// Topics held by sessions: `*`, whole collections (`orders`), single records (`orders:7`).
    pub subscriptions: Subscriptions,
}

/// Topics held by sessions, by kind.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Subscriptions {
    pub all: usize,
    pub collection: usize,
    pub record: usize,
}

struct SessionEntry {
    kick: Recipient<Kick>,
    notice: Recipient<Notice>,
    name: String,
    role: &'static str,
    hub: HubId,
    topics: HashSet<String>,
    token_id: i64,
    session_id: Option<i64>,
}

pub struct Broadcaster {
    pool: DbPool,
    sessions: HashMap<SessionId, SessionEntry>,
    /// Topic → sessions holding it; `*` is a topic like any other here.
    index: HashMap<String, HashSet<SessionId>>,
    /// Each session thread's hub, which hands events to the sessions on that thread.
    hubs: HashMap<HubId, HubHandle>,
    /// Frames a hub may have waiting (`--ws-thread-backlog`); an event that would take it past
    /// this closes the sessions it was for as too slow instead, and they resume from the log.
    hub_backlog: usize,
    /// The `seq` of the last event delivered; events go out strictly in order after it.
    delivered: i64,
    /// Events that arrived ahead of a missing one.
    pending: BTreeMap<i64, Arc<LoggedEvent>>,
    gap_since: Option<Instant>,
    filling: bool,
    /// Sessions the hubs closed because their queue was full.
    kicked: Arc<AtomicU64>,
    metrics: Arc<Metrics>,
    /// Frames handed to sessions and events delivered since the last operator report.
    this_second: (u64, u64),
}

impl Broadcaster {
    /// A Broadcaster that starts delivering after `delivered` (the log's head at start-up).
    pub fn new(pool: DbPool, delivered: i64, hub_backlog: usize, metrics: Arc<Metrics>) -> Self {
        Broadcaster {
            pool,
            sessions: HashMap::new(),
            index: HashMap::new(),
            hubs: HashMap::new(),
            hub_backlog,
            delivered,
            pending: BTreeMap::new(),
            gap_since: None,
            filling: false,
            kicked: Arc::default(),
            metrics,
            this_second: (0, 0),
        }
    }

    fn accept(&mut self, events: Vec<Arc<LoggedEvent>>) {
        for event in events {
            if event.seq > self.delivered {
                self.pending.entry(event.seq).or_insert(event);
            }
        }
        while let Some(event) = self.pending.remove(&(self.delivered + 1)) {
            self.delivered = event.seq;
            self.metrics.events_published.increment(1);
            self.fan_out(&event);
        }
        self.gap_since = match (self.pending.is_empty(), self.gap_since) {
            (true, _) => None,
            (false, None) => Some(Instant::now()),
            (false, since) => since,
        };
    }

    fn fan_out(&mut self, event: &Arc<LoggedEvent>) {
        let mut targets: Vec<SessionId> = Vec::new();
        let mut sources = 0;
        for topic in std::iter::once("*").chain(event.topics.iter().map(String::as_str)) {
            if let Some(ids) = self.index.get(topic) {
                targets.extend(ids);
                sources += 1;
            }
        }
        if sources > 1 {
            targets.sort_unstable();
            targets.dedup();
        }
        // One message per session thread, listing its sessions; the hub there does the rest.
        let mut batches: Vec<(HubId, Vec<SessionId>)> = Vec::with_capacity(self.hubs.len());
        for id in targets {
            let Some(entry) = self.sessions.get(&id) else { continue };
            match batches.iter_mut().find(|(hub, _)| *hub == entry.hub) {
                Some((_, ids)) => ids.push(id),
                None => batches.push((entry.hub, vec![id])),
            }
        }
        self.this_second.1 += 1;
        for (hub, sessions) in batches {
            let Some(handle) = self.hubs.get(&hub) else { continue };
            let frames = sessions.len();
            if handle.backlog.fetch_add(frames, Ordering::Relaxed) + frames > self.hub_backlog {
                // Its thread is that far behind: these sessions go, and resume from the log.
                handle.backlog.fetch_sub(frames, Ordering::Relaxed);
                self.shed(sessions);
                continue;
            }
            self.this_second.0 += frames as u64;
            handle.addr.do_send(HubDeliver { event: Arc::clone(event), sessions, kicked: Arc::clone(&self.kicked) });
        }
    }

    fn backlog_frames(&self) -> usize {
        self.hubs.values().map(|hub| hub.backlog.load(Ordering::Relaxed)).sum()
    }

    /// Closes `sessions` as too slow (1013): their thread's backlog is full.
    fn shed(&mut self, sessions: Vec<SessionId>) {
        for id in sessions {
            if let Some(entry) = self.remove(id) {
                self.kicked.fetch_add(1, Ordering::Relaxed);
                entry.kick.do_send(Kick::TooSlow);
            }
        }
    }

    /// Sends the operator report to the sessions holding its topic, and starts the next
    /// second's counts.
    fn report_to_operators(&mut self) {
        let (deliveries, events) = std::mem::take(&mut self.this_second);
        let Some(operators) = self.index.get(operator::TOPIC).filter(|ids| !ids.is_empty()) else { return };
        let report = operator::Report {
            kind: "operator",
            sessions: self.sessions.len(),
            principals: operator::principals(
                self.sessions.values().map(|s| (s.role, s.name.as_str(), s.token_id, s.topics.len())),
            ),
            deliveries_per_sec: deliveries,
            events_per_sec: events,
            delivered_seq: self.delivered,
            lag_events: self.pending.len(),
            kicked_slow_sessions: self.kicked.load(Ordering::Relaxed),
            backlog_frames: self.backlog_frames(),
            pool: self.pool.stats().into(),
        };
        let Ok(text) = serde_json::to_string(&report) else { return };
        let json: Arc<str> = text.into();
        for id in operators {
            if let Some(entry) = self.sessions.get(id) {
                entry.notice.do_send(Notice { kind: report.kind, json: Arc::clone(&json) });
            }
        }
    }

    fn remove(&mut self, id: SessionId) -> Option<SessionEntry> {
        let entry = self.sessions.remove(&id)?;
        for topic in &entry.topics {
            self.unindex(topic, id);
        }
        Some(entry)
    }

    fn unindex(&mut self, topic: &str, id: SessionId) {
        if let Some(ids) = self.index.get_mut(topic) {
            ids.remove(&id);
            if ids.is_empty() {
                self.index.remove(topic);
            }
        }
    }

    /// Reads the log after the last delivered event when a gap has lasted too long: an event
    /// committed by another instance, or by a request whose publish never arrived.
    fn check_gap(&mut self, ctx: &mut Context<Self>) {
        let Some(since) = self.gap_since else { return };
        if self.filling || since.elapsed() < GAP_FILL_AFTER {
            return;
        }
        if since.elapsed() > GAP_GIVE_UP_AFTER {
            if let Some((&first, _)) = self.pending.first_key_value() {
                tracing::error!("events {}..{} never arrived; delivering from {first}", self.delivered + 1, first - 1);
                self.delivered = first - 1;
                self.accept(Vec::new());
            }
            return;
        }
        self.filling = true;
        let pool = self.pool.clone();
        let after = self.delivered;
        let read = actix_web::web::block(move || -> Result<Vec<LoggedEvent>, String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            event_log::read_after(&mut conn, after, FILL_BATCH).map_err(|e| e.to_string())
        });
        ctx.spawn(read.into_actor(self).map(|result, act, _| {
            act.filling = false;
            match result {
                Ok(Ok(events)) => act.accept(events.into_iter().map(Arc::new).collect()),
                Ok(Err(error)) => tracing::warn!("could not read the event log to fill a gap: {error}"),
                Err(error) => tracing::warn!("could not read the event log to fill a gap: {error}"),
            }
        }));
    }
}

/// Requests (connect, subscribe) that may queue before senders wait; publishes bypass it.
const BROADCASTER_MAILBOX: usize = 1 << 16;

impl Actor for Broadcaster {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        ctx.set_mailbox_capacity(BROADCASTER_MAILBOX);
        ctx.run_interval(GAP_CHECK_INTERVAL, |act, ctx| act.check_gap(ctx));
        ctx.run_interval(Duration::from_secs(1), |act, _| {
            act.report_to_operators();
            act.metrics.upkeep();
        });
    }
}

impl Handler<Connect> for Broadcaster {
    type Result = MessageResult<Connect>;

    fn handle(&mut self, msg: Connect, _: &mut Context<Self>) -> Self::Result {
        let hub = msg.hub.id;
        self.hubs.entry(hub).or_insert(msg.hub);
        let entry = SessionEntry {
            kick: msg.kick,
            notice: msg.notice,
            name: msg.name,
            role: msg.role,
            hub,
            topics: HashSet::new(),
            token_id: msg.token_id,
            session_id: msg.session_id,
        };
        self.sessions.insert(msg.id, entry);
        MessageResult(self.delivered)
    }
}

impl Handler<Disconnect> for Broadcaster {
    type Result = ();

    fn handle(&mut self, msg: Disconnect, _: &mut Context<Self>) {
        self.remove(msg.id);
    }
}

impl Handler<Subscribe> for Broadcaster {
    type Result = ();

    fn handle(&mut self, msg: Subscribe, _: &mut Context<Self>) {
        let Some(entry) = self.sessions.get_mut(&msg.id) else { return };
        for topic in msg.topics {
            self.index.entry(topic.clone()).or_default().insert(msg.id);
            entry.topics.insert(topic);
        }
        // Through the session's hub, as events go: it reaches the session behind every event
        // handed to it so far, so the session's replay cannot overtake them.
        if let Some(hub) = self.hubs.get(&entry.hub) {
            let confirm = Subscribed { live_from: self.delivered };
            hub.addr.do_send(HubConfirm { session: msg.id, confirm, kicked: Arc::clone(&self.kicked) });
        }
    }
}

impl Handler<Unsubscribe> for Broadcaster {
    type Result = ();

    fn handle(&mut self, msg: Unsubscribe, _: &mut Context<Self>) {
        for topic in &msg.topics {
            let held = self.sessions.get_mut(&msg.id).is_some_and(|entry| entry.topics.remove(topic));
            if held {
                self.unindex(topic, msg.id);
            }
        }
    }
}

impl Handler<Publish> for Broadcaster {
    type Result = ();

    fn handle(&mut self, msg: Publish, _: &mut Context<Self>) {
        self.accept(msg.0);
    }
}

impl Handler<GetStats> for Broadcaster {
    type Result = MessageResult<GetStats>;

    fn handle(&mut self, _: GetStats, _: &mut Context<Self>) -> Self::Result {
        let mut subscriptions = Subscriptions::default();
        for (topic, ids) in &self.index {
            let held = match topic.as_str() {
                "*" => &mut subscriptions.all,
                t if t.contains(':') => &mut subscriptions.record,
                _ => &mut subscriptions.collection,
            };
            *held += ids.len();
        }
        MessageResult(Stats {
            subscriptions,
            sessions: self.sessions.len(),
            indexed_topics: self.index.len(),
            delivered_seq: self.delivered,
            kicked_slow_sessions: self.kicked.load(Ordering::Relaxed),
            backlog_frames: self.backlog_frames(),
        })
    }
}

impl Handler<CloseAll> for Broadcaster {
    type Result = ();

    fn handle(&mut self, _: CloseAll, _: &mut Context<Self>) {
        for (_, entry) in self.sessions.drain() {
            entry.kick.do_send(Kick::GoingAway);
        }
        self.index.clear();
    }
}

impl Handler<CloseFor> for Broadcaster {
    type Result = ();

    fn handle(&mut self, msg: CloseFor, _: &mut Context<Self>) {
        let doomed: Vec<SessionId> = self
            .sessions
            .iter()
            .filter(|(_, entry)| {
                msg.tokens.contains(&entry.token_id) || entry.session_id.is_some_and(|s| msg.sessions.contains(&s))
            })
            .map(|(id, _)| *id)
            .collect();
        for id in doomed {
            if let Some(entry) = self.remove(id) {
                entry.kick.do_send(Kick::Revoked(msg.reason));
            }
        }
    }
}
