//! Shutdown: the draining flag and the count of requests in flight that the `track` middleware
//! keeps, and `shutdown`, which stops the server as soon as the requests in flight are answered.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use actix_http::{ConnectionType, StatusCode};
use actix_server::ServerHandle;
use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::ResponseError;

use crate::error::ApiError;
use crate::realtime::broadcaster::CloseAll;
use crate::realtime::Sockets;

/// Longest the server waits for requests in flight and closing WebSocket sessions before it
/// stops anyway, cutting what is left.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How often `shutdown` looks whether everything in flight is done.
const POLL_INTERVAL: Duration = Duration::from_millis(10);

/// Whether the server is draining, and how many requests are in flight.
#[derive(Debug, Default)]
pub struct Drain {
    draining: AtomicBool,
    in_flight: AtomicUsize,
}

impl Drain {
    fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// Requests whose head has arrived and whose answer has not all been taken.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }
}

/// One request in flight: from the arrival of its head until the connection has taken the last
/// byte of its answer's body, so the server never stops between the two.
struct InFlight(Arc<Drain>);

impl InFlight {
    fn enter(drain: Arc<Drain>) -> InFlight {
        drain.in_flight.fetch_add(1, Ordering::SeqCst);
        InFlight(drain)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// An answer's body, holding its request's place among those in flight until it is dropped.
pub struct Tracked {
    body: BoxBody,
    _in_flight: InFlight,
}

impl MessageBody for Tracked {
    type Error = Box<dyn std::error::Error>;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Pin::new(&mut self.body).poll_next(cx)
    }
}

/// Counts every request in flight. Once the server drains, a request is not served any more:
/// it is answered 503 `shutting_down` (not acknowledged, retry elsewhere), and every answer,
/// including those of requests in flight at the signal, closes its connection.
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<Tracked>, actix_web::Error> {
    let drain = req.app_data::<web::Data<Drain>>().expect("the Drain is registered").clone().into_inner();
    // Counted before the flag is read: `shutdown` either waits for this request or the request
    // sees the flag.
    let in_flight = InFlight::enter(drain.clone());
    let mut response = if drain.is_draining() {
        req.into_response(ApiError::ShuttingDown.error_response())
    } else {
        next.call(req).await?.map_into_boxed_body()
    };
    // A 101 keeps its `Connection: Upgrade`; its session is closed with the others.
    if drain.is_draining() && response.status() != StatusCode::SWITCHING_PROTOCOLS {
        response.response_mut().head_mut().set_connection_type(ConnectionType::Close);
    }
    Ok(response.map_body(|_, body| Tracked { body, _in_flight: in_flight }))
}

/// Drains and stops the server: requests not served any more, no new connections, every
/// WebSocket session told the server is going away; then, as soon as the requests in flight are
/// answered and the sessions closed (or after `DEADLINE`), the server stops without waiting for
/// idle keep-alive connections, which it drops.
pub async fn shutdown(server: ServerHandle, drain: &Drain, sockets: &Sockets) {
    let started = Instant::now();
    drain.draining.store(true, Ordering::SeqCst);
    sockets.broadcaster.do_send(CloseAll);
    server.pause().await;
    tracing::info!(
        "shutting down: draining; {} requests in flight, {} WebSocket sessions closing",
        drain.in_flight(),
        sockets.open_sessions.load(Ordering::Relaxed)
    );
    let settled = async {
        while drain.in_flight() > 0 || sockets.open_sessions.load(Ordering::Relaxed) > 0 {
            // A session whose upgrade was in flight at the signal registers after the first
            // CloseAll; it is told too.
            sockets.broadcaster.do_send(CloseAll);
            actix_web::rt::time::sleep(POLL_INTERVAL).await;
        }
    };
    match actix_web::rt::time::timeout(DEADLINE, settled).await {
        Ok(()) => {
            tracing::info!("requests finished and sessions closed in {} ms; stopping", started.elapsed().as_millis())
        }
        Err(_) => tracing::warn!(
            "{} requests still in flight and {} WebSocket sessions open after {} s; stopping anyway",
            drain.in_flight(),
            sockets.open_sessions.load(Ordering::Relaxed),
            DEADLINE.as_secs()
        ),
    }
    server.stop(false).await;
}
