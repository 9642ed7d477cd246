//! The /ws contract: welcome, subscribe and acks, events exactly once and in order for the
//! topics a session holds, error frames for bad input, limits, and the slow-client cut-off.

use std::time::Duration;

use crate::common::{TestApp, WsClient, WsEnd};
use actix_web::http::StatusCode;
use awc::ws;
use serde_json::{json, Value};

const QUIET: Duration = Duration::from_millis(400);

async fn new_customer(app: &TestApp, n: usize) -> Value {
    app.create("customers", json!({"name": format!("Customer {n}"), "email": format!("c{n}@example.com")})).await
}

async fn connected(app: &TestApp, query: &str) -> (WsClient, Value) {
    let mut ws = app.ws(query).await;
    let welcome = ws.next().await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    (ws, welcome)
}

#[actix_web::test]
async fn welcome_names_the_seq_and_heartbeat() {
    let app = TestApp::spawn().await;
    new_customer(&app, 1).await;
    let (_ws, welcome) = connected(&app, "").await;
    assert_eq!(welcome["seq"], 1);
    assert_eq!(welcome["heartbeat_ms"], 5000);
}

#[actix_web::test]
async fn a_created_customer_reaches_a_collection_subscriber_in_the_seed_format() {
    let app = TestApp::spawn().await;
    let (mut ws, _) = connected(&app, "").await;
    let seq = ws.subscribe(&["customers"]).await;
    assert_eq!(seq, 0);

    let created = new_customer(&app, 1).await;
    let id = created["id"].as_i64().unwrap();
    let event = ws.next().await;
    assert_eq!(event["type"], "customer_created");
    assert_eq!(event["entity"], "customers");
    assert_eq!(event["id"], id);
    assert_eq!(event["seq"], 1);
    assert_eq!(event["data"], created, "data is the record as the API returns it");
    assert_eq!(event["invalidate"], json!([["customers"], ["customer", id]]));

    let patched = app.patch(&format!("/api/customers/{id}"), json!({"name": "Renamed"})).await;
    let event = ws.next().await;
    assert_eq!(event["type"], "customer_updated");
    assert_eq!(event["seq"], 2);
    assert_eq!(event["data"], patched.body);

    assert_eq!(app.delete(&format!("/api/customers/{id}")).await.status, StatusCode::NO_CONTENT);
    let event = ws.next().await;
    assert_eq!(event["type"], "customer_deleted");
    assert_eq!(event["id"], id);
    assert_eq!(event["data"]["id"], id);
    assert_eq!(event["seq"], 3);
}

#[actix_web::test]
async fn topics_in_the_query_string_subscribe_at_once() {
    let app = TestApp::spawn().await;
    let (mut ws, _) = connected(&app, "?topics=orders,customers").await;
    let ack = ws.next().await;
    assert_eq!(ack["type"], "subscribed");
    assert_eq!(ack["topics"], json!(["orders", "customers"]));
    new_customer(&app, 1).await;
    assert_eq!(ws.next().await["type"], "customer_created");
}

#[actix_web::test]
async fn sessions_receive_only_the_topics_they_hold() {
    let app = TestApp::spawn().await;
    let first = new_customer(&app, 1).await;
    let second = new_customer(&app, 2).await;
    let (mut orders_only, _) = connected(&app, "").await;
    orders_only.subscribe(&["orders"]).await;
    let (mut one_record, _) = connected(&app, "").await;
    one_record.subscribe(&[&format!("customers:{}", second["id"])]).await;

    app.patch(&format!("/api/customers/{}", first["id"]), json!({"notes": "called"})).await;
    app.patch(&format!("/api/customers/{}", second["id"]), json!({"notes": "called too"})).await;

    let event = one_record.next().await;
    assert_eq!(event["id"], second["id"]);
    assert_eq!(event["data"]["notes"], "called too");
    one_record.assert_quiet(QUIET).await;
    orders_only.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn overlapping_topics_still_deliver_one_copy() {
    let app = TestApp::spawn().await;
    let customer = new_customer(&app, 1).await;
    let id = customer["id"].as_i64().unwrap();
    let (mut ws, _) = connected(&app, "").await;
    ws.subscribe(&["*", "customers", &format!("customers:{id}")]).await;
    ws.subscribe(&["customers"]).await;
    for n in 0..5 {
        app.patch(&format!("/api/customers/{id}"), json!({"notes": format!("note {n}")})).await;
    }
    let mut seqs = Vec::new();
    for _ in 0..5 {
        seqs.push(ws.next().await["seq"].as_i64().unwrap());
    }
    assert_eq!(seqs, vec![2, 3, 4, 5, 6]);
    ws.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn unsubscribe_is_acknowledged_and_stops_events() {
    let app = TestApp::spawn().await;
    let (mut ws, _) = connected(&app, "").await;
    ws.subscribe(&["customers", "orders"]).await;
    ws.send(json!({"type": "unsubscribe", "topics": ["customers"]})).await;
    let ack = ws.next().await;
    assert_eq!(ack, json!({"type": "unsubscribed", "topics": ["customers"]}));
    new_customer(&app, 1).await;
    ws.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn a_failed_request_sends_nothing() {
    let app = TestApp::spawn().await;
    new_customer(&app, 1).await;
    let (mut ws, _) = connected(&app, "?topics=*").await;
    ws.next_of("subscribed").await;
    let duplicate = app.post("/api/customers", json!({"name": "Again", "email": "c1@example.com"})).await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    let invalid = app.post("/api/customers", json!({"name": "", "email": "nope"})).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let stale = app.patch("/api/customers/1", json!({"name": "x"})).await;
    assert_eq!(stale.status, StatusCode::OK);
    let event = ws.next().await;
    assert_eq!(event["seq"], 2, "only the successful patch is an event: {event}");
    ws.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn bad_frames_get_error_frames_and_the_session_goes_on() {
    let app = TestApp::spawn().await;
    let (mut ws, _) = connected(&app, "").await;
    let cases = [
        (ws::Message::Text("{not json".into()), "bad_json"),
        (ws::Message::Text(r#"{"type":"dance"}"#.into()), "unknown_type"),
        (ws::Message::Text(r#"{"type":"subscribe","topics":"orders"}"#.into()), "bad_frame"),
        (ws::Message::Text(r#"{"type":"subscribe","topics":["invoices:abc"]}"#.into()), "unknown_topic"),
        (ws::Message::Text(r#"{"type":"subscribe","topics":["spaceships"]}"#.into()), "unknown_topic"),
        (ws::Message::Binary("\x01\x02".into()), "binary_not_supported"),
    ];
    for (frame, code) in cases {
        ws.send_raw(frame).await;
        let error = ws.next().await;
        assert_eq!(error["type"], "error", "{error}");
        assert_eq!(error["code"], code, "{error}");
        assert!(!error["message"].as_str().unwrap().is_empty());
    }
    ws.send(json!({"type": "ping"})).await;
    assert_eq!(ws.next().await, json!({"type": "pong"}));
}

#[actix_web::test]
async fn an_oversized_frame_gets_an_error_and_a_huge_one_closes_with_1009() {
    let app = TestApp::spawn_with(&["--ws-max-frame=1024"]).await;
    let (mut ws, _) = connected(&app, "").await;
    // Over the limit, under twice it: an error frame.
    let big = json!({"type": "subscribe", "topics": ["orders"], "pad": "x".repeat(1500)});
    ws.send(big).await;
    let error = ws.next().await;
    assert_eq!(error["code"], "frame_too_large", "{error}");

    let huge = "x".repeat(1024 * 2 + 1);
    ws.send_raw(ws::Message::Text(huge.into())).await;
    match ws.next_within(Duration::from_secs(5)).await {
        Err(WsEnd::Closed(Some(reason))) => assert_eq!(reason.code, ws::CloseCode::Size),
        other => panic!("expected a 1009 close, got {other:?}"),
    }
}

#[actix_web::test]
async fn topic_and_session_limits_answer_clearly() {
    let app = TestApp::spawn_with(&["--ws-max-topics=2", "--ws-max-sessions=2"]).await;
    let (mut ws, _) = connected(&app, "").await;
    ws.send(json!({"type": "subscribe", "topics": ["orders", "customers", "drivers"]})).await;
    let error = ws.next().await;
    assert_eq!(error["code"], "too_many_topics", "{error}");
    let (_second, _) = connected(&app, "").await;

    let refused = app.get("/ws").await;
    let response = app
        .client
        .get(app.url("/ws"))
        .insert_header(("Upgrade", "websocket"))
        .insert_header(("Connection", "Upgrade"))
        .insert_header(("Sec-WebSocket-Version", "13"))
        .insert_header(("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_ne!(refused.status, StatusCode::OK);
}

#[actix_web::test]
async fn disconnected_sessions_leave_no_trace() {
    let app = TestApp::spawn().await;
    let (mut ws, _) = connected(&app, "?topics=customers,orders:1").await;
    ws.next_of("subscribed").await;
    let stats = app.get("/api/realtime/stats").await.body;
    assert_eq!(stats["sessions"], 1);
    assert_eq!(stats["indexed_topics"], 2);
    ws.close().await;
    wait_for_sessions(&app, 0, Duration::from_secs(5)).await;
    assert_eq!(app.get("/api/realtime/stats").await.body["indexed_topics"], 0);
}

#[actix_web::test]
async fn a_silent_client_is_dropped_after_the_timeout() {
    let app = TestApp::spawn_with(&["--ws-heartbeat-ms=200", "--ws-client-timeout-ms=1000"]).await;
    let (_ws, _) = connected(&app, "?topics=*").await;
    // The client never reads again, so it never answers the server's pings.
    wait_for_sessions(&app, 1, Duration::from_secs(1)).await;
    wait_for_sessions(&app, 0, Duration::from_secs(5)).await;
}

#[actix_web::test]
async fn a_client_that_stops_reading_is_cut_off_and_others_are_unharmed() {
    let app =
        TestApp::spawn_with(&["--ws-send-queue=256", "--ws-heartbeat-ms=300", "--ws-client-timeout-ms=2000"]).await;
    let customer = app.create("customers", json!({"name": "Big", "email": "big@example.com"})).await;
    let id = customer["id"].as_i64().unwrap();
    let (stalled, _) = connected(&app, "?topics=customers").await;
    let (mut healthy, _) = connected(&app, "?topics=customers").await;
    healthy.next_of("subscribed").await;
    wait_for_sessions(&app, 2, Duration::from_secs(2)).await;

    let writes = 300;
    // The healthy client reads (and answers pings) all along, and stays connected until the
    // stalled one is gone: `sessions` must then read 1.
    let stop = std::rc::Rc::new(std::cell::Cell::new(false));
    let reader = actix_web::rt::spawn({
        let stop = stop.clone();
        async move {
            let mut seqs = Vec::new();
            while seqs.len() < writes {
                let frame = healthy.next().await;
                seqs.push(frame["seq"].as_i64().unwrap());
            }
            while !stop.get() {
                match healthy.next_within(Duration::from_millis(100)).await {
                    Ok(frame) => panic!("an event after the last write: {frame}"),
                    Err(WsEnd::TimedOut) => {}
                    Err(end) => panic!("the healthy client was dropped: {end:?}"),
                }
            }
            seqs
        }
    });
    let notes = "n".repeat(1900);
    for n in 0..writes {
        let reply = app.patch(&format!("/api/customers/{id}"), json!({"notes": format!("{n} {notes}")})).await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    // The stalled client answers no ping and reads nothing: it is cut off within the timeout.
    wait_for_sessions(&app, 1, Duration::from_secs(6)).await;
    stop.set(true);
    let seqs = reader.await.unwrap();
    assert_eq!(seqs, (2..2 + writes as i64).collect::<Vec<_>>(), "every event, in order, once");
    drop(stalled);
}

async fn wait_for_sessions(app: &TestApp, expected: u64, within: Duration) {
    let deadline = std::time::Instant::now() + within;
    loop {
        let stats = app.get("/api/realtime/stats").await.body;
        if stats["sessions"] == expected {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "expected {expected} sessions, stats: {stats}");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
async fn segments_recompute_lists_the_changed_customers() {
    let app = TestApp::spawn().await;
    let (mut ws, _) = connected(&app, "?topics=customers").await;
    ws.next_of("subscribed").await;
    let reply = app.post("/api/customers/segments/recompute", json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["changed_ids"], json!([]));
    let event = ws.next().await;
    assert_eq!(event["type"], "customer_segments_updated");
    assert_eq!(event["ids"], json!([]));
    assert_eq!(event["invalidate"], json!([["customers"]]));
}

#[actix_web::test]
async fn deleting_an_employee_tells_expense_subscribers_their_expenses_changed() {
    let app = TestApp::spawn().await;
    let employee = app.create("employees", json!({"name": "Hannah Weiss", "email": "hannah@example.com"})).await;
    let body =
        json!({"category": "Fuel", "amount_cents": 4200, "expense_date": "2026-11-02", "employee_id": employee["id"]});
    let expense = app.create("expenses", body).await;
    let (mut ws, _) = connected(&app, "?topics=expenses,employees").await;
    ws.next_of("subscribed").await;
    let deleted = app.delete(&format!("/api/employees/{}", employee["id"])).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let first = ws.next().await;
    assert_eq!(first["type"], "employee_deleted");
    let second = ws.next().await;
    assert_eq!(second["type"], "expense_updated");
    assert_eq!(second["id"], expense["id"]);
    assert_eq!(second["data"]["employee_id"], Value::Null);
    assert_eq!(second["data"]["version"], 2);
    assert_eq!(second["seq"].as_i64(), first["seq"].as_i64().map(|s| s + 1));
}

/// A text frame whose bytes are not UTF-8 closes the session with 1007 (RFC 6455 §7.4.1). No
/// WebSocket client library sends one, so this speaks the protocol by hand.
#[actix_web::test]
async fn a_text_frame_that_is_not_utf8_closes_with_1007() {
    let app = TestApp::spawn().await;
    let mask = [0x12u8, 0x34, 0x56, 0x78];
    let payload = [0xffu8, 0xfe, 0xfd];
    let mut frame = vec![0x81, 0x80 | payload.len() as u8];
    frame.extend_from_slice(&mask);
    frame.extend(payload.iter().enumerate().map(|(i, byte)| byte ^ mask[i % 4]));
    assert_eq!(raw_close_code(&app, &frame).await, 1007);
}

/// A frame whose header declares more than the hard limit is refused as soon as the header is
/// in: the session closes with 1009 without waiting for (and buffering) its payload.
#[actix_web::test]
async fn a_frame_declared_past_the_hard_limit_closes_with_1009_before_its_payload() {
    let app = TestApp::spawn_with(&["--ws-max-frame=1024"]).await;
    let mut header = vec![0x81, 0x80 | 127];
    header.extend_from_slice(&(1u64 << 30).to_be_bytes());
    header.extend_from_slice(&[1, 2, 3, 4]);
    assert_eq!(raw_close_code(&app, &header).await, 1009);
}

/// Opens a session by hand, sends `bytes` once it is open, and answers the code of the close
/// frame the server sends back.
async fn raw_close_code(app: &TestApp, bytes: &[u8]) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    stream.write_all(upgrade_request("/ws", &app.admin_token).as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let mut sent = false;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let mut buffer = [0u8; 4096];
        let read =
            tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await.expect("an answer in time").unwrap();
        assert!(read > 0, "the server closed the connection without a close frame: {received:?}");
        received.extend_from_slice(&buffer[..read]);
        let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        assert!(received.starts_with(b"HTTP/1.1 101"), "{}", String::from_utf8_lossy(&received));
        if !sent {
            stream.write_all(bytes).await.unwrap();
            sent = true;
        }
        // Server frames are unmasked and small here: opcode, 7-bit length, payload.
        let mut frames = &received[end + 4..];
        while frames.len() >= 2 && frames.len() >= 2 + (frames[1] & 0x7f) as usize {
            let (opcode, length) = (frames[0] & 0x0f, (frames[1] & 0x7f) as usize);
            if opcode == 0x8 {
                return u16::from_be_bytes([frames[2], frames[3]]);
            }
            frames = &frames[2 + length..];
        }
    }
}

/// Sends `request` on a fresh connection and reads until the server closes it.
async fn raw_exchange(app: &TestApp, request: String) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read = actix_web::rt::time::timeout(Duration::from_secs(5), socket.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server kept the connection open: {}", String::from_utf8_lossy(&answer));
    String::from_utf8(answer).unwrap()
}

fn upgrade_request(path: &str, token: &str) -> String {
    format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nConnection: Upgrade\r\n\
         Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
}

#[actix_web::test]
async fn an_upgrade_request_to_another_route_gets_that_routes_answer_and_the_connection_closes() {
    let app = TestApp::spawn().await;
    new_customer(&app, 1).await;
    let answer = raw_exchange(&app, upgrade_request("/api/customers", &app.admin_token)).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("\r\nconnection: close\r\n"), "{answer}");
    let body: Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(body["items"][0]["name"], "Customer 1", "{body}");
}

#[actix_web::test]
async fn a_refused_handshake_gets_a_json_error_and_leaves_no_session() {
    let app = TestApp::spawn().await;
    let answer = raw_exchange(&app, upgrade_request("/ws?topics=orders", "not-a-token")).await;
    assert!(answer.starts_with("HTTP/1.1 401 "), "{answer}");
    let body: Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(body["error"]["code"], "unauthorized", "{body}");
    let stats = app.get("/api/realtime/stats").await.body;
    assert_eq!(stats["sessions"], 0, "{stats}");
    assert_eq!(stats["open_connections"], 0, "{stats}");
}

#[actix_web::test]
async fn client_frames_sent_with_the_handshake_are_not_lost() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn().await;
    // A subscribe frame (masked, as from a client) in the same write as the handshake request.
    let frame = br#"{"type":"subscribe","topics":["orders"]}"#;
    let mask = [1u8, 2, 3, 4];
    let mut bytes = upgrade_request("/ws", &app.admin_token).into_bytes();
    bytes.extend_from_slice(&[0x81, 0x80 | frame.len() as u8]);
    bytes.extend_from_slice(&mask);
    bytes.extend(frame.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    let mut socket = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    socket.write_all(&bytes).await.unwrap();
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !String::from_utf8_lossy(&seen).contains(r#""type":"subscribed","topics":["orders"]"#) {
        assert!(std::time::Instant::now() < deadline, "no ack: {}", String::from_utf8_lossy(&seen));
        let mut chunk = [0u8; 4096];
        let n = actix_web::rt::time::timeout(Duration::from_secs(5), socket.read(&mut chunk)).await.unwrap().unwrap();
        assert!(n > 0, "closed: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&chunk[..n]);
    }
    assert!(String::from_utf8_lossy(&seen).starts_with("HTTP/1.1 101 Switching Protocols\r\n"));
}

#[actix_web::test]
async fn the_server_pings_only_sessions_it_has_not_heard_from() {
    let app = TestApp::spawn_with(&["--ws-heartbeat-ms=1000", "--ws-client-timeout-ms=3000"]).await;
    let mut silent = app.connected("").await;
    let mut chatty = app.connected("").await;
    let (mut silent_pings, mut chatty_pings) = (0, 0);
    // 3.5 s: the chatty client sends a frame every 100 ms, like the web app's own pings; the
    // silent one only answers the server's pings.
    for _ in 0..17 {
        chatty.send(json!({"type": "ping"})).await;
        chatty_pings += chatty.pings_within(Duration::from_millis(100)).await;
        silent_pings += silent.pings_within(Duration::from_millis(100)).await;
    }
    assert_eq!(chatty_pings, 0, "a client heard from within the beat is not pinged");
    // Pinged after its first silent second, not at the next beat (its pong was heard less than a
    // beat before), then again: every other beat.
    assert!((1..=3).contains(&silent_pings), "{silent_pings} pings");
    // Both are still there: answering pings is enough to stay connected.
    let stats = app.get("/api/realtime/stats").await.body;
    assert_eq!(stats["sessions"], 2, "{stats}");
}

#[actix_web::test]
async fn sessions_that_connect_together_are_pinged_at_different_moments() {
    let app = TestApp::spawn_with(&["--ws-heartbeat-ms=1000", "--ws-client-timeout-ms=3000"]).await;
    let mut sessions = Vec::new();
    for _ in 0..10 {
        sessions.push(app.connected("").await);
    }
    let opened = std::time::Instant::now();
    // When each is first pinged: somewhere in its second silent second.
    let mut first_ping = vec![None; sessions.len()];
    while first_ping.iter().any(Option::is_none) && opened.elapsed() < Duration::from_secs(4) {
        for (ws, first) in sessions.iter_mut().zip(&mut first_ping) {
            if ws.pings_within(Duration::from_millis(10)).await > 0 && first.is_none() {
                *first = Some(opened.elapsed());
            }
        }
    }
    let firsts: Vec<Duration> = first_ping.into_iter().map(|first| first.expect("every session is pinged")).collect();
    let spread = *firsts.iter().max().unwrap() - *firsts.iter().min().unwrap();
    // Ten sessions opened within a few milliseconds, pinged over at least half a beat.
    assert!(spread >= Duration::from_millis(500), "first pings {firsts:?}");
}

#[actix_web::test]
async fn a_bad_since_on_the_handshake_is_a_bad_query_naming_it() {
    let app = TestApp::spawn().await;
    let reply = app.get("/ws?topics=orders&since=yesterday").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert_eq!(reply.body["error"]["code"], "bad_query");
    assert!(reply.body["error"]["details"]["since"].is_string(), "{}", reply.body);
    assert!(reply.body["error"]["message"].as_str().unwrap().starts_with("since"), "{}", reply.body);
}
