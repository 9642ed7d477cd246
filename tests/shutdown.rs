//! Graceful shutdown under load loses no committed event.
//!
//! The real `switchboard` binary runs as a child process on a temporary SQLite file, with a
//! WebSocket client subscribed to `*` and four REST writers creating customers. After about a
//! second it gets SIGTERM: the WebSocket must be closed with 1001 (going away) and the process
//! must exit with status 0 within 15 s. A second server then starts on the same file, the client
//! resumes with `since` = the last seq it saw and reads up to the log head: what it received
//! before and after is exactly 1..=head, in order, without duplicates; head is at least the
//! number of writes answered 2xx, and every customer answered 201 is among the events.
//!
//! SQLite only: the test runs the binary on a database file of its own (the PostgreSQL side of
//! shutdown is the same code; `TEST_DATABASE_URL` does not change this test).

use std::cell::RefCell;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use awc::ws;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};

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

/// A running `switchboard serve`, killed if the test ends while it still runs.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Starts the binary on `database` with a port the system picks, and waits until it
    /// listens (it logs the port) and /healthz answers.
    async fn start(database: &str) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--host", "127.0.0.1", "--database-url", database])
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
        // Reads the log for the port, then keeps draining it so the server never blocks on it.
        std::thread::spawn(move || {
            let mut port_tx = Some(port_tx);
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
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
        let mut server = Server { child, port: 0 };
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

    fn pid(&self) -> u32 {
        self.child.id()
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

/// `token create --name t --role admin`: the token on the last line.
fn admin_token(database: &str) -> String {
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
    other: Vec<u16>,
    created: Vec<i64>,
}

#[actix_web::test]
async fn sigterm_under_load_closes_sockets_with_1001_exits_0_and_loses_no_event() {
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
                let answer: Value = response.json().await.unwrap_or(Value::Null);
                let mut writes = writes.borrow_mut();
                if status.is_success() {
                    writes.ok += 1;
                    writes.created.push(answer["id"].as_i64().expect("a created customer has an id"));
                } else {
                    writes.other.push(status.as_u16());
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

    actix_web::rt::time::sleep(Duration::from_secs(1)).await;
    let ok_before_signal = writes.borrow().ok;
    assert!(ok_before_signal > 0, "the writers were writing when the signal came");
    let signalled = Instant::now();
    let kill = Command::new("kill").args(["-TERM", &server.pid().to_string()]).status().expect("kill runs");
    assert!(kill.success());

    // The socket is told the server is going away.
    let (end, _socket) = reader.await.unwrap();
    match &end {
        End::Closed(Some(reason)) => assert_eq!(u16::from(reason.code), 1001, "closed with {reason:?}"),
        other => panic!("expected a close frame with 1001, got {other:?}"),
    }
    // The process exits, cleanly, in time.
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(signalled.elapsed() < Duration::from_secs(15), "the server did not exit within 15 s of SIGTERM");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    };
    let exit_time = signalled.elapsed();
    assert!(status.success(), "the server exited with {status}");
    for writer in writers {
        writer.await.unwrap();
    }
    let writes = writes.take();
    drop(server);

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
        "shutdown: {} writes answered 2xx ({} before the signal), other answers {:?}; log head {head}; \
         {} events live before the close, {} replayed after the restart; exit {:.2} s after SIGTERM; {:.1} s in all",
        writes.ok,
        ok_before_signal,
        writes.other,
        before.len(),
        after.len(),
        exit_time.as_secs_f64(),
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
    assert!(writes.other.iter().all(|s| *s < 500), "no write failed with a server error: {:?}", writes.other);
}
