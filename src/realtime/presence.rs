//! Who is on a record: the people whose sessions announced `viewing` or `editing` on a record
//! topic (`orders:42`) they hold, kept by the Broadcaster. A person is one browser session (or,
//! for a token without one, one connection): several tabs of one browser are one person, present
//! while any of them is, editing while any of them is. Changes become `presence` frames for the
//! topic's other subscribers; a subscribe to a topic with people on it gets a snapshot.
//!
//! On PostgreSQL, instances tell each other (`Shared` over NOTIFY, see listener.rs) what their
//! own sessions' people do: each instance's word for a person is one more holder of them here,
//! until it says otherwise, or falls silent for the client timeout.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::mailbox::SessionId;

/// At most this many people are named in a snapshot; `count` says how many there are in all.
pub const LISTED: usize = 20;

/// What a session says it is doing on a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Viewing = 0,
    Editing = 1,
}

/// A person as others see them: never a token, a session number or a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Who {
    /// Stable for a browser session (the same in each of its tabs, on every instance).
    pub id: String,
    pub name: String,
    pub role: String,
}

/// What keeps a person on a topic: a session of this instance, or another instance's word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Holder {
    Local(SessionId),
    Remote { instance: u64, person: String },
}

/// What one instance tells the others about presence (JSON, over NOTIFY).
#[derive(Debug, Serialize, Deserialize)]
pub struct Shared {
    pub instance: u64,
    #[serde(flatten)]
    pub news: News,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum News {
    /// A new instance: tell it who you have.
    Hello,
    /// Still here (sent every second while the instance has people on records).
    Alive,
    /// Forget what this instance said before (it may have missed telling you something).
    Reset,
    /// What `who` does on `topic` on the instance, all its sessions taken together; `None`: gone.
    Person { topic: String, who: Who, state: Option<State> },
}

impl Who {
    /// A browser session's person (`browser_session`), or one connection's (`connection` of the
    /// instance `instance`, for tokens and tickets without a browser session behind them: the
    /// instance's random number keeps two instances' connection numbers apart).
    pub fn new(name: String, role: &str, browser_session: Option<i64>, connection: SessionId, instance: u64) -> Who {
        let source = match browser_session {
            Some(session) => format!("switchboard presence: browser session {session}"),
            None => format!("switchboard presence: connection {connection} of instance {instance}"),
        };
        let digest = Sha256::digest(source.as_bytes());
        let id = digest[..8].iter().map(|byte| format!("{byte:02x}")).collect();
        Who { id, name, role: role.to_owned() }
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

/// One person on a topic: how many holders have them viewing or editing, here and in all.
#[derive(Debug)]
struct Person {
    who: Who,
    /// Holders in each state: [viewing, editing], all of them and this instance's alone.
    all: [u32; 2],
    local: [u32; 2],
}

impl Person {
    fn state(counts: [u32; 2]) -> Option<State> {
        match counts {
            [_, editing] if editing > 0 => Some(State::Editing),
            [viewing, _] if viewing > 0 => Some(State::Viewing),
            _ => None,
        }
    }

    fn count(&mut self, holder: &Holder, state: State, up: bool) {
        let index = state as usize;
        let step = |n: &mut u32| *n = if up { *n + 1 } else { n.saturating_sub(1) };
        step(&mut self.all[index]);
        if matches!(holder, Holder::Local(_)) {
            step(&mut self.local[index]);
        }
    }
}

/// A topic's holders and the people they make, kept together so every question about a person
/// is answered without a walk over the topic.
#[derive(Debug, Default)]
struct Topic {
    holders: HashMap<Holder, (String, State)>,
    people: HashMap<String, Person>,
}

/// Every topic's people, by what holds them there.
#[derive(Debug, Default)]
pub struct Presence {
    topics: HashMap<String, Topic>,
}

impl Presence {
    /// `holder` (as `who`) is now `state` on `topic`: the change others see, if any.
    pub fn set(&mut self, topic: &str, holder: Holder, who: &Who, state: State) -> Option<Change> {
        let before = self.person(topic, &who.id);
        let entry = self.topics.entry(topic.to_owned()).or_default();
        let person = entry.people.entry(who.id.clone()).or_insert_with(|| Person {
            who: who.clone(),
            all: [0, 0],
            local: [0, 0],
        });
        if let Some((_, old)) = entry.holders.get(&holder) {
            person.count(&holder, *old, false);
        }
        person.count(&holder, state, true);
        entry.holders.insert(holder, (who.id.clone(), state));
        self.change(topic, who, before)
    }

    /// `holder` left `topic` (unsubscribed, closed, or its instance said so): the change others
    /// see, if any.
    pub fn leave(&mut self, topic: &str, holder: &Holder) -> Option<Change> {
        let entry = self.topics.get_mut(topic)?;
        let (id, state) = entry.holders.remove(holder)?;
        let person = entry.people.get_mut(&id)?;
        let before = Person::state(person.all);
        person.count(holder, state, false);
        let who = person.who.clone();
        if Person::state(person.all).is_none() {
            entry.people.remove(&id);
        }
        if entry.holders.is_empty() {
            self.topics.remove(topic);
        }
        self.change(topic, &who, before)
    }

    /// Everything `instance` said goes (it fell silent, or reset): the changes others see.
    pub fn forget_instance(&mut self, instance: u64) -> Vec<Change> {
        let held: Vec<(String, Holder)> = self
            .topics
            .iter()
            .flat_map(|(topic, entry)| entry.holders.keys().map(move |holder| (topic.clone(), holder.clone())))
            .filter(|(_, holder)| matches!(holder, Holder::Remote { instance: i, .. } if *i == instance))
            .collect();
        held.into_iter().filter_map(|(topic, holder)| self.leave(&topic, &holder)).collect()
    }

    /// What `id` does on `topic` on this instance alone (its own sessions taken together).
    pub fn local(&self, topic: &str, id: &str) -> Option<State> {
        Person::state(self.topics.get(topic)?.people.get(id)?.local)
    }

    /// Each person this instance's sessions hold on each topic, with what they do there.
    pub fn locals(&self) -> Vec<(String, Who, State)> {
        let mut locals = Vec::new();
        for (topic, entry) in &self.topics {
            for person in entry.people.values() {
                if let Some(state) = Person::state(person.local) {
                    locals.push((topic.clone(), person.who.clone(), state));
                }
            }
        }
        locals
    }

    /// How many people are on `topic`.
    pub fn count(&self, topic: &str) -> usize {
        self.topics.get(topic).map_or(0, |entry| entry.people.len())
    }

    /// The first people of `topic` as snapshots list them (editors first, then by name): one
    /// more than a snapshot names, so any viewer's snapshot can be cut from it.
    pub fn ranked(&self, topic: &str) -> Vec<(&Who, State)> {
        let Some(entry) = self.topics.get(topic) else { return Vec::new() };
        let mut people: Vec<(&Who, State)> = entry
            .people
            .values()
            .filter_map(|person| Person::state(person.all).map(|state| (&person.who, state)))
            .collect();
        let order = |a: &(&Who, State), b: &(&Who, State)| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name));
        if people.len() > LISTED + 1 {
            people.select_nth_unstable_by(LISTED, order);
            people.truncate(LISTED + 1);
        }
        people.sort_by(order);
        people
    }

    /// The snapshot of `topic` for a subscriber who is `viewer`, if anyone else is there.
    pub fn snapshot<'a>(&'a self, topic: &'a str, viewer: &str) -> Option<Snapshot<'a>> {
        let snapshot = Snapshot::of(topic, &self.ranked(topic), self.count(topic), viewer);
        (!snapshot.present.is_empty()).then_some(snapshot)
    }

    /// The topics with people on them.
    pub fn topics(&self) -> usize {
        self.topics.len()
    }

    /// What the person `id` is doing on `topic`, if they are there.
    fn person(&self, topic: &str, id: &str) -> Option<State> {
        Person::state(self.topics.get(topic)?.people.get(id)?.all)
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
        let count = self.count(topic);
        Some(Change { kind: "presence", topic: topic.to_owned(), action, who: who.clone(), state: now, count })
    }
}

impl<'a> Snapshot<'a> {
    /// The snapshot `viewer` gets of a topic whose `ranked` people (see `Presence::ranked`) and
    /// `count` are these: everyone ranked but the viewer, at most [`LISTED`].
    pub fn of(topic: &'a str, ranked: &[(&'a Who, State)], count: usize, viewer: &str) -> Snapshot<'a> {
        let present = ranked
            .iter()
            .filter(|(who, _)| who.id != viewer)
            .take(LISTED)
            .map(|(who, state)| Present { who, state: *state })
            .collect();
        Snapshot { kind: "presence", topic, action: "snapshot", present, count }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(id: &str, name: &str) -> Who {
        Who { id: id.to_owned(), name: name.to_owned(), role: "dispatcher".to_owned() }
    }

    #[test]
    fn a_person_joins_once_and_leaves_with_their_last_tab() {
        let mut presence = Presence::default();
        let ann = who("a", "Ann");
        let joined = presence.set("orders:1", Holder::Local(1), &ann, State::Viewing).unwrap();
        assert_eq!((joined.action, joined.state, joined.count), ("join", Some(State::Viewing), 1));
        // A second tab of the same browser session: no news for others.
        assert_eq!(presence.set("orders:1", Holder::Local(2), &ann, State::Viewing), None);
        let editing = presence.set("orders:1", Holder::Local(2), &ann, State::Editing).unwrap();
        assert_eq!((editing.action, editing.state), ("update", Some(State::Editing)));
        // The editing tab goes: Ann is still there, viewing.
        let back = presence.leave("orders:1", &Holder::Local(2)).unwrap();
        assert_eq!((back.action, back.state), ("update", Some(State::Viewing)));
        let left = presence.leave("orders:1", &Holder::Local(1)).unwrap();
        assert_eq!((left.action, left.state, left.count), ("leave", None, 0));
        assert_eq!(presence.topics(), 0);
        assert_eq!(presence.leave("orders:1", &Holder::Local(1)), None);
    }

    #[test]
    fn a_snapshot_leaves_out_the_viewer_and_names_at_most_twenty() {
        let mut presence = Presence::default();
        for n in 0..30u64 {
            let state = if n == 29 { State::Editing } else { State::Viewing };
            presence.set("orders:1", Holder::Local(n), &who(&format!("p{n:02}"), &format!("Person {n:02}")), state);
        }
        let snapshot = presence.snapshot("orders:1", "p00").unwrap();
        assert_eq!(snapshot.count, 30);
        assert_eq!(snapshot.present.len(), LISTED);
        assert_eq!(snapshot.present[0].who.name, "Person 29", "editors first");
        assert!(snapshot.present.iter().all(|p| p.who.id != "p00"));
        assert!(presence.snapshot("orders:2", "p00").is_none());
        let mut alone = Presence::default();
        alone.set("orders:1", Holder::Local(1), &who("a", "Ann"), State::Viewing);
        assert!(alone.snapshot("orders:1", "a").is_none(), "only the viewer there");
    }

    #[test]
    fn another_instance_holds_a_person_until_it_says_otherwise_or_is_forgotten() {
        let mut presence = Presence::default();
        let ann = who("a", "Ann");
        let remote = Holder::Remote { instance: 9, person: "a".to_owned() };
        assert_eq!(presence.set("orders:1", remote.clone(), &ann, State::Editing).unwrap().action, "join");
        // Ann opens the record here too: no news, she was there; only this instance's part is local.
        assert_eq!(presence.set("orders:1", Holder::Local(1), &ann, State::Viewing), None);
        assert_eq!(presence.local("orders:1", "a"), Some(State::Viewing));
        assert_eq!(presence.locals(), vec![("orders:1".to_owned(), ann.clone(), State::Viewing)]);
        // Instance 9 goes silent: Ann is still here, viewing.
        let changes = presence.forget_instance(9);
        assert_eq!(changes.len(), 1);
        assert_eq!((changes[0].action, changes[0].state), ("update", Some(State::Viewing)));
        assert!(presence.forget_instance(9).is_empty());
    }

    #[test]
    fn ids_are_stable_per_browser_session_and_never_the_number() {
        let a = Who::new("Ann".into(), "admin", Some(7), 1, 10);
        let b = Who::new("Ann".into(), "admin", Some(7), 2, 11);
        let c = Who::new("Ann".into(), "admin", None, 1, 10);
        // Connection 1 of another instance is another person.
        assert_ne!(c.id, Who::new("Ann".into(), "admin", None, 1, 11).id);
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_eq!(a.id.len(), 16);
        assert!(a.id.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
