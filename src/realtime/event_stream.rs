//! Server-Sent Events (`GET /sse`): the `text/event-stream` encoding of the frames the
//! WebSocket sends, and the pipe that carries them from the session to the HTTP response.
//!
//! A frame becomes `event: <type>`, `id: <seq>` (where it has a place in the log to resume
//! from) and its JSON on one `data:` line; a heartbeat is a comment. The session writes into a
//! [`StreamWriter`] as it would into a socket: a bounded buffer that takes what fits and says
//! `WouldBlock` when full, so the outbox's queue and its slow-consumer cut-off work unchanged.
//! The response body is the [`StreamReader`], polled by the connection's HTTP worker, which
//! takes no more while its client does not read.

use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

use actix_web::web::{Bytes, BytesMut};
use futures_util::Stream;

/// Bytes the pipe holds that the HTTP worker has not taken, like a socket's send buffer: past
/// it the session queues frames and, when its queue fills, is cut off as too slow.
const CAPACITY: usize = 16 * 1024;

/// What an EventSource waits before it reconnects when the stream ends, sent first.
pub const RETRY_MS: u64 = 1000;

/// A frame with a `type`, as an event named after it; `id` where the client may resume from it.
pub fn frame(kind: &str, id: Option<i64>, json: &[u8]) -> Bytes {
    let mut out = BytesMut::with_capacity(json.len() + kind.len() + 32);
    out.extend_from_slice(b"event: ");
    out.extend_from_slice(kind.as_bytes());
    if let Some(id) = id {
        out.extend_from_slice(format!("\nid: {id}").as_bytes());
    }
    // Compact JSON has no line breaks; were there any, each line would need its own `data:`.
    for line in json.split(|&byte| byte == b'\n') {
        out.extend_from_slice(b"\ndata: ");
        out.extend_from_slice(line);
    }
    out.extend_from_slice(b"\n\n");
    out.freeze()
}

/// A comment line: the heartbeat, and the last words of a stream the server ends.
pub fn comment(text: &str) -> Bytes {
    let text = text.replace(['\r', '\n'], " ");
    Bytes::from(format!(": {text}\n\n"))
}

/// The `type` of a frame's JSON, for its `event:` line.
pub fn kind_of(json: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Typed {
        #[serde(rename = "type")]
        kind: String,
    }
    serde_json::from_slice::<Typed>(json).ok().map(|typed| typed.kind)
}

#[derive(Default)]
struct Shared {
    /// Written and not yet taken by the response.
    buffer: BytesMut,
    /// The session, waiting for room.
    writable: Option<Waker>,
    /// The session, watching for its client to go.
    gone: Option<Waker>,
    /// The response, waiting for bytes.
    readable: Option<Waker>,
    /// The response was dropped: the client went, or its connection failed.
    reader_gone: bool,
    /// The session ended: the stream ends once the buffer is taken.
    writer_done: bool,
}

struct Pipe(Mutex<Shared>);

impl Pipe {
    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A new stream: the session's end and the response body, which starts with `retry:`.
pub fn pipe() -> (StreamWriter, StreamReader) {
    let mut shared = Shared::default();
    shared.buffer.extend_from_slice(format!("retry: {RETRY_MS}\n\n").as_bytes());
    let pipe = Arc::new(Pipe(Mutex::new(shared)));
    (StreamWriter(Arc::clone(&pipe)), StreamReader(pipe))
}

/// The session's end: writes like a non-blocking socket.
pub struct StreamWriter(Arc<Pipe>);

impl StreamWriter {
    /// Takes as much of `buf` as fits; `WouldBlock` when nothing does.
    pub fn try_write(&self, buf: &[u8]) -> std::io::Result<usize> {
        self.try_write_vectored(&[std::io::IoSlice::new(buf)])
    }

    pub fn try_write_vectored(&self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        let mut shared = self.0.lock();
        if shared.reader_gone {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        let mut written = 0;
        for buf in bufs {
            let room = CAPACITY.saturating_sub(shared.buffer.len());
            let n = buf.len().min(room);
            shared.buffer.extend_from_slice(&buf[..n]);
            written += n;
            if n < buf.len() {
                break;
            }
        }
        if written == 0 && bufs.iter().any(|buf| !buf.is_empty()) {
            return Err(std::io::ErrorKind::WouldBlock.into());
        }
        if let Some(waker) = shared.readable.take() {
            waker.wake();
        }
        Ok(written)
    }

    /// Ready once the pipe has room again; an error once the client is gone.
    pub async fn writable(&self) -> std::io::Result<()> {
        std::future::poll_fn(|cx| {
            let mut shared = self.0.lock();
            if shared.reader_gone {
                Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into()))
            } else if shared.buffer.len() < CAPACITY {
                Poll::Ready(Ok(()))
            } else {
                shared.writable = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }

    /// Ready when the response is dropped: the client is gone.
    pub async fn gone(&self) {
        std::future::poll_fn(|cx| {
            let mut shared = self.0.lock();
            if shared.reader_gone {
                Poll::Ready(())
            } else {
                shared.gone = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}

impl Drop for StreamWriter {
    /// The session ended: the stream ends after what it wrote.
    fn drop(&mut self) {
        let mut shared = self.0.lock();
        shared.writer_done = true;
        if let Some(waker) = shared.readable.take() {
            waker.wake();
        }
    }
}

/// The response body: what the session wrote, until it ends.
pub struct StreamReader(Arc<Pipe>);

impl Stream for StreamReader {
    type Item = Result<Bytes, std::convert::Infallible>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut shared = self.0.lock();
        if !shared.buffer.is_empty() {
            let bytes = shared.buffer.split().freeze();
            if let Some(waker) = shared.writable.take() {
                waker.wake();
            }
            return Poll::Ready(Some(Ok(bytes)));
        }
        if shared.writer_done {
            return Poll::Ready(None);
        }
        shared.readable = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for StreamReader {
    fn drop(&mut self) {
        let mut shared = self.0.lock();
        shared.reader_gone = true;
        for waker in [shared.writable.take(), shared.gone.take()].into_iter().flatten() {
            waker.wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    #[test]
    fn frames_name_their_type_and_resume_point() {
        let json = br#"{"type":"order_created","seq":7}"#;
        assert_eq!(
            &frame("order_created", Some(7), json)[..],
            b"event: order_created\nid: 7\ndata: {\"type\":\"order_created\",\"seq\":7}\n\n"
        );
        assert_eq!(&frame("welcome", None, b"{}")[..], b"event: welcome\ndata: {}\n\n");
        assert_eq!(&comment("closed\nnow")[..], b": closed now\n\n");
        assert_eq!(kind_of(json).as_deref(), Some("order_created"));
    }

    #[actix_web::test]
    async fn the_pipe_fills_drains_and_ends() {
        let (writer, mut reader) = pipe();
        assert_eq!(&reader.next().await.unwrap().unwrap()[..], format!("retry: {RETRY_MS}\n\n").as_bytes());
        let big = vec![b'x'; CAPACITY + 10];
        assert_eq!(writer.try_write(&big).unwrap(), CAPACITY);
        assert_eq!(writer.try_write(b"y").unwrap_err().kind(), std::io::ErrorKind::WouldBlock);
        assert_eq!(reader.next().await.unwrap().unwrap().len(), CAPACITY);
        writer.writable().await.unwrap();
        assert_eq!(writer.try_write(b"end").unwrap(), 3);
        drop(writer);
        assert_eq!(&reader.next().await.unwrap().unwrap()[..], b"end");
        assert!(reader.next().await.is_none());
    }

    #[actix_web::test]
    async fn a_dropped_response_breaks_the_pipe() {
        let (writer, reader) = pipe();
        drop(reader);
        writer.gone().await;
        assert_eq!(writer.try_write(b"x").unwrap_err().kind(), std::io::ErrorKind::BrokenPipe);
        assert!(writer.writable().await.is_err());
    }
}
