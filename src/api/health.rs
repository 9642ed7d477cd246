//! `GET /healthz` (liveness) and `GET /readyz` (readiness): whether the process serves, and
//! whether the database answers it in time.

use actix_web::{web, HttpResponse};

use crate::domain::permissions::Need;
use crate::error::{ApiError, DbUnavailable};
use crate::realtime::event_log;
use crate::routes::{Endpoints, Routes};
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.add(Endpoints::at("/healthz").get(Need::Public, healthz));
    routes.add(Endpoints::at("/readyz").get(Need::Public, readyz));
}

/// `GET /healthz`, liveness: 200 while the process serves, at once even when the database is
/// down. It names the event log's head when the database answers (`{"status":"ok","seq":N}`),
/// and says so when it does not (`"database":"unavailable"`, or `"busy"` under load).
async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    match database_state(&state).await {
        Ok(seq) => HttpResponse::Ok().json(serde_json::json!({ "status": "ok", "seq": seq })),
        Err(cause) => {
            let database = if cause == DbUnavailable::Busy { "busy" } else { "unavailable" };
            HttpResponse::Ok().json(serde_json::json!({ "status": "ok", "database": database }))
        }
    }
}

/// `GET /readyz`, readiness: 200 when a connection can be had and the database answers on it,
/// 503 `unavailable` within the database connect timeout otherwise, saying whether the database
/// could not be reached or every connection was in use (the pool cannot serve either way).
async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let seq = database_state(&state).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ready", "seq": seq })))
}

/// The event log's head, read within the database connect timeout (a connection that hangs
/// mid-query included); otherwise why not: `Busy` when every connection is in use on a
/// reachable database, `Unreachable` when it is not.
async fn database_state(state: &AppState) -> Result<i64, DbUnavailable> {
    let pool = state.pool.clone();
    let bound = pool.connect_timeout();
    let probe = pool.clone();
    let head = web::block(move || {
        let mut conn = probe.probe()?;
        event_log::head(&mut conn).map_err(|error| DbUnavailable::of(&error).unwrap_or(DbUnavailable::Unreachable))
    });
    match actix_web::rt::time::timeout(bound, head).await {
        Ok(Ok(read)) => read,
        _ if pool.busy() => Err(DbUnavailable::Busy),
        _ => Err(DbUnavailable::Unreachable),
    }
}
