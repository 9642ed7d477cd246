//! Latest values held back from a session thread that has fallen behind.
//!
//! A session whose socket is slow gets, of the driver positions queued for it, only the newest
//! per driver (`outbox`). A session thread (its hub) can fall behind too: when the machine cannot
//! hand every fix to every session as fast as the fleet sends them (2,000 drivers every 2 s to
//! 3,000 dispatchers is 3 million frames a second). Rather than let its backlog fill and close
//! its sessions, the Broadcaster then holds the positions for that thread, the newest per driver,
//! and hands them over once the thread has caught up, or before anything else goes to it, so
//! every session still receives its events in `seq` order. Business events are never held.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::event_log::LoggedEvent;
use super::mailbox::SessionId;
use crate::domain::Entity;

/// One session thread's held positions: each record's newest, with the sessions it is for.
#[derive(Default)]
pub struct Held {
    /// The `seq` of the value held for each record.
    newest: HashMap<(Entity, i64), i64>,
    /// By `seq`, the order they go out in.
    values: BTreeMap<i64, (Arc<LoggedEvent>, Vec<SessionId>)>,
}

impl Held {
    /// Holds `event`, the latest value of `record`, for `sessions`, in place of an older value
    /// of the same record held; answers how many frames that older value would have been.
    pub fn hold(&mut self, record: (Entity, i64), event: Arc<LoggedEvent>, sessions: Vec<SessionId>) -> usize {
        let seq = event.seq;
        let superseded = match self.newest.insert(record, seq) {
            Some(older) => self.values.remove(&older).map_or(0, |(_, sessions)| sessions.len()),
            None => 0,
        };
        self.values.insert(seq, (event, sessions));
        superseded
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Everything held, oldest first, leaving nothing.
    pub fn take(&mut self) -> Vec<(Arc<LoggedEvent>, Vec<SessionId>)> {
        self.newest.clear();
        std::mem::take(&mut self.values).into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(seq: i64, driver: i64) -> Arc<LoggedEvent> {
        let topics = vec!["drivers".to_owned(), format!("drivers:{driver}")];
        let json = format!(r#"{{"type":"driver_location_updated","latest":true,"seq":{seq}}}"#);
        Arc::new(LoggedEvent::new(seq, Some(Entity::Driver), topics, &json, Vec::new(), None))
    }

    #[test]
    fn only_each_drivers_newest_position_is_held_and_all_go_out_in_seq_order() {
        let mut held = Held::default();
        let sessions = |ids: &[SessionId]| ids.to_vec();
        assert_eq!(held.hold((Entity::Driver, 7), position(10, 7), sessions(&[1, 2])), 0);
        assert_eq!(held.hold((Entity::Driver, 8), position(11, 8), sessions(&[1])), 0);
        assert_eq!(held.hold((Entity::Driver, 7), position(12, 7), sessions(&[1, 2])), 2, "7's fix 10 is superseded");
        assert_eq!(held.hold((Entity::Driver, 9), position(13, 9), sessions(&[2])), 0);
        let out: Vec<(i64, usize)> = held.take().iter().map(|(event, to)| (event.seq, to.len())).collect();
        assert_eq!(out, [(11, 1), (12, 2), (13, 1)]);
        assert!(held.is_empty());
        assert_eq!(held.hold((Entity::Driver, 7), position(14, 7), sessions(&[1])), 0, "nothing older is held now");
    }
}
