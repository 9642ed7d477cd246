//! The outermost middleware: gives every request its id (the client's `X-Request-Id` when it is
//! sane, else a new one, returned in the answer), and once it is answered writes its log line
//! and counts it in the metrics under the route template the router matched.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};

use crate::auth::Principal;
use crate::telemetry::RequestId;
use crate::AppState;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");
/// The longest request id taken from a client.
const MAX_REQUEST_ID: usize = 128;
/// How the metrics and the log name a request no route matched.
const UNMATCHED: &str = "unmatched";
/// The longest path (with its query) and method written to the log; actix bounds the request
/// head (about 32 KB), but a log line need not carry all of it.
const MAX_LOGGED_PATH: usize = 2048;
const MAX_LOGGED_METHOD: usize = 32;

/// Names, logs and counts every request (see the module's documentation).
pub async fn requests(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let id = req
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|id| sane(id))
        .map_or_else(new_request_id, str::to_owned);
    req.extensions_mut().insert(RequestId(id.clone()));
    let target = clipped(redacted_target(&req), MAX_LOGGED_PATH);
    let method = req.method().clone();
    // Made-up methods are logged as sent, up to a length, so an operator sees what was tried.
    let logged_method = clipped(method.as_str().to_owned(), MAX_LOGGED_METHOD);
    let peer = req.peer_addr().map(|addr| addr.ip().to_string()).unwrap_or_default();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    #[cfg(feature = "otel")]
    let span = tracing::info_span!(
        "HTTP request",
        otel.kind = "server",
        request_id = %id,
        http.request.method = crate::telemetry::method_label(&method),
        http.route = tracing::field::Empty,
        http.response.status_code = tracing::field::Empty,
    );
    #[cfg(feature = "otel")]
    let answered = tracing::Instrument::instrument(next.call(req), span.clone()).await;
    #[cfg(not(feature = "otel"))]
    let answered = next.call(req).await;
    let mut response = match answered {
        Ok(response) => response,
        Err(error) => {
            tracing::warn!(target: "switchboard::http", request_id = %id, method = %logged_method, path = %target, "request failed: {error}");
            return Err(error);
        }
    };
    let elapsed = started.elapsed();
    let route = response.request().match_pattern().unwrap_or_else(|| UNMATCHED.to_owned());
    let status = response.status().as_u16();
    let (token_id, role) = match response.request().extensions().get::<Principal>() {
        Some(principal) => (Some(principal.token_id), Some(principal.role.as_str())),
        None => (None, None),
    };
    #[cfg(feature = "otel")]
    {
        span.record("http.route", route.as_str());
        span.record("http.response.status_code", status);
    }
    if let Some(state) = &state {
        state.metrics.http_request(&route, &method, status, elapsed.as_secs_f64());
    }
    tracing::info!(
        target: "switchboard::http",
        request_id = %id,
        method = %logged_method,
        route = %route,
        path = %target,
        status,
        latency_ms = elapsed.as_secs_f64() * 1000.0,
        token_id,
        role,
        peer = %peer,
        "request"
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    Ok(response)
}

/// A client's request id we repeat: short, and printable ASCII without spaces (it goes into log
/// lines and a response header).
fn sane(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_REQUEST_ID && id.bytes().all(|b| b.is_ascii_graphic())
}

/// `text` cut to at most `max` bytes (at a character boundary), `…` marking the cut.
fn clipped(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}

/// 16 random bytes in hex.
fn new_request_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness: a process-wide counter still tells requests apart.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        bytes[..8].copy_from_slice(&NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed).to_be_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The path and query for the log, with secrets in the query string (`ticket`, `token`) hidden.
pub fn redacted_target(req: &ServiceRequest) -> String {
    let query = req.query_string();
    if query.is_empty() {
        return req.path().to_owned();
    }
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if ["ticket", "token", "access_token"].contains(&name) => format!("{name}=REDACTED"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{}?{}", req.path(), pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_query_strings_stay_out_of_the_log() {
        let req =
            actix_web::test::TestRequest::with_uri("/ws?topics=orders&ticket=wst_abc123&since=4").to_srv_request();
        assert_eq!(redacted_target(&req), "/ws?topics=orders&ticket=REDACTED&since=4");
        let req = actix_web::test::TestRequest::with_uri("/api/orders?token=sb_secret").to_srv_request();
        assert!(!redacted_target(&req).contains("sb_secret"));
    }

    #[test]
    fn only_short_printable_request_ids_are_taken() {
        assert!(sane("req-42.abc_DEF"));
        assert!(!sane(""));
        assert!(!sane("has space"));
        assert!(!sane("new\nline"));
        assert!(!sane(&"x".repeat(MAX_REQUEST_ID + 1)));
        assert_eq!(new_request_id().len(), 32);
    }

    #[test]
    fn long_paths_and_methods_are_cut_for_the_log() {
        assert_eq!(clipped("GET".to_owned(), 32), "GET");
        assert_eq!(clipped("x".repeat(40), 32), format!("{}…", "x".repeat(32)));
        assert_eq!(clipped("aé".to_owned(), 2), "a…");
    }
}
