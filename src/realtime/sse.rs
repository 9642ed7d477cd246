//! `GET /sse`: the real-time updates as Server-Sent Events, for clients that would rather read
//! an HTTP response than speak WebSocket (curl, `EventSource`, proxies that only pass HTTP).
//!
//! The route is declared like `GET /ws` (bearer, cookie with the Origin check, or a one-time
//! `ticket`), and a stream is a session like a socket: the same limits, topics and checks, the
//! same actor on a session thread (session/), the same frames as events of a
//! `text/event-stream` (event_stream.rs). Its topics are those of the request: a client
//! changes them by reconnecting. Where it resumes from is `since`, or the `Last-Event-ID` an
//! `EventSource` sends when it reconnects on its own, which wins: the URL's `since` is the one
//! the stream started with, older than every event received since.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::combined::Positions;
use super::event_stream;
use super::protocol::{check_topics, split_topics, FrameError};
use super::session::{SessionParts, WsSession};
use super::sockets::{SessionSlot, Sockets};
use crate::error::ApiError;

#[derive(Debug, Deserialize)]
pub struct SseQuery {
    /// Comma-separated topics, as for `GET /ws`; required, since they cannot be changed later.
    topics: Option<String>,
    /// Replay events after this `seq` for those topics (`Last-Event-ID` wins over it).
    since: Option<i64>,
}

/// The header an `EventSource` sends on reconnecting: the `id` of the last event it received.
const LAST_EVENT_ID: &str = "last-event-id";

/// `GET /sse`: checks the caller, the topics and the session limits before anything is
/// streamed (a refusal is an ordinary JSON error), then answers `200 text/event-stream` fed by
/// a new session.
pub async fn stream(
    req: HttpRequest,
    query: crate::query::Query<SseQuery>,
    sockets: web::Data<Sockets>,
) -> Result<HttpResponse, ApiError> {
    let principal = crate::auth::middleware::caller(&req)?;
    let query = query.into_inner();
    let topics = split_topics(query.topics.as_deref().unwrap_or_default());
    if topics.is_empty() {
        let message = "topics is required: the comma-separated topics to stream, such as `orders` or `*`";
        return Err(ApiError::bad_query("topics", message));
    }
    let topics = check_topics(&principal, topics).map_err(refusal)?;
    let max_topics = sockets.limits.max_topics;
    if topics.len() > max_topics {
        return Err(refusal(FrameError::new(
            "too_many_topics",
            format!("a session may hold at most {max_topics} topics"),
        )));
    }
    let since = last_event_id(req.headers().get(LAST_EVENT_ID))?.or(query.since);
    let slot = SessionSlot::acquire(&sockets, principal.token_id)?;
    let request_id = actix_web::HttpMessage::extensions(&req)
        .get::<crate::telemetry::RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default();
    let (writer, reader) = event_stream::pipe();
    let shared = sockets.clone();
    let started = sockets.session_threads.spawn(move |seat| {
        let session = SessionParts {
            broadcaster: shared.broadcaster.clone(),
            pool: shared.pool.clone(),
            limits: shared.limits.clone(),
            slot,
            seat,
            principal,
            metrics: shared.metrics.clone(),
            request_id,
            positions: Positions::Each,
        };
        WsSession::start_event_stream(writer, (topics, since), session);
    });
    if !started {
        return Err(ApiError::ShuttingDown);
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream")))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        // Tells nginx not to buffer the stream.
        .insert_header(("X-Accel-Buffering", HeaderValue::from_static("no")))
        .streaming(reader))
}

/// A refused subscribe, as the JSON error of the request: 403 for a topic the role may not
/// read, 400 otherwise, with the code of the WebSocket's error frame.
fn refusal(error: FrameError) -> ApiError {
    match error.code {
        "forbidden" => ApiError::Forbidden(error.message),
        code => ApiError::bad_request(code, error.message),
    }
}

/// The `seq` in a `Last-Event-ID`; none when there is no header or it is empty (the spec lets
/// an `EventSource` send an empty one).
fn last_event_id(value: Option<&HeaderValue>) -> Result<Option<i64>, ApiError> {
    let Some(text) = value.map(|value| value.to_str().unwrap_or("?").trim()).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    match text.parse::<i64>() {
        Ok(seq) if seq >= 0 => Ok(Some(seq)),
        _ => Err(ApiError::bad_request("bad_last_event_id", format!("Last-Event-ID {text:?} is not a seq"))),
    }
}
