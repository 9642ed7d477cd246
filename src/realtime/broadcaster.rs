//! The Broadcaster: the one actor that knows every live session and what it subscribes to.
//! It takes committed events (`Publish`), puts them in `seq` order, and hands each one, already
//! serialized, to the sessions whose topics match: once per session, however topics overlap.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix::prelude::*;

use super::event_log::{self, LoggedEvent};
use super::filter::{FilterIndex, Membership};
use super::hub::{Audience, HubConfirm, HubDeliver, HubHandle, HubId, Sessions};
use super::mailbox::{Kick, Notice, Subscribed};
use super::operator;
use super::presence::{self, Holder, News, Presence, Shared, Who};
use super::transport::SharedFrame;
use crate::db::DbPool;
use crate::domain::permissions::{grant, Grant, Op, Role};
use crate::domain::Entity;
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
    /// Its principal, in words, for the operator report and presence.
    pub name: String,
    pub role: Role,
    /// It asked for positions combined (combined.rs).
    pub combines: bool,
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

/// A session says what it is doing on a record topic it holds (`presence` frame); checked by
/// the session (the topic held, the role allowed to see presence there).
#[derive(Message)]
#[rtype(result = "()")]
pub struct SetPresence {
    pub id: SessionId,
    pub topic: String,
    pub state: presence::State,
}

/// On PostgreSQL: share presence with the other instances, through `out` (the listener sends
/// each message as a NOTIFY); an instance silent for `silent_after` takes its people with it.
#[derive(Message)]
#[rtype(result = "()")]
pub struct SharePresence {
    pub out: std::sync::mpsc::SyncSender<String>,
    pub silent_after: Duration,
}

/// Another instance's presence message (`presence::Shared` as JSON), as the listener heard it.
#[derive(Message)]
#[rtype(result = "()")]
pub struct PeerPresence(pub String);

/// The listener's connection was made again: what was sent meanwhile may be lost, so tell the
/// others to forget what this instance said and say it all again.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Reshare;

/// How often an instance with people on records says it is alive, and checks who fell silent.
const PRESENCE_BEAT: Duration = Duration::from_secs(1);
/// Presence changes go out in batches this often: a topic's subscribers get each change while
/// it has few people and few changes, and one snapshot a batch when busier, so a crowd joining a
/// record costs each subscriber a frame a batch, not a frame per person.
const PRESENCE_FLUSH: Duration = Duration::from_millis(150);
/// More changes than this to a topic in one batch (or more people than a snapshot names) and
/// its subscribers get a snapshot instead.
const PRESENCE_CHANGES_PER_FLUSH: usize = 4;
/// A busy topic's subscribers get at most one snapshot this often (the changes wait), and none
/// when what it would show (the people it names, their states, the count) has not changed.
const PRESENCE_SNAPSHOT_EVERY: Duration = Duration::from_secs(1);
/// At most about this many presence frames leave in one batch; the topics left over wait for
/// the next, so a burst of snapshots never holds the events behind it for long.
const PRESENCE_FRAMES_PER_FLUSH: usize = 1_000;

/// This instance's link to the others' presence (PostgreSQL only).
struct Peers {
    out: std::sync::mpsc::SyncSender<String>,
    /// When each other instance last spoke.
    seen: HashMap<u64, Instant>,
    silent_after: Duration,
    /// A message could not be queued: reset and say everything again at the next beat.
    behind: bool,
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
    /// Topics held by sessions: `*`, whole collections (`orders`), single records (`orders:7`),
    /// filtered collections (`orders?status=pending`).
    pub subscriptions: Subscriptions,
}

/// Topics held by sessions, by kind.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Subscriptions {
    pub all: usize,
    pub collection: usize,
    pub record: usize,
    /// Collections narrowed by a filter (`orders?status=pending`).
    pub filtered: usize,
}

struct SessionEntry {
    kick: Recipient<Kick>,
    notice: Recipient<Notice>,
    name: String,
    role: Role,
    /// Who the session is to others on a record (presence).
    who: Who,
    hub: HubId,
    topics: HashSet<String>,
    token_id: i64,
    session_id: Option<i64>,
    combines: bool,
}

pub struct Broadcaster {
    pool: DbPool,
    sessions: HashMap<SessionId, SessionEntry>,
    /// Topic → sessions holding it; `*` is a topic like any other here.
    index: HashMap<String, HashSet<SessionId>>,
    /// The filtered topics of `index`, by what they match (filter.rs).
    filters: FilterIndex,
    /// Each session thread's hub, which hands events to the sessions on that thread.
    hubs: HashMap<HubId, HubHandle>,
    /// What the events being fanned out hold for each hub: left in its inbox together, so the
    /// hub takes a group's events in one go (and combines its positions, combined.rs).
    outgoing: HashMap<HubId, Vec<HubDeliver>>,
    /// A topic's sessions grouped by hub, kept from one event to the next until a session takes
    /// or leaves the topic.
    by_hub: HashMap<String, Vec<(HubId, Audience, Sessions)>>,
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
    /// Who is on which record topic.
    presence: Presence,
    /// The presence changes of each topic since the last flush.
    presence_changes: HashMap<String, Vec<presence::Change>>,
    /// Each busy topic's last snapshot: when, and a digest of what it showed.
    presence_snapshots: HashMap<String, (Instant, u64)>,
    /// This instance, to the others (random at start: a restarted instance is a new one).
    instance: u64,
    peers: Option<Peers>,
    metrics: Arc<Metrics>,
    /// Frames handed to sessions and events delivered since the last operator report.
    this_second: (u64, u64),
}

impl Broadcaster {
    /// A Broadcaster that starts delivering after `delivered` (the log's head at start-up), of
    /// the server `instance` (`event_log::new_instance`).
    pub fn new(pool: DbPool, delivered: i64, hub_backlog: usize, metrics: Arc<Metrics>, instance: u64) -> Self {
        Broadcaster {
            pool,
            sessions: HashMap::new(),
            index: HashMap::new(),
            filters: FilterIndex::default(),
            hubs: HashMap::new(),
            hub_backlog,
            delivered,
            pending: BTreeMap::new(),
            outgoing: HashMap::new(),
            by_hub: HashMap::new(),
            gap_since: None,
            filling: false,
            kicked: Arc::default(),
            presence: Presence::default(),
            presence_changes: HashMap::new(),
            presence_snapshots: HashMap::new(),
            instance,
            peers: None,
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
        for (hub, delivers) in self.outgoing.drain() {
            if let Some(handle) = self.hubs.get(&hub) {
                handle.deliver(delivers);
            }
        }
        self.gap_since = match (self.pending.is_empty(), self.gap_since) {
            (true, _) => None,
            (false, None) => Some(Instant::now()),
            (false, since) => since,
        };
    }

    fn fan_out(&mut self, event: &Arc<LoggedEvent>) {
        let mut held: Vec<&str> = Vec::new();
        for topic in std::iter::once("*").chain(event.topics.iter().map(String::as_str)) {
            if self.index.contains_key(topic) {
                held.push(topic);
            }
        }
        let reached =
            if self.filters.is_empty() { Vec::new() } else { self.filters.matching(event.entity, &event.facets) };
        let batches = match (&held[..], reached.is_empty()) {
            // The usual case (everyone on `drivers` gets a position): the topic's sessions by
            // thread, as they were for the last event, while nobody came or went.
            ([topic], true) => {
                if !self.by_hub.contains_key(*topic) {
                    let groups = by_hub(&self.index[*topic], &self.sessions);
                    self.by_hub.insert((*topic).to_owned(), groups);
                }
                self.by_hub[*topic]
                    .iter()
                    .map(|(hub, audience, ids)| (*hub, *audience, Arc::clone(event), Arc::clone(ids)))
                    .collect()
            }
            _ => self.batches(event, &held, &reached),
        };
        self.send(batches);
    }

    /// Each hub's sessions that get `event`, which the `held` topics and the filtered topics it
    /// `reached` bring them, by variant (see below).
    fn batches(&self, event: &Arc<LoggedEvent>, held: &[&str], reached: &[(&str, Membership)]) -> Vec<Share> {
        let mut targets: Vec<SessionId> = Vec::new();
        let mut sources = 0;
        for topic in held {
            targets.extend(&self.index[*topic]);
            sources += 1;
        }
        // For each session, the filtered topics its records left.
        let mut left: HashMap<SessionId, Vec<(&str, &[i64])>> = HashMap::new();
        for (topic, membership) in reached {
            let Some(ids) = self.index.get(*topic) else { continue };
            targets.extend(ids);
            sources += 1;
            if let Membership::Left(records) = membership {
                for id in ids {
                    left.entry(*id).or_default().push((topic, records));
                }
            }
        }
        if sources > 1 {
            targets.sort_unstable();
            targets.dedup();
        }
        // The event as each session gets it: the same frame for all, but for those told which of
        // their filtered topics its records left (one frame for each set of such topics).
        let mut variants: Vec<Arc<LoggedEvent>> = vec![Arc::clone(event)];
        let mut variant_of: HashMap<Vec<(&str, &[i64])>, usize> = HashMap::new();
        // One message per session thread and variant, listing its sessions; the hub does the rest.
        let mut batches: Vec<(HubId, usize, Vec<SessionId>)> = Vec::with_capacity(self.hubs.len());
        for id in targets {
            let Some(entry) = self.sessions.get(&id) else { continue };
            let variant = match left.remove(&id) {
                None => 0,
                Some(mut topics) => {
                    topics.sort_unstable();
                    *variant_of.entry(topics).or_insert_with_key(|topics| {
                        variants.push(Arc::new(event.leaving(topics)));
                        variants.len() - 1
                    })
                }
            };
            match batches.iter_mut().find(|(hub, of, _)| *hub == entry.hub && *of == variant) {
                Some((_, _, ids)) => ids.push(id),
                None => batches.push((entry.hub, variant, vec![id])),
            }
        }
        let event = |variant: usize| Arc::clone(&variants[variant]);
        batches.into_iter().map(|(hub, variant, ids)| (hub, Audience::Mixed, event(variant), Arc::new(ids))).collect()
    }

    /// Leaves each hub's share of an event for it (sent when the events being fanned out are).
    fn send(&mut self, batches: Vec<Share>) {
        self.this_second.1 += 1;
        for (hub, audience, event, sessions) in batches {
            let Some(handle) = self.hubs.get(&hub) else { continue };
            let deliver = HubDeliver { event, sessions, audience, kicked: Arc::clone(&self.kicked) };
            let frames = deliver.frames();
            if handle.backlog.fetch_add(frames, Ordering::Relaxed) + frames > self.hub_backlog {
                // Its thread is that far behind: these sessions go, and resume from the log.
                handle.backlog.fetch_sub(frames, Ordering::Relaxed);
                self.shed(&deliver.sessions);
                continue;
            }
            self.this_second.0 += deliver.sessions.len() as u64;
            self.outgoing.entry(hub).or_default().push(deliver);
        }
    }

    fn backlog_frames(&self) -> usize {
        self.hubs.values().map(|hub| hub.backlog.load(Ordering::Relaxed)).sum()
    }

    /// Closes `sessions` as too slow (1013): their thread's backlog is full.
    fn shed(&mut self, sessions: &[SessionId]) {
        for &id in sessions {
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
                self.sessions.values().map(|s| (s.role.as_str(), s.name.as_str(), s.token_id, s.topics.len())),
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
        let frame = SharedFrame::new(&text);
        for id in operators {
            if let Some(entry) = self.sessions.get(id) {
                entry.notice.do_send(Notice(Arc::clone(&frame)));
            }
        }
    }

    fn remove(&mut self, id: SessionId) -> Option<SessionEntry> {
        let entry = self.sessions.remove(&id)?;
        for topic in &entry.topics {
            self.unindex(topic, id);
            self.set_local(topic, id, &entry.who, None);
        }
        Some(entry)
    }

    /// Session `id` (as `who`) is now `state` on `topic` (`None`: gone): tells the topic's other
    /// subscribers what they see change, and the other instances what changed here.
    fn set_local(&mut self, topic: &str, id: SessionId, who: &Who, state: Option<presence::State>) {
        let before = self.presence.local(topic, &who.id);
        let change = match state {
            Some(state) => self.presence.set(topic, Holder::Local(id), who, state),
            None => self.presence.leave(topic, &Holder::Local(id)),
        };
        if let Some(change) = change {
            self.tell_presence(change);
        }
        let now = self.presence.local(topic, &who.id);
        if now != before {
            self.share(News::Person { topic: topic.to_owned(), who: who.clone(), state: now });
        }
    }

    /// Queues `news` for the other instances (PostgreSQL); when the queue is full, the next beat
    /// resets and says everything again.
    fn share(&mut self, news: News) {
        let Some(peers) = &mut self.peers else { return };
        let Ok(text) = serde_json::to_string(&Shared { instance: self.instance, news }) else { return };
        if peers.out.try_send(text).is_err() {
            peers.behind = true;
        }
    }

    /// Tells the others to forget this instance's word and says it all again.
    fn reshare(&mut self) {
        if let Some(peers) = &mut self.peers {
            peers.behind = false;
        }
        self.share(News::Reset);
        self.tell_all();
    }

    /// Says who this instance has on each topic (to a new instance: the others see no change).
    fn tell_all(&mut self) {
        for (topic, who, state) in self.presence.locals() {
            self.share(News::Person { topic, who, state: Some(state) });
        }
    }

    /// Once a beat: alive (when this instance has people on records), a reset if it fell behind,
    /// and the people of instances silent too long let go.
    fn presence_beat(&mut self) {
        let Some(peers) = &mut self.peers else { return };
        let silent_after = peers.silent_after;
        let silent: Vec<u64> = peers
            .seen
            .iter()
            .filter(|(_, seen)| seen.elapsed() > silent_after)
            .map(|(instance, _)| *instance)
            .collect();
        for instance in &silent {
            peers.seen.remove(instance);
        }
        let behind = peers.behind;
        for instance in silent {
            for change in self.presence.forget_instance(instance) {
                self.tell_presence(change);
            }
        }
        if behind {
            self.reshare();
        } else if !self.presence.locals().is_empty() {
            self.share(News::Alive);
        }
    }

    /// Queues a presence change for the topic's subscribers (see `flush_presence`).
    fn tell_presence(&mut self, change: presence::Change) {
        self.presence_changes.entry(change.topic.clone()).or_default().push(change);
    }

    /// Sends each topic's presence changes since the last flush to its subscribers who may see
    /// them, a person's own sessions left out: the changes one by one on a quiet topic, else one
    /// snapshot each.
    fn flush_presence(&mut self) {
        let mut sent = 0;
        for (topic, changes) in std::mem::take(&mut self.presence_changes) {
            if sent >= PRESENCE_FRAMES_PER_FLUSH {
                self.presence_changes.insert(topic, changes);
                continue;
            }
            let Some(ids) = self.index.get(&topic) else { continue };
            sent += ids.len();
            let receivers = ids.iter().filter_map(|id| self.sessions.get(id)).filter(|e| sees_presence(e.role, &topic));
            let quiet = changes.len() <= PRESENCE_CHANGES_PER_FLUSH && self.presence.count(&topic) <= presence::LISTED;
            if quiet {
                self.presence_snapshots.remove(&topic);
                let frames: Vec<(&str, Arc<SharedFrame>)> = changes
                    .iter()
                    .filter_map(|change| {
                        Some((change.who.id.as_str(), SharedFrame::new(&serde_json::to_string(change).ok()?)))
                    })
                    .collect();
                for entry in receivers {
                    for (person, frame) in &frames {
                        if entry.who.id != *person {
                            entry.notice.do_send(Notice(Arc::clone(frame)));
                        }
                    }
                }
                continue;
            }
            // One snapshot for everyone not among the people it names; its own for each who is.
            let ranked = self.presence.ranked(&topic);
            let count = self.presence.count(&topic);
            let digest = {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                count.hash(&mut hasher);
                ranked.iter().for_each(|(who, state)| (&who.id, *state as u8).hash(&mut hasher));
                hasher.finish()
            };
            match self.presence_snapshots.get(&topic) {
                Some((_, shown)) if *shown == digest => continue,
                Some((at, _)) if at.elapsed() < PRESENCE_SNAPSHOT_EVERY => {
                    // Too soon: the topic stays dirty until its next snapshot may go.
                    self.presence_changes.entry(topic).or_insert(changes);
                    continue;
                }
                _ => {}
            }
            self.presence_snapshots.insert(topic.clone(), (Instant::now(), digest));
            let snapshot = |viewer: &str| {
                let text = serde_json::to_string(&presence::Snapshot::of(&topic, &ranked, count, viewer)).ok()?;
                Some(SharedFrame::new(&text))
            };
            let Some(common) = snapshot("") else { continue };
            let mut own: HashMap<&str, Arc<SharedFrame>> = HashMap::new();
            for entry in receivers {
                let named = ranked.iter().any(|(who, _)| who.id == entry.who.id);
                let frame = if named {
                    match own.get(entry.who.id.as_str()) {
                        Some(frame) => frame.clone(),
                        None => {
                            let Some(frame) = snapshot(&entry.who.id) else { continue };
                            own.insert(entry.who.id.as_str(), frame.clone());
                            frame
                        }
                    }
                } else {
                    common.clone()
                };
                entry.notice.do_send(Notice(frame));
            }
        }
    }

    fn unindex(&mut self, topic: &str, id: SessionId) {
        self.by_hub.remove(topic);
        if let Some(ids) = self.index.get_mut(topic) {
            ids.remove(&id);
            if ids.is_empty() {
                self.index.remove(topic);
                self.filters.remove(topic);
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
        // Up to the first event waiting: it was published once durable, so were those before it,
        // and those after it may not be yet (`event_log::Announce`).
        let upto = self.pending.first_key_value().map_or(after, |(&first, _)| first);
        let read = actix_web::web::block(move || -> Result<Vec<LoggedEvent>, String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let mut events = event_log::read_after(&mut conn, after, FILL_BATCH).map_err(|e| e.to_string())?;
            events.retain(|event| event.seq < upto);
            Ok(events)
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
        ctx.run_interval(PRESENCE_BEAT, |act, _| act.presence_beat());
        ctx.run_interval(PRESENCE_FLUSH, |act, _| act.flush_presence());
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
            who: Who::new(msg.name.clone(), msg.role.as_str(), msg.session_id, msg.id, self.instance),
            name: msg.name,
            role: msg.role,
            hub,
            topics: HashSet::new(),
            token_id: msg.token_id,
            session_id: msg.session_id,
            combines: msg.combines,
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
        // Who is on the record topics it asks for, to follow its ack.
        let mut presence = Vec::new();
        for topic in msg.topics {
            if sees_presence(entry.role, &topic) {
                let snapshot = self.presence.snapshot(&topic, &entry.who.id);
                if let Some(text) = snapshot.and_then(|snapshot| serde_json::to_string(&snapshot).ok()) {
                    presence.push(SharedFrame::new(&text));
                }
            }
            if topic.contains('?') {
                self.filters.add(&topic);
            }
            self.by_hub.remove(&topic);
            self.index.entry(topic.clone()).or_default().insert(msg.id);
            entry.topics.insert(topic);
        }
        // Through the session's hub, as events go: it reaches the session behind every event
        // handed to it so far, so the session's replay cannot overtake them.
        if let Some(hub) = self.hubs.get(&entry.hub) {
            let confirm = Subscribed { live_from: self.delivered, presence };
            hub.confirm(HubConfirm { session: msg.id, confirm, kicked: Arc::clone(&self.kicked) });
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
                if let Some(who) = self.sessions.get(&msg.id).map(|entry| entry.who.clone()) {
                    self.set_local(topic, msg.id, &who, None);
                }
            }
        }
    }
}

impl Handler<SetPresence> for Broadcaster {
    type Result = ();

    fn handle(&mut self, msg: SetPresence, _: &mut Context<Self>) {
        let Some(entry) = self.sessions.get(&msg.id) else { return };
        if !entry.topics.contains(&msg.topic) {
            return;
        }
        let who = entry.who.clone();
        self.set_local(&msg.topic, msg.id, &who, Some(msg.state));
    }
}

impl Handler<SharePresence> for Broadcaster {
    type Result = ();

    fn handle(&mut self, msg: SharePresence, _: &mut Context<Self>) {
        self.peers = Some(Peers { out: msg.out, seen: HashMap::new(), silent_after: msg.silent_after, behind: false });
        self.share(News::Hello);
    }
}

impl Handler<PeerPresence> for Broadcaster {
    type Result = ();

    fn handle(&mut self, msg: PeerPresence, _: &mut Context<Self>) {
        let Ok(Shared { instance, news }) = serde_json::from_str::<Shared>(&msg.0) else {
            tracing::warn!("ignored a presence message that is not one");
            return;
        };
        let Some(peers) = &mut self.peers else { return };
        if instance == self.instance {
            return;
        }
        peers.seen.insert(instance, Instant::now());
        let changes = match news {
            News::Alive => Vec::new(),
            News::Hello => {
                self.tell_all();
                Vec::new()
            }
            News::Reset => self.presence.forget_instance(instance),
            News::Person { topic, who, state } => {
                let holder = Holder::Remote { instance, person: who.id.clone() };
                let change = match state {
                    Some(state) => self.presence.set(&topic, holder, &who, state),
                    None => self.presence.leave(&topic, &holder),
                };
                change.into_iter().collect()
            }
        };
        for change in changes {
            self.tell_presence(change);
        }
    }
}

impl Handler<Reshare> for Broadcaster {
    type Result = ();

    fn handle(&mut self, _: Reshare, _: &mut Context<Self>) {
        self.reshare();
    }
}

/// Whether `role` may see who is on `topic`: only on a record's topic, and only where it may read
/// the whole collection (a driver sees no presence, even on its own deliveries).
pub fn sees_presence(role: Role, topic: &str) -> bool {
    let Some((collection, _)) = topic.split_once(':') else { return false };
    Entity::from_collection(collection).is_some_and(|entity| grant(role, entity, Op::Read) == Grant::All)
}

/// An event as one hub gets it: the sessions there it goes to, and how they want positions.
type Share = (HubId, Audience, Arc<LoggedEvent>, Sessions);

/// `ids` grouped by the hub of each and by whether they combine positions (those still connected).
fn by_hub(ids: &HashSet<SessionId>, sessions: &HashMap<SessionId, SessionEntry>) -> Vec<(HubId, Audience, Sessions)> {
    let mut groups: Vec<(HubId, Audience, Vec<SessionId>)> = Vec::new();
    for id in ids {
        let Some(entry) = sessions.get(id) else { continue };
        let audience = if entry.combines { Audience::Combining } else { Audience::Each };
        match groups.iter_mut().find(|(hub, of, _)| *hub == entry.hub && *of == audience) {
            Some((_, _, ids)) => ids.push(*id),
            None => groups.push((entry.hub, audience, vec![*id])),
        }
    }
    groups.into_iter().map(|(hub, audience, ids)| (hub, audience, Arc::new(ids))).collect()
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
                t if t.contains('?') => &mut subscriptions.filtered,
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
        self.by_hub.clear();
        self.filters = FilterIndex::default();
        // Shutting down: the others let this instance's people go now, not at the timeout.
        self.share(News::Reset);
        self.presence = Presence::default();
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
