//! Driver positions combined into one frame, for sessions that ask for it (`/ws?positions=combined`).
//!
//! At fleet rates a dispatcher's map gets hundreds of `driver_location_updated` frames a second,
//! each about 450 bytes (the driver's whole record, the keys to invalidate, who sent it), and a
//! session thread writes each to each session: with thousands of sessions the thread falls
//! behind and its sessions are closed (1013). A session that asked for combined positions gets,
//! whenever its thread has several positions for it at once, one `driver_locations_updated`
//! frame instead: each driver's newest position among them, with only what a position changes.
//! A lone position still comes as its own frame, so at a quiet rate nothing changes.
//!
//! ```json
//! {"type":"driver_locations_updated","latest":true,"entity":"drivers","seq":912,
//!  "positions":[{"id":4,"seq":911,"lat":47.61,"lng":-122.33,"location_updated_at":"…","version":7}]}
//! ```
//!
//! `seq` is the newest position's; resuming with it as `since` loses nothing.

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::web::Bytes;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::event_log::LoggedEvent;
use super::wire;
use crate::domain::Entity;

/// The frame's type.
pub const TYPE: &str = "driver_locations_updated";

/// The fields of a driver's record that a position changes: what each entry carries besides its
/// `id` and `seq`. The record's `updated_at` changed too, to `location_updated_at`: left out, as
/// a quarter of every entry would be that copy.
pub const FIELDS: [&str; 4] = ["lat", "lng", "location_updated_at", "version"];

/// Positions in one frame at most; more go in further frames.
pub const MAX_POSITIONS: usize = 400;

/// How a session wants driver positions (`/ws?positions=…`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Positions {
    /// One `driver_location_updated` frame per position (the default).
    #[default]
    Each,
    /// Several positions waiting at once come as one `driver_locations_updated` frame.
    Combined,
}

/// The part of a position's frame that goes into a combined one.
#[derive(Deserialize)]
struct Position<'a> {
    id: i64,
    seq: i64,
    #[serde(borrow)]
    data: HashMap<&'a str, &'a RawValue>,
}

/// A position's entry in a combined frame (`{"id":…,"seq":…,"lat":…,…}`); `None` if `event` is
/// not a position frame this build can read.
pub fn entry(event: &LoggedEvent) -> Option<Box<str>> {
    event.latest?;
    let json = std::str::from_utf8(wire::payload(&event.frame)).ok()?;
    let position: Position = serde_json::from_str(json).ok()?;
    let mut entry = format!(r#"{{"id":{},"seq":{}"#, position.id, position.seq);
    for field in FIELDS {
        if let Some(value) = position.data.get(field) {
            entry.push_str(&format!(r#","{field}":{}"#, value.get()));
        }
    }
    entry.push('}');
    Some(entry.into_boxed_str())
}

/// The frames carrying `events` (positions, in `seq` order), each record's newest only; `None`
/// if one of them is not a position this build can read (the caller sends them one by one).
pub fn frames(events: &[Arc<LoggedEvent>]) -> Option<Vec<Bytes>> {
    // The newest per record: the last of each.
    let mut newest: HashMap<(Entity, i64), usize> = HashMap::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        newest.insert(event.latest?, index);
    }
    let mut kept: Vec<(i64, &str)> = Vec::with_capacity(newest.len());
    for (index, event) in events.iter().enumerate() {
        if event.latest.is_some_and(|record| newest[&record] == index) {
            kept.push((event.seq, event.combined_entry(entry)?));
        }
    }
    Some(kept.chunks(MAX_POSITIONS).map(encode).collect())
}

/// One frame of `entries` (each with its `seq`).
fn encode(entries: &[(i64, &str)]) -> Bytes {
    let seq = entries.last().map_or(0, |(seq, _)| *seq);
    let length: usize = entries.iter().map(|(_, entry)| entry.len() + 1).sum();
    let mut json = String::with_capacity(96 + length);
    json.push_str(r#"{"type":""#);
    json.push_str(TYPE);
    json.push_str(r#"","latest":true,"entity":"drivers","seq":"#);
    json.push_str(&seq.to_string());
    json.push_str(r#","positions":["#);
    for (i, (_, entry)) in entries.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(entry);
    }
    json.push_str("]}");
    wire::text(&json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::realtime::filter::EventFacets;

    fn position(seq: i64, id: i64, lat: f64) -> LoggedEvent {
        let json = format!(
            r#"{{"type":"driver_location_updated","latest":true,"entity":"drivers","id":{id},"seq":{seq},"data":{{"id":{id},"name":"A \"quoted\" name","lat":{lat},"lng":2.5,"location_updated_at":"2026-12-06T10:00:00Z","updated_at":"2026-12-06T10:00:00Z","version":{seq}}},"invalidate":[["drivers"]],"by":{{"token_id":1,"name":"d","role":"driver"}}}}"#
        );
        let topics = vec!["drivers".to_owned(), format!("drivers:{id}")];
        LoggedEvent::new(seq, Some(Entity::Driver), topics, &json, vec![id], EventFacets::default())
    }

    fn text(frame: &Bytes) -> serde_json::Value {
        serde_json::from_slice(wire::payload(frame)).unwrap()
    }

    #[test]
    fn each_driver_keeps_its_newest_position_and_the_frame_the_newest_seq() {
        let events = [position(10, 1, 1.25), position(11, 2, 2.5), position(12, 1, 3.75)].map(Arc::new);
        let frames = frames(&events).unwrap();
        assert_eq!(frames.len(), 1);
        assert_eq!(
            text(&frames[0]),
            serde_json::json!({
                "type": "driver_locations_updated", "latest": true, "entity": "drivers", "seq": 12,
                "positions": [
                    {"id": 2, "seq": 11, "lat": 2.5, "lng": 2.5, "location_updated_at": "2026-12-06T10:00:00Z", "version": 11},
                    {"id": 1, "seq": 12, "lat": 3.75, "lng": 2.5, "location_updated_at": "2026-12-06T10:00:00Z", "version": 12},
                ]
            })
        );
    }

    #[test]
    fn many_positions_go_in_frames_of_at_most_the_limit() {
        let events: Vec<Arc<LoggedEvent>> = (0..1_201).map(|i| Arc::new(position(100 + i, i, 1.0))).collect();
        let frames = frames(&events).unwrap();
        let counts: Vec<usize> = frames.iter().map(|f| text(f)["positions"].as_array().unwrap().len()).collect();
        assert_eq!(counts, [400, 400, 400, 1]);
        assert_eq!(text(&frames[3])["seq"], 1_300);
    }
}
