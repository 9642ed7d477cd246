//! A session's way out: its transport (a WebSocket's write half, or an event stream) and the
//! frames it has not taken yet, shared by the session actor and its thread's hub (both run on
//! the session's thread).
//!
//! The hub hands each event straight to the outbox, which writes it to the socket there and
//! then: no envelope, no mailbox, no wake-up and poll of the session actor per delivery. The
//! actor is woken (`Flush`) only when the socket stops taking bytes, to wait until it drains.
//! Everything else the session sends (welcome, acks, replays, pings, errors, close) goes through
//! the same outbox, so frames leave in the order they were queued.
//!
//! A "latest value" event (a driver's position, `domain::event::LATEST_VALUE`) supersedes the
//! frame of its record's previous one while that frame waits, not yet started: the newer goes
//! to the back of the queue (so every frame still leaves in `seq` order) and the older is never
//! sent. A session that falls behind gets each record's newest value rather than every one, and
//! those frames, at most one per record, do not count against its queue limit. Every other
//! frame goes out exactly once. Nothing of this is done while the queue is empty. A session that
//! asked for combined positions (combined.rs) keeps the newest of each record aside instead,
//! and gets them as combined frames once its queue is out, or before its next other event.

use std::collections::{HashMap, VecDeque};
use std::io::{ErrorKind, IoSlice};
use std::sync::Arc;
use std::time::Instant;

use actix::Message;
use actix_web::web::Bytes;

use super::combined::Positions;
use super::event_log::LoggedEvent;
use super::transport::Transport;
use crate::auth::{Grant, Principal};
use crate::domain::permissions::Op;
use crate::domain::Entity;

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
    /// Queued for the hub to write with the rest of its turn (`Outbox::uncork`).
    Corked,
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

/// A record, by its kind and id: whose latest value a queued frame carries.
type Record = (Entity, i64);

/// A frame waiting for the socket.
struct Queued {
    /// Empty once superseded by a newer value of its record: it is then skipped.
    frame: Bytes,
    /// For a latest-value event's frame, its record.
    latest: Option<Record>,
}

pub struct Outbox {
    writer: Transport,
    /// Frames the socket has not taken yet, oldest first; `written` bytes of the first are out.
    /// The first is never a superseded one.
    pending: VecDeque<Queued>,
    written: usize,
    /// Frames at the back of `pending` that the hub queued in its current turn, to write them
    /// together when it is done (`Outbox::uncork`): a session's positions and the event after
    /// them go out in one write. The socket is not behind for them.
    corked: usize,
    /// Frames taken off the front of `pending` so far: a queued frame's place is this plus its
    /// index, which stays true as frames leave.
    taken: u64,
    /// Each record with a latest-value frame queued, and that frame's place.
    latest: HashMap<Record, u64>,
    /// Frames in `pending` superseded and emptied.
    superseded: usize,
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
    /// Whether it asked for positions combined into one frame.
    positions: Positions,
    /// For a session that combines positions, those that came while frames were queued: the
    /// newest of each record, to go out as combined frames once the queue is out (or before the
    /// next other event), rather than queued one frame each.
    waiting: HashMap<Record, Arc<LoggedEvent>>,
}

impl Outbox {
    pub fn new(writer: Transport, send_queue: usize, principal: Principal, positions: Positions) -> Outbox {
        Outbox {
            writer,
            pending: VecDeque::new(),
            written: 0,
            corked: 0,
            taken: 0,
            latest: HashMap::new(),
            superseded: 0,
            blocked_since: None,
            replay_left: 0,
            cursor: 0,
            closing: false,
            held: None,
            send_queue,
            principal,
            positions,
            waiting: HashMap::new(),
        }
    }

    /// How the session wants positions.
    pub fn positions(&self) -> Positions {
        self.positions
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

    /// A live event from the hub: written at once when nothing is queued, else queued (taking the
    /// place of its record's queued value, for a latest-value event).
    pub fn offer(&mut self, event: &Arc<LoggedEvent>) -> Offered {
        if self.closing || event.seq <= self.cursor || !self.visible(event) {
            return Offered::Skipped;
        }
        if let Some(held) = &mut self.held {
            if let Some(record) = event.latest {
                held.retain(|older| older.latest != Some(record));
            } else if held.iter().filter(|older| older.latest.is_none()).count() >= self.send_queue {
                return Offered::TooSlow;
            }
            let depth = held.len();
            held.push(Arc::clone(event));
            return Offered::Queued { depth, wake: false };
        }
        let depth = self.depth();
        if let Some(record) = event.latest.filter(|_| self.behind() && self.positions == Positions::Combined) {
            self.cursor = event.seq;
            self.waiting.insert(record, Arc::clone(event));
            return Offered::Queued { depth, wake: false };
        }
        if event.latest.is_none() && depth.saturating_sub(self.latest.len()) >= self.send_queue + self.replay_left {
            return Offered::TooSlow;
        }
        // The positions waiting go before it.
        self.release_waiting();
        let depth = self.depth();
        self.cursor = event.seq;
        let frame = self.writer.event(event);
        if depth > 0 {
            // The session is already waiting for the socket to drain.
            self.queue(frame.clone(), event.latest);
            return Offered::Queued { depth, wake: false };
        }
        self.cork([frame.clone()])
    }

    /// Frames waiting for the socket to drain: those queued, not superseded, not corked.
    fn depth(&self) -> usize {
        self.pending.len() - self.superseded - self.corked
    }

    /// Whether the socket is behind: frames wait for it to drain, or positions are kept aside.
    fn behind(&self) -> bool {
        self.depth() > 0 || !self.waiting.is_empty()
    }

    /// Whether positions of `first`'s kind, from `first` on (in `seq` order), may go to this
    /// session in combined frames: it asked for them, sees all of that kind, none was sent yet,
    /// and it is neither closing nor answering a subscribe.
    pub fn combines(&self, first: &LoggedEvent) -> bool {
        self.positions == Positions::Combined
            && self.held.is_none()
            && !self.closing
            && first.seq > self.cursor
            && first.entity.is_some_and(|entity| self.principal.grant(entity, Op::Read) == Grant::All)
    }

    /// Events offered one by one; what became of the last one handed over.
    pub fn offer_each(&mut self, events: &[Arc<LoggedEvent>]) -> Offered {
        let mut offered = Offered::Skipped;
        for event in events {
            offered = match self.offer(event) {
                Offered::TooSlow => return Offered::TooSlow,
                Offered::Skipped => offered,
                other => other,
            };
        }
        offered
    }

    /// Queues the positions waiting as combined frames.
    fn release_waiting(&mut self) {
        if self.closing {
            // Nothing goes out after the close frame: the client resumes with `since`.
            self.waiting.clear();
        }
        if self.waiting.is_empty() {
            return;
        }
        let mut events: Vec<Arc<LoggedEvent>> = self.waiting.drain().map(|(_, event)| event).collect();
        events.sort_unstable_by_key(|event| event.seq);
        match super::combined::frames(&events) {
            Some(frames) => self.pending.extend(frames.into_iter().map(|frame| Queued { frame, latest: None })),
            None => {
                for event in events {
                    self.queue(self.writer.event(&event).clone(), event.latest);
                }
            }
        }
    }

    /// Positions for this session (that [`Outbox::combines`]), as `frames` carry them: written
    /// at once when nothing is queued; else offered one by one, so each is kept aside with its
    /// driver's newest.
    pub fn offer_combined(&mut self, events: &[Arc<LoggedEvent>], frames: &[Bytes]) -> Offered {
        let Some(newest) = events.last() else { return Offered::Skipped };
        if self.behind() {
            return self.offer_each(events);
        }
        self.cursor = newest.seq;
        self.cork(frames.iter().cloned())
    }

    /// Queues `frames`, the socket not being behind, for the hub to write with the rest of its
    /// turn; past `SEND_BATCH` frames corked, writes them now.
    fn cork(&mut self, frames: impl IntoIterator<Item = Bytes>) -> Offered {
        for frame in frames {
            self.pending.push_back(Queued { frame, latest: None });
            self.corked += 1;
        }
        if self.corked < SEND_BATCH {
            return Offered::Corked;
        }
        match self.flush() {
            Flushed::Done => Offered::Sent,
            // Blocked, or failed: the session finds out which when it flushes.
            _ => Offered::Queued { depth: 0, wake: true },
        }
    }

    /// Writes the frames corked in the hub's turn, if any.
    pub fn uncork(&mut self) -> Flushed {
        if self.corked == 0 {
            return Flushed::Done;
        }
        self.flush()
    }

    /// Queues an event's frame after what is queued; for a latest value of `record`, in place of
    /// the one queued before it, unless that one is already partly written.
    fn queue(&mut self, frame: Bytes, latest: Option<Record>) {
        if let Some(record) = latest {
            let place = self.taken + self.pending.len() as u64;
            if let Some(older) = self.latest.insert(record, place) {
                self.supersede(older);
            }
        }
        self.pending.push_back(Queued { frame, latest });
    }

    /// Drops the queued frame at `place` (a value superseded by a newer one of its record) unless
    /// it is already partly written.
    fn supersede(&mut self, place: u64) {
        let Some(index) = place.checked_sub(self.taken) else { return };
        match index {
            0 if self.written > 0 => {}
            0 => self.pop_front(),
            index => {
                if let Some(older) = self.pending.get_mut(index as usize) {
                    older.frame = Bytes::new();
                    older.latest = None;
                    self.superseded += 1;
                }
            }
        }
    }

    /// Holds live events back until [`Outbox::release`]: the hub calls it as it hands the session
    /// a subscribe's confirmation, so what came before went out live and what comes after waits
    /// behind the ack and the replay.
    pub fn hold(&mut self) {
        self.release_waiting();
        self.held.get_or_insert_with(Vec::new);
    }

    /// Queues the live events held back, those not already sent, after what is queued.
    pub fn release(&mut self) {
        for event in self.held.take().unwrap_or_default() {
            if event.seq > self.cursor {
                self.cursor = event.seq;
                self.queue(self.writer.event(&event).clone(), event.latest);
            }
        }
    }

    /// Queues a frame of the session's own (not a live event).
    pub fn push(&mut self, frame: Bytes) {
        self.pending.push_back(Queued { frame, latest: None });
    }

    /// Queues a replayed event's frame; it does not count against the live queue limit.
    pub fn push_replayed(&mut self, event: LoggedEvent) {
        self.cursor = event.seq;
        self.pending.push_back(Queued { frame: self.writer.replayed(event), latest: None });
        self.replay_left += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty() && self.waiting.is_empty()
    }

    /// Drops the queued frames a client that is cut off will never need (it resumes with
    /// `since`), keeping a partly written one so the stream of frames stays whole.
    pub fn drop_queued(&mut self) {
        let keep = usize::from(self.written > 0);
        self.pending.truncate(keep);
        self.corked = 0;
        self.latest.clear();
        self.waiting.clear();
        self.superseded = 0;
        self.replay_left = 0;
        self.held = None;
    }

    /// Writes queued frames until the socket takes no more.
    pub fn flush(&mut self) -> Flushed {
        // Whatever the socket does not take now waits for it to drain.
        self.corked = 0;
        if self.pending.is_empty() {
            self.release_waiting();
        }
        while !self.pending.is_empty() {
            let mut slices = [IoSlice::new(&[]); SEND_BATCH];
            let mut count = 0;
            for (i, queued) in self.pending.iter().take(SEND_BATCH).enumerate() {
                slices[i] = IoSlice::new(if i == 0 { &queued.frame[self.written..] } else { &queued.frame });
                count += 1;
            }
            let written = if count == 1 {
                self.writer.try_write(&slices[0])
            } else {
                self.writer.try_write_vectored(&slices[..count])
            };
            match written {
                Ok(0) => return Flushed::Failed,
                Ok(n) => {
                    self.consume(n);
                    if self.pending.is_empty() {
                        self.release_waiting();
                    }
                }
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
            let left = front.frame.len() - self.written;
            if n < left {
                self.written += n;
                return;
            }
            n -= left;
            self.written = 0;
            self.pop_front();
        }
    }

    /// Drops the first frame (whole, or never to be written), and the superseded ones behind it.
    fn pop_front(&mut self) {
        let Some(done) = self.pending.pop_front() else { return };
        if let Some(record) = done.latest {
            if self.latest.get(&record) == Some(&self.taken) {
                self.latest.remove(&record);
            }
        }
        self.taken += 1;
        self.replay_left = self.replay_left.saturating_sub(1);
        while self.pending.front().is_some_and(|next| next.frame.is_empty()) {
            self.pending.pop_front();
            self.taken += 1;
            self.superseded = self.superseded.saturating_sub(1);
        }
    }
}
