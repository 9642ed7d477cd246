//! A session's subscriptions: the client's subscribe and unsubscribe frames, the replay of the
//! log after `since` (or a `resync`), and the ack that puts the topics live.

use actix::prelude::*;

use crate::realtime::broadcaster;
use crate::realtime::event_log::{self, LoggedEvent};
use crate::realtime::filter::{Filter, Membership};
use crate::realtime::presence;
use crate::realtime::protocol::{self, check_topics, parse_client_frame, ClientFrame, FrameError, ServerFrame};
use crate::realtime::transport::SharedFrame;

use super::{encode, WsSession, PRESENCE_PER_SEC};
use std::sync::Arc;

/// What follows a subscribe's ack.
pub(super) enum Replay {
    /// Nothing: the subscribe had no `since`.
    Nothing,
    /// The matching events after `since` the session has not received yet.
    Events { since: i64, events: Vec<LoggedEvent> },
    /// Nothing, and no live event up to `since` either: the client has seen, on another
    /// instance, events this one has not delivered yet (its listener is a moment behind).
    Ahead { since: i64 },
    /// A `resync`: the log no longer reaches back to `since`, the replay would be too long, or
    /// an event in it is older than one already sent.
    Resync,
}

impl WsSession {
    pub(super) fn on_text(&mut self, text: &str, ctx: &mut Context<Self>) {
        if !self.within_rate(ctx) {
            return;
        }
        if text.len() > self.limits.max_text {
            let message = format!("frame of {} bytes is over the {} byte limit", text.len(), self.limits.max_text);
            return self.send_error(FrameError::new("frame_too_large", message), ctx);
        }
        match parse_client_frame(text) {
            Ok(ClientFrame::Subscribe { topics, since }) => self.subscribe(topics, since, ctx),
            Ok(ClientFrame::Unsubscribe { topics }) => self.unsubscribe(topics, ctx),
            Ok(ClientFrame::Presence { topic, state }) => self.announce(topic, state, ctx),
            Ok(ClientFrame::Ping) => self.send_frame(&ServerFrame::Pong, ctx),
            Err(error) => self.send_error(error, ctx),
        }
    }

    pub(super) fn subscribe(&mut self, topics: Vec<String>, since: Option<i64>, ctx: &mut Context<Self>) {
        let topics = match check_topics(&self.principal, topics) {
            Ok(topics) => topics,
            Err(error) => return self.send_error(error, ctx),
        };
        let added = topics.iter().filter(|topic| !self.topics.contains_key(*topic)).count();
        if self.topics.len() + added > self.limits.max_topics {
            let message = format!("a session may hold at most {} topics", self.limits.max_topics);
            return self.send_error(FrameError::new("too_many_topics", message), ctx);
        }
        // The confirmation comes behind every event already handed to this session, so when it
        // arrives the replay cannot overtake them; until then the client's next frames wait.
        self.gate.shut();
        self.awaiting = Some((topics.clone(), since));
        self.broadcaster.do_send(broadcaster::Subscribe { id: self.id, topics });
    }

    /// Answers the confirmed subscribe: the ack, then the replay for `since` or a `resync`, then
    /// who is on its record topics (`presence`).
    pub(super) fn confirm(
        &mut self,
        topics: Vec<String>,
        since: Option<i64>,
        live_from: i64,
        presence: Vec<Arc<SharedFrame>>,
        ctx: &mut Context<Self>,
    ) {
        let Some(since) = since else {
            return self.subscribed(&topics, live_from, Replay::Nothing, presence, ctx);
        };
        // Only a session holding nothing yet may skip ahead: its cursor covers no other topic.
        if since > live_from && self.topics.is_empty() {
            return self.resume_ahead(topics, since, live_from, presence, ctx);
        }
        let pool = self.pool.clone();
        let max_replay = self.limits.max_replay;
        let read = actix_web::web::block(move || {
            let mut conn = pool.get().ok()?;
            let events = event_log::read_range(&mut conn, since, live_from).ok()??;
            (events.len() <= max_replay).then_some(events)
        });
        // Until the replay is queued this actor handles nothing else, so live events for the new
        // topics (all after `live_from`) wait in the mailbox behind it.
        ctx.wait(read.into_actor(self).map(move |result, act, ctx| {
            let Ok(events) = result else {
                return ctx.stop();
            };
            let replay = match events.and_then(|events| act.unsent(events, &topics)) {
                Some(events) => Replay::Events { since, events },
                None => Replay::Resync,
            };
            act.subscribed(&topics, live_from, replay, presence, ctx);
        }));
    }

    /// A `since` past what this instance has delivered: the client resumes here after seeing
    /// newer events on another instance. When the log has them (the listener is merely behind),
    /// nothing is replayed and they are not sent again; past the log's head it is another log's
    /// `since` (a restored database): a resync.
    fn resume_ahead(
        &mut self,
        topics: Vec<String>,
        since: i64,
        live_from: i64,
        presence: Vec<Arc<SharedFrame>>,
        ctx: &mut Context<Self>,
    ) {
        let pool = self.pool.clone();
        let head = actix_web::web::block(move || {
            let mut conn = pool.get().ok()?;
            event_log::head(&mut conn).ok()
        });
        ctx.wait(head.into_actor(self).map(move |result, act, ctx| {
            let Ok(head) = result else {
                return ctx.stop();
            };
            let replay = if head.is_some_and(|head| since <= head) { Replay::Ahead { since } } else { Replay::Resync };
            act.subscribed(&topics, live_from, replay, presence, ctx);
        }));
    }

    /// Of the replayed `events`, those for `topics` this session has not received, oldest first,
    /// each marked with the filtered topics its records left; `None` when one of them is older
    /// than an event already sent (it could only go out of order).
    pub(super) fn unsent(&self, events: Vec<LoggedEvent>, topics: &[String]) -> Option<Vec<LoggedEvent>> {
        let parsed = |topic: &String| (topic.clone(), Filter::parse(topic).ok().flatten());
        let asked: Vec<(String, Option<Filter>)> = topics.iter().map(parsed).collect();
        let held: Vec<((String, Option<Filter>), i64)> =
            self.topics.iter().map(|(topic, from)| (parsed(topic), *from)).collect();
        let outbox = self.outbox.borrow();
        let mut unsent = Vec::new();
        for event in events {
            if !asked.iter().any(|(topic, filter)| event.matches(topic, filter.as_ref())) || !outbox.visible(&event) {
                continue;
            }
            if event.seq > outbox.cursor {
                let left: Vec<(&str, Vec<i64>)> = asked
                    .iter()
                    .filter_map(|(_, filter)| match event.membership(filter.as_ref()?) {
                        Membership::Left(ids) => Some((filter.as_ref()?.topic(), ids)),
                        _ => None,
                    })
                    .collect();
                if left.is_empty() {
                    unsent.push(event);
                } else {
                    let left: Vec<(&str, &[i64])> = left.iter().map(|(topic, ids)| (*topic, ids.as_slice())).collect();
                    unsent.push(event.leaving(&left));
                }
            } else if !held
                .iter()
                .any(|((topic, filter), from)| *from < event.seq && event.matches(topic, filter.as_ref()))
            {
                return None;
            }
        }
        Some(unsent)
    }

    /// Queues the ack and what follows it, and lets the client's next frames in.
    pub(super) fn subscribed(
        &mut self,
        topics: &[String],
        live_from: i64,
        replay: Replay,
        presence: Vec<Arc<SharedFrame>>,
        ctx: &mut Context<Self>,
    ) {
        let mut outbox = self.outbox.borrow_mut();
        if outbox.closing {
            return;
        }
        // On an event stream, `id` is where the client resumes from: the ack's when nothing is
        // replayed (the client has all up to `live_from`), else the replayed events' or the
        // resync's.
        let ack_id = matches!(replay, Replay::Nothing).then_some(live_from);
        let transport = outbox.transport();
        outbox.push(encode(&transport, &ServerFrame::Subscribed { topics, seq: live_from }, ack_id));
        let covered = match replay {
            Replay::Nothing => live_from,
            Replay::Resync => {
                self.metrics.resyncs.increment(1);
                outbox.push(encode(&transport, &ServerFrame::Resync { seq: live_from }, Some(live_from)));
                live_from
            }
            Replay::Ahead { since } => {
                outbox.cursor = outbox.cursor.max(since);
                since
            }
            Replay::Events { since, events } => {
                self.metrics.replayed_events.increment(events.len() as u64);
                for event in events {
                    outbox.push_replayed(event);
                }
                since
            }
        };
        for frame in presence {
            outbox.push(transport.shared(&frame));
        }
        // Then the live events that came meanwhile, those the replay did not hold.
        outbox.release();
        drop(outbox);
        for topic in topics {
            let from = self.topics.entry(topic.clone()).or_insert(covered);
            *from = (*from).min(covered);
        }
        self.gate.open();
        self.flush(ctx);
    }

    /// A `presence` frame: on a record topic this session holds, where its role may see who is
    /// there, at most `PRESENCE_BURST` at once and `PRESENCE_PER_SEC` a second after that.
    pub(super) fn announce(&mut self, topic: String, state: presence::State, ctx: &mut Context<Self>) {
        if !self.topics.contains_key(&topic) {
            let message = format!("subscribe to {topic:?} before saying what you do there");
            return self.send_error(FrameError::new("not_subscribed", message), ctx);
        }
        if !broadcaster::sees_presence(self.principal.role, &topic) {
            let message = format!("the {} role has no presence on {topic}", self.principal.role);
            return self.send_error(FrameError::new("forbidden", message), ctx);
        }
        if !self.presence_rate.take() {
            let message = format!("at most {PRESENCE_PER_SEC} presence frames a second");
            return self.send_error(FrameError::new("rate_limited", message), ctx);
        }
        self.broadcaster.do_send(broadcaster::SetPresence { id: self.id, topic, state });
    }

    pub(super) fn unsubscribe(&mut self, topics: Vec<String>, ctx: &mut Context<Self>) {
        // A filtered topic as the ack spelled it, whichever way the client spells it.
        let topics: Vec<String> =
            topics.into_iter().map(|topic| protocol::normalise_topic(topic.clone()).unwrap_or(topic)).collect();
        for topic in &topics {
            self.topics.remove(topic);
        }
        self.broadcaster.do_send(broadcaster::Unsubscribe { id: self.id, topics: topics.clone() });
        self.send_frame(&ServerFrame::Unsubscribed { topics: &topics }, ctx);
    }
}
