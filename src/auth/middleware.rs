//! The gate in front of every route (see `crate::routes`, which puts it there with the route's
//! declared `Need`): who is calling (bearer token, session cookie, or on /ws a one-time
//! ticket), whether a cookie came from an allowed origin, the caller's request rate, and
//! whether the permission table lets them do what they ask. Handlers find the `Principal` and
//! the `Grant` it was given in the request's extensions.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest, ResponseError};

use super::rate_limit::{client_key, RateLimiter};
use super::token_cache::TokenCache;
use super::{by_session, by_token, hash, redeem_ticket, Grant, Principal, SESSION_COOKIE};
use crate::db::DbPool;
use crate::domain::permissions::{Need, Op, Role};
use crate::domain::Entity;
use crate::error::ApiError;

/// The authentication settings and limits every instance holds.
pub struct AuthState {
    /// Origins (`https://office.example.com`) allowed besides the server's own.
    pub allowed_origins: Vec<String>,
    pub requests: RateLimiter<i64>,
    /// Failed log-ins by client address (`rate_limit::client_key`).
    pub logins: RateLimiter<IpAddr>,
    /// Failed credential look-ups (bearer token, session cookie, ticket) by client address: past
    /// the limit the address is answered 429 without a look-up, except for credentials the
    /// database accepted lately (`TokenCache::vouched`).
    pub failed_lookups: RateLimiter<IpAddr>,
    pub session_lifetime: chrono::Duration,
    /// Addresses that may read /metrics without credentials.
    pub metrics_allowed: Vec<crate::config::AddressRange>,
    /// Bearer tokens looked up in the last second (REST requests only).
    pub tokens: TokenCache,
    /// Where credentials are looked up.
    pub pool: DbPool,
}

/// The access check on a matched route that needs `need`: who is calling, whether a cookie came
/// from an allowed origin, the caller's request rate, and whether the permission table lets
/// them. On success the handler finds the `Principal` and its `Grant` in the request's
/// extensions; otherwise the handler never runs.
pub async fn admit(
    need: Need,
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    match check(need, &req).await {
        Ok(Some((principal, grant))) => {
            req.extensions_mut().insert(principal);
            req.extensions_mut().insert(grant);
            next.call(req).await
        }
        Ok(None) => next.call(req).await,
        Err(error) => {
            let response = error.error_response();
            Ok(req.into_response(response))
        }
    }
}

/// `None` for a public route; the caller and what they may do otherwise.
async fn check(need: Need, req: &ServiceRequest) -> Result<Option<(Principal, Grant)>, ApiError> {
    if need == Need::Public {
        return Ok(None);
    }
    let auth = req.app_data::<web::Data<AuthState>>().expect("the AuthState is registered").clone();
    if need == Need::Metrics && !presents_credentials(req.request()) {
        // The connection's own peer address, never a header a client could write.
        let peer = req.peer_addr().map(|addr| addr.ip());
        if peer.is_some_and(|peer| auth.metrics_allowed.iter().any(|range| range.contains(peer))) {
            return Ok(None);
        }
    }
    let principal = identify(req.request(), &auth, need == Need::Socket).await?;
    let principal = principal
        .ok_or_else(|| ApiError::Unauthorized("log in, or send a token as `Authorization: Bearer …`".to_owned()))?;
    if principal.kind == "session"
        && needs_origin_check(need, req.method())
        && !origin_allowed(req.request(), &auth.allowed_origins)
    {
        return Err(ApiError::Forbidden("requests with the session cookie must come from an allowed origin".into()));
    }
    if let Err(wait) = auth.requests.check(&principal.token_id) {
        return Err(ApiError::TooManyRequests { retry_after_secs: retry_after(wait) });
    }
    let grant = match need {
        Need::Public | Need::Authenticated | Need::Socket => Grant::All,
        Need::Admin | Need::Metrics if principal.role == Role::Admin => Grant::All,
        Need::Admin => return Err(forbidden(&principal, "manage tokens and system settings")),
        Need::Metrics => return Err(forbidden(&principal, "read the metrics")),
        Need::Collection(entity, op) => match principal.grant(entity, op) {
            Grant::None => return Err(forbidden(&principal, &describe(entity, op))),
            grant => grant,
        },
        Need::View(entity) => match principal.grant(entity, Op::Read) {
            Grant::All => Grant::All,
            _ => return Err(forbidden(&principal, &format!("see views of all {}", entity.collection()))),
        },
    };
    Ok(Some((principal, grant)))
}

fn forbidden(principal: &Principal, what: &str) -> ApiError {
    ApiError::Forbidden(format!("the {} role may not {what}", principal.role))
}

fn describe(entity: Entity, op: Op) -> String {
    let collection = entity.collection();
    match op {
        Op::Read => format!("read {collection}"),
        Op::Create => format!("create {collection}"),
        Op::Update => format!("change {collection}"),
        Op::Delete => format!("delete {collection}"),
        Op::Action(action) => format!("{action} {collection}"),
    }
}

/// Reads the caller's credentials: `Authorization: Bearer`, else the session cookie, else (where
/// `ticket` allows it: the /ws route) a `ticket` query parameter. `None` when there are none or they are not valid.
pub async fn identify(req: &HttpRequest, auth: &AuthState, ticket: bool) -> Result<Option<Principal>, ApiError> {
    enum Credential {
        Token(String),
        Session(String),
        Ticket(String),
    }
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")))
        .map(|token| token.trim().to_owned());
    let credential = if let Some(token) = bearer {
        Credential::Token(token)
    } else if let Some(cookie) = req.cookie(SESSION_COOKIE) {
        Credential::Session(cookie.value().to_owned())
    } else if let Some(ticket) = ticket.then(|| ticket_of(req.query_string())).flatten() {
        Credential::Ticket(ticket)
    } else {
        return Ok(None);
    };
    // Secrets are 64 hex digits after a short prefix: anything far longer is not one.
    let secret_len = match &credential {
        Credential::Token(s) | Credential::Session(s) | Credential::Ticket(s) => s.len(),
    };
    if secret_len > 128 {
        return Ok(None);
    }
    // Tickets are used once: only tokens and sessions are vouched for.
    let secret_hash = match &credential {
        Credential::Token(secret) | Credential::Session(secret) => Some(hash(secret)),
        Credential::Ticket(_) => None,
    };
    // A REST request's bearer token may come from the cache; a WebSocket handshake, which
    // holds its caller for the session's life, always asks the database.
    let cached = match &credential {
        Credential::Token(_) if !ticket => secret_hash.clone(),
        _ => None,
    };
    if let Some(principal) = cached.as_deref().and_then(|token_hash| auth.tokens.get(token_hash)) {
        return Ok(Some(principal));
    }
    let address = client_key(req);
    if let Some(wait) = auth.failed_lookups.blocked(&address) {
        if !secret_hash.as_deref().is_some_and(|secret_hash| auth.tokens.vouched(secret_hash)) {
            return Err(ApiError::TooManyRequests { retry_after_secs: retry_after(wait) });
        }
    }
    let pool = auth.pool.clone();
    let principal = web::block(move || -> Result<Option<Principal>, ApiError> {
        let conn = &mut *pool.get()?;
        Ok(match credential {
            Credential::Token(token) => by_token(conn, &token)?,
            Credential::Session(session) => by_session(conn, &session)?,
            Credential::Ticket(ticket) => redeem_ticket(conn, &ticket)?,
        })
    })
    .await??;
    match &principal {
        Some(principal) => {
            if let Some(secret_hash) = &secret_hash {
                auth.tokens.vouch(secret_hash);
            }
            if let Some(token_hash) = cached {
                auth.tokens.put(token_hash, principal.clone());
            }
        }
        // The next look-up from this address past the limit is refused without one.
        None => {
            let _ = auth.failed_lookups.check(&address);
        }
    }
    Ok(principal)
}

/// Whether the request carries a bearer token or a session cookie (valid or not).
fn presents_credentials(req: &HttpRequest) -> bool {
    req.headers().contains_key(header::AUTHORIZATION) || req.cookie(SESSION_COOKIE).is_some()
}

fn ticket_of(query: &str) -> Option<String> {
    query.split('&').find_map(|pair| pair.strip_prefix("ticket=")).map(str::to_owned)
}

/// Cookies ride along with requests other sites make, so changes and WebSocket handshakes
/// that a cookie authenticates must come from the server's own origin or an allowed one.
fn needs_origin_check(need: Need, method: &Method) -> bool {
    need == Need::Socket || !matches!(*method, Method::GET | Method::HEAD)
}

/// Whether the request's `Origin` is the server's own (same scheme, and same host and port as
/// `Host`) or in the allow-list. A request without `Origin` comes from no browser page and passes.
pub fn origin_allowed(req: &HttpRequest, allowed: &[String]) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)) {
        return true;
    }
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let Some((scheme, origin_host)) = origin.split_once("://") else { return false };
    // The scheme the client used: the connection's, or the one a proxy in front reports.
    let own_scheme = req.connection_info().scheme().to_owned();
    !host.is_empty() && scheme.eq_ignore_ascii_case(&own_scheme) && origin_host.eq_ignore_ascii_case(host)
}

impl AuthState {
    pub fn new(config: &crate::config::Config, pool: DbPool) -> Arc<AuthState> {
        Arc::new(AuthState {
            allowed_origins: config
                .allowed_origins
                .split(',')
                .map(|origin| origin.trim().trim_end_matches('/').to_owned())
                .filter(|origin| !origin.is_empty())
                .collect(),
            requests: RateLimiter::new(config.rate_limit_per_min, config.rate_limit_burst),
            logins: RateLimiter::new(config.login_attempts_per_min, config.login_attempts_per_min),
            failed_lookups: RateLimiter::new(config.failed_auth_per_min, config.failed_auth_per_min),
            session_lifetime: chrono::Duration::hours(config.session_hours.max(1)),
            // `Application::build` refuses a setting that does not parse before it gets here.
            metrics_allowed: config.metrics_allowed().unwrap_or_default(),
            tokens: TokenCache::default(),
            pool,
        })
    }
}

/// The caller the gate let through.
pub fn caller(req: &HttpRequest) -> Result<Principal, ApiError> {
    req.extensions().get::<Principal>().cloned().ok_or_else(|| ApiError::Unauthorized("not logged in".into()))
}

/// How long clients should wait, rounded up to whole seconds.
pub fn retry_after(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}
