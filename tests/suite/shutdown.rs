//! Shutdown drains: it loses no committed event, serves nothing new, and exits as soon as the
//! requests in flight are answered.
//!
//! The real `switchboard` binary runs as a child process on a temporary SQLite file. Under load,
//! a WebSocket client subscribed to `*` and four REST writers on keep-alive connections create
//! customers; once twenty writes are answered the server gets SIGTERM: the WebSocket must be closed with
//! 1001 (going away), every answer after it is the write's normal answer or a 503
//! `shutting_down` with `Connection: close` and `Retry-After: 1`, and the process must exit with
//! status 0 soon after the last answer. A second server then starts on the same file, the client
//! resumes with `since` = the last seq it saw and reads up to the log head: what it received
//! before and after is exactly 1..=head, in order, without duplicates; head is at least the
//! number of writes answered 2xx, and every customer answered 201 is among the events.
//! On raw connections: a request in flight at the signal is answered normally, one arriving
//! afterwards on a keep-alive connection is refused with 503, a new connection is not served,
//! and idle keep-alive connections do not hold the exit up. An event stream (`GET /sse`) open at
//! the signal ends with its `: close 1001` comment, and does not hold the exit up either.
//!
//! SQLite only: the test runs the binary on a database file of its own (the PostgreSQL side of
//! shutdown is the same code; `TEST_DATABASE_URL` does not change this test).

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::rc::Rc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use awc::ws;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};

use crate::common::eventually;

const BIN: &str = env!("CARGO_BIN_EXE_switchboard");

/// A temporary directory, removed at the end.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        let dir = std::env::temp_dir().join(format!("switchboard-shutdown-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running `switchboard serve`, killed if the test ends while it still runs (csv_export
/// measures one's memory).
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    /// Told when the server logs that it drains.
    draining: Receiver<()>,
}

impl Server {
    /// Starts the binary on `database` with a port the system picks, and waits until it
    /// listens (it logs the port) and /healthz answers.
    pub(crate) async fn start(database: &str) -> Server {
        Server::start_with(database, &[]).await
    }

    /// As [`Server::start`], with more settings.
    pub(crate) async fn start_with(database: &str, args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--host", "127.0.0.1", "--database-url", database])
            .args(args)
            // Four writers as fast as they go may pass the default per-token rate.
            .arg("--rate-limit-per-min=0")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the switchboard binary starts");
        let stderr = child.stderr.take().unwrap();
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let (draining_tx, draining) = std::sync::mpsc::channel();
        // Reads the log for the port and the start of the drain, and keeps reading it so the
        // server never blocks on it.
        std::thread::spawn(move || {
            let mut port_tx = Some(port_tx);
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if line.contains("shutting down: draining") {
                    let _ = draining_tx.send(());
                }
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let port = rest.rsplit(':').next().and_then(|p| p.trim().parse::<u16>().ok());
                    if let (Some(tx), Some(port)) = (port_tx.take(), port) {
                        let _ = tx.send(port);
                    }
                }
                if std::env::var_os("SHUTDOWN_TEST_LOG").is_some() {
                    eprintln!("server: {line}");
                }
            }
        });
        let mut server = Server { child, port: 0, draining };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match port_rx.try_recv() {
                Ok(port) => {
                    server.port = port;
                    break;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) if Instant::now() < deadline => {
                    if let Some(status) = server.child.try_wait().unwrap() {
                        panic!("the server exited at start: {status}");
                    }
                    actix_web::rt::time::sleep(Duration::from_millis(20)).await;
                }
                Err(error) => panic!("the server never said which port it listens on: {error}"),
            }
        }
        let client = awc::Client::default();
        loop {
            let ok = client
                .get(format!("http://127.0.0.1:{}/healthz", server.port))
                .send()
                .await
                .is_ok_and(|r| r.status() == StatusCode::OK);
            if ok {
                break;
            }
            assert!(Instant::now() < deadline, "/healthz never answered");
            actix_web::rt::time::sleep(Duration::from_millis(20)).await;
        }
        server
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills it outright (SIGKILL): no drain, no goodbye to anyone.
    pub(crate) fn kill(&mut self) {
        self.child.kill().expect("the server can be killed");
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and returns when it was sent.
    fn terminate(&self) -> Instant {
        let signalled = Instant::now();
        let kill = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status().expect("kill runs");
        assert!(kill.success());
        signalled
    }

    /// Waits until the server says it drains.
    async fn draining(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.draining.try_recv() {
                Ok(()) => return,
                Err(TryRecvError::Empty) if Instant::now() < deadline => {
                    actix_web::rt::time::sleep(Duration::from_millis(5)).await;
                }
                Err(error) => panic!("the server never said it drains: {error}"),
            }
        }
    }

    /// Waits for the process to exit (at most `limit`): its status and about when it exited.
    async fn exit(&mut self, limit: Duration) -> (ExitStatus, Instant) {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, Instant::now());
            }
            assert!(Instant::now() < deadline, "the server did not exit within {limit:?}");
            actix_web::rt::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `migrate` (only it and `serve` create a database), then `token create --name t --role
/// admin`: the token on the last line.
fn admin_token(database: &str) -> String {
    let migrated = Command::new(BIN)
        .args(["migrate", "--database-url", database])
        .env("RUST_LOG", "warn")
        .output()
        .expect("the switchboard binary runs");
    assert!(migrated.status.success(), "migrate: {}", String::from_utf8_lossy(&migrated.stderr));
    let output = Command::new(BIN)
        .args(["token", "create", "--name", "t", "--role", "admin", "--database-url", database])
        .env("RUST_LOG", "warn")
        .output()
        .expect("the switchboard binary runs");
    assert!(output.status.success(), "token create: {}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    stdout.lines().rev().find(|l| !l.trim().is_empty()).expect("the token is printed").trim().to_owned()
}

fn client(token: &str) -> awc::Client {
    awc::Client::builder()
        .timeout(Duration::from_secs(20))
        .add_default_header(("Authorization", format!("Bearer {token}")))
        .finish()
}

async fn head(client: &awc::Client, port: u16) -> i64 {
    let mut response = client.get(format!("http://127.0.0.1:{port}/healthz")).send().await.unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok", "{body}");
    body["seq"].as_i64().unwrap()
}

type Framed = actix_codec::Framed<awc::BoxedSocket, ws::Codec>;

/// How a WebSocket read ended.
#[derive(Debug)]
enum End {
    Closed(Option<ws::CloseReason>),
    Dropped,
    TimedOut,
}

/// Reads event frames until the close, the end of the stream, the event with seq `until`, or
/// `wait` in all (`TimedOut` for the last two).
async fn read_events(framed: &mut Framed, until: Option<i64>, wait: Duration, seen: &RefCell<Vec<Value>>) -> End {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let frame = match tokio::time::timeout_at(deadline, framed.next()).await {
            Err(_) => return End::TimedOut,
            Ok(None) => return End::Dropped,
            Ok(Some(Err(error))) => panic!("WebSocket protocol error: {error}"),
            Ok(Some(Ok(frame))) => frame,
        };
        match frame {
            ws::Frame::Text(bytes) => {
                let frame: Value = serde_json::from_slice(&bytes).expect("server frames are JSON");
                match frame["type"].as_str().unwrap_or_default() {
                    "welcome" | "subscribed" | "pong" => {
                        if std::env::var_os("SHUTDOWN_TEST_LOG").is_some() {
                            eprintln!("client: {frame}");
                        }
                    }
                    "resync" | "error" => panic!("unexpected frame {frame}"),
                    _ => {
                        let seq = frame["seq"].as_i64().unwrap_or_else(|| panic!("an event without seq: {frame}"));
                        seen.borrow_mut().push(frame);
                        if until.is_some_and(|until| seq >= until) {
                            return End::TimedOut;
                        }
                    }
                }
            }
            ws::Frame::Ping(payload) => {
                let _ = framed.send(ws::Message::Pong(payload)).await;
            }
            ws::Frame::Close(reason) => {
                // Answer the close, as a client should.
                let _ = framed.send(ws::Message::Close(reason.clone())).await;
                return End::Closed(reason);
            }
            _ => {}
        }
    }
}

async fn connect(client: &awc::Client, port: u16, query: &str) -> Framed {
    let (_, framed) = client
        .ws(format!("ws://127.0.0.1:{port}/ws{query}"))
        .max_frame_size(16 << 20)
        .connect()
        .await
        .expect("/ws accepts the session");
    framed
}

/// What the writers did.
#[derive(Default)]
struct Writes {
    ok: usize,
    created: Vec<i64>,
    /// Writes answered 503 `shutting_down`: not done, to be sent again elsewhere.
    refused: usize,
    /// Any other answer: its status and error code.
    other: Vec<(u16, String)>,
    /// When the last answer of all came.
    last_answer: Option<Instant>,
}

#[actix_web::test]
async fn sigterm_under_keep_alive_writes_refuses_new_ones_exits_0_once_answered_and_loses_no_event() {
    let started = Instant::now();
    let dir = TempDir::new();
    let database = dir.0.join("shutdown.db").display().to_string();
    let token = admin_token(&database);
    let http = client(&token);

    let mut server = Server::start(&database).await;
    let port = server.port;
    let mut socket = connect(&http, port, "?topics=*").await;
    // The welcome and the ack come first; events are gathered from here on.
    let before: Rc<RefCell<Vec<Value>>> = Rc::default();
    assert!(matches!(read_events(&mut socket, None, Duration::from_millis(300), &before).await, End::TimedOut));

    let writes: Rc<RefCell<Writes>> = Rc::default();
    let mut writers = Vec::new();
    for writer in 0..4 {
        let http = http.clone();
        let writes = writes.clone();
        writers.push(actix_web::rt::spawn(async move {
            let deadline = Instant::now() + Duration::from_secs(30);
            let mut n = 0;
            while Instant::now() < deadline {
                n += 1;
                let body =
                    json!({"name": format!("Writer {writer} #{n}"), "email": format!("w{writer}-{n}@example.com")});
                let sent = http.post(format!("http://127.0.0.1:{port}/api/customers")).send_json(&body).await;
                // Once the server has stopped, requests fail: the writer is done.
                let Ok(mut response) = sent else { break };
                let status = response.status();
                let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
                let (connection, retry_after) = (header("connection"), header("retry-after"));
                let answer: Value = response.json().await.unwrap_or(Value::Null);
                let mut writes = writes.borrow_mut();
                writes.last_answer = Some(Instant::now());
                if status.is_success() {
                    writes.ok += 1;
                    writes.created.push(answer["id"].as_i64().expect("a created customer has an id"));
                } else if status == StatusCode::SERVICE_UNAVAILABLE && answer["error"]["code"] == "shutting_down" {
                    assert_eq!(connection.as_deref(), Some("close"), "a refused write closes its connection");
                    assert_eq!(retry_after.as_deref(), Some("1"), "a refused write says when to retry");
                    writes.refused += 1;
                } else {
                    let code = answer["error"]["code"].as_str().unwrap_or_default().to_owned();
                    writes.other.push((status.as_u16(), code));
                }
            }
        }));
    }
    let reader = {
        let before = before.clone();
        actix_web::rt::spawn(async move {
            let end = read_events(&mut socket, None, Duration::from_secs(60), &before).await;
            (end, socket)
        })
    };

    eventually("twenty writes answered", Duration::from_secs(30), || async {
        (writes.borrow().ok >= 20).then_some(())
    })
    .await;
    let ok_before_signal = writes.borrow().ok;
    assert!(ok_before_signal > 0, "the writers were writing when the signal came");
    let signalled = server.terminate();

    // The socket is told the server is going away.
    let (end, _socket) = reader.await.unwrap();
    match &end {
        End::Closed(Some(reason)) => assert_eq!(u16::from(reason.code), 1001, "closed with {reason:?}"),
        other => panic!("expected a close frame with 1001, got {other:?}"),
    }
    // The process exits, cleanly, as soon as the writes in flight are answered.
    let (status, exited) = server.exit(Duration::from_secs(15)).await;
    let exit_time = exited - signalled;
    assert!(status.success(), "the server exited with {status}");
    for writer in writers {
        writer.await.unwrap();
    }
    let writes = writes.take();
    drop(server);
    let last_answer = writes.last_answer.expect("the writers were answered");
    let after_last_answer = exited.saturating_duration_since(last_answer);
    assert!(
        after_last_answer < Duration::from_secs(2),
        "the server exited {after_last_answer:?} after its last answer, not as soon as it was sent"
    );
    assert!(exit_time < Duration::from_secs(3), "the server took {exit_time:?} to exit after SIGTERM");

    // Start again on the same file and resume from the last seq the client saw.
    let server = Server::start(&database).await;
    let head = head(&http, server.port).await;
    let last_seen = before.borrow().last().map_or(0, |e| e["seq"].as_i64().unwrap());
    let after: RefCell<Vec<Value>> = RefCell::default();
    let mut socket = connect(&http, server.port, &format!("?topics=*&since={last_seen}")).await;
    if last_seen < head {
        let end = read_events(&mut socket, Some(head), Duration::from_secs(10), &after).await;
        assert!(matches!(end, End::TimedOut), "the resumed session ended: {end:?}");
    }
    let got = after.borrow().last().map_or(last_seen, |e| e["seq"].as_i64().unwrap());
    assert_eq!(
        got,
        head,
        "resumed with since={last_seen}, the session delivered up to {got} of head {head}: {:?}",
        after.borrow().iter().map(|e| e["seq"].as_i64().unwrap()).collect::<Vec<_>>()
    );
    let _ = socket.send(ws::Message::Close(None)).await;

    let before = before.take();
    let after = after.take();
    let seqs: Vec<i64> = before.iter().chain(&after).map(|e| e["seq"].as_i64().unwrap()).collect();
    println!(
        "shutdown: {} writes answered 2xx ({} before the signal), {} refused with 503, other answers {:?}; \
         log head {head}; {} events live before the close, {} replayed after the restart; exit {:.3} s after \
         SIGTERM and {:.3} s after the last answer; {:.1} s in all",
        writes.ok,
        ok_before_signal,
        writes.refused,
        writes.other,
        before.len(),
        after.len(),
        exit_time.as_secs_f64(),
        after_last_answer.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(seqs, (1..=head).collect::<Vec<_>>(), "before and after the restart: every event once, in order");
    assert!(head >= writes.ok as i64, "every write answered 2xx is in the log ({} > head {head})", writes.ok);
    let created: std::collections::BTreeSet<i64> = before
        .iter()
        .chain(&after)
        .filter(|e| e["type"] == "customer_created")
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    for id in &writes.created {
        assert!(created.contains(id), "customer {id} was answered 201 but its event never came");
    }
    assert!(writes.other.is_empty(), "every write was answered 2xx or refused with 503: {:?}", writes.other);
}

/// One answer read off a raw HTTP/1.1 connection.
#[derive(Debug)]
struct RawAnswer {
    status: u16,
    /// Header names in lower case.
    headers: Vec<(String, String)>,
    body: Value,
}

impl RawAnswer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A keep-alive connection of its own to the server, for one request after another.
fn raw_connection(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts the connection");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream
}

/// The head of `POST /api/customers` with a JSON body of `length` bytes.
fn post_customer_head(token: &str, length: usize) -> String {
    format!(
        "POST /api/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
}

fn customer(name: &str) -> String {
    json!({"name": name, "email": format!("{}@example.com", name.to_lowercase().replace(' ', "."))}).to_string()
}

/// Reads one answer (its body must carry a Content-Length); `None` if the connection ended, or
/// was reset, before any byte of one.
fn read_answer(stream: &mut TcpStream) -> Option<RawAnswer> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) if buf.is_empty() => return None,
            Ok(0) => panic!("the connection ended inside an answer's head"),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(error) => panic!("reading an answer: {error}"),
        }
    };
    let head = String::from_utf8(buf[..head_end].to_vec()).expect("the head is text");
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|line| line.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = headers.iter().find(|(n, _)| n == "content-length").map_or(0, |(_, v)| v.parse().unwrap());
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).expect("reading an answer's body");
        assert!(n > 0, "the connection ended inside an answer's body");
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = serde_json::from_slice(&buf[head_end..head_end + length]).unwrap_or(Value::Null);
    Some(RawAnswer { status, headers, body })
}

/// The server's count of requests in flight, this scrape of `/metrics` included.
async fn requests_in_flight(port: u16) -> f64 {
    let mut response =
        awc::Client::default().get(format!("http://127.0.0.1:{port}/metrics")).send().await.expect("/metrics answers");
    let text = String::from_utf8(response.body().limit(16 * 1024 * 1024).await.unwrap().to_vec()).unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix("switchboard_http_requests_in_flight ")?.trim().parse().ok())
        .expect("the in-flight gauge")
}

/// The connection was closed (or reset) by the server: nothing more comes from it.
fn is_closed(stream: &mut TcpStream) -> bool {
    let mut byte = [0u8; 1];
    match stream.read(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(error) => !matches!(error.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
    }
}

#[actix_web::test]
async fn a_request_in_flight_at_sigterm_is_answered_and_later_ones_are_refused_with_503() {
    let dir = TempDir::new();
    let database = dir.0.join("shutdown.db").display().to_string();
    let token = admin_token(&database);
    let mut server = Server::start(&database).await;
    let port = server.port;

    // Two keep-alive connections that have served a request: one to write again after the
    // signal, one left idle.
    let mut keep_alive = raw_connection(port);
    let mut idle = raw_connection(port);
    for stream in [&mut keep_alive, &mut idle] {
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let answer = read_answer(stream).expect("/healthz answers");
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_ne!(answer.header("connection"), Some("close"), "{answer:?}");
    }
    // A write in flight at the signal: its head is in, the end of its body is not.
    let in_flight_body = customer("In Flight");
    let (first, rest) = in_flight_body.split_at(in_flight_body.len() / 2);
    let mut in_flight = raw_connection(port);
    in_flight.write_all(post_customer_head(&token, in_flight_body.len()).as_bytes()).unwrap();
    in_flight.write_all(first.as_bytes()).unwrap();
    // The server has its head: it is in flight (with the scrape that asks).
    eventually("the write in flight", Duration::from_secs(10), || async {
        (requests_in_flight(port).await >= 2.0).then_some(())
    })
    .await;

    server.terminate();
    server.draining().await;

    // A write on a keep-alive connection after the signal is refused, not done.
    let refused_body = customer("Refused Write");
    keep_alive
        .write_all(format!("{}{refused_body}", post_customer_head(&token, refused_body.len())).as_bytes())
        .unwrap();
    let refused = read_answer(&mut keep_alive).expect("the keep-alive connection is answered");
    assert_eq!(refused.status, 503, "{refused:?}");
    assert_eq!(refused.body["error"]["code"], "shutting_down", "{refused:?}");
    assert_eq!(refused.header("connection"), Some("close"), "{refused:?}");
    assert_eq!(refused.header("retry-after"), Some("1"), "{refused:?}");
    assert!(is_closed(&mut keep_alive), "the server closes the connection after a 503");

    // A new connection is not served (the kernel may still complete its handshake): no answer,
    // or, when the acceptor took it in the moment before its pause landed (actix acknowledges a
    // pause before its accept thread applies it, which a loaded machine shows), the drain's 503.
    let mut late = TcpStream::connect(("127.0.0.1", port)).ok();
    if let Some(late) = &mut late {
        late.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
        let _ = late.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        if let Some(answer) = read_answer(late) {
            assert_eq!(answer.status, 503, "a connection made after the signal was served: {answer:?}");
            assert_eq!(answer.body["error"]["code"], "shutting_down", "{answer:?}");
        }
    }
    assert!(server.child.try_wait().unwrap().is_none(), "the server waits for the request in flight");

    // The write in flight gets its normal answer, and the connection closes after it.
    in_flight.write_all(rest.as_bytes()).unwrap();
    let created = read_answer(&mut in_flight).expect("the request in flight is answered");
    let answered = Instant::now();
    assert_eq!(created.status, 201, "{created:?}");
    assert_eq!(created.header("connection"), Some("close"), "{created:?}");
    let id = created.body["id"].as_i64().expect("a created customer has an id");

    // Then the process exits at once, the idle connection notwithstanding.
    let (status, exited) = server.exit(Duration::from_secs(15)).await;
    let after_answer = exited.saturating_duration_since(answered);
    println!("shutdown: exit {:.3} s after the last answer", after_answer.as_secs_f64());
    assert!(status.success(), "the server exited with {status}");
    assert!(after_answer < Duration::from_secs(2), "the server exited {after_answer:?} after its last answer");
    assert!(is_closed(&mut idle), "the idle connection is closed");
    drop(server);

    // The answered write is stored; the refused one is not.
    let server = Server::start(&database).await;
    let http = client(&token);
    let url = |path: &str| format!("http://127.0.0.1:{}{path}", server.port);
    let stored = http.get(url(&format!("/api/customers/{id}"))).send().await.unwrap();
    assert_eq!(stored.status(), StatusCode::OK, "the customer answered 201 is stored");
    let mut found = http.get(url("/api/customers?q=refused")).send().await.unwrap();
    let found: Value = found.json().await.unwrap();
    assert_eq!(found["items"], json!([]), "the write refused with 503 was not done: {found}");
}

#[actix_web::test]
async fn idle_keep_alive_connections_do_not_hold_the_exit_up() {
    let dir = TempDir::new();
    let database = dir.0.join("shutdown.db").display().to_string();
    let mut server = Server::start(&database).await;
    let mut idle: Vec<TcpStream> = (0..3).map(|_| raw_connection(server.port)).collect();
    for stream in &mut idle {
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        assert_eq!(read_answer(stream).expect("/healthz answers").status, 200);
    }

    let signalled = server.terminate();
    let (status, exited) = server.exit(Duration::from_secs(15)).await;
    let exit_time = exited - signalled;
    println!("shutdown: exit {:.3} s after SIGTERM with idle keep-alive connections", exit_time.as_secs_f64());
    assert!(status.success(), "the server exited with {status}");
    // Well under a second. A graceful actix stop would not be: its workers look for open
    // connections once a second (idle keep-alive ones, which every browser holds, count) and the
    // server then waits 300 ms more, the ~1.3 s once seen after a drain of 0 ms.
    assert!(exit_time < Duration::from_millis(700), "the server took {exit_time:?} to exit with nothing in flight");
    for stream in &mut idle {
        assert!(is_closed(stream), "an idle connection is closed");
    }
}

/// Reads what `stream` sends until `done` holds for all of it, the connection ends, or its read
/// timeout passes; all of it, as text.
fn read_until(stream: &mut TcpStream, done: impl Fn(&str) -> bool) -> String {
    let mut text = String::new();
    let mut chunk = [0u8; 4096];
    while !done(&text) {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => text.push_str(&String::from_utf8_lossy(&chunk[..n])),
        }
    }
    text
}

#[actix_web::test]
async fn an_event_stream_ends_with_going_away_and_does_not_hold_the_exit_up() {
    let dir = TempDir::new();
    let database = dir.0.join("shutdown.db").display().to_string();
    let token = admin_token(&database);
    let mut server = Server::start(&database).await;
    let mut stream = raw_connection(server.port);
    let request = format!("GET /sse?topics=* HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let opened = read_until(&mut stream, |text| text.contains("event: subscribed"));
    assert!(opened.starts_with("HTTP/1.1 200"), "{opened}");
    assert!(opened.contains("event: subscribed"), "the stream opened: {opened}");

    let signalled = server.terminate();
    // The last chunk of the body, and the connection closed behind it.
    let rest = read_until(&mut stream, |text| text.ends_with("\r\n0\r\n\r\n"));
    assert!(rest.contains(": close 1001 "), "the stream's last words say the server goes away: {rest}");
    assert!(rest.ends_with("\r\n0\r\n\r\n"), "the stream ended: {rest}");
    let (status, exited) = server.exit(Duration::from_secs(15)).await;
    let exit_time = exited - signalled;
    assert!(status.success(), "the server exited with {status}");
    // The drain waits for answers in flight, a stream's included, for up to ten seconds: a
    // stream that did not end would hold the exit up that long.
    assert!(exit_time < Duration::from_secs(2), "the server took {exit_time:?} to exit with a stream open");
    assert!(is_closed(&mut stream), "its connection is closed");
}
