//! The operator report: once a second, every session subscribed to `operator` (admins only)
//! gets one `{"type":"operator",…}` frame with what this instance's real-time layer is doing:
//! its sessions and their principals, deliveries and events per second, the delivery lag,
//! slow-session closes and the pool. It is a frame outside the event stream: no `seq`, never
//! replayed. The web app's Operator page draws it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::db::PoolStats;

/// The topic an admin subscribes to for the report.
pub const TOPIC: &str = "operator";

/// One principal's share of the sessions.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrincipalSessions {
    pub role: &'static str,
    pub name: String,
    pub token_id: i64,
    pub sessions: usize,
    pub topics: usize,
}

#[derive(Debug, Serialize)]
pub struct Pool {
    pub max_size: u32,
    pub connections: u32,
    pub in_use: u32,
    pub waits: u64,
    pub timeouts: u64,
}

impl From<PoolStats> for Pool {
    fn from(stats: PoolStats) -> Self {
        Pool {
            max_size: stats.max_size,
            connections: stats.connections,
            in_use: stats.connections.saturating_sub(stats.idle),
            waits: stats.waits,
            timeouts: stats.timeouts,
        }
    }
}

/// The frame.
#[derive(Debug, Serialize)]
pub struct Report {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub sessions: usize,
    /// Sessions by principal, most sessions first.
    pub principals: Vec<PrincipalSessions>,
    /// Frames handed to sessions in the last second.
    pub deliveries_per_sec: u64,
    /// Events delivered in the last second.
    pub events_per_sec: u64,
    pub delivered_seq: i64,
    /// Events that arrived but wait behind a missing one.
    pub lag_events: usize,
    pub kicked_slow_sessions: u64,
    /// Frames waiting for the session threads to hand them to their sessions.
    pub backlog_frames: usize,
    pub pool: Pool,
}

/// Groups `(role, name, token_id, topics)` of each session by principal.
pub fn principals<'a>(sessions: impl Iterator<Item = (&'static str, &'a str, i64, usize)>) -> Vec<PrincipalSessions> {
    let mut by: BTreeMap<(i64, &'static str, &str), (usize, usize)> = BTreeMap::new();
    for (role, name, token_id, topics) in sessions {
        let entry = by.entry((token_id, role, name)).or_default();
        entry.0 += 1;
        entry.1 += topics;
    }
    let mut list: Vec<PrincipalSessions> = by
        .into_iter()
        .map(|((token_id, role, name), (sessions, topics))| PrincipalSessions {
            role,
            name: name.to_owned(),
            token_id,
            sessions,
            topics,
        })
        .collect();
    list.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.cmp(b)));
    list
}
