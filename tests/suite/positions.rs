//! Driver positions as "latest value" events: a session that falls behind on `drivers` gets each
//! driver's newest position rather than every fix, and every business event once, in order.

use std::collections::HashMap;
use std::time::Duration;

use actix_web::http::StatusCode;
use serde_json::{json, Value};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::{eventually, TestApp};

const QUIET: Duration = Duration::from_millis(400);

/// `POST /api/drivers/{id}/location`; the seq of its event (the log's head: the tests write
/// one thing at a time).
async fn fix(app: &TestApp, driver: i64, lat: f64, lng: f64) -> i64 {
    let reply = app.post(&format!("/api/drivers/{driver}/location"), json!({"lat": lat, "lng": lng})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    app.log_head().await
}

/// A driver's position after its `n`th fix in these tests.
fn position(driver: i64, n: usize) -> (f64, f64) {
    (driver as f64 + n as f64 / 10_000.0, -(driver as f64) - n as f64 / 10_000.0)
}

/// A WebSocket session over a socket with a small receive buffer, so that a test that stops
/// reading fills it soon; it reads text frames by hand (server frames are never masked).
struct SmallWindow {
    stream: TcpStream,
    received: Vec<u8>,
}

impl SmallWindow {
    async fn open(app: &TestApp, path: &str) -> SmallWindow {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let mut stream = socket.connect(([127, 0, 0, 1], app.port).into()).await.unwrap();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\nConnection: Upgrade\r\n\
             Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
            app.admin_token
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut session = SmallWindow { stream, received: Vec::new() };
        let end = loop {
            if let Some(end) = session.received.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            session.read(Duration::from_secs(5)).await.expect("the handshake's answer");
        };
        assert!(session.received.starts_with(b"HTTP/1.1 101"), "{}", String::from_utf8_lossy(&session.received));
        session.received.drain(..end + 4);
        session
    }

    /// Reads what arrives within `wait`; `None` when nothing did.
    async fn read(&mut self, wait: Duration) -> Option<()> {
        let mut buffer = [0u8; 16 * 1024];
        let read = tokio::time::timeout(wait, self.stream.read(&mut buffer)).await.ok()?.unwrap();
        assert!(read > 0, "the server closed the connection");
        self.received.extend_from_slice(&buffer[..read]);
        Some(())
    }

    /// The next text frame as JSON, within `wait`: `Err(Some(code))` for a close frame,
    /// `Err(None)` when none came.
    async fn next_within(&mut self, wait: Duration) -> Result<Value, Option<u16>> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some((opcode, payload)) = self.frame() {
                match opcode {
                    0x1 => return Ok(serde_json::from_slice(&payload).expect("server frames are JSON")),
                    0x8 => return Err(Some(u16::from_be_bytes([payload[0], payload[1]]))),
                    _ => continue,
                }
            }
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            self.read(left).await.ok_or(None)?;
        }
    }

    /// The first whole frame received: its opcode and payload.
    fn frame(&mut self) -> Option<(u8, Vec<u8>)> {
        let header = self.received.get(..2)?;
        let (opcode, short) = (header[0] & 0x0f, (header[1] & 0x7f) as usize);
        let (start, length) = match short {
            126 => (4, u16::from_be_bytes(self.received.get(2..4)?.try_into().unwrap()) as usize),
            127 => (10, u64::from_be_bytes(self.received.get(2..10)?.try_into().unwrap()) as usize),
            length => (2, length),
        };
        let payload = self.received.get(start..start + length)?.to_vec();
        self.received.drain(..start + length);
        Some((opcode, payload))
    }
}

async fn kicked(app: &TestApp) -> u64 {
    app.get("/api/realtime/stats").await.body["kicked_slow_sessions"].as_u64().expect("stats count kicked sessions")
}

#[actix_web::test]
async fn a_slow_session_gets_each_drivers_latest_position_and_every_business_event_in_order() {
    let send_queue = 16;
    let app = TestApp::spawn_with(&[
        &format!("--ws-send-queue={send_queue}"),
        "--rate-limit-per-min=0",
        "--ws-heartbeat-ms=60000",
        "--ws-client-timeout-ms=120000",
    ])
    .await;
    // Long names make every fix's frame (the driver's record) big: the buffers fill sooner.
    let mut drivers = Vec::new();
    for n in 0..4 {
        let (name, vehicle) = (format!("Driver {n} {}", "n".repeat(1900)), format!("Van {}", "v".repeat(1900)));
        let created = app.create("drivers", json!({"name": name, "vehicle": vehicle})).await;
        drivers.push(created["id"].as_i64().unwrap());
    }
    let mut slow = SmallWindow::open(&app, "/ws?topics=drivers").await;
    while slow.next_within(Duration::from_secs(5)).await.expect("the session opens")["type"] != "subscribed" {}

    // The session reads nothing from here on: fixes until its socket has stopped taking bytes
    // and frames wait in its outbox (the send-queue metric is sampled only then).
    let mut fixes: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut last: HashMap<i64, (f64, f64)> = HashMap::new();
    let mut written = 0;
    let mut round = 0;
    while app.gauge("switchboard_ws_send_queue_depth_count").await == 0.0 {
        assert!(written < 200_000, "the session's socket still takes every frame after {written} fixes");
        for _ in 0..50 {
            let (lat, lng) = position(drivers[round % 4], round);
            let driver = drivers[round % 4];
            fixes.entry(driver).or_default().push(fix(&app, driver, lat, lng).await);
            last.insert(driver, (lat, lng));
            written += 1;
            round += 1;
        }
    }

    // Behind now: many more fixes than the queue holds, and a few business events among them.
    let mut business = Vec::new();
    for step in 0..200 {
        let driver = drivers[step % 4];
        let (lat, lng) = position(driver, round);
        fixes.entry(driver).or_default().push(fix(&app, driver, lat, lng).await);
        last.insert(driver, (lat, lng));
        written += 1;
        round += 1;
        if step % 40 == 0 {
            let status = if step % 80 == 0 { "available" } else { "offline" };
            let reply = app.post(&format!("/api/drivers/{driver}/status"), json!({ "status": status })).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            business.push(app.log_head().await);
        }
    }
    let created = app.post("/api/drivers", json!({"name": "Late Driver", "vehicle": "Bike"})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    business.push(app.log_head().await);
    assert!(business.len() < send_queue / 2, "business events alone stay within the queue");

    // Now it reads: every business event and each driver's final position, then nothing.
    let finals: HashMap<i64, i64> = fixes.iter().map(|(driver, seqs)| (*driver, *seqs.last().unwrap())).collect();
    let mut got_business = Vec::new();
    let mut got_fixes: HashMap<i64, Vec<(i64, Value)>> = HashMap::new();
    let mut previous = 0;
    let done = |got_business: &Vec<i64>, got_fixes: &HashMap<i64, Vec<(i64, Value)>>| {
        got_business.len() == business.len()
            && finals
                .iter()
                .all(|(driver, seq)| got_fixes.get(driver).and_then(|got| got.last()).map(|f| f.0) == Some(*seq))
    };
    while !done(&got_business, &got_fixes) {
        let frame = match slow.next_within(Duration::from_secs(10)).await {
            Ok(frame) => frame,
            Err(end) => panic!("the slow session ended ({end:?}) after {} business events", got_business.len()),
        };
        let seq = frame["seq"].as_i64().unwrap_or_else(|| panic!("an event frame: {frame}"));
        assert!(seq > previous, "in seq order: {seq} after {previous}");
        previous = seq;
        if frame["type"] == "driver_location_updated" {
            assert_eq!(frame["latest"], true, "{frame}");
            let driver = frame["id"].as_i64().unwrap();
            assert!(fixes[&driver].contains(&seq), "a fix that was written: {frame}");
            got_fixes.entry(driver).or_default().push((seq, frame["data"].clone()));
        } else {
            assert_eq!(frame.get("latest"), None, "{frame}");
            got_business.push(seq);
        }
    }
    assert_eq!(slow.next_within(QUIET).await, Err(None), "nothing after the last write");
    assert_eq!(got_business, business, "every business event, once, in order");
    for (driver, (lat, lng)) in &last {
        let data = &got_fixes[driver].last().unwrap().1;
        let close = |got: &Value, wrote: f64| got.as_f64().is_some_and(|got| (got - wrote).abs() < 1e-9);
        assert!(close(&data["lat"], *lat) && close(&data["lng"], *lng), "driver {driver}'s final position: {data}");
    }
    let received: usize = got_fixes.values().map(Vec::len).sum();
    assert!(received < written, "the session was behind: {received} of {written} fixes reached it");
    assert_eq!(kicked(&app).await, 0, "no session was closed as too slow");
}

#[actix_web::test]
async fn positions_past_their_window_are_pruned_to_each_drivers_newest_and_business_events_stay() {
    // Five events kept by count would be the last five; positions do not count against it, and
    // the log holds three business events. (It also bounds a replay: five events.)
    let app = TestApp::spawn_with(&[
        "--log-positions-retain-secs=1",
        "--log-retain-events=5",
        "--log-prune-secs=1",
        "--rate-limit-per-min=0",
    ])
    .await;
    let ana = app.create("drivers", json!({"name": "Ana"})).await["id"].as_i64().unwrap();
    let ben = app.create("drivers", json!({"name": "Ben"})).await["id"].as_i64().unwrap();
    let mut business = vec![1, 2];
    let mut newest = HashMap::new();
    for n in 0..5 {
        for driver in [ana, ben] {
            let (lat, lng) = position(driver, n);
            newest.insert(driver, fix(&app, driver, lat, lng).await);
        }
    }
    let reply = app.post(&format!("/api/drivers/{ana}/status"), json!({"status": "available"})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    business.push(app.log_head().await);
    for n in 5..8 {
        let (lat, lng) = position(ana, n);
        newest.insert(ana, fix(&app, ana, lat, lng).await);
    }
    let head = app.log_head().await;
    assert_eq!(head, 16, "one event a write");

    let mut kept: Vec<i64> = business.iter().chain(newest.values()).copied().collect();
    kept.sort();
    eventually("the log's old positions pruned", Duration::from_secs(20), || async {
        (app.gauge("switchboard_event_log_rows").await <= kept.len() as f64).then_some(())
    })
    .await;

    // A replay from the start gets every business event and each driver's newest position.
    let mut ws = app.connected("?topics=drivers&since=0").await;
    assert_eq!(ws.next().await["type"], "subscribed");
    let mut replayed = Vec::new();
    while replayed.len() < kept.len() {
        let frame = match ws.next_within(Duration::from_secs(10)).await {
            Ok(frame) => frame,
            Err(end) => panic!("{end:?} after {replayed:?}, expected {kept:?}"),
        };
        assert!(frame["type"].as_str().is_some_and(|kind| kind.starts_with("driver_")), "{frame}");
        replayed.push(frame["seq"].as_i64().unwrap_or_else(|| panic!("an event: {frame}")));
    }
    assert_eq!(replayed, kept, "business events {business:?}, newest positions {newest:?}");
    ws.assert_quiet(QUIET).await;
    assert_eq!(app.gauge("switchboard_event_log_rows").await, kept.len() as f64);
}

/// Reads frames until every business event and each driver's final position (`finals`, by seq)
/// arrived; answers the positions by driver (seq, lat, lng) and the business events' seqs, each
/// in arrival order, and the combined frames' sizes. Checks as it goes that everything comes in
/// `seq` order and that a combined frame holds a driver at most once.
async fn read_until_caught_up(
    session: &mut SmallWindow,
    finals: &HashMap<i64, i64>,
    business: &[i64],
) -> (HashMap<i64, Vec<(i64, f64, f64)>>, Vec<i64>, Vec<usize>) {
    let (mut positions, mut got_business, mut combined) = (HashMap::<i64, Vec<(i64, f64, f64)>>::new(), vec![], vec![]);
    let mut previous = 0;
    let caught_up = |positions: &HashMap<i64, Vec<(i64, f64, f64)>>, got: &Vec<i64>| {
        got.len() == business.len()
            && finals
                .iter()
                .all(|(driver, seq)| positions.get(driver).and_then(|p| p.last()).map(|p| p.0) == Some(*seq))
    };
    while !caught_up(&positions, &got_business) {
        let frame = match session.next_within(Duration::from_secs(10)).await {
            Ok(frame) => frame,
            Err(end) => panic!("the session ended ({end:?}) after {} business events", got_business.len()),
        };
        let seq = frame["seq"].as_i64().unwrap_or_else(|| panic!("an event frame: {frame}"));
        match frame["type"].as_str() {
            Some("driver_locations_updated") => {
                assert_eq!((&frame["latest"], &frame["entity"]), (&json!(true), &json!("drivers")), "{frame}");
                let entries = frame["positions"].as_array().expect("positions");
                let mut drivers: Vec<i64> = entries.iter().map(|p| p["id"].as_i64().unwrap()).collect();
                drivers.sort();
                drivers.dedup();
                assert_eq!(drivers.len(), entries.len(), "each driver once in a frame: {frame}");
                for entry in entries {
                    let entry_seq = entry["seq"].as_i64().unwrap();
                    assert!(entry_seq > previous, "in seq order: {entry_seq} after {previous}");
                    previous = entry_seq;
                    let (lat, lng) = (entry["lat"].as_f64().unwrap(), entry["lng"].as_f64().unwrap());
                    assert!(entry["location_updated_at"].is_string() && entry["version"].is_i64(), "{entry}");
                    positions.entry(entry["id"].as_i64().unwrap()).or_default().push((entry_seq, lat, lng));
                }
                assert_eq!(seq, previous, "the frame's seq is its newest position's");
                combined.push(entries.len());
            }
            Some("driver_location_updated") => {
                assert!(seq > previous, "in seq order: {seq} after {previous}");
                previous = seq;
                let data = &frame["data"];
                let (lat, lng) = (data["lat"].as_f64().unwrap(), data["lng"].as_f64().unwrap());
                positions.entry(frame["id"].as_i64().unwrap()).or_default().push((seq, lat, lng));
            }
            _ => {
                assert!(seq > previous, "in seq order: {seq} after {previous}");
                previous = seq;
                assert_eq!(frame.get("latest"), None, "{frame}");
                got_business.push(seq);
            }
        }
    }
    assert_eq!(session.next_within(QUIET).await, Err(None), "nothing after the last write");
    (positions, got_business, combined)
}

#[actix_web::test]
async fn a_session_asking_for_combined_positions_gets_them_in_one_frame_and_every_business_event_in_order() {
    let app =
        TestApp::spawn_with(&["--rate-limit-per-min=0", "--ws-heartbeat-ms=60000", "--ws-client-timeout-ms=120000"])
            .await;
    // Long names make every fix's own frame (the driver's record) big: the buffers fill sooner.
    // A combined frame carries only what a fix changes.
    let mut drivers = Vec::new();
    for n in 0..6 {
        let (name, vehicle) = (format!("Driver {n} {}", "n".repeat(1900)), format!("Van {}", "v".repeat(1900)));
        drivers.push(app.create("drivers", json!({"name": name, "vehicle": vehicle})).await["id"].as_i64().unwrap());
    }
    let mut combined = SmallWindow::open(&app, "/ws?topics=drivers&positions=combined").await;
    while combined.next_within(Duration::from_secs(5)).await.expect("the session opens")["type"] != "subscribed" {}
    let mut each = SmallWindow::open(&app, "/ws?topics=drivers").await;
    while each.next_within(Duration::from_secs(5)).await.expect("the session opens")["type"] != "subscribed" {}

    // Neither session reads from here on: fixes until a socket has stopped taking bytes and
    // frames wait (the send-queue metric is sampled only then), then more fixes and a few
    // business events while they wait.
    let mut fixes: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut last: HashMap<i64, (f64, f64)> = HashMap::new();
    let mut business = Vec::new();
    let (mut round, mut behind_at) = (0, None);
    // Both sessions get the same frames, so once one is behind the other is within a few.
    while behind_at.is_none_or(|at| round < at + 200) {
        assert!(round < 200_000, "the sockets still take every frame after {round} fixes");
        let driver = drivers[round % drivers.len()];
        let (lat, lng) = position(driver, round);
        fixes.entry(driver).or_default().push(fix(&app, driver, lat, lng).await);
        last.insert(driver, (lat, lng));
        round += 1;
        if behind_at.is_none() && round % 50 == 0 && app.gauge("switchboard_ws_send_queue_depth_count").await > 0.0 {
            behind_at = Some(round);
        }
        if behind_at.is_some_and(|at| (round - at) % 40 == 20) {
            let reply = app.post(&format!("/api/drivers/{driver}/status"), json!({"status": "available"})).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            business.push(app.log_head().await);
        }
    }

    let finals: HashMap<i64, i64> = fixes.iter().map(|(driver, seqs)| (*driver, *seqs.last().unwrap())).collect();
    for (name, session) in [("combined", &mut combined), ("each", &mut each)] {
        let (positions, got_business, frames) = read_until_caught_up(session, &finals, &business).await;
        assert_eq!(got_business, business, "{name}: every business event, once, in order");
        for (driver, (lat, lng)) in &last {
            let &(_, got_lat, got_lng) = positions[driver].last().unwrap();
            assert!((got_lat - lat).abs() < 1e-9 && (got_lng - lng).abs() < 1e-9, "{name}: driver {driver}'s position");
        }
        for (driver, got) in &positions {
            assert!(got.iter().all(|(seq, ..)| fixes[driver].contains(seq)), "{name}: only fixes written");
        }
        match name {
            "combined" => assert!(
                frames.iter().any(|&n| n > 1),
                "positions that waited came combined: frames of {frames:?} positions"
            ),
            _ => assert!(frames.is_empty(), "a session that did not ask gets no combined frame"),
        }
    }
    assert_eq!(kicked(&app).await, 0, "no session was closed as too slow");
}

#[actix_web::test]
async fn an_unknown_way_of_getting_positions_is_refused() {
    let app = TestApp::spawn().await;
    let reply = app.get("/ws?topics=drivers&positions=sometimes").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert_eq!(reply.body["error"]["code"], "bad_query", "{}", reply.body);
    assert!(reply.body["error"]["details"]["positions"].is_string(), "names the parameter: {}", reply.body);
}

/// One `POST /api/drivers/{driver}/location` of a burst, as `client` (with `If-Match: tag`).
async fn send_fix(
    app: &TestApp,
    client: &awc::Client,
    driver: i64,
    body: Value,
    tag: Option<&str>,
) -> crate::common::Reply {
    let mut request = client.post(app.url(&format!("/api/drivers/{driver}/location")));
    if let Some(tag) = tag {
        request = request.insert_header(("If-Match", tag));
    }
    crate::common::Reply::from_response(request.send_json(&body).await.expect("the fix reaches the server")).await
}

#[actix_web::test]
async fn fixes_written_together_are_each_answered_for_themselves_and_logged_once_in_order() {
    let app = TestApp::spawn_with(&["--rate-limit-per-min=0"]).await;
    let mut drivers = Vec::new();
    for n in 0..8 {
        drivers.push(app.create("drivers", json!({"name": format!("Together {n}")})).await["id"].as_i64().unwrap());
    }
    let (own, other) = (drivers[0], drivers[1]);
    let driver_client = app.client_as(Some(&app.token("driver", Some(own)).await));
    let mut ws = app.ws("?topics=drivers").await;
    ws.next_of("subscribed").await;
    let admin = app.client.clone();
    let together = "switchboard_position_fixes_together_total";
    let mut versions: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut last: HashMap<i64, (i64, Value)> = HashMap::new();
    let mut good = 0;
    // Bursts until the writer has written fixes together at least once: each burst's fixes are
    // sent at once, so all but the first queue while a group commits.
    for burst in 0..30 {
        let mut sends = Vec::new();
        let mut expected = Vec::new();
        for (i, &driver) in drivers.iter().enumerate() {
            // Every driver twice, so a group also meets a driver it already holds.
            for again in 0..2 {
                let (lat, lng) = (burst as f64 + i as f64 / 64.0 + again as f64 / 1024.0, -(i as f64));
                sends.push(send_fix(&app, &admin, driver, json!({"lat": lat, "lng": lng}), None));
                expected.push(Some((driver, lat, lng)));
            }
        }
        // Each of these fails alone, whatever it is grouped with.
        sends.push(send_fix(&app, &admin, 999_999, json!({"lat": 1.0, "lng": 1.0}), None));
        expected.push(None);
        sends.push(send_fix(&app, &admin, drivers[2], json!({"lat": 1.0, "lng": 1.0}), Some("\"1\"")));
        expected.push(None);
        sends.push(send_fix(&app, &driver_client, other, json!({"lat": 1.0, "lng": 1.0}), None));
        expected.push(None);
        sends.push(send_fix(&app, &admin, drivers[3], json!({"lat": 95.0, "lng": 1.0}), None));
        expected.push(None);
        let replies = futures_util::future::join_all(sends).await;
        let failures: Vec<(StatusCode, &str)> =
            replies.iter().zip(&expected).filter(|(_, e)| e.is_none()).map(|(r, _)| (r.status, r.code())).collect();
        assert_eq!(
            failures,
            vec![
                (StatusCode::NOT_FOUND, "not_found"),
                (StatusCode::PRECONDITION_FAILED, "precondition_failed"),
                (StatusCode::NOT_FOUND, "not_found"),
                (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            ],
            "burst {burst}"
        );
        for (reply, expected) in replies.iter().zip(&expected) {
            let Some((driver, lat, lng)) = *expected else { continue };
            assert_eq!(reply.status, StatusCode::OK, "burst {burst}: {}", reply.body);
            assert_eq!(
                (reply.body["id"].as_i64(), reply.body["lat"].as_f64(), reply.body["lng"].as_f64()),
                (Some(driver), Some(lat), Some(lng))
            );
            let version = reply.body["version"].as_i64().unwrap();
            versions.entry(driver).or_default().push(version);
            if last.get(&driver).is_none_or(|(newest, _)| version > *newest) {
                last.insert(driver, (version, reply.body.clone()));
            }
            good += 1;
        }
        if app.gauge(together).await > 0.0 {
            break;
        }
    }
    assert!(app.gauge(together).await > 0.0, "no fixes were ever written together");
    // Each driver's fixes took its versions one by one, and the record is its newest fix.
    for (&driver, taken) in &mut versions {
        taken.sort_unstable();
        let first = taken[0];
        assert_eq!(*taken, (first..first + taken.len() as i64).collect::<Vec<_>>(), "driver {driver}'s versions");
        let now = app.get(&format!("/api/drivers/{driver}")).await.body;
        let (_, newest) = &last[&driver];
        assert_eq!((&now["lat"], &now["lng"], &now["version"]), (&newest["lat"], &newest["lng"], &newest["version"]));
    }
    // One event per fix answered 200, in seq order, each with what its fix answered.
    let mut seen: HashMap<i64, i64> = HashMap::new();
    let mut previous = 0;
    for _ in 0..good {
        let event = ws.next_of("driver_location_updated").await;
        let seq = event["seq"].as_i64().unwrap();
        assert!(seq > previous, "seq {seq} after {previous}");
        previous = seq;
        let (driver, version) = (event["id"].as_i64().unwrap(), event["data"]["version"].as_i64().unwrap());
        assert!(versions[&driver].contains(&version), "an event for a fix that was answered: {event}");
        assert!(seen.insert(version * 1_000_000 + driver, seq).is_none(), "one event per fix: {event}");
    }
    ws.assert_quiet(QUIET).await;
    assert_eq!(app.log_head().await, previous, "nothing else was logged");
}
