//! One hub per session thread (`threads.rs`): the Broadcaster hands it an event once with the
//! ids of the sessions on that thread that should get it, and the hub writes it to each of
//! their sockets there, through each session's outbox (outbox.rs).
//!
//! Without it the Broadcaster's one thread made one cross-thread send per delivery (a boxed
//! envelope, a queue node freed on another thread, a wake-up): at 90,000 deliveries a second
//! that thread alone was saturated. Now it makes one send per session thread per event, and the
//! per-session work runs on those threads, in parallel.
//!
//! The Broadcaster leaves events in the hub's inbox and wakes the hub only when the inbox was
//! empty, so the hub takes everything that came while it was busy in one go: a session that
//! asked for combined positions (combined.rs) gets the positions among them in one frame.

use std::cell::RefCell;
use std::collections::HashMap;
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix::prelude::*;

use actix_web::web::Bytes;

use super::combined;
use super::event_log::LoggedEvent;
use super::mailbox::{Kick, Mailbox, SessionId, Subscribed};
use super::outbox::{Flush, Flushed, Offered};
use super::threads;
use crate::telemetry::Metrics;

/// Identifies a session thread's hub to the Broadcaster.
pub type HubId = usize;

/// Some of a hub's sessions, shared by the events that go to all of them.
pub type Sessions = Arc<Vec<SessionId>>;

/// An event for some of this hub's sessions.
pub struct HubDeliver {
    pub event: Arc<LoggedEvent>,
    /// Shared by the events that go to the same sessions (the Broadcaster keeps a topic's list
    /// while nobody takes or leaves it): the hub combines positions per list.
    pub sessions: Sessions,
    pub audience: Audience,
    /// The Broadcaster's count of sessions closed for a full queue.
    pub kicked: Arc<AtomicU64>,
}

impl HubDeliver {
    /// What it counts for in the hub's backlog: a frame per session, but once for sessions that
    /// combine positions (they get one frame a round, however many positions wait).
    pub fn frames(&self) -> usize {
        match self.audience {
            Audience::Combining => 1,
            Audience::Each | Audience::Mixed => self.sessions.len(),
        }
    }
}

/// Which of a hub's sessions an event goes to, as to how they want positions (combined.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Sessions that combine positions: a position waits for the hub's next round.
    Combining,
    /// Sessions that do not: a position goes out at once.
    Each,
    /// Either kind: a position goes out at once, after every position waiting.
    Mixed,
}

/// A subscribe's confirmation for one of this hub's sessions, queued behind the events before it.
pub struct HubConfirm {
    pub session: SessionId,
    pub confirm: Subscribed,
    /// The Broadcaster's count of sessions closed for a full queue.
    pub kicked: Arc<AtomicU64>,
}

/// What the Broadcaster leaves for a hub, in order.
enum Item {
    Deliver(HubDeliver),
    Confirm(HubConfirm),
}

/// What a hub has yet to take, and whether it has been woken to take it.
#[derive(Default)]
struct Inbox {
    items: Mutex<Vec<Item>>,
    woken: AtomicBool,
}

/// Tells the hub its inbox has something.
#[derive(Message)]
#[rtype(result = "()")]
struct Wake;

/// A hub as the Broadcaster holds it.
#[derive(Clone)]
pub struct HubHandle {
    pub id: HubId,
    addr: Addr<Hub>,
    inbox: Arc<Inbox>,
    /// Frames (`HubDeliver::frames`) sent to the hub and not yet handed over: the Broadcaster
    /// refuses to let it pass its bound.
    pub backlog: Arc<AtomicUsize>,
}

impl HubHandle {
    /// Leaves events for the hub, to be taken together.
    pub fn deliver(&self, delivers: Vec<HubDeliver>) {
        self.leave(delivers.into_iter().map(Item::Deliver));
    }

    pub fn confirm(&self, confirm: HubConfirm) {
        self.leave(std::iter::once(Item::Confirm(confirm)));
    }

    fn leave(&self, items: impl Iterator<Item = Item>) {
        self.inbox.items.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend(items);
        if !self.inbox.woken.swap(true, Ordering::AcqRel) {
            self.addr.do_send(Wake);
        }
    }
}

pub struct Hub {
    backlog: Arc<AtomicUsize>,
    inbox: Arc<Inbox>,
}

impl Actor for Hub {
    type Context = Context<Self>;
}

struct Local {
    handle: HubHandle,
    metrics: Arc<Metrics>,
    /// This thread's sessions, and whether each has already been told it is too slow.
    sessions: HashMap<SessionId, (Mailbox, bool)>,
    /// Positions waiting to be written.
    run: Run,
    /// Sessions with frames corked in this turn (`Outbox::uncork`), some more than once.
    corked: Vec<SessionId>,
}

thread_local! {
    /// Never dropped: when a session thread exits, its runtime is already gone, and dropping
    /// actor addresses from a thread-local destructor would wake tasks of a dead runtime.
    static LOCAL: RefCell<Option<ManuallyDrop<Local>>> = const { RefCell::new(None) };
}

/// Adds a session of this thread to its hub (starting the hub on first use); answers the hub
/// for the Broadcaster.
pub fn attach(id: SessionId, session: Mailbox, metrics: &Arc<Metrics>) -> HubHandle {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        let local = local.get_or_insert_with(|| {
            let backlog = Arc::new(AtomicUsize::new(0));
            let inbox = Arc::new(Inbox::default());
            let addr = Hub { backlog: Arc::clone(&backlog), inbox: Arc::clone(&inbox) }.start();
            let handle = HubHandle { id: NEXT.fetch_add(1, Ordering::Relaxed), addr, inbox, backlog };
            let metrics = Arc::clone(metrics);
            ManuallyDrop::new(Local {
                handle,
                metrics,
                sessions: HashMap::new(),
                run: Run::default(),
                corked: Vec::new(),
            })
        });
        local.sessions.insert(id, (session, false));
        local.handle.clone()
    })
}

/// Removes a session from its thread's hub.
pub fn detach(id: SessionId) {
    LOCAL.with(|local| {
        if let Some(local) = local.borrow_mut().as_mut() {
            local.sessions.remove(&id);
        }
    });
}

/// Closes a session as too slow, once.
fn too_slow(session: &Mailbox, kicked: &mut bool, count: &AtomicU64) {
    if !std::mem::replace(kicked, true) {
        count.fetch_add(1, Ordering::Relaxed);
        session.kick.do_send(Kick::TooSlow);
    }
}

impl Handler<Wake> for Hub {
    type Result = ();

    fn handle(&mut self, _: Wake, ctx: &mut Context<Self>) {
        // Cleared first: whatever is left after the take wakes the hub again.
        self.inbox.woken.store(false, Ordering::Release);
        let items = std::mem::take(&mut *self.inbox.items.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        LOCAL.with(|local| {
            let mut local = local.borrow_mut();
            let Some(local) = local.as_mut() else { return };
            for item in items {
                match item {
                    Item::Deliver(msg) => {
                        self.backlog.fetch_sub(msg.frames(), Ordering::Relaxed);
                        local.deliver(msg);
                    }
                    Item::Confirm(msg) => {
                        local.write();
                        local.confirm(msg);
                    }
                }
            }
            if local.write_now() {
                local.write();
            } else if !std::mem::replace(&mut local.run.due, true) {
                let wait = local.run.next.map_or(Duration::ZERO, |next| next.saturating_duration_since(Instant::now()));
                ctx.run_later(wait, |_, _| {
                    LOCAL.with(|local| {
                        if let Some(local) = local.borrow_mut().as_mut() {
                            local.run.due = false;
                            local.write();
                            local.uncork();
                        }
                    });
                });
            }
            local.uncork();
        });
    }
}

/// Positions in a row that go to the same sessions.
struct Group {
    events: Vec<Arc<LoggedEvent>>,
    sessions: Sessions,
    /// The Broadcaster's count of sessions closed for a full queue.
    kicked: Arc<AtomicU64>,
}

/// Positions taken from the inbox, not yet written: runs of them that go to the same sessions.
#[derive(Default)]
struct Run {
    groups: Vec<Group>,
    /// When positions may be written again (see [`ROUND_GAP`]).
    next: Option<Instant>,
    /// A write of the positions waiting is scheduled for `next`.
    due: bool,
    /// The thread's processor time when this turn began writing positions: the round lasts
    /// until its frames are out (`Local::uncork`).
    began: Option<Duration>,
}

/// After a round of positions that took `d` of the thread's processor time (its corked writes
/// included; not the clock's time, which runs on while the thread waits for a core), the hub
/// waits `ROUND_GAP × d` before writing positions again (business events go out at once, and
/// take the positions before them along). With a
/// few sessions `d` is microseconds and nothing waits; with thousands, each session gets one
/// frame per round rather than one per group committed, and deliveries take at most a quarter
/// of the thread, leaving the rest of the cores to the writes that feed them.
const ROUND_GAP: u32 = 3;

/// Positions are written at most this often: a session gets at most 20 frames of them a second.
const ROUND_FLOOR: Duration = Duration::from_millis(50);

impl Local {
    /// Hands an event to each of its sessions; a position waits in the run for the rest of
    /// what the hub took.
    fn deliver(&mut self, msg: HubDeliver) {
        let position = msg.event.latest.is_some();
        if position && msg.audience == Audience::Combining {
            match self.run.groups.last_mut() {
                Some(group) if Arc::ptr_eq(&group.sessions, &msg.sessions) => group.events.push(msg.event),
                _ => {
                    self.run.groups.push(Group { events: vec![msg.event], sessions: msg.sessions, kicked: msg.kicked })
                }
            }
            return;
        }
        if !(position && msg.audience == Audience::Each) {
            // Every position waiting goes out before it (to sessions it may go to as well).
            self.write();
        }
        let mut delivered = 0;
        for id in msg.sessions.iter() {
            let Some((session, kicked)) = self.sessions.get_mut(id) else { continue };
            let offered = session.outbox.borrow_mut().offer(&msg.event);
            if offered == Offered::Corked {
                self.corked.push(*id);
            }
            delivered += handed(offered, session, kicked, &msg.kicked, &self.metrics);
        }
        self.metrics.deliveries.increment(delivered);
    }

    /// Whether the positions waiting, if any, may be written now.
    fn write_now(&self) -> bool {
        self.run.groups.is_empty() || self.run.next.is_none_or(|next| Instant::now() >= next)
    }

    /// Writes the positions waiting: to a session that combines them, each run of several in
    /// one frame (or, past `combined::MAX_POSITIONS`, a few), encoded once for all of its
    /// sessions; to any other, one by one.
    fn write(&mut self) {
        if self.run.groups.is_empty() {
            return;
        }
        self.run.began.get_or_insert_with(threads::cpu_time);
        let mut delivered = 0;
        for Group { events, sessions, kicked: kicked_count } in std::mem::take(&mut self.run.groups) {
            let mut frames: Option<Option<Vec<Bytes>>> = None;
            // Positions of one kind, told once for the group (a session's grant is per kind).
            let one_kind = events.len() > 1 && events.iter().all(|event| event.entity == events[0].entity);
            for id in sessions.iter() {
                let Some((session, kicked)) = self.sessions.get_mut(id) else { continue };
                let mut outbox = session.outbox.borrow_mut();
                let offered = if one_kind && outbox.combines(&events[0]) {
                    match frames.get_or_insert_with(|| combined::frames(&events)) {
                        Some(frames) => outbox.offer_combined(&events, frames),
                        // Not readable as positions: one by one, as for any session.
                        None => outbox.offer_each(&events),
                    }
                } else {
                    outbox.offer_each(&events)
                };
                drop(outbox);
                if offered == Offered::Corked {
                    self.corked.push(*id);
                }
                delivered += handed(offered, session, kicked, &kicked_count, &self.metrics) * events.len() as u64;
            }
        }
        self.metrics.deliveries.increment(delivered);
    }

    /// Writes what this turn corked, each session's frames in one write; a session whose socket
    /// took less waits for it to drain.
    ///
    /// A round of positions ends here: the next may come `ROUND_GAP` times its processor time
    /// later, and no sooner than `ROUND_FLOOR`.
    fn uncork(&mut self) {
        for id in std::mem::take(&mut self.corked) {
            let Some((session, _)) = self.sessions.get(&id) else { continue };
            if session.outbox.borrow_mut().uncork() != Flushed::Done {
                session.flush.do_send(Flush);
            }
        }
        if let Some(began) = self.run.began.take() {
            let spent = threads::cpu_time().saturating_sub(began);
            self.run.next = Some(Instant::now() + (spent * ROUND_GAP).max(ROUND_FLOOR));
        }
    }

    fn confirm(&mut self, msg: HubConfirm) {
        let Some((session, kicked)) = self.sessions.get_mut(&msg.session) else { return };
        // Events handed over before the confirmation went out live; those after it wait in
        // the outbox until the session has queued the ack and the replay (`release`).
        session.outbox.borrow_mut().hold();
        if let Err(SendError::Full(_)) = session.confirm.try_send(msg.confirm) {
            too_slow(session, kicked, &msg.kicked);
        }
    }
}

/// Acts on what became of an event handed to `session`; answers 1 if it was delivered.
fn handed(offered: Offered, session: &Mailbox, kicked: &mut bool, count: &AtomicU64, metrics: &Metrics) -> u64 {
    match offered {
        Offered::Skipped => 0,
        Offered::Sent | Offered::Corked => 1,
        Offered::Queued { depth, wake } => {
            // Sampled only where the socket is behind (see telemetry.rs).
            if depth > 0 {
                metrics.send_queue_depth.record(depth as f64);
            }
            if wake {
                session.flush.do_send(Flush);
            }
            1
        }
        Offered::TooSlow => {
            too_slow(session, kicked, count);
            0
        }
    }
}
