//! Connections that ask to be upgraded (`Connection: Upgrade`), taken over from the HTTP/1
//! dispatcher.
//!
//! The request still goes through the whole app, middleware and all (authentication, origin
//! check, logging, security headers), and `GET /ws` decides there whether it may become a
//! session. What changes is what happens after a 101: instead of the dispatcher staying in the
//! middle of every frame (a response body stream fed through a channel, copied into its own
//! write buffer, with an 8 KiB read and an 8 KiB write buffer held for the connection's life),
//! the socket itself goes to the session actor, which writes frames straight to it. That
//! halves a session's memory and takes two queues and a task wake-up off every delivery (see
//! docs/benchmarks.md).

use std::rc::Rc;

use actix_codec::Framed;
use actix_http::body::{self, BodySize};
use actix_http::{h1, ConnectionType, Request, StatusCode};
use actix_service::{fn_factory, fn_service, Service, ServiceFactory};
use actix_web::body::MessageBody;
use actix_web::dev::{AppConfig, ServiceResponse};
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::SinkExt;
use serde::Deserialize;
use tokio::net::TcpStream;

use super::combined::Positions;
use super::session::{SessionParts, WsSession};
use super::sockets::{SessionSlot, Sockets};
use crate::auth::Principal;
use crate::error::ApiError;

#[derive(Debug, Deserialize)]
pub struct WsQuery {
    /// Comma-separated topics to subscribe to at once.
    topics: Option<String>,
    /// Replay events after this `seq` for those topics.
    since: Option<i64>,
    /// `combined`: several driver positions waiting at once come as one frame (combined.rs).
    #[serde(default)]
    positions: Positions,
}

/// `GET /ws`: checks the handshake, the caller and the session limits, and answers
/// 101 Switching Protocols with an [`Accepted`] attached; the upgrade service then
/// hands the socket to a new session actor.
pub async fn connect(
    req: HttpRequest,
    query: crate::query::Query<WsQuery>,
    sockets: web::Data<Sockets>,
) -> Result<HttpResponse, actix_web::Error> {
    let principal = crate::auth::middleware::caller(&req)?;
    let slot = SessionSlot::acquire(&sockets, principal.token_id)?;
    let mut handshake = actix_http::ws::handshake(req.head())
        .map_err(|error| ApiError::bad_request("not_a_websocket_handshake", error.to_string()))?;
    let query = query.into_inner();
    let initial = query.topics.map(|topics| (super::protocol::split_topics(&topics), query.since));
    let mut response = HttpResponse::from(handshake.finish()).map_into_boxed_body();
    let request_id = actix_web::HttpMessage::extensions(&req)
        .get::<crate::telemetry::RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default();
    let positions = query.positions;
    response.extensions_mut().insert(Accepted { initial, slot, principal, request_id, positions });
    Ok(response)
}

/// What `GET /ws` attaches to its 101 answer for the session to start with.
pub struct Accepted {
    pub initial: Option<(Vec<String>, Option<i64>)>,
    pub slot: SessionSlot,
    pub principal: Principal,
    /// The request id of the handshake, for the session's log lines.
    pub request_id: String,
    pub positions: Positions,
}

/// The upgrade service for one worker: its own instance of the app, built from `app`.
pub fn factory<F, B>(
    app: F,
    sockets: web::Data<Sockets>,
) -> impl ServiceFactory<
    (Request, Framed<TcpStream, h1::Codec>),
    Config = (),
    Response = (),
    Error = actix_web::Error,
    InitError = (),
>
where
    F: ServiceFactory<
            Request,
            Config = AppConfig,
            Response = ServiceResponse<B>,
            Error = actix_web::Error,
            InitError = (),
        > + 'static,
    B: MessageBody + 'static,
{
    fn_factory(move || {
        let app = app.new_service(AppConfig::default());
        let sockets = sockets.clone();
        async move {
            let app = Rc::new(app.await?);
            Ok(fn_service(move |(req, framed)| serve(Rc::clone(&app), sockets.clone(), req, framed)))
        }
    })
}

/// Answers one upgrade request: a 101 from `GET /ws` starts a session on the socket; any other
/// answer is sent whole and the connection closes.
async fn serve<S, B>(
    app: Rc<S>,
    sockets: web::Data<Sockets>,
    req: Request,
    mut framed: Framed<TcpStream, h1::Codec>,
) -> Result<(), actix_web::Error>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    let response = match app.call(req).await {
        Ok(response) => response.map_into_boxed_body().into_parts().1,
        Err(error) => HttpResponse::from_error(error),
    };
    let (mut head, body) = actix_http::Response::from(response).into_parts();
    let accepted = head.extensions_mut().remove::<Accepted>();
    if let (StatusCode::SWITCHING_PROTOCOLS, Some(accepted)) = (head.status(), accepted) {
        framed.send(h1::Message::Item((head, BodySize::None))).await?;
        let parts = framed.into_parts();
        // Off this worker's event loop, onto a session thread's (realtime/threads.rs).
        let socket = parts.io.into_std()?;
        let read = parts.read_buf;
        let (initial, shared) = (accepted.initial, sockets.clone());
        let (slot, principal, request_id) = (accepted.slot, accepted.principal, accepted.request_id);
        let positions = accepted.positions;
        sockets.session_threads.spawn(move |seat| {
            let sockets = shared;
            let socket = match TcpStream::from_std(socket) {
                Ok(socket) => socket,
                Err(error) => return tracing::warn!("could not move a WebSocket to its session thread: {error}"),
            };
            let session = SessionParts {
                broadcaster: sockets.broadcaster.clone(),
                pool: sockets.pool.clone(),
                limits: sockets.limits.clone(),
                slot,
                seat,
                principal,
                metrics: sockets.metrics.clone(),
                request_id,
                positions,
            };
            WsSession::start(socket, read, initial, session);
        });
        return Ok(());
    }
    let body = body::to_bytes(body).await.map_err(|_| std::io::Error::other("could not read the answer's body"))?;
    head.head_mut().set_connection_type(ConnectionType::Close);
    framed.send(h1::Message::Item((head, BodySize::Sized(body.len() as u64)))).await?;
    if !body.is_empty() {
        framed.send(h1::Message::Chunk(Some(body))).await?;
    }
    framed.send(h1::Message::Chunk(None)).await?;
    Ok(())
}
