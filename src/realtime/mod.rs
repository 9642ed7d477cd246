//! Real-time updates: the event log, the Broadcaster actor, one actor per WebSocket session,
//! and (on PostgreSQL) the listener that brings in events other instances committed.

pub mod broadcaster;
pub mod event_log;
pub mod hub;
pub mod listener;
pub mod mailbox;
pub mod operator;
pub mod outbox;
pub mod protocol;
pub mod session;
pub mod sweeper;
pub mod threads;
pub mod upgrade;
pub mod wire;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::error::ApiError;
use crate::AppState;
pub use session::SessionLimits;

#[derive(Debug, Deserialize)]
pub struct WsQuery {
    /// Comma-separated topics to subscribe to at once.
    topics: Option<String>,
    /// Replay events after this `seq` for those topics.
    since: Option<i64>,
}

/// `GET /ws`: checks the handshake, the caller and the session limits, and answers
/// 101 Switching Protocols with an [`upgrade::Accepted`] attached; the upgrade service then
/// hands the socket to a new session actor.
pub async fn connect(
    req: HttpRequest,
    query: crate::query::Query<WsQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, actix_web::Error> {
    let principal = crate::auth::middleware::caller(&req)?;
    let slot = SessionSlot::acquire(&state, principal.token_id)?;
    let mut handshake = actix_http::ws::handshake(req.head())
        .map_err(|error| ApiError::bad_request("not_a_websocket_handshake", error.to_string()))?;
    let query = query.into_inner();
    let initial = query.topics.map(|topics| {
        let topics = topics.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect();
        (topics, query.since)
    });
    let mut response = HttpResponse::from(handshake.finish()).map_into_boxed_body();
    let request_id = actix_web::HttpMessage::extensions(&req)
        .get::<crate::telemetry::RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default();
    response.extensions_mut().insert(upgrade::Accepted { initial, slot, principal, request_id });
    Ok(response)
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
    fn acquire(state: &AppState, token_id: i64) -> Result<SessionSlot, ApiError> {
        if !state.session_counts.acquire(token_id, state.config.ws_sessions_per_token) {
            return Err(ApiError::TooManyRequests { retry_after_secs: 5 });
        }
        // From here on, dropping the slot gives both places back.
        let slot = SessionSlot { open: state.open_sessions.clone(), counts: state.session_counts.clone(), token_id };
        let limit = state.config.ws_max_sessions;
        if state.open_sessions.fetch_add(1, Ordering::Relaxed) >= limit {
            return Err(ApiError::Conflict {
                code: "too_many_sessions",
                message: format!("the server holds its limit of {limit} WebSocket sessions"),
            });
        }
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
