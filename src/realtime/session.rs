//! One WebSocket session at /ws: an actix actor that owns its socket, registers with the
//! Broadcaster, keeps its subscriptions, replays the log for clients that resume with `since`,
//! and writes frames to its client with at most one send in flight.
//!
//! It runs over actix-ws rather than actix-web-actors: under actix-web-actors an actor whose
//! client stops reading is no longer polled (actix-web issue 2441), so it could never be cut off.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix::prelude::*;
use actix_web::web::Bytes;
use actix_ws::{CloseCode, CloseReason, Message, ProtocolError};
use bytestring::ByteString;

use super::broadcaster::{self, Broadcaster, SessionId};
use super::event_log::{self, LoggedEvent};
use super::protocol::{parse_client_frame, validate_topic, ClientFrame, FrameError, ServerFrame};
use super::SessionCounts;
use crate::auth::permissions::Op;
use crate::auth::{Grant, Principal};
use crate::db::DbPool;

/// Frames sent to the socket in one go when several are queued.
const SEND_BATCH: usize = 64;

/// Settings every session shares.
#[derive(Debug, Clone)]
pub struct SessionLimits {
    pub heartbeat: Duration,
    pub client_timeout: Duration,
    /// Largest text frame answered with a frame; larger ones get an error frame.
    pub max_text: usize,
    pub max_topics: usize,
    /// Live frames a session may have queued before it counts as too slow.
    pub send_queue: usize,
    /// Most events replayed for `since`; further back the client gets `resync`.
    pub max_replay: usize,
    /// Client frames a session may send per second (0: no limit); beyond it they are refused
    /// with an error frame, and at four times it the session is closed.
    pub max_messages_per_sec: u32,
}

/// One event for this session.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Deliver(pub Arc<LoggedEvent>);

/// Tells the session to close.
#[derive(Message, Debug, Clone, Copy)]
#[rtype(result = "()")]
pub enum Kick {
    /// It fell too far behind; its client reconnects with `since` and loses nothing.
    TooSlow,
    /// The server is shutting down.
    GoingAway,
    /// Its credentials were revoked, expired or logged out.
    Revoked(&'static str),
}

enum Outgoing {
    Text(ByteString),
    Ping,
    Pong(Bytes),
    Close(CloseReason),
}

pub struct WsSession {
    id: SessionId,
    /// `None` while a send is in flight: the future holds it.
    socket: Option<actix_ws::Session>,
    outbox: VecDeque<Outgoing>,
    /// Replayed frames still in the outbox: they do not count against the live queue limit.
    replay_left: usize,
    send_started: Option<Instant>,
    last_heard: Instant,
    /// Topic → the `seq` from which it was delivered live.
    topics: HashMap<String, i64>,
    initial: Option<(Vec<String>, Option<i64>)>,
    broadcaster: Addr<Broadcaster>,
    pool: DbPool,
    limits: Arc<SessionLimits>,
    open_sessions: Arc<AtomicUsize>,
    session_counts: Arc<SessionCounts>,
    principal: Principal,
    /// Client frames in the current one-second window.
    window: (Instant, u32),
    closing: bool,
}

/// Everything a new session needs besides its socket.
pub struct SessionParts {
    pub broadcaster: Addr<Broadcaster>,
    pub pool: DbPool,
    pub limits: Arc<SessionLimits>,
    pub open_sessions: Arc<AtomicUsize>,
    pub session_counts: Arc<SessionCounts>,
    pub principal: Principal,
}

impl WsSession {
    pub fn new(socket: actix_ws::Session, initial: Option<(Vec<String>, Option<i64>)>, parts: SessionParts) -> Self {
        let SessionParts { broadcaster, pool, limits, open_sessions, session_counts, principal } = parts;
        WsSession {
            id: 0,
            socket: Some(socket),
            outbox: VecDeque::new(),
            replay_left: 0,
            send_started: None,
            last_heard: Instant::now(),
            topics: HashMap::new(),
            initial,
            broadcaster,
            pool,
            limits,
            open_sessions,
            session_counts,
            principal,
            window: (Instant::now(), 0),
            closing: false,
        }
    }

    /// Whether this session's caller may see `event` (the permission table, and for a driver
    /// only events about its own records).
    fn visible(&self, event: &LoggedEvent) -> bool {
        let Some(entity) = event.entity() else { return false };
        match self.principal.grant(entity, Op::Read) {
            Grant::None => false,
            Grant::All => true,
            Grant::OwnDriver => self.principal.own_driver().is_some_and(|own| event.drivers.contains(&own)),
        }
    }

    /// Counts a client frame; `false` when it is over the rate (and closes the session when it
    /// is far over).
    fn within_rate(&mut self, ctx: &mut Context<Self>) -> bool {
        let limit = self.limits.max_messages_per_sec;
        if limit == 0 {
            return true;
        }
        let (started, count) = &mut self.window;
        if started.elapsed() >= Duration::from_secs(1) {
            *started = Instant::now();
            *count = 0;
        }
        *count += 1;
        if *count > limit.saturating_mul(4) {
            self.close(CloseCode::Policy, "message rate far over the limit", ctx);
            false
        } else if *count > limit {
            let message = format!("at most {limit} frames a second");
            self.send_error(FrameError::new("rate_limited", message), ctx);
            false
        } else {
            true
        }
    }

    fn send_text(&mut self, text: impl Into<ByteString>, ctx: &mut Context<Self>) {
        self.outbox.push_back(Outgoing::Text(text.into()));
        self.flush(ctx);
    }

    fn send_error(&mut self, error: FrameError, ctx: &mut Context<Self>) {
        let frame = ServerFrame::Error { code: error.code, message: &error.message }.to_text();
        self.send_text(frame, ctx);
    }

    /// Sends a close frame after what is queued, then stops.
    fn close(&mut self, code: CloseCode, description: &str, ctx: &mut Context<Self>) {
        if self.closing {
            return;
        }
        self.closing = true;
        self.outbox.push_back(Outgoing::Close(CloseReason { code, description: Some(description.to_owned()) }));
        self.flush(ctx);
    }

    /// Starts sending queued frames unless a send is already in flight.
    fn flush(&mut self, ctx: &mut Context<Self>) {
        if self.outbox.is_empty() {
            return;
        }
        let Some(mut socket) = self.socket.take() else {
            return;
        };
        let batch: Vec<Outgoing> = self.outbox.drain(..self.outbox.len().min(SEND_BATCH)).collect();
        self.replay_left = self.replay_left.saturating_sub(batch.len());
        self.send_started = Some(Instant::now());
        let send = async move {
            for item in batch {
                let sent = match item {
                    Outgoing::Text(text) => socket.text(text).await,
                    Outgoing::Ping => socket.ping(b"").await,
                    Outgoing::Pong(payload) => socket.pong(&payload).await,
                    Outgoing::Close(reason) => {
                        let _ = socket.close(Some(reason)).await;
                        return None;
                    }
                };
                sent.ok()?;
            }
            Some(socket)
        };
        ctx.spawn(send.into_actor(self).map(|socket, act, ctx| {
            act.send_started = None;
            match socket {
                Some(socket) => {
                    act.socket = Some(socket);
                    act.flush(ctx);
                }
                None => ctx.stop(),
            }
        }));
    }

    fn heartbeat(&mut self, ctx: &mut Context<Self>) {
        let timeout = self.limits.client_timeout;
        let stalled = self.send_started.is_some_and(|started| started.elapsed() > timeout);
        if stalled || self.last_heard.elapsed() > timeout {
            log::info!(
                "ws session {}: client timed out ({}), dropping it",
                self.id,
                if stalled { "not reading" } else { "silent" }
            );
            ctx.stop();
            return;
        }
        self.outbox.push_back(Outgoing::Ping);
        self.flush(ctx);
    }

    fn on_text(&mut self, text: &str, ctx: &mut Context<Self>) {
        if !self.within_rate(ctx) {
            return;
        }
        if text.len() > self.limits.max_text {
            let message = format!("frame of {} bytes is over the {} byte limit", text.len(), self.limits.max_text);
            return self.send_error(FrameError::new("frame_too_large", message), ctx);
        }
        match parse_client_frame(text) {
            Ok(ClientFrame::Subscribe { topics, since }) => self.subscribe(topics, since, ctx),
            Ok(ClientFrame::Unsubscribe { topics }) => self.unsubscribe(topics, ctx),
            Ok(ClientFrame::Ping) => self.send_text(ServerFrame::Pong.to_text(), ctx),
            Err(error) => self.send_error(error, ctx),
        }
    }

    fn subscribe(&mut self, mut topics: Vec<String>, since: Option<i64>, ctx: &mut Context<Self>) {
        // Drop repeats but keep the client's order, so the ack reads back what it asked for.
        let mut seen = std::collections::HashSet::new();
        topics.retain(|topic| seen.insert(topic.clone()));
        if let Err(error) = topics.iter().try_for_each(|topic| validate_topic(topic)) {
            return self.send_error(error, ctx);
        }
        let refused: Vec<&str> = topics
            .iter()
            .filter(|topic| {
                let collection = topic.split(':').next().unwrap_or_default();
                super::events::Entity::from_collection(collection)
                    .is_some_and(|entity| self.principal.grant(entity, Op::Read) == Grant::None)
            })
            .map(String::as_str)
            .collect();
        if !refused.is_empty() {
            let message = format!("the {} role may not read {}", self.principal.role, refused.join(", "));
            return self.send_error(FrameError::new("forbidden", message), ctx);
        }
        let added = topics.iter().filter(|topic| !self.topics.contains_key(*topic)).count();
        if self.topics.len() + added > self.limits.max_topics {
            let message = format!("a session may hold at most {} topics", self.limits.max_topics);
            return self.send_error(FrameError::new("too_many_topics", message), ctx);
        }
        let request = self.broadcaster.send(broadcaster::Subscribe { id: self.id, topics: topics.clone() });
        let pool = self.pool.clone();
        let max_replay = self.limits.max_replay;
        // Until the replay is queued this actor handles nothing else, so live events for the new
        // topics (all after `live_from`) wait in the mailbox behind it: no gap, no duplicate.
        let subscribe = async move {
            let live_from = request.await.map_err(|_| ())?;
            let replay = match since {
                None => None,
                Some(since) => Some(
                    actix_web::web::block(move || {
                        let mut conn = pool.get().ok()?;
                        let events = event_log::read_range(&mut conn, since, live_from).ok()??;
                        (events.len() <= max_replay).then_some(events)
                    })
                    .await
                    .map_err(|_| ())?,
                ),
            };
            Ok::<_, ()>((live_from, replay))
        };
        ctx.wait(subscribe.into_actor(self).map(move |result, act, ctx| {
            let Ok((live_from, replay)) = result else {
                return ctx.stop();
            };
            // A replayed event already went out live if an earlier topic matched it then.
            let earlier: Vec<(String, i64)> = act.topics.iter().map(|(t, s)| (t.clone(), *s)).collect();
            for topic in &topics {
                act.topics.entry(topic.clone()).or_insert(live_from);
            }
            act.outbox.push_back(Outgoing::Text(
                ServerFrame::Subscribed { topics: &topics, seq: live_from }.to_text().into(),
            ));
            match replay {
                None => {}
                Some(None) => {
                    act.outbox.push_back(Outgoing::Text(ServerFrame::Resync { seq: live_from }.to_text().into()));
                }
                Some(Some(events)) => {
                    for event in events {
                        let wanted = topics.iter().any(|topic| event.matches(topic)) && act.visible(&event);
                        let sent_live = earlier.iter().any(|(topic, from)| *from < event.seq && event.matches(topic));
                        if wanted && !sent_live {
                            act.outbox.push_back(Outgoing::Text(event.frame.clone()));
                            act.replay_left += 1;
                        }
                    }
                }
            }
            act.flush(ctx);
        }));
    }

    fn unsubscribe(&mut self, topics: Vec<String>, ctx: &mut Context<Self>) {
        for topic in &topics {
            self.topics.remove(topic);
        }
        self.broadcaster.do_send(broadcaster::Unsubscribe { id: self.id, topics: topics.clone() });
        self.send_text(ServerFrame::Unsubscribed { topics: &topics }.to_text(), ctx);
    }
}

impl Actor for WsSession {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        ctx.set_mailbox_capacity(self.limits.send_queue);
        ctx.run_interval(self.limits.heartbeat, |act, ctx| act.heartbeat(ctx));
        let heartbeat_ms = self.limits.heartbeat.as_millis() as u64;
        let connect = self.broadcaster.send(broadcaster::Connect {
            addr: ctx.address(),
            token_id: self.principal.token_id,
            session_id: self.principal.session_id,
        });
        ctx.wait(connect.into_actor(self).map(move |result, act, ctx| {
            let Ok((id, seq)) = result else {
                return ctx.stop();
            };
            act.id = id;
            act.send_text(ServerFrame::Welcome { seq, heartbeat_ms }.to_text(), ctx);
            if let Some((topics, since)) = act.initial.take() {
                act.subscribe(topics, since, ctx);
            }
        }));
    }

    fn stopping(&mut self, _: &mut Self::Context) -> Running {
        self.broadcaster.do_send(broadcaster::Disconnect { id: self.id });
        Running::Stop
    }

    fn stopped(&mut self, _: &mut Self::Context) {
        self.open_sessions.fetch_sub(1, Ordering::Relaxed);
        self.session_counts.release(self.principal.token_id);
    }
}

impl Handler<Deliver> for WsSession {
    type Result = ();

    fn handle(&mut self, msg: Deliver, ctx: &mut Context<Self>) {
        if self.closing || !self.visible(&msg.0) {
            return;
        }
        if self.outbox.len() >= self.limits.send_queue + self.replay_left {
            return <Self as Handler<Kick>>::handle(self, Kick::TooSlow, ctx);
        }
        self.send_text(msg.0.frame.clone(), ctx);
    }
}

impl Handler<Kick> for WsSession {
    type Result = ();

    fn handle(&mut self, kick: Kick, ctx: &mut Context<Self>) {
        match kick {
            Kick::TooSlow => {
                log::info!("ws session {}: too slow, closing it", self.id);
                // What is queued is dropped: the client resumes from its last seq.
                self.outbox.clear();
                self.close(CloseCode::Again, "too slow: reconnect with since to catch up", ctx);
            }
            Kick::GoingAway => self.close(CloseCode::Away, "server shutting down: reconnect with since", ctx),
            Kick::Revoked(reason) => {
                self.outbox.clear();
                self.close(CloseCode::Policy, reason, ctx);
            }
        }
        // A client that never reads would never take the close frame either.
        ctx.run_later(self.limits.client_timeout, |_, ctx| ctx.stop());
    }
}

impl StreamHandler<Result<Message, ProtocolError>> for WsSession {
    fn handle(&mut self, msg: Result<Message, ProtocolError>, ctx: &mut Context<Self>) {
        self.last_heard = Instant::now();
        match msg {
            Ok(Message::Text(text)) => self.on_text(&text, ctx),
            Ok(Message::Binary(_)) => {
                self.send_error(FrameError::new("binary_not_supported", "frames must be JSON text"), ctx)
            }
            Ok(Message::Ping(payload)) => {
                self.outbox.push_back(Outgoing::Pong(payload));
                self.flush(ctx);
            }
            Ok(Message::Pong(_) | Message::Nop) => {}
            Ok(Message::Continuation(_)) => {
                self.send_error(FrameError::new("fragmented_frame", "fragmented frames are not supported"), ctx)
            }
            Ok(Message::Close(_)) => self.close(CloseCode::Normal, "bye", ctx),
            Err(ProtocolError::Overflow) => self.close(CloseCode::Size, "frame too large", ctx),
            Err(ProtocolError::Io(error)) if error.kind() == std::io::ErrorKind::InvalidData => {
                self.close(CloseCode::Invalid, "text frames must be UTF-8", ctx)
            }
            Err(error) => {
                log::info!("ws session {}: protocol error {error}", self.id);
                self.close(CloseCode::Protocol, "protocol error", ctx);
            }
        }
    }

    fn finished(&mut self, ctx: &mut Context<Self>) {
        ctx.stop();
    }
}
