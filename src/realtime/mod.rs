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
    let limit = state.config.ws_max_sessions;
    if state.open_sessions.fetch_add(1, Ordering::Relaxed) >= limit {
        state.open_sessions.fetch_sub(1, Ordering::Relaxed);
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
            state.broadcaster.clone(),
            state.pool.clone(),
            state.limits.clone(),
            state.open_sessions.clone(),
        )
    });
    Ok(response)
}
