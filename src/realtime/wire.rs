//! Server-to-client WebSocket frames, encoded once into the bytes that go on the wire.
//!
//! A server frame is never masked (RFC 6455 §5.1), so a frame is its header and its payload and
//! nothing per receiver: an event's frame is built once when it is logged and the same bytes
//! are written to every session that receives it.

use actix_web::web::Bytes;

const TEXT: u8 = 0x1;
const CLOSE: u8 = 0x8;
const PING: u8 = 0x9;
const PONG: u8 = 0xA;

/// A final, unmasked frame of `opcode` carrying `payload`.
fn frame(opcode: u8, payload: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(payload.len() + 10);
    out.push(0x80 | opcode);
    match payload.len() {
        len @ 0..=125 => out.push(len as u8),
        len @ 126..=0xFFFF => {
            out.push(126);
            out.extend_from_slice(&(len as u16).to_be_bytes());
        }
        len => {
            out.push(127);
            out.extend_from_slice(&(len as u64).to_be_bytes());
        }
    }
    out.extend_from_slice(payload);
    Bytes::from(out)
}

/// The payload of a frame built here (a server frame: never masked).
pub fn payload(frame: &[u8]) -> &[u8] {
    let header = match frame.get(1) {
        Some(126) => 4,
        Some(127) => 10,
        _ => 2,
    };
    frame.get(header..).unwrap_or_default()
}

/// A text frame.
pub fn text(payload: &str) -> Bytes {
    frame(TEXT, payload.as_bytes())
}

/// A ping with an empty payload.
pub fn ping() -> Bytes {
    Bytes::from_static(&[0x80 | PING, 0])
}

/// A pong echoing the ping's payload (at most 125 bytes, as the codec already checked).
pub fn pong(payload: &[u8]) -> Bytes {
    frame(PONG, payload)
}

/// A close frame with `code` and a reason cut to fit the 125-byte control frame limit.
pub fn close(code: u16, reason: &str) -> Bytes {
    let mut cut = reason.len().min(123);
    while !reason.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut payload = code.to_be_bytes().to_vec();
    payload.extend_from_slice(&reason.as_bytes()[..cut]);
    frame(CLOSE, &payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_use_the_shortest_form() {
        assert_eq!(&text("hi")[..], b"\x81\x02hi");
        let medium = "x".repeat(300);
        assert_eq!(&text(&medium)[..4], &[0x81, 126, 0x01, 0x2C]);
        assert_eq!(payload(&text(&medium)), medium.as_bytes());
        let large = "y".repeat(70_000);
        assert_eq!(&text(&large)[..10], &[0x81, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70]);
        assert_eq!(payload(&text(&large)).len(), 70_000);
    }

    #[test]
    fn close_reasons_are_cut_on_a_char_boundary() {
        let frame = close(1013, &"é".repeat(100));
        assert_eq!(frame[1] as usize, frame.len() - 2);
        assert!(frame.len() - 2 <= 125);
        assert!(std::str::from_utf8(&frame[4..]).is_ok());
    }
}
