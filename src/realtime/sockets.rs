//! The WebSocket sessions of one instance: what starting one needs (`Sockets`, shared with
//! `GET /ws` and the upgrade), and the limits on how many there are, in all and per token.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix::Addr;

use super::broadcaster::Broadcaster;
use super::threads::SessionThreads;
use crate::db::DbPool;
use crate::error::ApiError;
use crate::telemetry::Metrics;

/// What the real-time part of the server takes from the application: registered with actix on
/// its own, so `GET /ws` and the upgrade need nothing else.
pub struct Sockets {
    pub broadcaster: Addr<Broadcaster>,
    pub pool: DbPool,
    pub limits: Arc<SessionLimits>,
    pub metrics: Arc<Metrics>,
    /// Where WebSocket sessions run, apart from the HTTP workers.
    pub session_threads: SessionThreads,
    /// Sessions open or being opened, against `max_sessions`.
    pub open_sessions: Arc<AtomicUsize>,
    /// Sessions opened since the server started, for the trimmer (trim.rs).
    pub opened_sessions: Arc<AtomicU64>,
    pub session_counts: Arc<SessionCounts>,
    /// The most sessions one token may hold (0: no limit).
    pub sessions_per_token: usize,
    /// The most sessions this instance holds.
    pub max_sessions: usize,
}

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

/// One session's place under the limits on sessions in all and per token, given back when it
/// is dropped (the session ended, or its upgrade never happened).
#[derive(Debug)]
pub struct SessionSlot {
    open: Arc<AtomicUsize>,
    counts: Arc<SessionCounts>,
    token_id: i64,
}

impl SessionSlot {
    pub(super) fn acquire(sockets: &Sockets, token_id: i64) -> Result<SessionSlot, ApiError> {
        if !sockets.session_counts.acquire(token_id, sockets.sessions_per_token) {
            return Err(ApiError::TooManyRequests { retry_after_secs: 5 });
        }
        // From here on, dropping the slot gives both places back.
        let slot =
            SessionSlot { open: sockets.open_sessions.clone(), counts: sockets.session_counts.clone(), token_id };
        let limit = sockets.max_sessions;
        if sockets.open_sessions.fetch_add(1, Ordering::Relaxed) >= limit {
            return Err(ApiError::Conflict {
                code: "too_many_sessions",
                message: format!("the server holds its limit of {limit} WebSocket sessions"),
            });
        }
        sockets.opened_sessions.fetch_add(1, Ordering::Relaxed);
        Ok(slot)
    }
}

impl Drop for SessionSlot {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::Relaxed);
        self.counts.release(self.token_id);
    }
}

/// Live WebSocket sessions per token, for the per-token limit.
#[derive(Debug, Default)]
pub struct SessionCounts(std::sync::Mutex<std::collections::HashMap<i64, usize>>);

impl SessionCounts {
    /// Takes a slot for `token` unless it holds `limit` already (0: no limit).
    pub fn acquire(&self, token: i64, limit: usize) -> bool {
        let mut counts = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = counts.entry(token).or_default();
        if limit != 0 && *count >= limit {
            return false;
        }
        *count += 1;
        true
    }

    pub fn release(&self, token: i64) {
        let mut counts = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = counts.get_mut(&token) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&token);
            }
        }
    }
}
