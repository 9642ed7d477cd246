//! What the Broadcaster and the hubs send a session, and the handle they send it through. They
//! hold a session's `Recipient`s and its outbox, never its actor type: the session knows them,
//! they do not know the session, so the files form no cycle.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use actix::dev::ToEnvelope;
use actix::prelude::*;

use super::outbox::{Flush, Outbox};
use super::transport::SharedFrame;

/// A session's number with the Broadcaster and its hub.
pub type SessionId = u64;

/// Confirms the session's pending subscribe: its topics are delivered live after `live_from`.
/// It comes the way events do, behind every event handed to the session before it.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Subscribed {
    pub live_from: i64,
    /// `presence` snapshots of its record topics with people on them, to follow the ack.
    pub presence: Vec<Arc<SharedFrame>>,
}

/// A frame outside the event stream (the operator report, presence), written as it is in the
/// session's transport; it carries no `seq` and is not replayed.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Notice(pub Arc<SharedFrame>);

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

/// Where a session's hub hands it events (its outbox, on the same thread) and messages (the
/// Broadcaster holds only its `Kick` and `Notice` recipients).
pub struct Mailbox {
    pub outbox: Rc<RefCell<Outbox>>,
    pub flush: Recipient<Flush>,
    pub confirm: Recipient<Subscribed>,
    pub kick: Recipient<Kick>,
}

impl Mailbox {
    pub fn of<A>(session: &Addr<A>, outbox: Rc<RefCell<Outbox>>) -> Self
    where
        A: Actor + Handler<Flush> + Handler<Subscribed> + Handler<Kick>,
        A::Context: ToEnvelope<A, Flush> + ToEnvelope<A, Subscribed> + ToEnvelope<A, Kick>,
    {
        Mailbox {
            outbox,
            flush: session.clone().recipient(),
            confirm: session.clone().recipient(),
            kick: session.clone().recipient(),
        }
    }
}
