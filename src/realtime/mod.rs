//! Real-time updates: the event log, the Broadcaster actor, one actor per session (a WebSocket
//! at /ws, or an event stream at /sse), and (on PostgreSQL) the listener that brings in events
//! other instances committed.

pub mod broadcaster;
pub mod combined;
pub mod event_log;
pub mod event_stream;
pub mod filter;
pub mod hub;
pub mod listener;
pub mod mailbox;
pub mod operator;
pub mod outbox;
pub mod presence;
pub mod protocol;
pub mod session;
pub mod sockets;
pub mod sse;
pub mod sweeper;
pub mod threads;
pub mod transport;
pub mod trim;
pub mod upgrade;
pub mod wire;

pub use sockets::{SessionCounts, SessionLimits, Sockets};
pub use upgrade::connect;
