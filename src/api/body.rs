//! Request bodies while they arrive: each must be whole within `--body-read-timeout-ms` of the
//! server starting to read it, and the bodies being read at once hold `--bodies-in-flight-bytes`.
//!
//! actix-web bounds only the request head in time (`client_request_timeout`); a body that stops
//! arriving would otherwise hold what it sent, and its connection, for as long as the client
//! likes. `guard` wraps every request's payload: past the deadline the stream ends with an error
//! the extractors answer 408 `body_timeout`, and the connection closes; a request whose body
//! would take the total past the bound is answered 503 `overloaded` with `Retry-After` before any
//! of it is read. A body's share is given back when it has arrived, failed or been dropped.

use std::cell::Cell;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::{CONTENT_LENGTH, TRANSFER_ENCODING};
use actix_web::http::ConnectionType;
use actix_web::middleware::Next;
use actix_web::rt::time::{sleep, Sleep};
use actix_web::web::{Bytes, Data};
use actix_web::{HttpMessage, ResponseError};
use futures_util::{Future, Stream};

use crate::error::ApiError;
use crate::AppState;

/// The bytes of the request bodies being read, and the most there may be.
pub struct BodyBudget {
    in_flight: AtomicUsize,
    max: usize,
}

/// One body's share of the budget, given back when dropped.
struct Share {
    budget: Arc<BodyBudget>,
    bytes: usize,
}

impl BodyBudget {
    pub fn new(max: usize) -> Arc<BodyBudget> {
        Arc::new(BodyBudget { in_flight: AtomicUsize::new(0), max })
    }

    /// Bytes of bodies being read now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Relaxed)
    }

    /// `bytes` of the budget, or `None` when they would take it past its bound.
    fn take(self: &Arc<Self>, bytes: usize) -> Option<Share> {
        self.in_flight
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |held| {
                held.checked_add(bytes).filter(|total| *total <= self.max)
            })
            .ok()
            .map(|_| Share { budget: self.clone(), bytes })
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        self.budget.in_flight.fetch_sub(self.bytes, Ordering::AcqRel);
    }
}

/// Bounds the body of every request in time and, with the others, in bytes (see the module's
/// documentation). Requests without a body pass untouched.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let state = req.app_data::<Data<AppState>>().expect("AppState is registered").clone();
    let bodies = req.app_data::<Data<BodyBudget>>().expect("the BodyBudget is registered").clone().into_inner();
    let Some(bytes) = body_size(&req, state.config.body_limit) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let Some(share) = bodies.take(bytes) else {
        tracing::warn!(bytes, in_flight = bodies.in_flight(), "too many request bodies in flight: 503");
        // Its body is never read: the connection cannot carry another request.
        let mut response = req.into_response(ApiError::Overloaded.error_response());
        response.response_mut().head_mut().set_connection_type(ConnectionType::Close);
        return Ok(response.map_into_right_body());
    };
    let timed_out = Rc::new(Cell::new(false));
    let guarded = Guarded {
        payload: req.take_payload(),
        timeout: state.config.body_read_timeout(),
        deadline: None,
        share: Some(share),
        timed_out: timed_out.clone(),
    };
    req.set_payload(Payload::from(Box::pin(guarded) as actix_http::BoxedPayloadStream));
    let mut response = next.call(req).await?;
    if timed_out.get() {
        // Whatever the handler answered, the rest of the body may still be on its way.
        response.response_mut().head_mut().set_connection_type(ConnectionType::Close);
    }
    Ok(response.map_into_left_body())
}

/// The bytes a request's body may hold: its Content-Length (at most `limit`, as no extractor
/// reads past it), or `limit` for a chunked body; `None` without a body.
fn body_size(req: &ServiceRequest, limit: usize) -> Option<usize> {
    let headers = req.headers();
    if let Some(length) = headers.get(CONTENT_LENGTH) {
        // actix refuses a Content-Length that does not parse before any middleware runs.
        let length = length.to_str().ok().and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(limit);
        return (length > 0).then_some(length.min(limit));
    }
    headers.contains_key(TRANSFER_ENCODING).then_some(limit)
}

/// A request's payload with a deadline, started when the body is first read.
struct Guarded {
    payload: Payload,
    timeout: Duration,
    deadline: Option<Pin<Box<Sleep>>>,
    share: Option<Share>,
    timed_out: Rc<Cell<bool>>,
}

impl Stream for Guarded {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.timed_out.get() {
            return Poll::Ready(None);
        }
        let timeout = this.timeout;
        let deadline = this.deadline.get_or_insert_with(|| Box::pin(sleep(timeout)));
        match Pin::new(&mut this.payload).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => Poll::Ready(Some(Ok(chunk))),
            ended @ Poll::Ready(_) => {
                // Arrived whole, or failed: its share is free for others.
                this.share = None;
                ended
            }
            Poll::Pending => match deadline.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(()) => {
                    this.timed_out.set(true);
                    this.share = None;
                    let error = std::io::Error::new(std::io::ErrorKind::TimedOut, BodyTimedOut(timeout));
                    Poll::Ready(Some(Err(PayloadError::Io(error))))
                }
            },
        }
    }
}

/// The error a body that outlived its deadline ends with; extractors answer it 408.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive within {} s", .0.as_secs_f64())]
pub struct BodyTimedOut(pub Duration);

/// The answer to a payload error: 408 `body_timeout` for a body that outlived its deadline,
/// 400 `bad_body` for anything else (a connection cut mid-body, a bad chunk).
pub fn payload_error(error: PayloadError) -> ApiError {
    if let PayloadError::Io(io) = &error {
        if let Some(BodyTimedOut(timeout)) = io.get_ref().and_then(|inner| inner.downcast_ref::<BodyTimedOut>()) {
            return ApiError::BodyTimeout { secs: timeout.as_secs_f64() };
        }
    }
    ApiError::bad_request("bad_body", error.to_string())
}
