//! One hub per session thread (`threads.rs`): the Broadcaster hands it an event once with the
//! ids of the sessions on that thread that should get it, and the hub writes it to each of
//! their sockets there, through each session's outbox (outbox.rs).
//!
//! Without it the Broadcaster's one thread made one cross-thread send per delivery (a boxed
//! envelope, a queue node freed on another thread, a wake-up): at 90,000 deliveries a second
//! that thread alone was saturated. Now it makes one send per session thread per event, and the
//! per-session work runs on those threads, in parallel.

use std::cell::RefCell;
use std::collections::HashMap;
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use actix::prelude::*;

use super::event_log::LoggedEvent;
use super::mailbox::{Kick, Mailbox, SessionId, Subscribed};
use super::outbox::{Flush, Offered};
use crate::telemetry::Metrics;

/// Identifies a session thread's hub to the Broadcaster.
pub type HubId = usize;

/// An event for some of this hub's sessions.
#[derive(Message)]
#[rtype(result = "()")]
pub struct HubDeliver {
    pub event: Arc<LoggedEvent>,
    pub sessions: Vec<SessionId>,
    /// The Broadcaster's count of sessions closed for a full queue.
    pub kicked: Arc<AtomicU64>,
}

/// A subscribe's confirmation for one of this hub's sessions, queued behind the events before it.
#[derive(Message)]
#[rtype(result = "()")]
pub struct HubConfirm {
    pub session: SessionId,
    pub confirm: Subscribed,
    /// The Broadcaster's count of sessions closed for a full queue.
    pub kicked: Arc<AtomicU64>,
}

/// A hub as the Broadcaster holds it.
#[derive(Clone)]
pub struct HubHandle {
    pub id: HubId,
    pub addr: Addr<Hub>,
    /// Frames (one per session of each `HubDeliver`) sent to the hub and not yet handed over:
    /// the Broadcaster refuses to let it pass its bound.
    pub backlog: Arc<AtomicUsize>,
}

pub struct Hub {
    backlog: Arc<AtomicUsize>,
}

impl Actor for Hub {
    type Context = Context<Self>;
}

struct Local {
    handle: HubHandle,
    metrics: Arc<Metrics>,
    /// This thread's sessions, and whether each has already been told it is too slow.
    sessions: HashMap<SessionId, (Mailbox, bool)>,
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
            let addr = Hub { backlog: Arc::clone(&backlog) }.start();
            let handle = HubHandle { id: NEXT.fetch_add(1, Ordering::Relaxed), addr, backlog };
            ManuallyDrop::new(Local { handle, metrics: Arc::clone(metrics), sessions: HashMap::new() })
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

impl Handler<HubDeliver> for Hub {
    type Result = ();

    fn handle(&mut self, msg: HubDeliver, _: &mut Context<Self>) {
        self.backlog.fetch_sub(msg.sessions.len(), Ordering::Relaxed);
        LOCAL.with(|local| {
            let mut local = local.borrow_mut();
            let Some(local) = local.as_mut() else { return };
            let Local { sessions, metrics, .. } = &mut **local;
            let mut delivered = 0;
            for id in msg.sessions {
                let Some((session, kicked)) = sessions.get_mut(&id) else { continue };
                let offered = session.outbox.borrow_mut().offer(&msg.event);
                match offered {
                    Offered::Skipped => {}
                    Offered::Sent => delivered += 1,
                    Offered::Queued { depth, wake } => {
                        delivered += 1;
                        // Sampled only where the socket is behind (see telemetry.rs).
                        if depth > 0 {
                            metrics.send_queue_depth.record(depth as f64);
                        }
                        if wake {
                            session.flush.do_send(Flush);
                        }
                    }
                    Offered::TooSlow => too_slow(session, kicked, &msg.kicked),
                }
            }
            metrics.deliveries.increment(delivered);
        });
    }
}

impl Handler<HubConfirm> for Hub {
    type Result = ();

    fn handle(&mut self, msg: HubConfirm, _: &mut Context<Self>) {
        LOCAL.with(|local| {
            let mut local = local.borrow_mut();
            let Some((session, kicked)) = local.as_mut().and_then(|local| local.sessions.get_mut(&msg.session)) else {
                return;
            };
            // Events handed over before the confirmation went out live; those after it wait in
            // the outbox until the session has queued the ack and the replay (`release`).
            session.outbox.borrow_mut().hold();
            if let Err(SendError::Full(_)) = session.confirm.try_send(msg.confirm) {
                too_slow(session, kicked, &msg.kicked);
            }
        });
    }
}
