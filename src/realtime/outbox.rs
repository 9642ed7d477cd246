//! A session's way out: its transport (a WebSocket's write half, or an event stream) and the
//! frames it has not taken yet, shared by the session actor and its thread's hub (both run on
//! the session's thread).
//!
//! The hub hands each event straight to the outbox, which writes it to the socket there and
//! then: no envelope, no mailbox, no wake-up and poll of the session actor per delivery. The
//! actor is woken (`Flush`) only when the socket stops taking bytes, to wait until it drains.
//! Everything else the session sends (welcome, acks, replays, pings, errors, close) goes through
//! the same outbox, so frames leave in the order they were queued.

use std::collections::VecDeque;
use std::io::{ErrorKind, IoSlice};
use std::sync::Arc;
use std::time::Instant;

use actix::Message;
use actix_web::web::Bytes;

use super::event_log::LoggedEvent;
use super::transport::Transport;
use crate::auth::{Grant, Principal};
use crate::domain::permissions::Op;

/// Frames handed to the socket in one `writev` when several are queued.
const SEND_BATCH: usize = 64;

/// Asks the session to write what its outbox holds: the hub queued a frame the socket did not
/// take, and only the session can wait for the socket to drain.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Flush;

/// What became of an event handed to a session.
#[derive(Debug, PartialEq, Eq)]
pub enum Offered {
    /// Not for this session: already sent, not visible to it, or it is closing.
    Skipped,
    /// Written to the socket whole.
    Sent,
    /// Queued behind `depth` frames; with `wake`, the session must be told to flush.
    Queued { depth: usize, wake: bool },
    /// Its queue is full: the session must be closed as too slow.
    TooSlow,
}

/// How a flush ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Flushed {
    /// Everything queued is out.
    Done,
    /// The socket takes no more for now: wait until it is writable.
    Blocked,
    /// The socket is gone.
    Failed,
}

pub struct Outbox {
    writer: Transport,
    /// Frames the socket has not taken yet, oldest first; `written` bytes of the first are out.
    pending: VecDeque<Bytes>,
    written: usize,
    /// Since when the socket has refused more bytes (`None`: it takes everything).
    pub blocked_since: Option<Instant>,
    /// Replayed frames still queued: they do not count against the live queue limit.
    replay_left: usize,
    /// The `seq` of the newest event sent to the client: nothing at or before it goes out again.
    pub cursor: i64,
    /// A close frame is queued or sent: nothing else goes out.
    pub closing: bool,
    /// While a subscribe is answered (`Some`), live events wait here, behind its ack and replay.
    held: Option<Vec<Arc<LoggedEvent>>>,
    /// Live frames that may be queued before the session counts as too slow.
    send_queue: usize,
    /// Whose session this is: what it may see.
    principal: Principal,
}

impl Outbox {
    pub fn new(writer: Transport, send_queue: usize, principal: Principal) -> Outbox {
        Outbox {
            writer,
            pending: VecDeque::new(),
            written: 0,
            blocked_since: None,
            replay_left: 0,
            cursor: 0,
            closing: false,
            held: None,
            send_queue,
            principal,
        }
    }

    /// Whether this session's caller may see `event` (the permission table, and for a driver
    /// only events about its own records).
    pub fn visible(&self, event: &LoggedEvent) -> bool {
        let Some(entity) = event.entity else { return false };
        match self.principal.grant(entity, Op::Read) {
            Grant::None => false,
            Grant::All => true,
            Grant::OwnDriver => self.principal.own_driver().is_some_and(|own| event.drivers.contains(&own)),
        }
    }

    /// A live event from the hub: written at once when nothing is queued, else queued.
    pub fn offer(&mut self, event: &Arc<LoggedEvent>) -> Offered {
        if self.closing || event.seq <= self.cursor || !self.visible(event) {
            return Offered::Skipped;
        }
        if let Some(held) = &mut self.held {
            if held.len() >= self.send_queue {
                return Offered::TooSlow;
            }
            let depth = held.len();
            held.push(Arc::clone(event));
            return Offered::Queued { depth, wake: false };
        }
        let depth = self.pending.len();
        if depth >= self.send_queue + self.replay_left {
            return Offered::TooSlow;
        }
        self.cursor = event.seq;
        let frame = self.writer.event(event);
        if depth > 0 {
            // The session is already waiting for the socket to drain.
            self.pending.push_back(frame.clone());
            return Offered::Queued { depth, wake: false };
        }
        match self.writer.try_write(frame) {
            Ok(n) if n == frame.len() => Offered::Sent,
            Ok(n) if n > 0 => {
                self.pending.push_back(frame.clone());
                self.written = n;
                Offered::Queued { depth: 0, wake: true }
            }
            // Blocked, or failed: the session finds out which when it flushes.
            _ => {
                self.pending.push_back(frame.clone());
                Offered::Queued { depth: 0, wake: true }
            }
        }
    }

    /// Holds live events back until [`Outbox::release`]: the hub calls it as it hands the session
    /// a subscribe's confirmation, so what came before went out live and what comes after waits
    /// behind the ack and the replay.
    pub fn hold(&mut self) {
        self.held.get_or_insert_with(Vec::new);
    }

    /// Queues the live events held back, those not already sent, after what is queued.
    pub fn release(&mut self) {
        for event in self.held.take().unwrap_or_default() {
            if event.seq > self.cursor {
                self.cursor = event.seq;
                self.pending.push_back(self.writer.event(&event).clone());
            }
        }
    }

    /// Queues a frame of the session's own (not a live event).
    pub fn push(&mut self, frame: Bytes) {
        self.pending.push_back(frame);
    }

    /// Queues a replayed event's frame; it does not count against the live queue limit.
    pub fn push_replayed(&mut self, event: LoggedEvent) {
        self.cursor = event.seq;
        self.pending.push_back(self.writer.replayed(event));
        self.replay_left += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Drops the queued frames a client that is cut off will never need (it resumes with
    /// `since`), keeping a partly written one so the stream of frames stays whole.
    pub fn drop_queued(&mut self) {
        let keep = usize::from(self.written > 0);
        self.pending.truncate(keep);
        self.replay_left = 0;
        self.held = None;
    }

    /// Writes queued frames until the socket takes no more.
    pub fn flush(&mut self) -> Flushed {
        while !self.pending.is_empty() {
            let mut slices = [IoSlice::new(&[]); SEND_BATCH];
            let mut count = 0;
            for (i, frame) in self.pending.iter().take(SEND_BATCH).enumerate() {
                slices[i] = IoSlice::new(if i == 0 { &frame[self.written..] } else { frame });
                count += 1;
            }
            let written = if count == 1 {
                self.writer.try_write(&slices[0])
            } else {
                self.writer.try_write_vectored(&slices[..count])
            };
            match written {
                Ok(0) => return Flushed::Failed,
                Ok(n) => self.consume(n),
                Err(error) if error.kind() == ErrorKind::WouldBlock => {
                    self.blocked_since.get_or_insert_with(Instant::now);
                    return Flushed::Blocked;
                }
                Err(_) => return Flushed::Failed,
            }
        }
        self.blocked_since = None;
        Flushed::Done
    }

    /// The transport, to encode the session's own frames and to wait on until it takes bytes
    /// again (without holding the outbox meanwhile).
    pub fn transport(&self) -> Transport {
        self.writer.clone()
    }

    /// Counts `n` bytes as sent, dropping the frames they complete.
    fn consume(&mut self, mut n: usize) {
        while let Some(front) = self.pending.front() {
            let left = front.len() - self.written;
            if n < left {
                self.written += n;
                return;
            }
            n -= left;
            self.written = 0;
            self.pending.pop_front();
            self.replay_left = self.replay_left.saturating_sub(1);
        }
    }
}
