//! Presence on record topics: who else is viewing or editing a record, as `presence` frames to
//! the record topic's other subscribers; a snapshot on subscribe; leaving on unsubscribe, close
//! and a dead connection; never to a role that may not read the whole collection; rate limited.

use std::time::Duration;

use crate::common::{cookie_client, ws_at, TestApp, WsClient};
use serde_json::{json, Value};

/// A session of a new token named `name` with `role`, subscribed to `topic`; the token's secret.
async fn person(app: &TestApp, name: &str, role: &str, topic: &str) -> (WsClient, String) {
    let body = json!({"name": name, "role": role});
    let token = app.post("/api/tokens", body).await.body["token"].as_str().unwrap().to_owned();
    let mut ws = app.ws_as(&app.client_as(Some(&token)), "").await.expect("/ws accepts the session");
    assert_eq!(ws.next().await["type"], "welcome");
    ws.subscribe(&[topic]).await;
    (ws, token)
}

async fn announce(ws: &mut WsClient, topic: &str, state: &str) {
    ws.send(json!({"type": "presence", "topic": topic, "state": state})).await;
}

/// The next presence frame, after checking it carries no secret or token number.
async fn presence(ws: &mut WsClient, secrets: &[&str]) -> Value {
    let frame = ws.next_of("presence").await;
    let text = frame.to_string();
    for secret in secrets {
        assert!(!text.contains(secret), "a presence frame carries a token: {text}");
    }
    assert!(frame["who"].get("token_id").is_none() && !text.contains("token"), "{text}");
    frame
}

/// `(name, state)` of each person a snapshot lists, in its order.
fn listed(snapshot: &Value) -> Vec<(String, String)> {
    snapshot["present"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_owned(), p["state"].as_str().unwrap().to_owned()))
        .collect()
}

#[actix_web::test]
async fn three_people_on_an_order_see_each_other_join_change_and_leave() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Presence Ltd").await;
    let order = app.order(customer, "pending", None, 1_000).await;
    let topic = format!("orders:{order}");
    let (mut ann, ann_token) = person(&app, "Ann (dispatch)", "dispatcher", &topic).await;
    let (mut bob, bob_token) = person(&app, "Bob (accounts)", "manager", &topic).await;
    let secrets = [ann_token.as_str(), bob_token.as_str()];

    announce(&mut ann, &topic, "viewing").await;
    let joined = presence(&mut bob, &secrets).await;
    assert_eq!(joined["topic"], topic.as_str());
    assert_eq!(joined["action"], "join");
    assert_eq!(joined["who"]["name"], "Ann (dispatch)");
    assert_eq!(joined["who"]["role"], "dispatcher");
    assert_eq!(joined["state"], "viewing");
    assert_eq!(joined["count"], 1);
    let ann_id = joined["who"]["id"].as_str().unwrap().to_owned();

    announce(&mut bob, &topic, "editing").await;
    let bob_joined = presence(&mut ann, &secrets).await;
    assert_eq!((bob_joined["action"].as_str(), bob_joined["state"].as_str()), (Some("join"), Some("editing")));
    assert_eq!(bob_joined["count"], 2);
    assert_ne!(bob_joined["who"]["id"], ann_id.as_str(), "two people, two ids");

    // Carol subscribes: a snapshot follows her ack, editors first.
    let (mut carol, carol_token) = person(&app, "Carol (admin)", "admin", &topic).await;
    let secrets = [ann_token.as_str(), bob_token.as_str(), carol_token.as_str()];
    let snapshot = presence(&mut carol, &secrets).await;
    assert_eq!(snapshot["action"], "snapshot");
    assert_eq!(snapshot["count"], 2);
    assert_eq!(
        listed(&snapshot),
        [("Bob (accounts)".to_owned(), "editing".to_owned()), ("Ann (dispatch)".to_owned(), "viewing".to_owned())]
    );

    // Ann starts editing: an update, in order after the join each saw.
    announce(&mut ann, &topic, "editing").await;
    for ws in [&mut bob, &mut carol] {
        let update = presence(ws, &secrets).await;
        assert_eq!((update["action"].as_str(), update["state"].as_str()), (Some("update"), Some("editing")));
        assert_eq!(update["who"]["id"], ann_id.as_str());
    }
    // The same state again is no news: Carol's next presence frame is Bob's leave. (Ann's pong
    // comes after her session passed the frame on, so the Broadcaster has it before Bob's
    // unsubscribe.)
    announce(&mut ann, &topic, "editing").await;
    ann.send(json!({"type": "ping"})).await;
    ann.next_of("pong").await;

    bob.send(json!({"type": "unsubscribe", "topics": [topic]})).await;
    for ws in [&mut ann, &mut carol] {
        let left = presence(ws, &secrets).await;
        assert_eq!(left["action"], "leave");
        assert_eq!(left["who"]["name"], "Bob (accounts)");
        assert!(left.get("state").is_none(), "{left}");
        assert_eq!(left["count"], 1);
    }

    // Ann closes her socket: Carol sees her leave.
    ann.close().await;
    let left = presence(&mut carol, &secrets).await;
    assert_eq!((left["action"].as_str(), left["who"]["name"].as_str()), (Some("leave"), Some("Ann (dispatch)")));
    assert_eq!(left["count"], 0);
    app.stop();
}

#[actix_web::test]
async fn a_connection_that_dies_leaves_within_the_client_timeout() {
    let app = TestApp::spawn_with(&["--ws-heartbeat-ms=200", "--ws-client-timeout-ms=1000"]).await;
    let customer = app.customer("Vanishing Ltd").await;
    let order = app.order(customer, "pending", None, 1_000).await;
    let topic = format!("orders:{order}");
    let (mut watcher, _) = person(&app, "Watcher", "manager", &topic).await;
    let (mut ghost, _) = person(&app, "Ghost", "dispatcher", &topic).await;
    announce(&mut ghost, &topic, "editing").await;
    assert_eq!(watcher.next_of("presence").await["action"], "join");
    // The ghost stops answering (its process hangs; no close frame, the socket stays open).
    let started = std::time::Instant::now();
    let left = loop {
        // The watcher answers pings as it reads; the ghost reads nothing.
        let frame = watcher.next_within(Duration::from_secs(10)).await.expect("a frame");
        if frame["type"] == "presence" {
            break frame;
        }
    };
    assert_eq!((left["action"].as_str(), left["who"]["name"].as_str()), (Some("leave"), Some("Ghost")));
    assert!(started.elapsed() < Duration::from_secs(8), "left after {:?}", started.elapsed());
    drop(ghost);
    app.stop();
}

#[actix_web::test]
async fn tabs_of_one_browser_are_one_person() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Tabs Ltd").await;
    let order = app.order(customer, "pending", None, 1_000).await;
    let topic = format!("orders:{order}");
    let (mut watcher, _) = person(&app, "Watcher", "manager", &topic).await;
    let body = json!({"name": "Dana (two tabs)", "role": "dispatcher"});
    let token = app.post("/api/tokens", body).await.body["token"].as_str().unwrap().to_owned();
    let cookie = app.log_in(&token).await;
    let browser = cookie_client(&cookie, Some(&format!("http://127.0.0.1:{}", app.port)));
    let mut tabs = Vec::new();
    for _ in 0..2 {
        let mut tab = app.ws_as(&browser, "").await.expect("the cookie opens a session");
        assert_eq!(tab.next().await["type"], "welcome");
        tab.subscribe(&[topic.as_str()]).await;
        tabs.push(tab);
    }
    announce(&mut tabs[0], &topic, "viewing").await;
    let joined = watcher.next_of("presence").await;
    assert_eq!((joined["action"].as_str(), joined["count"].as_u64()), (Some("join"), Some(1)));
    // The second tab viewing too: the same person, no news. Editing there: an update.
    announce(&mut tabs[1], &topic, "viewing").await;
    announce(&mut tabs[1], &topic, "editing").await;
    let update = watcher.next_of("presence").await;
    assert_eq!((update["action"].as_str(), update["state"].as_str()), (Some("update"), Some("editing")));
    assert_eq!(update["who"]["id"], joined["who"]["id"]);
    // The editing tab closes: back to viewing; the last closes: gone.
    tabs.pop().unwrap().close().await;
    let back = watcher.next_of("presence").await;
    assert_eq!((back["action"].as_str(), back["state"].as_str()), (Some("update"), Some("viewing")));
    tabs.pop().unwrap().close().await;
    assert_eq!(watcher.next_of("presence").await["action"], "leave");
    app.stop();
}

#[actix_web::test]
async fn presence_needs_the_record_topic_a_role_that_reads_it_all_and_a_modest_rate() {
    let app = TestApp::spawn().await;
    let driver = app.create("drivers", json!({"name": "Dee"})).await["id"].as_i64().unwrap();
    let customer = app.customer("Scoped Ltd").await;
    let order = app.order(customer, "ready", Some("1 Main St"), 1_000).await;
    let delivery = app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap();
    let assigned = app.post(&format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})).await;
    assert_eq!(assigned.status, 200, "{}", assigned.body);
    let topic = format!("deliveries:{delivery}");

    // A driver may follow its own delivery, but sees nobody there and may not announce itself.
    let driver_token = app.token("driver", Some(driver)).await;
    let mut dee = app.ws_as(&app.client_as(Some(&driver_token)), "").await.unwrap();
    assert_eq!(dee.next().await["type"], "welcome");
    dee.subscribe(&[topic.as_str()]).await;
    announce(&mut dee, &topic, "viewing").await;
    let refused = dee.next().await;
    assert_eq!((refused["type"].as_str(), refused["code"].as_str()), (Some("error"), Some("forbidden")), "{refused}");

    let (mut desk, _) = person(&app, "Dispatch desk", "dispatcher", &topic).await;
    announce(&mut desk, &topic, "editing").await;
    // The next thing the driver gets is the delivery's event, not the desk's presence.
    let changed = app.patch(&format!("/api/deliveries/{delivery}"), json!({"notes": "gate code 4412"})).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let next = dee.next().await;
    assert_eq!(next["type"], "delivery_updated", "{next}");

    // Presence on a topic the session does not hold, or on a whole collection.
    announce(&mut desk, "orders:1", "viewing").await;
    assert_eq!(desk.next_of("error").await["code"], "not_subscribed");
    desk.subscribe(&["orders"]).await;
    announce(&mut desk, "orders", "viewing").await;
    assert_eq!(desk.next_of("error").await["code"], "forbidden");
    desk.send(json!({"type": "presence", "topic": topic, "state": "dancing"})).await;
    assert_eq!(desk.next_of("error").await["code"], "bad_frame");

    // A burst over the allowance is refused frame by frame; the session goes on.
    for _ in 0..20 {
        announce(&mut desk, &topic, "viewing").await;
    }
    desk.send(json!({"type": "ping"})).await;
    let mut limited = 0;
    loop {
        let frame = desk.next().await;
        match frame["type"].as_str() {
            Some("error") if frame["code"] == "rate_limited" => limited += 1,
            Some("pong") => break,
            _ => {}
        }
    }
    assert!((5..=20).contains(&limited), "{limited} of 20 refused");
    app.stop();
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn on_two_instances_each_sees_the_other_and_a_killed_instance_takes_its_people_along() {
    const TIMEOUT: &str = "--ws-client-timeout-ms=2000";
    let a = TestApp::spawn_with(&[TIMEOUT, "--ws-heartbeat-ms=500"]).await;
    let mut b = crate::shutdown::Server::start_with(&a.db.url, &[TIMEOUT, "--ws-heartbeat-ms=500"]).await;
    let customer = a.customer("Fleet Ltd").await;
    let order = a.order(customer, "pending", None, 1_000).await;
    let topic = format!("orders:{order}");

    let (mut on_a, _) = person(&a, "Ann on A", "manager", &topic).await;
    let body = json!({"name": "Bob on B", "role": "dispatcher"});
    let token = a.post("/api/tokens", body).await.body["token"].as_str().unwrap().to_owned();
    let mut on_b = ws_at(b.port, &a.client_as(Some(&token)), "").await.expect("instance B accepts the session");
    assert_eq!(on_b.next().await["type"], "welcome");
    on_b.subscribe(&[topic.as_str()]).await;

    announce(&mut on_b, &topic, "editing").await;
    let joined = on_a.next_of("presence").await;
    assert_eq!((joined["action"].as_str(), joined["who"]["name"].as_str()), (Some("join"), Some("Bob on B")));
    assert_eq!(joined["state"], "editing");
    announce(&mut on_a, &topic, "viewing").await;
    let joined = on_b.next_of("presence").await;
    assert_eq!((joined["action"].as_str(), joined["who"]["name"].as_str()), (Some("join"), Some("Ann on A")));
    assert_eq!(joined["count"], 2);

    // A third person subscribing on A gets a snapshot naming Bob, whose session is on B.
    let (mut third, _) = person(&a, "Carol on A", "admin", &topic).await;
    let snapshot = third.next_of("presence").await;
    assert_eq!(listed(&snapshot)[0], ("Bob on B".to_owned(), "editing".to_owned()));

    // B dies without a word: A lets Bob go within the client timeout (and one beat).
    let killed = std::time::Instant::now();
    b.kill();
    let left = loop {
        let frame = on_a.next_within(Duration::from_secs(10)).await.expect("a frame");
        if frame["type"] == "presence" {
            break frame;
        }
    };
    assert_eq!((left["action"].as_str(), left["who"]["name"].as_str()), (Some("leave"), Some("Bob on B")));
    assert!(killed.elapsed() < Duration::from_millis(2_000 + 2_500), "Bob left {:?} after B died", killed.elapsed());
    drop(on_b);
    a.stop();
}

#[actix_web::test]
async fn a_crowd_on_one_record_costs_each_subscriber_snapshots_not_a_frame_per_person() {
    const CROWD: usize = 60;
    let app = TestApp::spawn_with(&["--ws-sessions-per-token=0"]).await;
    let customer = app.customer("Crowd Ltd").await;
    let order = app.order(customer, "pending", None, 1_000).await;
    let topic = format!("orders:{order}");
    let (mut watcher, _) = person(&app, "Watcher", "manager", &topic).await;
    let body = json!({"name": "Someone in the crowd", "role": "dispatcher"});
    let token = app.post("/api/tokens", body).await.body["token"].as_str().unwrap().to_owned();
    let client = app.client_as(Some(&token));
    let mut crowd = Vec::new();
    for _ in 0..CROWD {
        let mut ws = app.ws_as(&client, "").await.expect("a session in the crowd");
        assert_eq!(ws.next().await["type"], "welcome");
        ws.subscribe(&[topic.as_str()]).await;
        crowd.push(ws);
    }
    for ws in &mut crowd {
        announce(ws, &topic, "viewing").await;
    }
    // The watcher learns of all of them, in fewer frames than people, none naming more than 20.
    let mut frames = 0;
    loop {
        let frame = watcher.next_of("presence").await;
        frames += 1;
        if let Some(present) = frame["present"].as_array() {
            assert!(present.len() <= 20, "a snapshot names {} people", present.len());
        }
        if frame["count"] == CROWD {
            assert_eq!(frame["action"], "snapshot", "{frame}");
            assert_eq!(frame["present"].as_array().unwrap().len(), 20);
            break;
        }
    }
    assert!(frames < CROWD, "{frames} presence frames for {CROWD} people");
    app.stop();
}
