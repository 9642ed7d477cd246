//! Every frame of the /ws protocol, client to server and server to client, as typed enums.
//! Events themselves are pre-serialized by the log (see `events.rs`) and sent as they are.

use serde::{Deserialize, Serialize};

use crate::auth::{Grant, Principal};
use crate::domain::permissions::{Op, Role};
use crate::domain::Entity;

use super::filter::{BadFilter, Filter};

/// What a client may send.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    Subscribe {
        topics: Vec<String>,
        #[serde(default)]
        since: Option<i64>,
    },
    Unsubscribe {
        topics: Vec<String>,
    },
    /// What the client is doing on a record topic it holds (see presence.rs).
    Presence {
        topic: String,
        state: super::presence::State,
    },
    Ping,
}

/// What the server sends besides events.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame<'a> {
    Welcome { seq: i64, heartbeat_ms: u64 },
    Subscribed { topics: &'a [String], seq: i64 },
    Unsubscribed { topics: &'a [String] },
    Pong,
    Resync { seq: i64 },
    Error { code: &'a str, message: &'a str },
}

impl ServerFrame<'_> {
    /// Its `type`.
    pub fn kind(&self) -> &'static str {
        match self {
            ServerFrame::Welcome { .. } => "welcome",
            ServerFrame::Subscribed { .. } => "subscribed",
            ServerFrame::Unsubscribed { .. } => "unsubscribed",
            ServerFrame::Pong => "pong",
            ServerFrame::Resync { .. } => "resync",
            ServerFrame::Error { .. } => "error",
        }
    }

    pub fn to_text(&self) -> String {
        // Serializing these plain structs cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why a client frame was refused: the `code` and `message` of its error frame.
#[derive(Debug, PartialEq, Eq)]
pub struct FrameError {
    pub code: &'static str,
    pub message: String,
}

impl From<BadFilter> for FrameError {
    fn from(bad: BadFilter) -> Self {
        FrameError { code: bad.code, message: bad.message }
    }
}

impl FrameError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        FrameError { code, message: message.into() }
    }
}

/// Reads one text frame, telling bad JSON from a well-formed frame of an unknown type.
pub fn parse_client_frame(text: &str) -> Result<ClientFrame, FrameError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| FrameError::new("bad_json", format!("not JSON: {e}")))?;
    let kind = value.get("type").and_then(|t| t.as_str()).map(str::to_owned);
    match kind.as_deref() {
        Some("subscribe" | "unsubscribe" | "presence" | "ping") => serde_json::from_value(value)
            .map_err(|e| FrameError::new("bad_frame", format!("malformed {} frame: {e}", kind.unwrap_or_default()))),
        Some(other) => Err(FrameError::new("unknown_type", format!("unknown frame type {other:?}"))),
        None => Err(FrameError::new("bad_frame", "a frame needs a string \"type\"")),
    }
}

/// Checks a topic: `*`, a collection (`orders`), one record (`orders:42`), or a collection's
/// records that match a filter (`orders?status=pending`, see filter.rs).
pub fn validate_topic(topic: &str) -> Result<(), FrameError> {
    if topic == "*" || topic == super::operator::TOPIC {
        return Ok(());
    }
    if Filter::parse(topic)?.is_some() {
        return Ok(());
    }
    let (collection, id) = match topic.split_once(':') {
        Some((collection, id)) => (collection, Some(id)),
        None => (topic, None),
    };
    let unknown = || FrameError::new("unknown_topic", format!("unknown topic {topic:?}"));
    Entity::from_collection(collection).ok_or_else(unknown)?;
    match id {
        Some(id) if id.parse::<i64>().map_or(true, |id| id <= 0) => Err(unknown()),
        _ => Ok(()),
    }
}

/// A topic as the server spells it: a filtered topic normalised (`Filter::topic`), any other as
/// it is.
pub fn normalise_topic(topic: String) -> Result<String, FrameError> {
    validate_topic(&topic)?;
    Ok(match Filter::parse(&topic)? {
        Some(filter) => filter.topic().to_owned(),
        None => topic,
    })
}

/// The topics of a subscribe (a frame, or the query of `GET /ws` or `GET /sse`) that
/// `principal` may hold: each one valid and readable by its role, filtered topics normalised,
/// repeats dropped in the client's order, so the ack reads back what it asked for.
pub fn check_topics(principal: &Principal, topics: Vec<String>) -> Result<Vec<String>, FrameError> {
    let mut topics = topics.into_iter().map(normalise_topic).collect::<Result<Vec<_>, _>>()?;
    let mut seen = std::collections::HashSet::new();
    topics.retain(|topic| seen.insert(topic.clone()));
    let refused: Vec<&str> = topics
        .iter()
        .filter(|topic| {
            if topic.as_str() == super::operator::TOPIC {
                return principal.role != Role::Admin;
            }
            let collection = topic.split([':', '?']).next().unwrap_or_default();
            Entity::from_collection(collection).is_some_and(|entity| principal.grant(entity, Op::Read) == Grant::None)
        })
        .map(String::as_str)
        .collect();
    if !refused.is_empty() {
        let message = format!("the {} role may not read {}", principal.role, refused.join(", "));
        return Err(FrameError::new("forbidden", message));
    }
    Ok(topics)
}

/// The topics of a query string's comma-separated `topics`. A filtered topic's values are
/// comma-separated too, so a piece that is not a topic of its own continues the filtered topic
/// before it: `orders?status=pending,shipped,customers` is `orders?status=pending,shipped` and
/// `customers`.
pub fn split_topics(topics: &str) -> Vec<String> {
    let mut split: Vec<String> = Vec::new();
    for piece in topics.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let name = piece.split([':', '?']).next().unwrap_or_default();
        let a_topic = name == "*" || name == super::operator::TOPIC || Entity::from_collection(name).is_some();
        match split.last_mut() {
            Some(filtered) if !a_topic && filtered.contains('?') => {
                filtered.push(',');
                filtered.push_str(piece);
            }
            _ => split.push(piece.to_owned()),
        }
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_collections_records_or_everything() {
        assert!(validate_topic("*").is_ok());
        assert!(validate_topic("transit-batches").is_ok());
        assert!(validate_topic("orders:42").is_ok());
        assert_eq!(validate_topic("order").unwrap_err().code, "unknown_topic");
        assert_eq!(validate_topic("orders:x").unwrap_err().code, "unknown_topic");
        assert_eq!(validate_topic("orders:0").unwrap_err().code, "unknown_topic");
        assert!(validate_topic("orders?status=pending").is_ok());
        assert_eq!(validate_topic("orders?status=gone").unwrap_err().code, "bad_filter");
    }

    #[test]
    fn a_query_strings_topics_keep_their_filters_values() {
        assert_eq!(
            split_topics("orders?status=pending,ready, customers,orders:4,deliveries?driver_id=1,2"),
            ["orders?status=pending,ready", "customers", "orders:4", "deliveries?driver_id=1,2"]
        );
    }

    #[test]
    fn frames_tell_bad_json_from_unknown_types() {
        assert_eq!(parse_client_frame("{nope").unwrap_err().code, "bad_json");
        assert_eq!(parse_client_frame(r#"{"type":"dance"}"#).unwrap_err().code, "unknown_type");
        assert_eq!(parse_client_frame(r#"{"type":"subscribe"}"#).unwrap_err().code, "bad_frame");
        assert!(matches!(parse_client_frame(r#"{"type":"ping"}"#), Ok(ClientFrame::Ping)));
    }
}
