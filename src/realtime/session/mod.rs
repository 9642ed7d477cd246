//! One real-time session, at /ws or at /sse: an actix actor that owns its socket (or its event
//! stream), registers with the Broadcaster, keeps its subscriptions, replays the log for clients
//! that resume with `since`, and writes frames to its client.
//!
//! An event stream's session is the same actor with another transport (transport.rs): the
//! same subscriptions, replay, cursor and cut-off, with frames encoded as Server-Sent Events,
//! and nothing read from its client, whose topics are those of its request.
//!
//! The actor owns its TCP socket outright (see `upgrade.rs`): it reads client frames with
//! actix-http's WebSocket codec, and server frames go straight to the socket through its
//! `Outbox` (outbox.rs, which also keeps the delivery cursor), the same pre-encoded bytes for
//! every receiver of an event. The hub of the session's thread writes live events there itself;
//! only what the socket does not take at once waits in a bounded queue, and the actor waits for
//! the socket to drain. Under actix-web-actors an actor whose client stops reading is no longer
//! polled (actix-web issue 2441), so it could never be cut off; here the actor keeps its own
//! timers whatever its client does.
//!
//! Here the actor and its writes; its subscriptions (subscribe, replay, ack) in subscriptions.rs;
//! the reading of client frames in frames.rs.

mod frames;
mod subscriptions;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix::prelude::*;
use actix_http::ws::{CloseCode, Codec, Frame, ProtocolError};
use actix_web::web::{Bytes, BytesMut};
use tokio::net::TcpStream;

use super::broadcaster::{self, Broadcaster, SessionId};
use super::combined::Positions;
use super::event_stream::StreamWriter;
use super::mailbox::{Kick, Mailbox, Notice, Subscribed};
use super::outbox::{Flush, Flushed, Outbox};
use super::protocol::{FrameError, ServerFrame};
use super::sockets::{SessionLimits, SessionSlot};
use super::threads::Seat;
use super::transport::Transport;
use super::{hub, wire};
use crate::auth::Principal;
use crate::db::DbPool;
use crate::telemetry::{CloseReason, Metrics};
use frames::{Gate, ReadFrames};

/// How long a session that sent its close frame waits for the client's before it hangs up.
const CLOSE_LINGER: Duration = Duration::from_secs(1);
/// Frames larger than `max_text` get an error frame and the session goes on; above this many
/// times `max_text` the session closes with 1009 as soon as the frame's header arrives. It is
/// also the most a session buffers for a frame still arriving, so keep it small.
const HARD_FRAME_LIMIT_FACTOR: usize = 2;
/// `presence` frames a session may send at once, and then a second: enough for a person moving
/// between records, too few to make every viewer of a record busy.
const PRESENCE_BURST: f64 = 10.0;
const PRESENCE_PER_SEC: f64 = 2.0;

/// A token bucket: `take` succeeds while it holds a token; it refills at `per_sec` up to `burst`.
struct Bucket {
    tokens: f64,
    burst: f64,
    per_sec: f64,
    at: Instant,
}

impl Bucket {
    fn full(burst: f64, per_sec: f64) -> Bucket {
        Bucket { tokens: burst, burst, per_sec, at: Instant::now() }
    }

    fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * self.per_sec).min(self.burst);
        self.at = now;
        let taken = self.tokens >= 1.0;
        if taken {
            self.tokens -= 1.0;
        }
        taken
    }
}

pub struct WsSession {
    id: SessionId,
    /// The socket's write half and what waits to go out on it, shared with the thread's hub.
    outbox: Rc<RefCell<Outbox>>,
    /// A wait for the socket to become writable is under way.
    awaiting_writable: bool,
    last_heard: Instant,
    /// Topic → the `seq` after which every matching event this session may see has reached it
    /// (replayed or live), for as long as it has held the topic.
    topics: HashMap<String, i64>,
    initial: Option<(Vec<String>, Option<i64>)>,
    /// The subscribe the Broadcaster has yet to confirm: its topics and `since`.
    awaiting: Option<(Vec<String>, Option<i64>)>,
    /// Shut while a subscribe awaits its confirmation, so later client frames wait for it.
    gate: Rc<Gate>,
    broadcaster: Addr<Broadcaster>,
    registered: bool,
    pool: DbPool,
    limits: Arc<SessionLimits>,
    /// This session's place under the session limits, given back when the actor is dropped.
    _slot: SessionSlot,
    /// Its place on its session thread, likewise.
    _seat: Seat,
    principal: Principal,
    /// Client frames in the current one-second window.
    window: (Instant, u32),
    /// Its `presence` frames' allowance.
    presence_rate: Bucket,
    /// The client sent its close frame: hang up as soon as ours is out.
    peer_closed: bool,
    /// Why the session ends, once that is known (the client's doing when nothing else is).
    close_reason: Option<CloseReason>,
    metrics: Arc<Metrics>,
    request_id: String,
    opened: Instant,
}

/// Everything a new session needs besides its socket.
pub struct SessionParts {
    pub broadcaster: Addr<Broadcaster>,
    pub pool: DbPool,
    pub limits: Arc<SessionLimits>,
    pub slot: SessionSlot,
    pub seat: Seat,
    pub principal: Principal,
    pub metrics: Arc<Metrics>,
    /// The handshake's request id.
    pub request_id: String,
    /// How it wants driver positions (combined.rs).
    pub positions: Positions,
}

impl WsSession {
    /// Starts the session actor on `socket`, whose handshake is done; `read` holds whatever the
    /// client sent after its handshake request.
    pub fn start(socket: TcpStream, read: BytesMut, initial: Option<(Vec<String>, Option<i64>)>, parts: SessionParts) {
        let hard_limit = parts.limits.max_text * HARD_FRAME_LIMIT_FACTOR;
        // Each frame is a whole message that should leave now, not wait for the last one's ACK.
        let _ = socket.set_nodelay(true);
        let (reader, writer) = socket.into_split();
        let gate = Rc::new(Gate::default());
        let frames = ReadFrames {
            io: reader,
            buf: read,
            codec: Codec::new().max_size(hard_limit),
            max_size: hard_limit,
            gate: Rc::clone(&gate),
            refused: false,
            done: false,
        };
        let session = WsSession::new(Transport::WebSocket(Rc::new(writer)), gate, initial, parts);
        WsSession::create(|ctx| {
            ctx.add_stream(frames);
            session
        });
    }

    /// Starts the session actor of an event stream (`GET /sse`) subscribing to `topics`: it
    /// writes to `stream`, the response's other end, and ends when the response is dropped.
    pub fn start_event_stream(stream: StreamWriter, topics: (Vec<String>, Option<i64>), parts: SessionParts) {
        let stream = Rc::new(stream);
        let watched = Rc::clone(&stream);
        let session = WsSession::new(Transport::EventStream(stream), Rc::default(), Some(topics), parts);
        WsSession::create(|ctx| {
            let gone = async move { watched.gone().await };
            ctx.spawn(actix::fut::wrap_future::<_, WsSession>(gone).map(|(), _, ctx| ctx.stop()));
            session
        });
    }

    fn new(
        transport: Transport,
        gate: Rc<Gate>,
        initial: Option<(Vec<String>, Option<i64>)>,
        parts: SessionParts,
    ) -> WsSession {
        let SessionParts { broadcaster, pool, limits, slot, seat, principal, metrics, request_id, positions } = parts;
        let outbox = Rc::new(RefCell::new(Outbox::new(transport, limits.send_queue, principal.clone(), positions)));
        WsSession {
            id: 0,
            outbox,
            awaiting_writable: false,
            last_heard: Instant::now(),
            topics: HashMap::new(),
            initial,
            awaiting: None,
            gate,
            broadcaster,
            registered: false,
            pool,
            limits,
            _slot: slot,
            _seat: seat,
            principal,
            window: (Instant::now(), 0),
            presence_rate: Bucket::full(PRESENCE_BURST, PRESENCE_PER_SEC),
            peer_closed: false,
            close_reason: None,
            metrics,
            request_id,
            opened: Instant::now(),
        }
    }

    fn transport(&self) -> Transport {
        self.outbox.borrow().transport()
    }

    /// A close frame is queued or sent: nothing else goes out.
    fn closing(&self) -> bool {
        self.outbox.borrow().closing
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
            self.ending(CloseReason::Limits);
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

    fn send_frame(&mut self, frame: &ServerFrame, ctx: &mut Context<Self>) {
        let frame = encode(&self.transport(), frame, None);
        self.send(frame, ctx);
    }

    fn send_error(&mut self, error: FrameError, ctx: &mut Context<Self>) {
        self.send_frame(&ServerFrame::Error { code: error.code, message: &error.message }, ctx);
    }

    /// Queues a frame behind the ones waiting and writes what the socket takes.
    fn send(&mut self, frame: Bytes, ctx: &mut Context<Self>) {
        if self.closing() {
            return;
        }
        self.outbox.borrow_mut().push(frame);
        self.flush(ctx);
    }

    /// Notes why the session ends, unless a reason is known already.
    fn ending(&mut self, reason: CloseReason) {
        self.close_reason.get_or_insert(reason);
    }

    /// Sends a close frame after what is queued; the session ends once it is out and the
    /// client has answered (or after a short wait).
    fn close(&mut self, code: CloseCode, description: &str, ctx: &mut Context<Self>) {
        {
            let mut outbox = self.outbox.borrow_mut();
            if outbox.closing {
                return;
            }
            let frame = outbox.transport().close(code.into(), description);
            outbox.push(frame);
            outbox.closing = true;
        }
        // The client's close frame must still be read.
        self.gate.open();
        // Nothing more is delivered to a closing session.
        self.unregister();
        self.flush(ctx);
    }

    /// Writes queued frames until the socket takes no more, then waits for it to drain.
    fn flush(&mut self, ctx: &mut Context<Self>) {
        let flushed = self.outbox.borrow_mut().flush();
        match flushed {
            Flushed::Failed => ctx.stop(),
            Flushed::Blocked => self.await_writable(ctx),
            Flushed::Done if self.closing() => {
                // An event stream's client has nothing to answer: its stream ends here.
                if self.peer_closed || !self.transport().listens() {
                    return ctx.stop();
                }
                ctx.run_later(CLOSE_LINGER, |_, ctx| ctx.stop());
            }
            Flushed::Done => {}
        }
    }

    fn await_writable(&mut self, ctx: &mut Context<Self>) {
        if self.awaiting_writable {
            return;
        }
        self.awaiting_writable = true;
        let transport = self.transport();
        let ready = async move { transport.writable().await };
        ctx.spawn(ready.into_actor(self).map(|ready, act, ctx| {
            act.awaiting_writable = false;
            match ready {
                Ok(()) => act.flush(ctx),
                Err(_) => ctx.stop(),
            }
        }));
    }

    fn unregister(&mut self) {
        if std::mem::take(&mut self.registered) {
            self.broadcaster.do_send(broadcaster::Disconnect { id: self.id });
        }
    }

    fn heartbeat(&mut self, ctx: &mut Context<Self>) {
        let timeout = self.limits.client_timeout;
        let stalled = self.outbox.borrow().blocked_since.is_some_and(|since| since.elapsed() > timeout);
        // An event stream's client never speaks: only a stream it stops reading times out.
        let listens = self.transport().listens();
        let silent = listens && self.last_heard.elapsed() > timeout;
        if stalled || silent {
            tracing::info!(
                session = self.id,
                "ws session: client timed out ({}), dropping it",
                if stalled { "not reading" } else { "silent" }
            );
            self.ending(CloseReason::Timeout);
            ctx.stop();
            return;
        }
        // Only a session silent for a whole beat gets a ping: the web app pings on its own every
        // beat, and a silent client answered the last ping less than a beat ago. An event stream
        // gets its comment every beat, to keep proxies from closing it.
        if !listens || self.last_heard.elapsed() >= self.limits.heartbeat {
            let beat = self.transport().heartbeat();
            self.send(beat, ctx);
        }
    }
}

impl Actor for WsSession {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        ctx.set_mailbox_capacity(self.limits.send_queue);
        let heartbeat_ms = self.limits.heartbeat.as_millis() as u64;
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        self.id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        // Each session beats at its own phase, so sessions that connected together (all of them,
        // after a restart) do not ping together forever: a burst of thousands of pings holds up
        // the deliveries behind it.
        ctx.run_later(beat_phase(self.id, self.limits.heartbeat), |act, ctx| {
            act.heartbeat(ctx);
            ctx.run_interval(act.limits.heartbeat, |act, ctx| act.heartbeat(ctx));
        });
        let mailbox = Mailbox::of(&ctx.address(), Rc::clone(&self.outbox));
        let (kick, notice) = (mailbox.kick.clone(), ctx.address().recipient::<Notice>());
        let hub = hub::attach(self.id, mailbox, &self.metrics);
        let connect = self.broadcaster.send(broadcaster::Connect {
            id: self.id,
            kick,
            notice,
            hub,
            token_id: self.principal.token_id,
            session_id: self.principal.session_id,
            name: self.principal.name.clone(),
            role: self.principal.role,
            combines: self.outbox.borrow().positions() == Positions::Combined,
        });
        ctx.wait(connect.into_actor(self).map(move |result, act, ctx| {
            let Ok(seq) = result else {
                return ctx.stop();
            };
            act.registered = true;
            if act.closing() {
                return act.unregister();
            }
            tracing::info!(
                target: "switchboard::ws",
                session = act.id,
                request_id = %act.request_id,
                token_id = act.principal.token_id,
                role = act.principal.role.as_str(),
                credential = act.principal.kind,
                transport = act.transport().name(),
                topics = act.initial.as_ref().map_or(0, |(topics, _)| topics.len()),
                "ws session opened"
            );
            act.send_frame(&ServerFrame::Welcome { seq, heartbeat_ms }, ctx);
            if let Some((topics, since)) = act.initial.take() {
                act.subscribe(topics, since, ctx);
            }
        }));
    }

    fn stopping(&mut self, _: &mut Self::Context) -> Running {
        self.unregister();
        hub::detach(self.id);
        let reason = self.close_reason.unwrap_or(CloseReason::Client);
        self.metrics.session_closed(reason);
        tracing::info!(
            target: "switchboard::ws",
            session = self.id,
            request_id = %self.request_id,
            token_id = self.principal.token_id,
            role = self.principal.role.as_str(),
            topics = self.topics.len(),
            duration_ms = self.opened.elapsed().as_millis() as u64,
            transport = self.transport().name(),
            close_reason = reason.as_str(),
            "ws session closed"
        );
        Running::Stop
    }
}

impl Handler<Flush> for WsSession {
    type Result = ();

    fn handle(&mut self, _: Flush, ctx: &mut Context<Self>) {
        self.flush(ctx);
    }
}

impl Handler<Subscribed> for WsSession {
    type Result = ();

    fn handle(&mut self, msg: Subscribed, ctx: &mut Context<Self>) {
        match self.awaiting.take() {
            Some((topics, since)) => self.confirm(topics, since, msg.live_from, msg.presence, ctx),
            // Nothing to answer: let the events the hub held back go.
            None => {
                self.outbox.borrow_mut().release();
                self.flush(ctx);
            }
        }
    }
}

impl Handler<Notice> for WsSession {
    type Result = ();

    fn handle(&mut self, notice: Notice, ctx: &mut Context<Self>) {
        let frame = self.transport().shared(&notice.0);
        self.send(frame, ctx);
    }
}

impl Handler<Kick> for WsSession {
    type Result = ();

    fn handle(&mut self, kick: Kick, ctx: &mut Context<Self>) {
        match kick {
            Kick::TooSlow => {
                tracing::info!(session = self.id, "ws session: too slow, closing it");
                self.ending(CloseReason::Slow);
                // What is queued is dropped: the client resumes from its last seq.
                self.outbox.borrow_mut().drop_queued();
                self.close(CloseCode::Again, "too slow: reconnect with since to catch up", ctx);
            }
            Kick::GoingAway => {
                self.ending(CloseReason::Shutdown);
                self.close(CloseCode::Away, "server shutting down: reconnect with since", ctx)
            }
            Kick::Revoked(reason) => {
                self.ending(CloseReason::Revoked);
                self.outbox.borrow_mut().drop_queued();
                self.close(CloseCode::Policy, reason, ctx);
            }
        }
        // A client that never reads would never take the close frame either.
        ctx.run_later(self.limits.client_timeout, |_, ctx| ctx.stop());
    }
}

impl StreamHandler<Result<Frame, ProtocolError>> for WsSession {
    fn handle(&mut self, frame: Result<Frame, ProtocolError>, ctx: &mut Context<Self>) {
        self.last_heard = Instant::now();
        if self.closing() {
            // Only the client's answer to our close frame matters now.
            if matches!(frame, Ok(Frame::Close(_)) | Err(_)) {
                self.peer_closed = true;
                if self.outbox.borrow().is_empty() {
                    ctx.stop();
                }
            }
            return;
        }
        match frame {
            Ok(Frame::Text(bytes)) => match std::str::from_utf8(&bytes) {
                Ok(text) => self.on_text(text, ctx),
                Err(_) => {
                    self.ending(CloseReason::Protocol);
                    self.close(CloseCode::Invalid, "text frames must be UTF-8", ctx)
                }
            },
            Ok(Frame::Binary(_)) => {
                self.send_error(FrameError::new("binary_not_supported", "frames must be JSON text"), ctx)
            }
            Ok(Frame::Ping(payload)) => self.send(wire::pong(&payload), ctx),
            Ok(Frame::Pong(_)) => {}
            Ok(Frame::Continuation(_)) => {
                self.send_error(FrameError::new("fragmented_frame", "fragmented frames are not supported"), ctx)
            }
            Ok(Frame::Close(_)) => {
                self.peer_closed = true;
                self.close(CloseCode::Normal, "bye", ctx);
            }
            Err(ProtocolError::Overflow) => {
                self.ending(CloseReason::Limits);
                self.close(CloseCode::Size, "frame too large", ctx)
            }
            Err(error) => {
                tracing::info!(session = self.id, "ws session: protocol error {error}");
                self.ending(CloseReason::Protocol);
                self.close(CloseCode::Protocol, "protocol error", ctx);
            }
        }
    }

    fn finished(&mut self, ctx: &mut Context<Self>) {
        ctx.stop();
    }
}

/// A frame of the session's own in `transport`'s encoding; on an event stream with `id` to
/// resume from.
fn encode(transport: &Transport, frame: &ServerFrame, id: Option<i64>) -> Bytes {
    transport.text(frame.kind(), id, &frame.to_text())
}

/// Where in the beat session `id` beats: consecutive ids spread evenly over it (the fractional
/// parts of multiples of the golden ratio), with no random source needed.
fn beat_phase(id: SessionId, beat: Duration) -> Duration {
    const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
    let fraction = id.wrapping_mul(GOLDEN) as f64 / (u64::MAX as f64 + 1.0);
    beat.mul_f64(fraction)
}
