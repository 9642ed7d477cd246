//! `GET /metrics`: this instance's metrics in the Prometheus text format. Counters are kept where
//! things happen (`crate::telemetry`); the state gauges (sessions, subscriptions, lag, the pool,
//! the process) are read here, at each scrape.

use std::sync::atomic::Ordering;

use actix_web::{web, HttpResponse};

use super::body::BodyBudget;
use crate::realtime::broadcaster::GetStats;
use crate::realtime::event_log;
use crate::AppState;

/// What Prometheus asks for and gets.
const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

pub async fn scrape(state: web::Data<AppState>, bodies: web::Data<BodyBudget>) -> HttpResponse {
    let metrics = &state.metrics;
    let set = |name: &'static str, value: f64| metrics.gauge(name, &[]).set(value);

    let delivered = match state.broadcaster.send(GetStats).await {
        Ok(stats) => {
            set("switchboard_ws_sessions", stats.sessions as f64);
            let kinds = [
                ("all", stats.subscriptions.all),
                ("collection", stats.subscriptions.collection),
                ("record", stats.subscriptions.record),
                ("filtered", stats.subscriptions.filtered),
            ];
            for (kind, held) in kinds {
                metrics.gauge("switchboard_ws_subscriptions", &[("kind", kind)]).set(held as f64);
            }
            set("switchboard_delivered_seq", stats.delivered_seq as f64);
            set("switchboard_writes_queued", state.group_commit.as_ref().map_or(0, |group| group.queued()) as f64);
            set("switchboard_ws_thread_backlog_frames", stats.backlog_frames as f64);
            Some(stats.delivered_seq)
        }
        Err(_) => None,
    };
    set("switchboard_ws_connections", state.sockets.open_sessions.load(Ordering::Relaxed) as f64);
    set("switchboard_http_requests_in_flight", state.drain.in_flight() as f64);
    set("switchboard_http_bodies_in_flight_bytes", bodies.in_flight() as f64);

    let pool = state.pool.stats();
    set("switchboard_db_pool_max_connections", f64::from(pool.max_size));
    set("switchboard_db_pool_connections", f64::from(pool.connections));
    set("switchboard_db_pool_in_use", f64::from(pool.connections.saturating_sub(pool.idle)));
    metrics.total("switchboard_db_pool_waits_total", pool.waits);
    metrics.total("switchboard_db_pool_timeouts_total", pool.timeouts);
    set("switchboard_db_pool_wait_seconds_total", pool.wait_seconds);

    match log_state(&state).await {
        Some((head, rows, notify_queue)) => {
            set("switchboard_db_up", 1.0);
            if let Some(usage) = notify_queue {
                set("switchboard_notify_queue_usage", usage);
            }
            set("switchboard_event_log_head_seq", head as f64);
            set("switchboard_event_log_rows", rows as f64);
            if let Some(delivered) = delivered {
                set("switchboard_delivery_lag_events", (head - delivered).max(0) as f64);
            }
            if let Some(listener) = &state.listener_seq {
                set("switchboard_listener_lag_events", (head - listener.load(Ordering::Relaxed)).max(0) as f64);
            }
        }
        None => set("switchboard_db_up", 0.0),
    }

    if let Some(rss) = crate::telemetry::resident_memory_bytes() {
        set("process_resident_memory_bytes", rss as f64);
    }
    if let Some(fds) = crate::telemetry::open_fds() {
        set("process_open_fds", fds as f64);
    }
    set("switchboard_uptime_seconds", metrics.uptime_seconds());
    metrics.gauge("switchboard_build_info", &[("version", env!("CARGO_PKG_VERSION"))]).set(1.0);

    HttpResponse::Ok().content_type(CONTENT_TYPE).body(metrics.render())
}

/// The event log's head, its number of rows (`event_log::CountedRows`) and (PostgreSQL) how full the
/// NOTIFY queue is, within the database connect timeout; `None` when the database does not answer
/// in time.
async fn log_state(state: &web::Data<AppState>) -> Option<(i64, i64, Option<f64>)> {
    let state = web::Data::clone(state);
    let bound = state.pool.connect_timeout();
    let read = web::block(move || {
        let mut conn = state.pool.probe().ok()?;
        let notify_queue = event_log::notify_queue_usage(&mut conn).ok()?;
        let head = event_log::head(&mut conn).ok()?;
        Some((head, state.log_rows.get(|| event_log::rows(&mut conn)).ok()?, notify_queue))
    });
    actix_web::rt::time::timeout(bound, read).await.ok()?.ok()?
}
