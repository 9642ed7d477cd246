//! How a session's frames reach its client: a WebSocket (the socket itself, frames in
//! WebSocket framing) or an event stream (`GET /sse`, frames as Server-Sent Events). The
//! session, its outbox and its subscriptions are the same for both; only the bytes and where
//! they are written differ.

use std::io::IoSlice;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use actix_web::web::Bytes;
use tokio::net::tcp::OwnedWriteHalf;

use super::event_log::LoggedEvent;
use super::event_stream::{self, StreamWriter};
use super::wire;

#[derive(Clone)]
pub enum Transport {
    WebSocket(Rc<OwnedWriteHalf>),
    EventStream(Rc<StreamWriter>),
}

impl Transport {
    /// Its name in the session's log lines.
    pub fn name(&self) -> &'static str {
        match self {
            Transport::WebSocket(_) => "websocket",
            Transport::EventStream(_) => "event-stream",
        }
    }

    /// Whether the client talks back. A WebSocket client answers pings and closes with a close
    /// frame; an event stream's client sends nothing after its request.
    pub fn listens(&self) -> bool {
        matches!(self, Transport::WebSocket(_))
    }

    /// An event's frame, encoded once for all the sessions of this transport.
    pub fn event<'a>(&self, event: &'a LoggedEvent) -> &'a Bytes {
        match self {
            Transport::WebSocket(_) => &event.frame,
            Transport::EventStream(_) => event.event_stream_frame(),
        }
    }

    /// A replayed event's frame (read for this session alone).
    pub fn replayed(&self, event: LoggedEvent) -> Bytes {
        match self {
            Transport::WebSocket(_) => event.frame,
            Transport::EventStream(_) => event.event_stream_frame().clone(),
        }
    }

    /// A frame of the session's own, of type `kind`; on an event stream with `id` to resume from.
    pub fn text(&self, kind: &str, id: Option<i64>, json: &str) -> Bytes {
        match self {
            Transport::WebSocket(_) => wire::text(json),
            Transport::EventStream(_) => event_stream::frame(kind, id, json.as_bytes()),
        }
    }

    /// A frame outside the event stream, in this transport's encoding.
    pub fn shared(&self, frame: &SharedFrame) -> Bytes {
        match self {
            Transport::WebSocket(_) => frame.websocket.clone(),
            Transport::EventStream(_) => frame.event_stream().clone(),
        }
    }

    /// A heartbeat: a ping the client answers, or a comment that keeps proxies from timing out.
    pub fn heartbeat(&self) -> Bytes {
        match self {
            Transport::WebSocket(_) => wire::ping(),
            Transport::EventStream(_) => event_stream::comment("ping"),
        }
    }

    /// The last frame: a close frame, or a comment before the stream ends.
    pub fn close(&self, code: u16, reason: &str) -> Bytes {
        match self {
            Transport::WebSocket(_) => wire::close(code, reason),
            Transport::EventStream(_) => event_stream::comment(&format!("close {code} {reason}")),
        }
    }

    pub fn try_write(&self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Transport::WebSocket(socket) => socket.try_write(buf),
            Transport::EventStream(stream) => stream.try_write(buf),
        }
    }

    pub fn try_write_vectored(&self, bufs: &[IoSlice<'_>]) -> std::io::Result<usize> {
        match self {
            Transport::WebSocket(socket) => socket.try_write_vectored(bufs),
            Transport::EventStream(stream) => stream.try_write_vectored(bufs),
        }
    }

    /// Ready when the client takes bytes again.
    pub async fn writable(&self) -> std::io::Result<()> {
        match self {
            Transport::WebSocket(socket) => socket.writable().await,
            Transport::EventStream(stream) => stream.writable().await,
        }
    }
}

/// A frame outside the event stream (the operator report, presence) made once for all the
/// sessions it goes to: its WebSocket frame at once, its Server-Sent Event (no `id`: it is never
/// replayed) by the first event stream that gets it.
#[derive(Debug)]
pub struct SharedFrame {
    websocket: Bytes,
    event_stream: OnceLock<Bytes>,
}

impl SharedFrame {
    pub fn new(json: &str) -> Arc<SharedFrame> {
        Arc::new(SharedFrame { websocket: wire::text(json), event_stream: OnceLock::new() })
    }

    fn event_stream(&self) -> &Bytes {
        self.event_stream.get_or_init(|| {
            let json = wire::payload(&self.websocket);
            event_stream::frame(&event_stream::kind_of(json).unwrap_or_default(), None, json)
        })
    }
}
