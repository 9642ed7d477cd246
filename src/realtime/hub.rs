//! One hub per worker thread: the Broadcaster hands it an event once with the ids of the
//! sessions on that thread that should get it, and the hub writes it to each of their sockets
//! there, through the sending side it shares with each session actor. The actor only hears of
//! it when the socket is full (to wait for it) or the session is too slow (to close it).
//!
//! The writes go out in slices of [`SLICE`] sessions, yielding to the worker's other tasks in
//! between: one event to thousands of sessions must not hold up the requests that thread
//! serves for the tens of milliseconds its writes take.
//!
//! Without it the Broadcaster's one thread made one cross-thread send per delivery (a boxed
//! envelope, a queue node freed on another thread, a wake-up): at 90,000 deliveries a second
//! that thread alone was saturated. Now it makes one send per worker per event, and the
//! per-session work runs on the workers, in parallel.

use std::cell::RefCell;
use std::collections::HashMap;
use std::mem::ManuallyDrop;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix::prelude::*;

use super::broadcaster::SessionId;
use super::event_log::LoggedEvent;
use super::session::{Delivered, Flush, Kick, Output, WsSession};

/// Identifies a worker's hub to the Broadcaster.
pub type HubId = usize;

/// An event for some of this hub's sessions.
#[derive(Message)]
#[rtype(result = "()")]
pub struct HubDeliver {
    pub event: Arc<LoggedEvent>,
    pub sessions: Vec<SessionId>,
}

pub struct Hub;

impl Actor for Hub {
    type Context = Context<Self>;
}

/// A session of this thread: its actor, its sending side, and whether it has already been told
/// it is too slow.
type Member = (Addr<WsSession>, Rc<RefCell<Output>>, bool);

/// Deliveries written before the hub yields to the worker's other tasks.
const SLICE: usize = 64;

struct Local {
    id: HubId,
    addr: Addr<Hub>,
    /// Events still to write, oldest first, with how many of their sessions are done.
    work: std::collections::VecDeque<(HubDeliver, usize)>,
    /// A task is writing `work` out.
    draining: bool,
    sessions: HashMap<SessionId, Member>,
}

thread_local! {
    /// Never dropped: when a worker thread exits, its runtime is already gone, and dropping
    /// actor addresses from a thread-local destructor would wake tasks of a dead runtime.
    static LOCAL: RefCell<Option<ManuallyDrop<Local>>> = const { RefCell::new(None) };
}

/// Adds a session of this thread to its hub (starting the hub on first use); answers the hub
/// for the Broadcaster.
pub fn attach(id: SessionId, session: Addr<WsSession>, output: Rc<RefCell<Output>>) -> (HubId, Addr<Hub>) {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        let local = local.get_or_insert_with(|| {
            ManuallyDrop::new(Local {
                id: NEXT.fetch_add(1, Ordering::Relaxed),
                addr: Hub.start(),
                work: std::collections::VecDeque::new(),
                draining: false,
                sessions: HashMap::new(),
            })
        });
        local.sessions.insert(id, (session, output, false));
        (local.id, local.addr.clone())
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

/// Sessions told to close because their queue was full, since start.
pub static KICKED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Handler<HubDeliver> for Hub {
    type Result = ();

    fn handle(&mut self, msg: HubDeliver, _: &mut Context<Self>) {
        let start = LOCAL.with(|local| {
            let mut local = local.borrow_mut();
            let Some(local) = local.as_mut() else { return false };
            local.work.push_back((msg, 0));
            !std::mem::replace(&mut local.draining, true)
        });
        if start {
            actix::spawn(drain());
        }
    }
}

/// Writes the queued events out, a slice at a time.
async fn drain() {
    while write_slice() {
        // Back of the worker's run queue, at once. (`tokio::task::yield_now` would wait for the
        // next poll of the I/O driver, which on a busy worker left events queued here.)
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if std::mem::replace(&mut yielded, true) {
                std::task::Poll::Ready(())
            } else {
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        })
        .await;
    }
}

/// Writes up to [`SLICE`] deliveries; `false` once there is nothing left.
fn write_slice() -> bool {
    LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        let Some(local) = local.as_mut() else { return false };
        let Local { work: queue, sessions, draining, .. } = &mut **local;
        let mut budget = SLICE;
        while budget > 0 {
            let Some((work, done)) = queue.front_mut() else {
                *draining = false;
                return false;
            };
            let end = (*done + budget).min(work.sessions.len());
            for id in &work.sessions[*done..end] {
                let Some((session, output, kicked)) = sessions.get_mut(id) else { continue };
                let delivered = output.borrow_mut().deliver(&work.event);
                match delivered {
                    Delivered::Done => {}
                    Delivered::NeedsFlush => session.do_send(Flush),
                    Delivered::TooSlow => {
                        if !std::mem::replace(kicked, true) {
                            KICKED.fetch_add(1, Ordering::Relaxed);
                            session.do_send(Kick::TooSlow);
                        }
                    }
                }
            }
            budget -= end - *done;
            *done = end;
            if *done == work.sessions.len() {
                queue.pop_front();
            }
        }
        true
    })
}
