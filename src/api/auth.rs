//! Log-in, log-out, who am I, WebSocket tickets, and (for admins) managing tokens.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::JsonBody;
use super::shared::{author, parse_id};
use crate::auth::middleware::{caller, retry_after};
use crate::auth::{create_token, find_token, issue_ticket, list_tokens, login, logout, revoke_token, NewToken};
use crate::auth::{SESSION_COOKIE, TICKET_SECS};
use crate::domain::event::Revision;
use crate::domain::permissions::Need;
use crate::entities::audit;
use crate::error::ApiError;
use crate::realtime::broadcaster::CloseFor;
use crate::routes::{Endpoints, Routes};
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.add(Endpoints::at("/login").post(Need::Public, log_in));
    routes.add(Endpoints::at("/logout").post(Need::Authenticated, log_out));
    routes.add(Endpoints::at("/me").get(Need::Authenticated, me));
    routes.add(Endpoints::at("/ws-ticket").post(Need::Authenticated, ws_ticket));
    routes.add(Endpoints::at("/tokens").get(Need::Admin, tokens).post(Need::Admin, new_token));
    routes.add(Endpoints::at("/tokens/{id}").get(Need::Admin, token).delete(Need::Admin, revoke));
}

/// The body of `POST /api/login`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginForm {
    /// An API token's secret (`sb_…`); a longer one is refused like a wrong one (401).
    #[schema(max_length = 128)]
    pub token: String,
}

/// `POST /api/login` `{"token":…}`: 204 and the session cookie, or 401.
async fn log_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<LoginForm>,
) -> Result<HttpResponse, ApiError> {
    // Failed attempts count against the address; after too many, even a good token waits.
    let address = crate::auth::rate_limit::client_key(&req);
    if let Some(wait) = state.auth.logins.blocked(&address) {
        return Err(ApiError::TooManyRequests { retry_after_secs: retry_after(wait) });
    }
    let refused = |state: &AppState| match state.auth.logins.check(&address) {
        Ok(()) => ApiError::Unauthorized("that token is not valid, or was revoked or expired".into()),
        Err(wait) => ApiError::TooManyRequests { retry_after_secs: retry_after(wait) },
    };
    let token = body.0.token;
    if token.len() > 128 {
        return Err(refused(&state));
    }
    let lifetime = state.auth.session_lifetime;
    let session =
        state.with_conn(move |conn| crate::db::write_transaction(conn, |conn| login(conn, &token, lifetime))).await?;
    let Some(session) = session else { return Err(refused(&state)) };
    let cookie = Cookie::build(SESSION_COOKIE, session)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(req.connection_info().scheme() == "https")
        .max_age(actix_web::cookie::time::Duration::seconds(lifetime.num_seconds()))
        .finish();
    Ok(HttpResponse::NoContent().cookie(cookie).finish())
}

/// `POST /api/logout`: ends the browser session (its WebSockets close) and clears the cookie.
async fn log_out(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let principal = caller(&req)?;
    if let Some(session) = principal.session_id {
        state.with_conn(move |conn| Ok(logout(conn, session)?)).await?;
        state.broadcaster.do_send(CloseFor { tokens: Vec::new(), sessions: vec![session], reason: "logged out" });
    }
    let mut gone = Cookie::build(SESSION_COOKIE, "").path("/").http_only(true).same_site(SameSite::Strict).finish();
    gone.make_removal();
    Ok(HttpResponse::NoContent().cookie(gone).finish())
}

/// `GET /api/me`.
async fn me(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(caller(&req)?))
}

/// A one-time ticket for `/ws?ticket=…`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ticket {
    pub ticket: String,
    pub expires_in_secs: i64,
}

/// `POST /api/ws-ticket`: for WebSocket clients that can send neither headers nor cookies.
async fn ws_ticket(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let principal = caller(&req)?;
    let ticket = state.with_conn(move |conn| Ok(issue_ticket(conn, &principal)?)).await?;
    Ok(HttpResponse::Ok().json(Ticket { ticket, expires_in_secs: TICKET_SECS }))
}

async fn tokens(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let tokens = state.with_conn(list_tokens).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": tokens })))
}

async fn token(state: web::Data<AppState>, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let token = state.with_conn(move |conn| crate::auth::find_token(conn, id)).await?;
    Ok(HttpResponse::Ok().json(token))
}

/// `POST /api/tokens`: 201 with the token's secret, shown this once.
async fn new_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<NewToken>,
) -> Result<HttpResponse, ApiError> {
    let by = author(&req)?;
    let created = state
        .with_conn(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let created = create_token(conn, body.0)?;
                let revision = Revision {
                    id: created.record.id,
                    before: None,
                    after: Some(serde_json::to_value(&created.record)?),
                };
                audit::append_token(conn, "token_created", &by, &revision)?;
                Ok(created)
            })
        })
        .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/tokens/{}", created.record.id))).json(created))
}

/// `DELETE /api/tokens/{id}`: revokes it; its live WebSockets close.
async fn revoke(state: web::Data<AppState>, req: HttpRequest, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let by = author(&req)?;
    state
        .with_conn(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let was = find_token(conn, id)?;
                let revoked = revoke_token(conn, id)?;
                if was.revoked_at.is_none() {
                    let revision = Revision {
                        id,
                        before: Some(serde_json::to_value(&was)?),
                        after: Some(serde_json::to_value(&revoked)?),
                    };
                    audit::append_token(conn, "token_revoked", &by, &revision)?;
                }
                Ok(())
            })
        })
        .await?;
    state.auth.tokens.clear();
    state.broadcaster.do_send(CloseFor { tokens: vec![id], sessions: Vec::new(), reason: "token revoked" });
    Ok(HttpResponse::NoContent().finish())
}
