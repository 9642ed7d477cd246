//! Callers without a token trying to make the server keep memory or work it does not bound:
//! made-up HTTP methods (metric series), request bodies that stop arriving, bodies past the
//! in-flight bound, guessed bearer tokens; and the sub-commands that must not create a database.
//!
//! The made-up methods run against the real binary, so its resident memory is its own; the
//! others against the in-process server, over raw TCP where a client library would not send
//! what an attacker does.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use actix_web::rt::net::TcpStream as AsyncTcpStream;
use actix_web::rt::time::timeout;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{eventually, TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_switchboard");

/// The request-counter series of a `/metrics` text: each one's labels, as written.
fn request_series(metrics: &str) -> BTreeSet<String> {
    metrics
        .lines()
        .filter_map(|line| line.strip_prefix("switchboard_http_requests_total{"))
        .filter_map(|rest| rest.split_once('}').map(|(labels, _)| labels.to_owned()))
        .collect()
}

/// The `method` label of one series' labels (`method="GET",route="/healthz",status="200"`).
fn method_of(labels: &str) -> &str {
    labels.split("method=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_default()
}

/// A real `switchboard serve` on `db`, its log gathered by a thread.
struct Process {
    child: Child,
    port: u16,
    log: Option<std::thread::JoinHandle<String>>,
}

impl Process {
    fn start(db: &TestDb) -> Process {
        let mut child = Command::new(BIN)
            .env("DATABASE_URL", &db.url)
            .env("PORT", "0")
            .env("HOST", "127.0.0.1")
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the switchboard binary starts");
        let mut log = BufReader::new(child.stderr.take().expect("stderr is piped"));
        let mut line = String::new();
        let port = loop {
            line.clear();
            let read = log.read_line(&mut line).expect("the server's log reads");
            assert!(read > 0, "the server exited before it said where it listens");
            if let Some(port) = line
                .split("listening on http://127.0.0.1:")
                .nth(1)
                .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|port| port.parse().ok())
            {
                break port;
            }
        };
        let log = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = log.read_to_string(&mut text);
            text
        });
        Process { child, port, log: Some(log) }
    }

    /// Stops it and answers its log (from after the line saying where it listens).
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.log.take().map(|log| log.join().expect("the log reader ends")).unwrap_or_default()
    }

    /// Its resident memory, in KiB, from /proc.
    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).expect("/proc is readable");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.split_whitespace().next())
            .and_then(|kib| kib.parse().ok())
            .expect("VmRSS is in /proc/PID/status")
    }

    /// One request on its own connection (`Connection: close`): the whole answer.
    fn request(&self, method: &str, path: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let request = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `count` requests with made-up methods (`X` and `length - 1` random letters) to
/// /healthz on one keep-alive connection, reading each answer; answers their status lines and
/// the last method sent.
fn made_up_methods(port: u16, count: usize, length: usize) -> (BTreeSet<String>, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.set_nodelay(true).unwrap();
    let mut pending = Vec::new();
    let mut statuses = BTreeSet::new();
    let mut last = String::new();
    for _ in 0..count {
        let mut bytes = vec![0u8; length - 1];
        getrandom::fill(&mut bytes).unwrap();
        let method: String = std::iter::once('X').chain(bytes.iter().map(|b| char::from(b'A' + b % 26))).collect();
        // One write per request: several small ones would wait on delayed ACKs.
        let request = format!("{method} /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let head = read_answer(&mut stream, &mut pending);
        statuses.insert(head.lines().next().unwrap_or_default().to_owned());
        last = method;
    }
    (statuses, last)
}

/// Reads one answer (head and Content-Length body) from `stream`; `pending` keeps what was read
/// past it. Answers the head.
fn read_answer(stream: &mut TcpStream, pending: &mut Vec<u8>) -> String {
    let mut buffer = [0u8; 16 * 1024];
    loop {
        if let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&pending[..end]).into_owned();
            let length: usize = head
                .lines()
                .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(str::to_owned))
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(0);
            if pending.len() >= end + 4 + length {
                pending.drain(..end + 4 + length);
                return head;
            }
        }
        let read = stream.read(&mut buffer).expect("the server answers");
        assert!(read > 0, "the server closed the connection");
        pending.extend_from_slice(&buffer[..read]);
    }
}

#[test]
fn three_thousand_made_up_methods_add_no_metric_series_and_no_memory() {
    let db = TestDb::new();
    let server = Process::start(&db);
    // Warm up every path the attack takes (a made-up method's answer, its log line, a scrape),
    // so what is measured after is what the attack added.
    made_up_methods(server.port, 300, 40);
    for _ in 0..300 {
        assert!(server.request("GET", "/healthz").starts_with("HTTP/1.1 200"));
    }
    let _ = server.request("GET", "/metrics");
    let series_before = request_series(&server.request("GET", "/metrics"));
    let rss_before = server.rss_kib();

    let (statuses, last_method) = made_up_methods(server.port, 3_000, 40);

    let rss_after = server.rss_kib();
    let series_after = request_series(&server.request("GET", "/metrics"));
    assert!(!statuses.iter().any(|status| status.starts_with("HTTP/1.1 5")), "{statuses:?}");
    let new: Vec<&String> = series_after.difference(&series_before).collect();
    assert!(new.is_empty(), "the made-up methods added series: {new:?}");
    let methods: BTreeSet<&str> = series_after.iter().map(|labels| method_of(labels)).collect();
    let standard = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE", "_OTHER"];
    assert!(methods.iter().all(|method| standard.contains(method)), "{methods:?}");
    assert!(methods.contains("_OTHER"), "the made-up methods are counted, folded: {methods:?}");
    // Before labels were folded, these 3,000 methods took about 5 MB more (docs/benchmarks.md).
    let grown = rss_after.saturating_sub(rss_before);
    assert!(grown < 2 * 1024, "resident memory grew {grown} KiB ({rss_before} → {rss_after} KiB)");

    // The log names a made-up method by its first 32 bytes, never whole.
    let log = server.stop();
    assert!(!log.contains(&last_method), "the log echoes a 40-byte method whole");
    assert!(log.contains(&format!("method={}…", &last_method[..32])), "the log names the method, cut");
}

/// What became of a connection that sent a body's first part and then nothing.
#[derive(Debug)]
struct Stalled {
    /// The answer's status line, or how the connection ended without one.
    status: String,
    body: String,
    /// From its first byte sent to its answer.
    answered_after: Duration,
    /// Whether the server closed the connection after the answer.
    closed: bool,
}

/// Opens a connection, sends a `POST /api/login` head declaring `declared` bytes and then
/// `sent` of them, and returns it with when it began.
async fn stall(port: u16, declared: usize, sent: usize) -> (AsyncTcpStream, Instant) {
    let mut stream = AsyncTcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let began = Instant::now();
    let head = format!(
        "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {declared}\r\n\r\n{{\"token\":\""
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&vec![b'a'; sent.saturating_sub(10)]).await.unwrap();
    (stream, began)
}

/// Reads what the server sends on `stream` until it closes it (or `wait` passes).
async fn answer_of(mut stream: AsyncTcpStream, began: Instant, wait: Duration) -> Stalled {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    let mut answered_after = None;
    let closed = loop {
        match timeout(wait, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break true,
            Ok(Ok(read)) => {
                answered_after.get_or_insert_with(|| began.elapsed());
                answer.extend_from_slice(&buffer[..read]);
            }
            Err(_) => break false,
        }
    };
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Stalled {
        status: head.lines().next().unwrap_or("no answer").to_owned(),
        body: body.to_owned(),
        answered_after: answered_after.unwrap_or_else(|| began.elapsed()),
        closed,
    }
}

#[actix_web::test]
async fn three_hundred_stalled_bodies_are_answered_408_within_the_timeout_while_healthz_answers() {
    // Exactly room for the 300 declared bodies: a share not given back shows as a 503 after.
    let app = TestApp::spawn_with(&["--body-read-timeout-ms=2000", "--bodies-in-flight-bytes=60000000"]).await;
    let mut stalled = Vec::new();
    for _ in 0..300 {
        stalled.push(stall(app.port, 200_000, 10_000).await);
    }
    let asked = Instant::now();
    let health = awc::Client::new().get(app.url("/healthz")).send().await.unwrap();
    let healthz_took = asked.elapsed();
    assert_eq!(health.status(), 200);

    let answers = futures_util::future::join_all(
        stalled.into_iter().map(|(stream, began)| answer_of(stream, began, Duration::from_secs(30))),
    )
    .await;

    assert!(healthz_took < Duration::from_secs(2), "/healthz took {healthz_took:?} during the stall");
    let last = answers.iter().map(|a| a.answered_after).max().unwrap();
    assert!(last > healthz_took, "/healthz was asked while bodies were stalled");
    for answer in &answers {
        assert_eq!(answer.status, "HTTP/1.1 408 Request Timeout", "{answer:?}");
        assert!(answer.body.contains(r#""code":"body_timeout""#), "{answer:?}");
        assert!(answer.closed, "the connection is closed after the 408: {answer:?}");
        // Never before the timeout (it starts once the head is in); within it and some slack.
        assert!(answer.answered_after >= Duration::from_millis(2000), "{answer:?}");
        assert!(answer.answered_after < Duration::from_secs(12), "{answer:?}");
    }
    // Their shares of the in-flight bound were given back: a body of the same size is read.
    let login = app
        .client_as(None)
        .post(app.url("/api/login"))
        .send_json(&serde_json::json!({"token": "a".repeat(199_980)}))
        .await
        .unwrap();
    assert_eq!(login.status(), 401);
}

#[actix_web::test]
async fn a_body_past_the_in_flight_bound_is_answered_503_with_retry_after() {
    let app = TestApp::spawn_with(&["--bodies-in-flight-bytes=300000", "--body-read-timeout-ms=60000"]).await;
    let (held, _) = stall(app.port, 200_000, 100).await;
    let body = format!(r#"{{"token":"{}"}}"#, "a".repeat(199_988));
    let post = || async {
        let mut stream = AsyncTcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
        let began = Instant::now();
        let head = format!(
            "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        // The server may answer 503 and close before the body is all sent.
        let _ = stream.write_all(body.as_bytes()).await;
        answer_of(stream, began, Duration::from_secs(30)).await
    };
    // The held body takes its share once its head is in: the gauge shows when.
    eventually("the held body counted", Duration::from_secs(20), || async {
        (app.gauge("switchboard_http_bodies_in_flight_bytes").await == 200_000.0).then_some(())
    })
    .await;
    let refused = post().await;
    assert!(refused.status.starts_with("HTTP/1.1 503"), "{refused:?}");
    assert!(refused.body.contains(r#""code":"overloaded""#), "{refused:?}");
    assert!(refused.closed, "the connection is closed after the 503: {refused:?}");
    assert!(refused.answered_after < Duration::from_secs(5), "refused at once: {refused:?}");

    // The held connection goes away: its share comes back and bodies are read again.
    drop(held);
    eventually("the dropped body's share back", Duration::from_secs(20), || async {
        (app.gauge("switchboard_http_bodies_in_flight_bytes").await == 0.0).then_some(())
    })
    .await;
    let answer = post().await;
    assert!(answer.status.starts_with("HTTP/1.1 401"), "{answer:?}");
}

#[actix_web::test]
async fn four_hundred_random_bearer_tokens_meet_a_429_while_a_token_in_use_still_works() {
    let app = TestApp::spawn().await;
    // The admin token is in use from this address before the guessing starts.
    assert_eq!(app.get("/api/me").await.status, 200);
    let fresh = app.token("dispatcher", None).await;

    let started = Instant::now();
    let (mut unauthorized, mut limited) = (0, 0);
    for _ in 0..400 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).unwrap();
        let guess: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let response = app.client_as(Some(&format!("sb_{guess}"))).get(app.url("/api/me")).send().await.unwrap();
        match response.status().as_u16() {
            401 => unauthorized += 1,
            429 => {
                let retry_after: u64 = response
                    .headers()
                    .get("Retry-After")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse().ok())
                    .expect("a 429 says when to come back");
                assert!((1..=60).contains(&retry_after), "Retry-After: {retry_after}");
                limited += 1;
            }
            other => panic!("a guessed token got {other}"),
        }
    }
    // 60 failed look-ups a minute by default, refilled as time passes.
    let refilled = started.elapsed().as_secs() + 1;
    assert!((60..=60 + refilled).contains(&unauthorized), "{unauthorized} guesses were looked up");
    assert_eq!(unauthorized + limited, 400);
    let cookie = app
        .client_as(None)
        .get(app.url("/api/me"))
        .insert_header(("Cookie", "switchboard_session=0123456789abcdef"))
        .send()
        .await
        .unwrap();
    assert_eq!(cookie.status(), 429, "an unknown session cookie from the address waits too");

    // A token the database accepted lately still works from the blocked address; one never
    // used waits with the guesses (README, Hardening).
    assert_eq!(app.get("/api/me").await.status, 200);
    let first_use = app.client_as(Some(&fresh)).get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(first_use.status(), 429);
}

#[test]
fn sub_commands_other_than_serve_and_migrate_refuse_a_database_that_does_not_exist() {
    let dir = std::env::temp_dir().join(format!("switchboard-nodb-{}-{}", std::process::id(), line!()));
    std::fs::create_dir_all(&dir).unwrap();
    let run =
        |args: &[&str]| Command::new(BIN).args(args).current_dir(&dir).env_remove("DATABASE_URL").output().unwrap();
    let expected = dir.join("data").join("switchboard.db");
    let backup = dir.join("backup.db").display().to_string();
    let commands: [&[&str]; 6] = [
        &["token", "list"],
        &["token", "create", "--name", "t", "--role", "admin"],
        &["token", "revoke", "1"],
        &["seed-demo"],
        &["backup", &backup],
        &["restore", &backup],
    ];
    for args in commands {
        let output = run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(&format!("there is no database at {}", expected.display())), "{args:?}: {stderr}");
        assert!(stderr.contains("--database-url"), "{args:?}: {stderr}");
        assert!(!dir.join("data").exists(), "{args:?} made the database's directory");
    }
    let elsewhere = run(&["token", "list", "--database-url", "elsewhere/sb.db"]);
    let stderr = String::from_utf8_lossy(&elsewhere.stderr);
    assert!(stderr.contains(&dir.join("elsewhere/sb.db").display().to_string()), "{stderr}");

    // `migrate` makes it; then the others find it.
    assert!(run(&["migrate"]).status.success());
    let listed = run(&["token", "list"]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}
