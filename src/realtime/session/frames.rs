//! Client frames read off the socket: a read buffer that starts small and grows only for a
//! large frame (never beyond the hard limit), and a gate that holds frames back while the
//! session waits for its socket to drain.

use std::cell::{Cell, RefCell};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{ready, Context as TaskContext, Poll, Waker};

use actix_codec::Decoder;
use actix_http::ws::{Codec, Frame, ProtocolError};
use actix_web::web::BytesMut;
use futures_util::Stream;
use tokio::io::{AsyncRead, ReadBuf};
use tokio::net::tcp::OwnedReadHalf;

/// Bytes the read buffer grows by; client frames are small, and a larger one grows it further.
const READ_CHUNK: usize = 512;

/// Holds the client's frames back while it is shut.
#[derive(Default)]
pub(super) struct Gate {
    pub(super) shut: Cell<bool>,
    pub(super) waiting: RefCell<Option<Waker>>,
}

impl Gate {
    pub(super) fn shut(&self) {
        self.shut.set(true);
    }

    pub(super) fn open(&self) {
        self.shut.set(false);
        if let Some(waker) = self.waiting.take() {
            waker.wake();
        }
    }
}

/// Client frames read off the socket, with a read buffer that starts small and only grows for
/// a large frame, and never beyond `max_size` for one frame.
pub(super) struct ReadFrames {
    pub(super) io: OwnedReadHalf,
    pub(super) buf: BytesMut,
    pub(super) codec: Codec,
    pub(super) max_size: usize,
    pub(super) gate: Rc<Gate>,
    /// A frame was refused for its size: nothing more is decoded.
    pub(super) refused: bool,
    pub(super) done: bool,
}

/// The payload length a WebSocket frame's header declares, once enough of it has arrived.
pub(super) fn declared_length(header: &[u8]) -> Option<u64> {
    match header.get(1)? & 0x7f {
        126 => header.get(2..4).map(|len| u64::from(u16::from_be_bytes([len[0], len[1]]))),
        127 => header.get(2..10).and_then(|len| len.try_into().ok()).map(u64::from_be_bytes),
        len => Some(u64::from(len)),
    }
}

impl Stream for ReadFrames {
    type Item = Result<Frame, ProtocolError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            if this.gate.shut.get() {
                *this.gate.waiting.borrow_mut() = Some(cx.waker().clone());
                return Poll::Pending;
            }
            if this.refused {
                // What follows a refused frame is read and dropped, so the client still gets
                // our close frame rather than a reset connection.
                this.buf.clear();
            } else {
                match this.codec.decode(&mut this.buf) {
                    Ok(Some(frame)) => return Poll::Ready(Some(Ok(frame))),
                    Ok(None) => {}
                    Err(error) => {
                        this.done = true;
                        return Poll::Ready(Some(Err(error)));
                    }
                }
                // The codec only checks a frame's size once all of it has arrived: refuse one
                // declared too large before buffering it.
                if declared_length(&this.buf).is_some_and(|len| len > this.max_size as u64) {
                    this.refused = true;
                    return Poll::Ready(Some(Err(ProtocolError::Overflow)));
                }
            }
            if this.buf.is_empty() && this.buf.capacity() > 8 * READ_CHUNK {
                // A large frame grew the buffer; idle sessions keep a small one.
                this.buf = BytesMut::new();
            }
            this.buf.reserve(READ_CHUNK);
            let mut read = ReadBuf::uninit(this.buf.spare_capacity_mut());
            if let Err(error) = ready!(Pin::new(&mut this.io).poll_read(cx, &mut read)) {
                this.done = true;
                return Poll::Ready(Some(Err(ProtocolError::Io(error))));
            }
            let n = read.filled().len();
            if n == 0 {
                this.done = true;
                return Poll::Ready(None);
            }
            // SAFETY: `poll_read` initialized the first `n` bytes of the spare capacity.
            unsafe { this.buf.set_len(this.buf.len() + n) };
        }
    }
}
