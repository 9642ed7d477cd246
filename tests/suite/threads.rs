//! Session threads: WebSocket sessions run on threads of their own (`--ws-threads`), spread
//! evenly, and a thread whose backlog of frames is full (`--ws-thread-backlog`) closes the
//! sessions of the next event with 1013; they resume from the log and lose nothing.

use std::time::Duration;

use crate::common::{TestApp, WsClient, WsEnd};
use awc::ws;
use serde_json::{json, Value};

async fn stats_until(app: &TestApp, what: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let stats = app.get("/api/realtime/stats").await.body;
        if done(&stats) {
            return stats;
        }
        assert!(std::time::Instant::now() < deadline, "waiting for {what}: {stats}");
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn subscribed(app: &TestApp, query: &str) -> WsClient {
    let mut ws = app.connected(query).await;
    assert_eq!(ws.next().await["type"], "subscribed");
    ws
}

async fn assert_closed_with_1013(ws: &mut WsClient) {
    match ws.next_within(Duration::from_secs(5)).await {
        Err(WsEnd::Closed(Some(reason))) => assert_eq!(reason.code, ws::CloseCode::Again, "{reason:?}"),
        other => panic!("expected a 1013 close, got {other:?}"),
    }
}

#[actix_web::test]
async fn sessions_spread_evenly_over_the_session_threads_and_give_their_place_back() {
    let app = TestApp::spawn_with(&["--ws-threads=3", "--workers=1"]).await;
    let mut sessions = Vec::new();
    for _ in 0..7 {
        sessions.push(subscribed(&app, "?topics=customers").await);
    }
    let stats = stats_until(&app, "7 sessions", |s| s["sessions"] == 7).await;
    let mut loads: Vec<u64> =
        stats["session_threads"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
    loads.sort_unstable();
    assert_eq!(loads, [2, 2, 3], "{stats}");

    let customer = app.create("customers", json!({"name": "Threaded", "email": "threaded@example.com"})).await;
    for ws in &mut sessions {
        let event = ws.next().await;
        assert_eq!(event["type"], "customer_created", "{event}");
        assert_eq!(event["id"], customer["id"]);
    }

    for ws in sessions {
        ws.close().await;
    }
    stats_until(&app, "every thread empty", |s| s["session_threads"] == json!([0, 0, 0])).await;
}

#[actix_web::test]
async fn a_full_thread_backlog_closes_the_sessions_with_1013_and_they_resume_losing_nothing() {
    // One session thread that may hold one frame: an event for one session fits, an event for
    // two does not.
    let app = TestApp::spawn_with(&["--ws-threads=1", "--ws-thread-backlog=1"]).await;
    let mut first = subscribed(&app, "?topics=customers").await;
    let alone = app.create("customers", json!({"name": "Alone", "email": "alone@example.com"})).await;
    let event = first.next().await;
    assert_eq!((event["type"].as_str(), &event["id"]), (Some("customer_created"), &alone["id"]));
    let seen = event["seq"].as_i64().unwrap();

    let mut second = subscribed(&app, "?topics=customers").await;
    let crowded = app.create("customers", json!({"name": "Crowded", "email": "crowded@example.com"})).await;
    assert_closed_with_1013(&mut first).await;
    assert_closed_with_1013(&mut second).await;
    let stats = stats_until(&app, "both sessions gone", |s| s["sessions"] == 0).await;
    assert_eq!(stats["kicked_slow_sessions"], 2, "{stats}");
    assert_eq!(stats["backlog_frames"], 0, "{stats}");

    // Each resumes where it was, alone on the thread again, and gets what it missed.
    let mut again = app.connected(&format!("?topics=customers&since={seen}")).await;
    assert_eq!(again.next().await["type"], "subscribed");
    let missed = again.next().await;
    assert_eq!((missed["type"].as_str(), &missed["id"]), (Some("customer_created"), &crowded["id"]));
    assert_eq!(missed["seq"], seen + 1);
}
