//! The /ws fuzz: random and malformed frames get error frames, and the session goes on.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::common::{TestApp, WsClient, WsEnd, COLLECTIONS};
use actix_web::web::Bytes;
use awc::ws;
use serde_json::{json, Value};

use super::rng::{settings, Rng, SeedReport};

/// The largest client frame the /ws fuzz server answers; over twice it closes with 1009.
pub(super) const WS_MAX_FRAME: usize = 16 * 1024;

/// Topics besides `*` and the eleven collections: record topics, and malformed or unknown ones.
pub(super) const OTHER_TOPICS: &[&str] = &[
    "orders:1",
    "customers:2",
    "drivers:3",
    "transit-batches:1",
    "order",
    "orders:",
    "orders:0",
    "orders:-1",
    "orders:x",
    ":",
    "",
    " ",
    "**",
    "orders:1:2",
    "ORDERS",
    "tokens",
    "orders:9223372036854775808",
];

/// One /ws fuzz case: the frames to send, and whether the server must close the session for
/// them (a frame past the hard limit: 1009).
/// Every topic the fuzz sends, well-formed or not.
pub(super) fn topics() -> Vec<&'static str> {
    std::iter::once("*").chain(COLLECTIONS).chain(OTHER_TOPICS.iter().copied()).collect()
}

pub(super) fn ws_case(rng: &mut Rng) -> (Vec<ws::Message>, &'static str, bool) {
    let topics = topics();
    let text = |value: String| vec![ws::Message::Text(value.into())];
    let topic = |rng: &mut Rng| -> Value {
        match rng.below(4) {
            0 => {
                let len = rng.below(20);
                json!(rng.chars(len))
            }
            1 => json!(format!("{}:{}", rng.pick(&COLLECTIONS), rng.next_u64() as i64)),
            _ => json!(rng.pick(&topics)),
        }
    };
    let since = |rng: &mut Rng| -> Value {
        match rng.below(12) {
            0 => json!(-1),
            1 => json!(i64::MIN),
            2 => json!(i64::MAX),
            3 => json!(u64::MAX),
            4 => json!(1.5),
            5 => json!("3"),
            6 => Value::Null,
            7 => json!(1e300),
            8 => json!([1]),
            9 => json!(0),
            _ => json!(rng.range(0, 60)),
        }
    };
    match rng.below(100) {
        0..=9 => {
            let good = json!({"type": "subscribe", "topics": ["orders"], "since": 0}).to_string();
            let cut = rng.below(good.len());
            (text(good[..cut].to_owned()), "truncated JSON", false)
        }
        10..=14 => {
            let len = rng.below(40);
            (text(rng.chars(len)), "random text", false)
        }
        15..=19 => {
            let kind = match rng.below(6) {
                0 => json!("dance"),
                1 => json!("SUBSCRIBE"),
                2 => json!(1),
                3 => Value::Null,
                4 => json!(["ping"]),
                _ => json!(rng.chars(6)),
            };
            (text(json!({"type": kind, "topics": ["orders"]}).to_string()), "unknown type", false)
        }
        20..=29 => {
            let topics = match rng.below(7) {
                0 => json!("orders"),
                1 => json!(7),
                2 => json!([1, 2]),
                3 => json!({"orders": true}),
                4 => Value::Null,
                5 => json!([["orders"]]),
                _ => json!([null]),
            };
            let kind = rng.pick(&["subscribe", "unsubscribe"]);
            (text(json!({"type": kind, "topics": topics}).to_string()), "wrong field types", false)
        }
        30..=49 => {
            let n = rng.below(5);
            let topics: Vec<Value> = (0..n).map(|_| topic(rng)).collect();
            let mut frame = json!({"type": "subscribe", "topics": topics});
            if rng.chance(60) {
                frame["since"] = since(rng);
            }
            (text(frame.to_string()), "random topics", false)
        }
        50..=54 => {
            let n = rng.range(200, 3000) as usize;
            let topics: Vec<Value> = if rng.chance(50) {
                (1..=n).map(|i| json!(format!("orders:{i}"))).collect()
            } else {
                (0..n).map(|_| topic(rng)).collect()
            };
            let kind = rng.pick(&["subscribe", "unsubscribe"]);
            (text(json!({"type": kind, "topics": topics}).to_string()), "huge topic list", false)
        }
        55..=64 => {
            let n = rng.below(4);
            let topics: Vec<Value> = (0..n).map(|_| topic(rng)).collect();
            (text(json!({"type": "unsubscribe", "topics": topics}).to_string()), "unsubscribe", false)
        }
        65..=69 => {
            let n = rng.below(64);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
            (vec![ws::Message::Binary(bytes.into())], "binary", false)
        }
        70..=72 => {
            // A text message in fragments, its bytes not even UTF-8.
            let first: Vec<u8> = b"{\"type\":\"pi\xff".to_vec();
            let frames = vec![
                ws::Message::Continuation(actix_http::ws::Item::FirstText(first.into())),
                ws::Message::Continuation(actix_http::ws::Item::Last(Bytes::from_static(b"ng\"}"))),
            ];
            (frames, "fragmented", false)
        }
        73..=76 => {
            let len = rng.range(WS_MAX_FRAME as i64 + 1, 2 * WS_MAX_FRAME as i64 - 64) as usize;
            let frame = json!({"type": "ping", "pad": "p".repeat(len)}).to_string();
            (text(frame), "frame over the limit", false)
        }
        77 => {
            let frame = json!({"type": "ping", "pad": "p".repeat(2 * WS_MAX_FRAME + 10)}).to_string();
            (text(frame), "frame past the hard limit", true)
        }
        78..=81 => {
            let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            let frame = if rng.chance(50) { deep } else { format!("{{\"type\":\"subscribe\",\"topics\":{deep}}}") };
            (text(frame), "deep nesting", false)
        }
        82..=85 => {
            let extra = json!({"type": "ping", "topics": 5, "since": "x", "extra": {"a": [1]}});
            (text(extra.to_string()), "ping with extra fields", false)
        }
        86..=89 => (vec![ws::Message::Ping(Bytes::from(rng.chars(10)))], "control ping", false),
        90..=92 => (text(String::new()), "empty frame", false),
        93..=95 => {
            let frame = format!(
                "{{\"type\":\"subscribe\",\"type\":\"ping\",\"topics\":[\"orders\"],\"since\":{}}}",
                since(rng)
            );
            (text(frame), "duplicate keys", false)
        }
        _ => (text(json!({"type": "ping"}).to_string()), "ping", false),
    }
}

/// Checks one server frame: an ack, a pong, a resync, an event or an error frame.
pub(super) fn check_frame(frame: &Value, what: &str) {
    let kind = frame["type"].as_str().unwrap_or_else(|| panic!("{what}: a frame without a type: {frame}"));
    match kind {
        "welcome" => assert!(frame["seq"].is_i64(), "{what}: {frame}"),
        "subscribed" => assert!(frame["seq"].is_i64() && frame["topics"].is_array(), "{what}: {frame}"),
        "unsubscribed" => assert!(frame["topics"].is_array(), "{what}: {frame}"),
        "pong" => {}
        "resync" => assert!(frame["seq"].is_i64(), "{what}: {frame}"),
        "error" => assert!(
            frame["code"].as_str().is_some_and(|c| !c.is_empty()) && frame["message"].is_string(),
            "{what}: an error frame without a code: {frame}"
        ),
        event => assert!(
            event.contains('_') && frame["seq"].as_i64().is_some_and(|s| s > 0) && frame["entity"].is_string(),
            "{what}: an unexpected frame: {frame}"
        ),
    }
}

pub(super) async fn ws_connected(app: &TestApp) -> WsClient {
    let mut ws = app.ws("").await;
    let welcome = ws.next().await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    ws
}

#[actix_web::test]
pub(super) async fn random_and_malformed_frames_get_error_frames_and_the_session_goes_on() {
    let (seed, cases) = settings();
    let cases = (cases / 3).max(1);
    let _report =
        SeedReport { test: "random_and_malformed_frames_get_error_frames_and_the_session_goes_on", seed, cases };
    let started = std::time::Instant::now();
    let max_frame = format!("--ws-max-frame={WS_MAX_FRAME}");
    let app = TestApp::spawn_with(&["--rate-limit-per-min=0", "--ws-messages-per-sec=0", &max_frame]).await;
    app.seed_demo().await.expect("the demo data loads");
    // Some events in the log, for `since` to replay.
    for n in 0..20 {
        app.create("customers", json!({"name": format!("WS {n}"), "email": format!("ws{n}@example.com")})).await;
    }
    let mut rng = Rng::new(seed ^ 0x5753);
    let mut ws = ws_connected(&app).await;
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    let mut closes = 0;
    for case in 0..cases {
        let (frames, kind, closes_session) = ws_case(&mut rng);
        let what = format!("ws case {case} ({kind})");
        for frame in frames {
            ws.send_raw(frame).await;
        }
        if closes_session {
            // The only answer is the close frame.
            loop {
                match ws.next_within(Duration::from_secs(10)).await {
                    Ok(frame) => check_frame(&frame, &what),
                    Err(WsEnd::Closed(Some(reason))) => {
                        assert_eq!(u16::from(reason.code), 1009, "{what}: {reason:?}");
                        break;
                    }
                    Err(end) => panic!("{what}: expected a close with 1009, got {end:?}"),
                }
            }
            closes += 1;
            ws = ws_connected(&app).await;
            continue;
        }
        // Every frame before the pong answers the fuzz frame; the pong shows the session goes on.
        ws.send(json!({"type": "ping"})).await;
        loop {
            match ws.next_within(Duration::from_secs(10)).await {
                Ok(frame) if frame["type"] == "pong" => break,
                Ok(frame) => {
                    check_frame(&frame, &what);
                    if frame["type"] == "error" {
                        *errors.entry(frame["code"].as_str().unwrap().to_owned()).or_default() += 1;
                    }
                }
                Err(WsEnd::Closed(Some(reason))) if [1008, 1009].contains(&u16::from(reason.code)) => {
                    // Documented: the message rate (1008) or a frame too large (1009).
                    closes += 1;
                    ws = ws_connected(&app).await;
                    break;
                }
                Err(end) => panic!("{what}: the session did not go on: {end:?}"),
            }
        }
    }
    // Still a working session: it gets live events.
    ws.send(json!({"type": "unsubscribe", "topics": topics()})).await;
    ws.next_of("unsubscribed").await;
    ws.subscribe(&["customers"]).await;
    let created = app.create("customers", json!({"name": "After", "email": "after-ws@example.com"})).await;
    let event = ws.next_of("customer_created").await;
    assert_eq!(event["id"], created["id"]);
    println!(
        "ws fuzz: seed {seed}, {cases} cases, {closes} closes, error frames {errors:?}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(errors.contains_key("bad_json") && errors.contains_key("bad_frame"), "{errors:?}");
    app.stop();
}
