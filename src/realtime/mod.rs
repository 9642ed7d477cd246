//! Real-time updates: the event log, the Broadcaster actor, one actor per WebSocket session,
//! and (on PostgreSQL) the listener that brings in events other instances committed.

pub mod broadcaster;
pub mod event_log;
pub mod events;
pub mod listener;
pub mod protocol;
pub mod session;

use std::sync::atomic::Ordering;

use actix::{Actor, AsyncContext};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::error::ApiError;
use crate::AppState;
pub use session::SessionLimits;

/// Frames above this are refused by the codec itself and close the session with 1009; frames
/// between `max_text` and this get an error frame and the session goes on.
const HARD_FRAME_LIMIT_FACTOR: usize = 16;

#[derive(Debug, Deserialize)]
pub struct WsQuery {
    /// Comma-separated topics to subscribe to at once.
    topics: Option<String>,
    /// Replay events after this `seq` for those topics.
    since: Option<i64>,
}

/// `GET /ws`: upgrades to a WebSocket session.
pub async fn connect(
    req: HttpRequest,
    body: web::Payload,
    query: web::Query<WsQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, actix_web::Error> {
    let principal = crate::auth::routes::caller(&req)?;
    let per_token = state.config.ws_sessions_per_token;
    if !state.session_counts.acquire(principal.token_id, per_token) {
        return Err(ApiError::TooManyRequests { retry_after_secs: 5 }.into());
    }
    // From here on, a failure gives the token's slot back.
    let token_id = principal.token_id;
    let release = |state: &AppState| state.session_counts.release(token_id);
    let limit = state.config.ws_max_sessions;
    if state.open_sessions.fetch_add(1, Ordering::Relaxed) >= limit {
        state.open_sessions.fetch_sub(1, Ordering::Relaxed);
        release(&state);
        return Err(ApiError::Conflict {
            code: "too_many_sessions",
            message: format!("the server holds its limit of {limit} WebSocket sessions"),
        }
        .into());
    }
    let upgraded = actix_ws::handle(&req, body);
    let (response, socket, stream) = match upgraded {
        Ok(parts) => parts,
        Err(error) => {
            state.open_sessions.fetch_sub(1, Ordering::Relaxed);
            release(&state);
            return Err(error);
        }
    };
    let query = query.into_inner();
    let initial = query.topics.map(|topics| {
        let topics = topics.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect();
        (topics, query.since)
    });
    let stream = stream.max_frame_size(state.limits.max_text * HARD_FRAME_LIMIT_FACTOR);
    session::WsSession::create(|ctx| {
        ctx.add_stream(stream);
        session::WsSession::new(
            socket,
            initial,
            session::SessionParts {
                broadcaster: state.broadcaster.clone(),
                pool: state.pool.clone(),
                limits: state.limits.clone(),
                open_sessions: state.open_sessions.clone(),
                session_counts: state.session_counts.clone(),
                principal,
            },
        )
    });
    Ok(response)
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
