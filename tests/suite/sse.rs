//! Server-Sent Events at `GET /sse`: the same frames as the WebSocket's, as events of a
//! `text/event-stream`; resuming with `Last-Event-ID`; the slow-reader cut-off; who may open a
//! stream, with which topics, and what a driver's stream carries.
//!
//! The streams are read as an `EventSource` reads them: blocks separated by a blank line, each
//! of `field: value` lines, comments starting with `:`.

use std::pin::Pin;
use std::time::{Duration, Instant};

use crate::common::{cookie_client, eventually, Reply, TestApp, WsClient, WsEnd};
use actix_web::http::StatusCode;
use actix_web::rt::net::TcpStream;
use actix_web::web::Bytes;
use futures_util::StreamExt;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const QUIET: Duration = Duration::from_millis(400);

/// One block of the stream, up to its blank line.
#[derive(Debug, Default)]
struct Block {
    event: Option<String>,
    id: Option<String>,
    data: Option<String>,
    retry: Option<String>,
    comments: Vec<String>,
}

impl Block {
    fn parse(text: &str) -> Block {
        let mut block = Block::default();
        for line in text.split('\n').filter(|line| !line.is_empty()) {
            if let Some(comment) = line.strip_prefix(':') {
                block.comments.push(comment.trim_start().to_owned());
                continue;
            }
            let (field, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value).to_owned();
            match field {
                "event" => block.event = Some(value),
                "id" => block.id = Some(value),
                "retry" => block.retry = Some(value),
                "data" => match &mut block.data {
                    Some(data) => *data = format!("{data}\n{value}"),
                    None => block.data = Some(value),
                },
                other => panic!("a field no event stream has: {other:?} in {text:?}"),
            }
        }
        block
    }

    /// An event's JSON, with its `event:` and `id:`.
    fn event(self) -> Option<Event> {
        let data = self.data?;
        let json: Value = serde_json::from_str(&data).unwrap_or_else(|e| panic!("data is JSON ({e}): {data}"));
        Some(Event { kind: self.event.expect("every frame names its type"), id: self.id, json })
    }
}

#[derive(Debug)]
struct Event {
    kind: String,
    id: Option<String>,
    json: Value,
}

#[derive(Debug)]
enum End {
    Ended,
    TimedOut,
}

type Body = Pin<Box<dyn futures_util::Stream<Item = Result<Bytes, awc::error::PayloadError>>>>;

/// An open event stream.
struct EventStream {
    headers: actix_web::http::header::HeaderMap,
    body: Body,
    buffer: String,
}

impl EventStream {
    /// `GET /sse{query}` by `client`, with `Last-Event-ID` if given: the stream, or the refusal.
    async fn open(
        app: &TestApp,
        client: &awc::Client,
        query: &str,
        last_event_id: Option<&str>,
    ) -> Result<Self, Reply> {
        let mut request = client.get(app.url(&format!("/sse{query}")));
        if let Some(id) = last_event_id {
            request = request.insert_header(("Last-Event-ID", id));
        }
        let response = request.send().await.expect("GET /sse reaches the server");
        if response.status() != StatusCode::OK {
            return Err(Reply::from_response(response).await);
        }
        Ok(EventStream { headers: response.headers().clone(), body: Box::pin(response), buffer: String::new() })
    }

    /// A stream the admin opened, past its `retry`, `welcome` and `subscribed`; the ack.
    async fn subscribed(app: &TestApp, query: &str, last_event_id: Option<&str>) -> (Self, Event) {
        let mut stream = EventStream::open(app, &app.client, query, last_event_id).await.expect("/sse opens");
        let retry = stream.next_block().await;
        assert_eq!(retry.retry.as_deref(), Some("1000"), "a stream starts with its retry: {retry:?}");
        assert_eq!(stream.next_event().await.kind, "welcome");
        let ack = stream.next_event().await;
        assert_eq!(ack.kind, "subscribed", "{ack:?}");
        (stream, ack)
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The next block within `wait`, or how the stream ended.
    async fn next_block_within(&mut self, wait: Duration) -> Result<Block, End> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block = Block::parse(&self.buffer[..end]);
                self.buffer.drain(..end + 2);
                return Ok(block);
            }
            match tokio::time::timeout_at(deadline, self.body.next()).await {
                Err(_) => return Err(End::TimedOut),
                Ok(None) => return Err(End::Ended),
                Ok(Some(Err(error))) => panic!("the stream broke: {error}"),
                Ok(Some(Ok(bytes))) => self.buffer.push_str(std::str::from_utf8(&bytes).expect("the stream is UTF-8")),
            }
        }
    }

    async fn next_block(&mut self) -> Block {
        self.next_block_within(Duration::from_secs(10)).await.unwrap_or_else(|end| panic!("expected a block: {end:?}"))
    }

    /// The next event (a block with data), skipping comments, within `wait`.
    async fn next_event_within(&mut self, wait: Duration) -> Result<Event, End> {
        let deadline = Instant::now() + wait;
        loop {
            let block = self.next_block_within(deadline.saturating_duration_since(Instant::now())).await?;
            if let Some(event) = block.event() {
                return Ok(event);
            }
        }
    }

    async fn next_event(&mut self) -> Event {
        self.next_event_within(Duration::from_secs(10)).await.unwrap_or_else(|end| panic!("expected an event: {end:?}"))
    }

    async fn assert_quiet(&mut self, wait: Duration) {
        match self.next_event_within(wait).await {
            Err(End::TimedOut) => {}
            other => panic!("expected silence, got {other:?}"),
        }
    }
}

/// Waits until the server holds `expected` real-time sessions.
async fn sessions(app: &TestApp, expected: u64) {
    eventually(&format!("{expected} sessions"), Duration::from_secs(10), || async {
        (app.get("/api/realtime/stats").await.body["sessions"] == expected).then_some(())
    })
    .await;
}

fn seq(frame: &Value) -> i64 {
    frame["seq"].as_i64().unwrap_or_else(|| panic!("a frame with a seq: {frame}"))
}

/// Reads the same event from the WebSocket and the event stream, and asserts they are one frame.
async fn the_same_event(ws: &mut WsClient, stream: &mut EventStream) -> Value {
    let from_ws = ws.next().await;
    let from_stream = stream.next_event().await;
    assert_eq!(from_stream.json, from_ws, "the same frame over both transports");
    assert_eq!(from_stream.kind, from_ws["type"].as_str().unwrap(), "event: names the frame's type");
    assert_eq!(from_stream.id, Some(seq(&from_ws).to_string()), "id: is the frame's seq");
    from_ws
}

#[actix_web::test]
async fn the_seeds_three_scenarios_reach_a_websocket_and_an_event_stream_alike() {
    let app = TestApp::spawn().await;
    let topics = "employees,orders,services";
    let mut ws = app.connected(&format!("?topics={topics}")).await;
    let ws_ack = ws.next_of("subscribed").await;
    let (mut stream, ack) = EventStream::subscribed(&app, &format!("?topics={topics}"), None).await;
    assert_eq!(stream.header("content-type"), Some("text/event-stream"));
    assert_eq!(stream.header("cache-control"), Some("no-cache"));
    assert_eq!(stream.header("x-accel-buffering"), Some("no"));
    assert_eq!(ack.json["topics"], ws_ack["topics"]);
    assert_eq!(ack.id, Some(seq(&ack.json).to_string()), "with nothing to replay, the ack is where to resume");

    // Scenario 1: an employee created in browser A appears in browser B.
    let employee = app
        .create("employees", json!({"name": "Grace Hopper", "email": "grace@example.com", "role": "manager", "department": "Operations"}))
        .await;
    // Scenario 2: an order's status changed in A shows in B.
    let customer = app.customer("Ada Lovelace").await;
    let order = app
        .create(
            "orders",
            json!({"customer_id": customer, "delivery_address": "12 Analytical Way",
                   "items": [{"description": "Same-day courier", "unit_price_cents": 2500, "quantity": 2}]}),
        )
        .await;
    let moved = app.post(&format!("/api/orders/{}/status", order["id"]), json!({"status": "confirmed"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    // Scenario 3: a service deleted in A disappears in B.
    let service = app.create("services", json!({"name": "Fax relay", "price_cents": 100})).await;
    assert_eq!(app.delete(&format!("/api/services/{}", service["id"])).await.status, StatusCode::NO_CONTENT);

    let expected = [
        ("employee_created", &employee),
        ("order_created", &order),
        ("order_status_changed", &moved.body),
        ("service_created", &service),
        ("service_deleted", &service),
    ];
    let mut last = seq(&ack.json);
    for (kind, record) in expected {
        let event = the_same_event(&mut ws, &mut stream).await;
        assert_eq!(event["type"], kind, "{event}");
        assert_eq!(event["id"], record["id"], "{event}");
        assert_eq!(event["data"], *record, "{kind} carries the record as the REST call answered it");
        assert!(seq(&event) > last, "in order: {event}");
        last = seq(&event);
    }
    ws.assert_quiet(QUIET).await;
    stream.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn reconnecting_with_last_event_id_loses_nothing() {
    let app = TestApp::spawn().await;
    let (mut stream, _) = EventStream::subscribed(&app, "?topics=customers", None).await;
    for name in ["First One", "Second One"] {
        app.customer(name).await;
    }
    let mut received = vec![stream.next_event().await, stream.next_event().await];
    let last_id = received[1].id.clone().expect("events carry their id");
    drop(stream);

    // Written while no stream is open, along with events of a topic it does not hold.
    let mut missed = Vec::new();
    for name in ["Third One", "Fourth One", "Fifth One"] {
        missed.push(app.customer(name).await);
        app.create("services", json!({"name": format!("Service of {name}"), "price_cents": 100})).await;
    }
    // As an EventSource reconnects: the URL it was opened with (a stale since) and the header.
    let (mut stream, ack) = EventStream::subscribed(&app, "?topics=customers&since=0", Some(&last_id)).await;
    assert_eq!(ack.id, None, "events are replayed after the ack: it is no place to resume from");
    for _ in &missed {
        received.push(stream.next_event().await);
    }
    let live = app.customer("Sixth One").await;
    received.push(stream.next_event().await);
    stream.assert_quiet(QUIET).await;

    let ids: Vec<i64> = received.iter().map(|event| event.json["id"].as_i64().unwrap()).collect();
    let mut expected = ids[..2].to_vec();
    expected.extend(&missed);
    expected.push(live);
    assert_eq!(ids, expected, "every customer once, in order");
    for event in &received {
        assert_eq!(event.kind, "customer_created");
        assert_eq!(event.id, Some(seq(&event.json).to_string()));
    }
    let seqs: Vec<i64> = received.iter().map(|event| seq(&event.json)).collect();
    assert!(seqs.windows(2).all(|pair| pair[0] < pair[1]), "in log order: {seqs:?}");
}

#[actix_web::test]
async fn a_stream_that_received_no_event_resumes_from_its_ack() {
    let app = TestApp::spawn().await;
    let (stream, ack) = EventStream::subscribed(&app, "?topics=customers", None).await;
    let resume_from = ack.id.expect("the ack of a stream with nothing to replay carries an id");
    drop(stream);
    let id = app.customer("Made Meanwhile").await;
    let (mut stream, _) = EventStream::subscribed(&app, "?topics=customers", Some(&resume_from)).await;
    let event = stream.next_event().await;
    assert_eq!((event.kind.as_str(), event.json["id"].as_i64()), ("customer_created", Some(id)));
    stream.assert_quiet(QUIET).await;
}

/// Reads what a raw connection has received until its chunked body ends, within `wait`; the
/// body, de-chunked.
async fn read_to_body_end(socket: &mut TcpStream, wait: Duration) -> String {
    let deadline = tokio::time::Instant::now() + wait;
    let mut raw = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if raw.ends_with(b"\r\n0\r\n\r\n") {
            break;
        }
        match tokio::time::timeout_at(deadline, socket.read(&mut chunk)).await {
            Ok(Ok(0)) => break,
            Ok(Ok(n)) => raw.extend_from_slice(&chunk[..n]),
            Ok(Err(error)) => panic!("the stalled connection broke: {error}"),
            Err(_) => panic!("the stalled stream did not end within {wait:?}"),
        }
    }
    let text = String::from_utf8(raw).expect("UTF-8");
    let (head, mut chunked) = text.split_once("\r\n\r\n").expect("a response head");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let mut body = String::new();
    while let Some((size, rest)) = chunked.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).expect("a chunk size");
        if size == 0 {
            break;
        }
        body.push_str(&rest[..size]);
        chunked = &rest[size + 2..];
    }
    body
}

/// Whether the server holds `expected` real-time sessions now.
async fn holds_sessions(app: &TestApp, expected: u64) -> bool {
    app.get("/api/realtime/stats").await.body["sessions"] == expected
}

#[actix_web::test]
async fn a_stalled_event_stream_is_cut_off_while_others_keep_receiving() {
    let app = TestApp::spawn_with(&[
        "--ws-send-queue=64",
        "--ws-heartbeat-ms=300",
        "--ws-client-timeout-ms=2000",
        "--rate-limit-per-min=0",
    ])
    .await;
    let id = app.customer("Big Reader").await;
    // Sends its request and then reads nothing; its small receive buffer fills soon.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stalled = socket.connect(([127, 0, 0, 1], app.port).into()).await.unwrap();
    let request = format!(
        "GET /sse?topics=customers HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {}\r\n\r\n",
        app.port, app.admin_token
    );
    stalled.write_all(request.as_bytes()).await.unwrap();
    let (mut healthy, ack) = EventStream::subscribed(&app, "?topics=customers", None).await;
    let mut ws = app.connected("?topics=customers").await;
    ws.next_of("subscribed").await;
    sessions(&app, 3).await;

    // Both read all along, each on its own (answering the WebSocket's pings), until they have
    // the last write's event, whose seq is known once the writes are done.
    let last = std::rc::Rc::new(std::cell::Cell::new(i64::MAX));
    let stream_reader = actix_web::rt::spawn({
        let last = last.clone();
        async move {
            let mut seqs = Vec::new();
            while seqs.last() != Some(&last.get()) {
                match healthy.next_event_within(Duration::from_millis(100)).await {
                    Ok(event) => seqs.push(seq(&event.json)),
                    Err(End::TimedOut) => {}
                    Err(End::Ended) => panic!("the healthy stream ended"),
                }
            }
            (seqs, healthy)
        }
    });
    let ws_reader = actix_web::rt::spawn({
        let last = last.clone();
        async move {
            let mut seqs = Vec::new();
            while seqs.last() != Some(&last.get()) {
                match ws.next_within(Duration::from_millis(100)).await {
                    Ok(frame) => seqs.push(seq(&frame)),
                    Err(WsEnd::TimedOut) => {}
                    Err(end) => panic!("the WebSocket was dropped: {end:?}"),
                }
            }
            (seqs, ws)
        }
    });
    // Writes until the stalled stream is cut off, however much the machine's buffers hold.
    let notes = "n".repeat(1900);
    let mut writes = 0;
    while !holds_sessions(&app, 2).await {
        assert!(writes < 5_000, "the stalled stream is still open after {writes} writes");
        for _ in 0..20 {
            let notes = format!("{writes} {notes}");
            let reply = app.patch(&format!("/api/customers/{id}"), json!({ "notes": notes })).await;
            assert_eq!(reply.status, StatusCode::OK);
            writes += 1;
        }
    }
    let first = seq(&ack.json) + 1;
    last.set(app.log_head().await);
    let all: Vec<i64> = (first..=last.get()).collect();
    assert_eq!(all.len(), writes);
    let (from_stream, mut healthy) = stream_reader.await.unwrap();
    let (from_ws, mut ws) = ws_reader.await.unwrap();
    assert_eq!(from_stream, all, "the healthy stream got every event, in order, once");
    assert_eq!(from_ws, all, "the WebSocket got every event, in order, once");
    healthy.assert_quiet(QUIET).await;
    ws.assert_quiet(QUIET).await;

    // Once it reads again, the stalled client finds its stream ended after whole events, the
    // first ones in order: resuming from the last of them gets the rest.
    let body = read_to_body_end(&mut stalled, Duration::from_secs(20)).await;
    let whole = &body[..body.rfind("\n\n").map_or(0, |end| end + 2)];
    let ids: Vec<i64> = whole
        .split("\n\n")
        .map(Block::parse)
        .filter_map(Block::event)
        .filter(|event| event.kind == "customer_updated")
        .map(|event| event.id.expect("events carry their id").parse().unwrap())
        .collect();
    assert!(ids.len() < writes, "the stalled stream was cut before the end: {} events", ids.len());
    let out_of_order = ids.iter().zip(first..).find(|(id, expected)| **id != *expected);
    assert_eq!(out_of_order, None, "in order from the first, {} events", ids.len());
    let resume = ids.last().copied().unwrap_or(seq(&ack.json));
    let (mut resumed, _) = EventStream::subscribed(&app, "?topics=customers", Some(&resume.to_string())).await;
    for expected in resume + 1..=last.get() {
        assert_eq!(seq(&resumed.next_event().await.json), expected);
    }
    resumed.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn a_stream_needs_credentials_and_a_ticket_opens_one_once() {
    let app = TestApp::spawn().await;
    let anonymous = app.client_as(None);
    let refused = EventStream::open(&app, &anonymous, "?topics=orders", None).await.err().expect("refused");
    assert_eq!((refused.status, refused.code()), (StatusCode::UNAUTHORIZED, "unauthorized"), "{}", refused.body);

    let ticket = app.post("/api/ws-ticket", json!({})).await.body["ticket"].as_str().unwrap().to_owned();
    let query = format!("?topics=orders&ticket={ticket}");
    let mut stream = EventStream::open(&app, &anonymous, &query, None).await.expect("the ticket opens /sse");
    stream.next_block().await;
    assert_eq!(stream.next_event().await.kind, "welcome");
    let again = EventStream::open(&app, &anonymous, &query, None).await.err().expect("tickets are single-use");
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn a_cookie_opens_a_stream_only_from_an_allowed_origin() {
    let app = TestApp::spawn().await;
    let cookie = app.log_in(&app.admin_token).await;
    let foreign = cookie_client(&cookie, Some("https://evil.example"));
    let refused = EventStream::open(&app, &foreign, "?topics=orders", None).await.err().expect("refused");
    assert_eq!((refused.status, refused.code()), (StatusCode::FORBIDDEN, "forbidden"), "{}", refused.body);
    let own = cookie_client(&cookie, Some(&app.address));
    assert!(EventStream::open(&app, &own, "?topics=orders", None).await.is_ok(), "the server's own page");
}

#[actix_web::test]
async fn a_drivers_stream_carries_only_its_own_records() {
    let app = TestApp::spawn().await;
    let own = app.create("drivers", json!({"name": "Own Driver", "phone": "+1 555 0100", "vehicle": "Van 1"})).await;
    let other =
        app.create("drivers", json!({"name": "Other Driver", "phone": "+1 555 0101", "vehicle": "Van 2"})).await;
    let token = app.token("driver", own["id"].as_i64()).await;
    let driver = app.client_as(Some(&token));
    let forbidden = EventStream::open(&app, &driver, "?topics=orders", None).await.err().expect("refused");
    assert_eq!((forbidden.status, forbidden.code()), (StatusCode::FORBIDDEN, "forbidden"), "{}", forbidden.body);

    let mut stream = EventStream::open(&app, &driver, "?topics=drivers,deliveries", None).await.expect("opens");
    stream.next_block().await;
    assert_eq!(stream.next_event().await.kind, "welcome");
    assert_eq!(stream.next_event().await.kind, "subscribed");
    for record in [&other, &own, &other] {
        let changed = app.patch(&format!("/api/drivers/{}", record["id"]), json!({"vehicle": "Bike"})).await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    }
    let event = stream.next_event().await;
    assert_eq!((event.json["entity"].as_str(), event.json["id"].as_i64()), (Some("drivers"), own["id"].as_i64()));
    stream.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn bad_requests_are_refused_with_json_before_any_stream() {
    let app = TestApp::spawn_with(&["--ws-max-topics=2"]).await;
    let dispatcher = app.client_as(Some(&app.token("dispatcher", None).await));
    let cases: [(&awc::Client, &str, Option<&str>, StatusCode, &str); 7] = [
        (&app.client, "", None, StatusCode::BAD_REQUEST, "bad_query"),
        (&app.client, "?topics=nope", None, StatusCode::BAD_REQUEST, "unknown_topic"),
        (&app.client, "?topics=orders:x", None, StatusCode::BAD_REQUEST, "unknown_topic"),
        (&app.client, "?topics=orders%3Fstatus%3Dlost", None, StatusCode::BAD_REQUEST, "bad_filter"),
        (&app.client, "?topics=orders,customers,services", None, StatusCode::BAD_REQUEST, "too_many_topics"),
        (&dispatcher, "?topics=operator", None, StatusCode::FORBIDDEN, "forbidden"),
        (&app.client, "?topics=orders", Some("yesterday"), StatusCode::BAD_REQUEST, "bad_last_event_id"),
    ];
    for (client, query, last_event_id, status, code) in cases {
        let refused = EventStream::open(&app, client, query, last_event_id).await.err().expect("refused");
        assert_eq!((refused.status, refused.code()), (status, code), "{query}: {}", refused.body);
        assert!(refused.body["error"]["message"].is_string(), "{}", refused.body);
    }
    sessions(&app, 0).await;
}

#[actix_web::test]
async fn streams_count_against_the_session_limits_like_sockets() {
    let app = TestApp::spawn_with(&["--ws-sessions-per-token=1"]).await;
    let _ws = app.connected("").await;
    let refused = EventStream::open(&app, &app.client, "?topics=orders", None).await.err().expect("over the limit");
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{}", refused.body);
}

#[actix_web::test]
async fn heartbeats_are_comments() {
    let app = TestApp::spawn_with(&["--ws-heartbeat-ms=200", "--ws-client-timeout-ms=1000"]).await;
    let (mut stream, _) = EventStream::subscribed(&app, "?topics=orders", None).await;
    // Past the client timeout: a client that only reads is never dropped as silent.
    for _ in 0..8 {
        let block = stream.next_block_within(Duration::from_secs(2)).await.expect("a heartbeat within two beats");
        assert!(block.data.is_none(), "{block:?}");
        assert_eq!(block.comments, ["ping"]);
    }
}

#[actix_web::test]
async fn revoking_the_token_ends_its_stream() {
    let app = TestApp::spawn().await;
    let created = app.post("/api/tokens", json!({"name": "short-lived", "role": "manager"})).await;
    let token = created.body["token"].as_str().unwrap();
    let mut stream = EventStream::open(&app, &app.client_as(Some(token)), "?topics=orders", None).await.unwrap();
    while stream.next_event().await.kind != "subscribed" {}
    assert_eq!(app.delete(&format!("/api/tokens/{}", created.body["id"])).await.status, StatusCode::NO_CONTENT);
    let mut last_words = Vec::new();
    loop {
        match stream.next_block_within(Duration::from_secs(2)).await {
            Ok(block) => last_words.extend(block.comments),
            Err(End::Ended) => break,
            Err(End::TimedOut) => panic!("the stream of a revoked token is still open"),
        }
    }
    assert!(last_words.iter().any(|words| words.starts_with("close 1008")), "{last_words:?}");
    sessions(&app, 0).await;
}

#[actix_web::test]
async fn presence_on_a_record_reaches_a_stream_as_it_reaches_a_socket() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Presence Ltd").await;
    let order = app.order(customer, "pending", None, 1_000).await;
    let topic = format!("orders:{order}");
    let token = app.post("/api/tokens", json!({"name": "Ann (dispatch)", "role": "dispatcher"})).await.body["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut ann = app.ws_as(&app.client_as(Some(&token)), &format!("?topics={topic}")).await.unwrap();
    assert_eq!(ann.next().await["type"], "welcome");
    ann.next_of("subscribed").await;
    // The premise: Ann is on the record before the others subscribe (a first watcher sees her join).
    let mut first = app.connected(&format!("?topics={topic}")).await;
    first.next_of("subscribed").await;
    ann.send(json!({"type": "presence", "topic": topic, "state": "editing"})).await;
    assert_eq!(first.next_of("presence").await["action"], "join");
    // A socket and a stream that subscribe afterwards get a snapshot after their ack.
    let mut watcher = app.connected(&format!("?topics={topic}")).await;
    let (mut stream, _) = EventStream::subscribed(&app, &format!("?topics={topic}"), None).await;
    let from_ws = watcher.next_of("presence").await;
    let from_stream = stream.next_event().await;
    assert_eq!((from_stream.kind.as_str(), from_stream.id.as_deref()), ("presence", None), "never replayed: no id");
    assert_eq!(from_stream.json, from_ws);
    assert_eq!(from_ws["action"], "snapshot", "{from_ws}");
    assert_eq!(from_ws["present"][0]["name"], "Ann (dispatch)", "{from_ws}");

    // Changes come live to both, the same frames in the same order, up to this one.
    ann.send(json!({"type": "presence", "topic": topic, "state": "viewing"})).await;
    loop {
        let from_ws = watcher.next_of("presence").await;
        assert_eq!(stream.next_event().await.json, from_ws);
        if from_ws["action"] == "update" {
            assert_eq!(from_ws["state"], "viewing", "{from_ws}");
            break;
        }
    }
}

#[actix_web::test]
async fn a_filtered_topic_streams_what_matches_and_marks_what_left() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Stream Filter Co").await;
    let (mut stream, ack) = EventStream::subscribed(&app, "?topics=orders%3Fstatus%3Dready%2Cconfirmed", None).await;
    assert_eq!(ack.json["topics"], json!(["orders?status=confirmed,ready"]), "{ack:?}");
    let order = app.order(customer, "ready", None, 100).await; // pending (out), confirmed, in_progress, ready
    let moved = app.post(&format!("/api/orders/{order}/status"), json!({"status": "out_for_delivery"})).await;
    assert!(moved.status.is_success(), "{}", moved.body);
    let mut seen = Vec::new();
    for _ in 0..4 {
        let event = stream.next_event().await;
        assert_eq!(event.id.as_deref(), Some(seq(&event.json).to_string().as_str()), "{event:?}");
        seen.push((event.json["data"]["status"].as_str().unwrap().to_owned(), event.json.get("left").cloned()));
    }
    let left = json!({"orders?status=confirmed,ready": [order]});
    let expected = [
        ("confirmed".to_owned(), None),
        ("in_progress".to_owned(), Some(left.clone())),
        ("ready".to_owned(), None),
        ("out_for_delivery".to_owned(), Some(left)),
    ];
    assert_eq!(seen, expected, "entering, leaving, entering again, leaving again: each once, marked");
}
