//! One delivery cursor per session: however its subscriptions overlap or repeat, and whatever
//! `since` they ask for, a session gets each event once and in `seq` order, and a replay that
//! could only come out of order is answered with `resync` instead.

use crate::common::{TestApp, WsClient};
use futures_util::future::join_all;
use serde_json::{json, Value};

/// A session whose every event is checked as it is read: each `seq` above the last one.
struct Watched {
    ws: WsClient,
    last: i64,
    /// Every event's seq, as read.
    seen: Vec<i64>,
}

fn is_event(frame: &Value) -> bool {
    frame["entity"].is_string()
}

impl Watched {
    async fn connect(app: &TestApp) -> Watched {
        let mut ws = app.ws("").await;
        assert_eq!(ws.next().await["type"], "welcome");
        Watched { ws, last: 0, seen: Vec::new() }
    }

    async fn next(&mut self) -> Value {
        let frame = self.ws.next().await;
        if is_event(&frame) {
            let seq = frame["seq"].as_i64().expect("events carry seq");
            assert!(seq > self.last, "event {seq} came after event {}: {frame}", self.last);
            self.last = seq;
            self.seen.push(seq);
        }
        frame
    }

    /// Subscribes and returns every frame that answers it: the ack and what follows (events,
    /// or a resync). A ping sent right behind the subscribe is answered only after them.
    async fn answer(&mut self, topics: &[&str], since: Option<i64>) -> Vec<Value> {
        let mut subscribe = json!({"type": "subscribe", "topics": topics});
        if let Some(since) = since {
            subscribe["since"] = json!(since);
        }
        self.ws.send(subscribe).await;
        self.ws.send(json!({"type": "ping"})).await;
        let mut frames = Vec::new();
        loop {
            let frame = self.next().await;
            if frame["type"] == "pong" {
                return frames;
            }
            frames.push(frame);
        }
    }

    /// The seqs of the next events up to and including `upto`.
    async fn events_until(&mut self, upto: i64) -> Vec<i64> {
        let mut seqs = Vec::new();
        while self.last < upto {
            if is_event(&self.next().await) {
                seqs.push(self.last);
            }
        }
        seqs
    }
}

fn ack(topics: &[&str], seq: i64) -> Value {
    json!({"type": "subscribed", "topics": topics, "seq": seq})
}

fn seqs(frames: &[Value]) -> Vec<i64> {
    frames.iter().map(|frame| frame["seq"].as_i64().unwrap()).collect()
}

async fn new_employee(app: &TestApp, name: &str) -> i64 {
    let email = format!("{}@example.com", name.to_lowercase());
    app.create("employees", json!({"name": name, "email": email})).await["id"].as_i64().unwrap()
}

#[actix_web::test]
async fn the_same_topic_asked_twice_since_zero_is_replayed_once() {
    let app = TestApp::spawn().await;
    for name in ["Ada", "Bea", "Cy"] {
        app.customer(name).await;
    }
    let mut session = Watched::connect(&app).await;

    let first = session.answer(&["customers"], Some(0)).await;
    assert_eq!(first[0], ack(&["customers"], 3));
    assert_eq!(seqs(&first[1..]), vec![1, 2, 3]);
    let again = session.answer(&["customers"], Some(0)).await;
    assert_eq!(again, vec![ack(&["customers"], 3)], "nothing the session already has");

    app.customer("Live").await;
    assert_eq!(session.events_until(4).await, vec![4], "the live event once");
}

#[actix_web::test]
async fn a_collection_inside_everything_is_not_replayed_again() {
    let app = TestApp::spawn().await;
    app.customer("Ada").await;
    new_employee(&app, "Grace").await;
    app.customer("Bea").await;
    let mut session = Watched::connect(&app).await;

    let everything = session.answer(&["*"], Some(0)).await;
    assert_eq!(seqs(&everything[1..]), vec![1, 2, 3]);
    assert_eq!(session.answer(&["customers"], Some(0)).await, vec![ack(&["customers"], 3)]);
    assert_eq!(
        session.answer(&["customers:1", "employees"], Some(0)).await,
        vec![ack(&["customers:1", "employees"], 3)]
    );

    app.customer("Live").await;
    new_employee(&app, "LiveToo").await;
    assert_eq!(session.events_until(5).await, vec![4, 5], "each live event once, whatever topics match it");
}

#[actix_web::test]
async fn a_record_topic_inside_its_collection_is_not_replayed_again() {
    let app = TestApp::spawn().await;
    app.customer("Ada").await;
    let bea = app.customer("Bea").await;
    app.patch(&format!("/api/customers/{bea}"), json!({"notes": "vip"})).await;
    let mut session = Watched::connect(&app).await;

    let collection = session.answer(&["customers"], Some(0)).await;
    assert_eq!(seqs(&collection[1..]), vec![1, 2, 3]);
    let record = format!("customers:{bea}");
    assert_eq!(session.answer(&[&record], Some(0)).await, vec![ack(&[&record], 3)]);

    app.patch(&format!("/api/customers/{bea}"), json!({"notes": "vvip"})).await;
    app.customer("Cy").await;
    assert_eq!(session.events_until(5).await, vec![4, 5]);
}

#[actix_web::test]
async fn a_replay_skips_what_a_record_topic_sent_and_brings_the_rest() {
    let app = TestApp::spawn().await;
    let ada = app.customer("Ada").await;
    app.patch(&format!("/api/customers/{ada}"), json!({"notes": "first"})).await;
    app.customer("Bea").await;
    let mut session = Watched::connect(&app).await;

    let record = format!("customers:{ada}");
    let ada_only = session.answer(&[&record], Some(0)).await;
    assert_eq!(seqs(&ada_only[1..]), vec![1, 2]);
    // 1 and 2 came through customers:1; 3 is newer than both, so it can still come in order.
    let collection = session.answer(&["customers"], Some(0)).await;
    assert_eq!(collection[0], ack(&["customers"], 3));
    assert_eq!(seqs(&collection[1..]), vec![3]);
}

#[actix_web::test]
async fn a_replay_older_than_events_already_sent_is_a_resync() {
    let app = TestApp::spawn().await;
    for name in ["Ada", "Bea", "Cy"] {
        app.customer(name).await;
    }
    let mut session = Watched::connect(&app).await;
    assert_eq!(session.answer(&["employees"], None).await, vec![ack(&["employees"], 3)]);
    for name in ["Grace", "Hedy", "Ida"] {
        new_employee(&app, name).await;
    }
    assert_eq!(session.events_until(6).await, vec![4, 5, 6]);

    // Customers 1–3 are older than employees 4–6, already sent: no replay out of order.
    let answer = session.answer(&["customers"], Some(0)).await;
    assert_eq!(answer, vec![ack(&["customers"], 6), json!({"type": "resync", "seq": 6})]);

    // Still subscribed: live events for both topics follow.
    app.customer("Live").await;
    new_employee(&app, "LiveToo").await;
    assert_eq!(session.events_until(8).await, vec![7, 8]);
}

#[actix_web::test]
async fn a_topic_resubscribed_with_an_older_since_is_a_resync() {
    let app = TestApp::spawn().await;
    for name in ["Ada", "Bea", "Cy"] {
        app.customer(name).await;
    }
    let mut session = Watched::connect(&app).await;
    assert_eq!(session.answer(&["customers"], None).await, vec![ack(&["customers"], 3)]);
    for name in ["Dee", "Eve", "Fay"] {
        app.customer(name).await;
    }
    assert_eq!(session.events_until(6).await, vec![4, 5, 6]);

    // 4–6 came live; 1–3 never did and are older than them.
    let answer = session.answer(&["customers"], Some(0)).await;
    assert_eq!(answer, vec![ack(&["customers"], 6), json!({"type": "resync", "seq": 6})]);
    // From 3 on, the session has them all: nothing to replay, nothing to resync.
    assert_eq!(session.answer(&["customers"], Some(3)).await, vec![ack(&["customers"], 6)]);
}

#[actix_web::test]
async fn a_replay_newer_than_everything_sent_still_comes_whole() {
    let app = TestApp::spawn().await;
    let mut session = Watched::connect(&app).await;
    assert_eq!(session.answer(&["employees"], None).await, vec![ack(&["employees"], 0)]);
    new_employee(&app, "Grace").await;
    assert_eq!(session.events_until(1).await, vec![1]);
    app.customer("Ada").await;
    app.customer("Bea").await;

    let answer = session.answer(&["customers"], Some(0)).await;
    assert_eq!(answer[0], ack(&["customers"], 3));
    assert_eq!(seqs(&answer[1..]), vec![2, 3], "nothing the session should get is missing");
}

/// Every event in the log, `seq` → its collection, read through a session of its own.
async fn log(app: &TestApp) -> Vec<(i64, String)> {
    let mut everything = Watched::connect(app).await;
    let frames = everything.answer(&["*"], Some(0)).await;
    frames[1..].iter().map(|event| (event["seq"].as_i64().unwrap(), event["entity"].as_str().unwrap().into())).collect()
}

#[actix_web::test]
async fn a_subscribe_with_since_during_live_traffic_keeps_seq_order() {
    subscribe_during_live_traffic(0).await;
}

#[actix_web::test]
async fn a_subscribe_with_since_behind_a_backlog_of_live_events_keeps_seq_order() {
    // Twenty events newer than the last one the client has read are on their way to it.
    subscribe_during_live_traffic(20).await;
}

/// A session on employees asks, while writers add employees and customers, for customers since
/// the last seq it has read, once the log holds `backlog` more events than that: employees
/// already on their way to it are newer than some of those customers.
async fn subscribe_during_live_traffic(backlog: i64) {
    let app = TestApp::spawn().await;
    let mut session = Watched::connect(&app).await;
    assert_eq!(session.answer(&["employees"], None).await, vec![ack(&["employees"], 0)]);

    let writers = join_all((0..4).map(|w| {
        let app = &app;
        async move {
            for r in 0..15 {
                new_employee(app, &format!("Employee{w}x{r}")).await;
                app.customer(&format!("Customer{w}x{r}")).await;
            }
        }
    }));
    let client = async {
        while session.last < 5 {
            session.next().await;
        }
        while app.log_head().await < session.last + backlog {
            actix_web::rt::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        let since = session.last;
        let answer = session.answer(&["customers"], Some(since)).await;
        (since, answer)
    };
    let ((since, answer), _) = futures_util::join!(client, writers);
    let ack = answer.iter().find(|frame| frame["type"] == "subscribed").expect("the subscribe is acknowledged");
    let live_from = ack["seq"].as_i64().unwrap();
    let resynced = answer.iter().find(|frame| frame["type"] == "resync").map(|frame| frame["seq"].as_i64().unwrap());
    if let Some(seq) = resynced {
        assert_eq!(seq, live_from, "a resync names where the live stream starts");
    }
    println!("subscribed to customers since {since}: live from {live_from}, resync {resynced:?}");
    app.customer("Last").await;
    let last = app.log_head().await;
    assert_eq!(last, 121);
    session.events_until(last).await;

    // Every seq the session read was checked to be above the one before; now check none is
    // missing: every employee event, and every customer event after `since` (or after the
    // resync's seq, when the replay could not come in order).
    let customers_from = resynced.unwrap_or(since);
    let expected: Vec<i64> = log(&app)
        .await
        .into_iter()
        .filter(|(seq, entity)| entity == "employees" || (entity == "customers" && *seq > customers_from))
        .map(|(seq, _)| seq)
        .collect();
    assert_eq!(session.seen, expected, "each event once, none missing (since {since}, resync {resynced:?})");
}
