//! Who is on a record: the people whose sessions announced `viewing` or `editing` on a record
//! topic (`orders:42`) they hold, kept by the Broadcaster. A person is one browser session (or,
//! for a token without one, one connection): several tabs of one browser are one person, present
//! while any of them is, editing while any of them is. Changes become `presence` frames for the
//! topic's other subscribers; a subscribe to a topic with people on it gets a snapshot.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::mailbox::SessionId;

/// At most this many people are named in a snapshot; `count` says how many there are in all.
pub const LISTED: usize = 20;

/// What a session says it is doing on a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Viewing,
    Editing,
}

/// A person as others see them: never a token, a session number or a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Who {
    /// Stable for a browser session (the same in each of its tabs, on every instance).
    pub id: String,
    pub name: String,
    pub role: &'static str,
}

impl Who {
    /// A browser session's person (`browser_session`), or one connection's (`connection`, for
    /// tokens and tickets without a browser session behind them).
    pub fn new(name: String, role: &'static str, browser_session: Option<i64>, connection: SessionId) -> Who {
        let source = match browser_session {
            Some(session) => format!("switchboard presence: browser session {session}"),
            None => format!("switchboard presence: connection {connection} of {}", std::process::id()),
        };
        let digest = Sha256::digest(source.as_bytes());
        let id = digest[..8].iter().map(|byte| format!("{byte:02x}")).collect();
        Who { id, name, role }
    }
}

/// One change of who is on a topic, as the frame its other subscribers get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    #[serde(rename = "type")]
    kind: &'static str,
    pub topic: String,
    /// `join`, `update` (now viewing or editing) or `leave`.
    pub action: &'static str,
    pub who: Who,
    /// What they are doing now; absent on `leave`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// People on the topic after the change.
    pub count: usize,
}

/// Who is on a topic when a session subscribes to it, that session's own person left out.
#[derive(Debug, Serialize)]
pub struct Snapshot<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    topic: &'a str,
    action: &'static str,
    /// At most [`LISTED`] of them, editors first.
    present: Vec<Present<'a>>,
    /// Everyone on the topic, the subscriber included if it is there.
    count: usize,
}

#[derive(Debug, Serialize)]
struct Present<'a> {
    #[serde(flatten)]
    who: &'a Who,
    state: State,
}

/// Every topic's people, by session.
#[derive(Debug, Default)]
pub struct Presence {
    topics: HashMap<String, BTreeMap<SessionId, (Who, State)>>,
}

impl Presence {
    /// `session` (as `who`) is now `state` on `topic`: the change others see, if any.
    pub fn set(&mut self, topic: &str, session: SessionId, who: &Who, state: State) -> Option<Change> {
        let before = self.person(topic, &who.id);
        self.topics.entry(topic.to_owned()).or_default().insert(session, (who.clone(), state));
        self.change(topic, who, before)
    }

    /// `session` left `topic` (unsubscribed, or closed): the change others see, if any.
    pub fn leave(&mut self, topic: &str, session: SessionId) -> Option<Change> {
        let id = self.topics.get(topic)?.get(&session)?.0.id.clone();
        let before = self.person(topic, &id);
        let people = self.topics.get_mut(topic)?;
        let (who, _) = people.remove(&session)?;
        if people.is_empty() {
            self.topics.remove(topic);
        }
        self.change(topic, &who, before)
    }

    /// The snapshot of `topic` for a subscriber who is `viewer`, if anyone else is there.
    pub fn snapshot<'a>(&'a self, topic: &'a str, viewer: &str) -> Option<Snapshot<'a>> {
        let people = self.people(topic);
        let mut present: Vec<Present> = people
            .iter()
            .filter(|(who, _)| who.id != viewer)
            .map(|(who, state)| Present { who, state: *state })
            .collect();
        if present.is_empty() {
            return None;
        }
        present.sort_by(|a, b| b.state.cmp(&a.state).then_with(|| a.who.name.cmp(&b.who.name)));
        present.truncate(LISTED);
        Some(Snapshot { kind: "presence", topic, action: "snapshot", present, count: people.len() })
    }

    /// The topics with people on them.
    pub fn topics(&self) -> usize {
        self.topics.len()
    }

    /// Each person on `topic` once, with what the most engaged of their sessions is doing.
    fn people(&self, topic: &str) -> Vec<(&Who, State)> {
        let mut people: BTreeMap<&str, (&Who, State)> = BTreeMap::new();
        for (who, state) in self.topics.get(topic).into_iter().flat_map(BTreeMap::values) {
            let entry = people.entry(who.id.as_str()).or_insert((who, *state));
            entry.1 = entry.1.max(*state);
        }
        people.into_values().collect()
    }

    /// What the person `id` is doing on `topic`, if they are there.
    fn person(&self, topic: &str, id: &str) -> Option<State> {
        self.topics.get(topic)?.values().filter(|(who, _)| who.id == id).map(|(_, state)| *state).max()
    }

    /// The frame for `who`'s change on `topic` from `before`, or none if others see no change.
    fn change(&self, topic: &str, who: &Who, before: Option<State>) -> Option<Change> {
        let now = self.person(topic, &who.id);
        let action = match (before, now) {
            (None, Some(_)) => "join",
            (Some(_), None) => "leave",
            (Some(before), Some(now)) if before != now => "update",
            _ => return None,
        };
        let count = self.people(topic).len();
        Some(Change { kind: "presence", topic: topic.to_owned(), action, who: who.clone(), state: now, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(id: &str, name: &str) -> Who {
        Who { id: id.to_owned(), name: name.to_owned(), role: "dispatcher" }
    }

    #[test]
    fn a_person_joins_once_and_leaves_with_their_last_tab() {
        let mut presence = Presence::default();
        let ann = who("a", "Ann");
        let joined = presence.set("orders:1", 1, &ann, State::Viewing).unwrap();
        assert_eq!((joined.action, joined.state, joined.count), ("join", Some(State::Viewing), 1));
        // A second tab of the same browser session: no news for others.
        assert_eq!(presence.set("orders:1", 2, &ann, State::Viewing), None);
        let editing = presence.set("orders:1", 2, &ann, State::Editing).unwrap();
        assert_eq!((editing.action, editing.state), ("update", Some(State::Editing)));
        // The editing tab goes: Ann is still there, viewing.
        let back = presence.leave("orders:1", 2).unwrap();
        assert_eq!((back.action, back.state), ("update", Some(State::Viewing)));
        let left = presence.leave("orders:1", 1).unwrap();
        assert_eq!((left.action, left.state, left.count), ("leave", None, 0));
        assert_eq!(presence.topics(), 0);
        assert_eq!(presence.leave("orders:1", 1), None);
    }

    #[test]
    fn a_snapshot_leaves_out_the_viewer_and_names_at_most_twenty() {
        let mut presence = Presence::default();
        for n in 0..30u64 {
            let state = if n == 29 { State::Editing } else { State::Viewing };
            presence.set("orders:1", n, &who(&format!("p{n:02}"), &format!("Person {n:02}")), state);
        }
        let snapshot = presence.snapshot("orders:1", "p00").unwrap();
        assert_eq!(snapshot.count, 30);
        assert_eq!(snapshot.present.len(), LISTED);
        assert_eq!(snapshot.present[0].who.name, "Person 29", "editors first");
        assert!(snapshot.present.iter().all(|p| p.who.id != "p00"));
        assert!(presence.snapshot("orders:2", "p00").is_none());
        let mut alone = Presence::default();
        alone.set("orders:1", 1, &who("a", "Ann"), State::Viewing);
        assert!(alone.snapshot("orders:1", "a").is_none(), "only the viewer there");
    }

    #[test]
    fn ids_are_stable_per_browser_session_and_never_the_number() {
        let a = Who::new("Ann".into(), "admin", Some(7), 1);
        let b = Who::new("Ann".into(), "admin", Some(7), 2);
        let c = Who::new("Ann".into(), "admin", None, 1);
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_eq!(a.id.len(), 16);
        assert!(a.id.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
