//! System routes: the catalogue, and the real-time layer's counters.

use std::sync::atomic::Ordering;

use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::permissions::Need;
use crate::error::ApiError;
use crate::realtime::broadcaster::GetStats;
use crate::routes::{Endpoints, Routes};
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.add(Endpoints::at("/realtime/stats").get(Need::Admin, realtime_stats));
    routes.add(Endpoints::at("/catalog").get(Need::Authenticated, catalog));
}

/// What the real-time layer holds right now.
#[derive(Debug, Serialize, ToSchema)]
pub struct RealtimeStats {
    /// WebSocket sessions registered with the Broadcaster.
    pub sessions: usize,
    /// WebSocket connections open (registered or still handshaking).
    pub open_connections: usize,
    /// Distinct topics some session holds.
    pub indexed_topics: usize,
    /// The `seq` of the last event the Broadcaster delivered.
    pub delivered_seq: i64,
    /// Sessions closed since start because they fell behind.
    pub kicked_slow_sessions: u64,
    /// Sessions on each session thread (`--ws-threads`).
    pub session_threads: Vec<usize>,
    /// Frames waiting for the session threads to hand them to their sessions.
    pub backlog_frames: usize,
}

/// `GET /api/catalog`: the collections, actions, views, roles' grants and query keys.
pub async fn catalog() -> HttpResponse {
    static CATALOG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let body = CATALOG.get_or_init(|| {
        serde_json::to_string(&crate::entities::declarations::catalog()).expect("the catalogue serializes")
    });
    HttpResponse::Ok().content_type("application/json").body(body.as_str())
}

pub async fn realtime_stats(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let stats = state.broadcaster.send(GetStats).await.map_err(|_| ApiError::Unavailable)?;
    Ok(HttpResponse::Ok().json(RealtimeStats {
        sessions: stats.sessions,
        open_connections: state.sockets.open_sessions.load(Ordering::Relaxed),
        indexed_topics: stats.indexed_topics,
        delivered_seq: stats.delivered_seq,
        kicked_slow_sessions: stats.kicked_slow_sessions,
        session_threads: state.sockets.session_threads.loads(),
        backlog_frames: stats.backlog_frames,
    }))
}
