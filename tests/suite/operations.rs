//! Running it in production: `/metrics` (parsed with a Prometheus parser, counters checked
//! against what a scripted run did, and who may read it), the JSON log of a real server process,
//! `check-config`, and backups taken while writers write.
//!
//! Each server has its own metrics recorder, so tests running side by side in this binary do not
//! move each other's counters.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::common::{eventually, TestApp, TestDb};
use actix_web::http::StatusCode;
use serde_json::{json, Value};

/// The samples of one scrape.
struct Scrape(prometheus_parse::Scrape);

impl Scrape {
    /// The value of `name` whose labels include `labels`; 0 when there is none.
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.0
            .samples
            .iter()
            .filter(|s| s.metric == name)
            .filter(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
            .map(|s| match s.value {
                prometheus_parse::Value::Counter(v) | prometheus_parse::Value::Gauge(v) => v,
                prometheus_parse::Value::Untyped(v) => v,
                _ => 0.0,
            })
            .sum()
    }
}

async fn scrape(app: &TestApp) -> Scrape {
    let mut response = app.client_as(None).get(app.url("/metrics")).send().await.expect("/metrics answers");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers().get("content-type").unwrap().to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    let body = response.body().limit(16 * 1024 * 1024).await.unwrap();
    let text = String::from_utf8(body.to_vec()).expect("the metrics are UTF-8");
    let lines: Vec<String> = text.lines().map(angle_braces_in_values).collect();
    let parsed = prometheus_parse::Scrape::parse(lines.iter().map(|line| Ok(line.clone())))
        .expect("the metrics parse as Prometheus text");
    // Every line is read: a histogram's `_bucket` lines become one sample.
    let names = lines
        .iter()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split(['{', ' ']).next().unwrap_or_default().to_owned());
    let (mut plain, mut histograms) = (0, 0);
    for name in names {
        // The parser also answers a histogram's `_sum` and `_count` as samples of their own.
        histograms += usize::from(name.ends_with("_count"));
        plain += usize::from(!name.ends_with("_bucket"));
    }
    let parsed_histograms =
        parsed.samples.iter().filter(|s| matches!(s.value, prometheus_parse::Value::Histogram(_))).count();
    assert_eq!(parsed_histograms, histograms, "every histogram parses:\n{text}");
    assert_eq!(parsed.samples.len() - parsed_histograms, plain, "every sample line parses:\n{text}");
    Scrape(parsed)
}

/// prometheus-parse reads labels with the pattern `[^}]+`, so a `}` inside a quoted label value
/// (`route="/api/orders/{id}"`, valid Prometheus text) would end them early. Inside quotes,
/// braces become angle brackets for it: `route="/api/orders/<id>"`.
fn angle_braces_in_values(line: &str) -> String {
    if line.starts_with('#') {
        return line.to_owned();
    }
    let (mut quoted, mut escaped) = (false, false);
    line.chars()
        .map(|c| {
            let out = match c {
                '{' if quoted => '<',
                '}' if quoted => '>',
                _ => c,
            };
            if escaped {
                escaped = false;
            } else if c == '\\' && quoted {
                escaped = true;
            } else if c == '"' {
                quoted = !quoted;
            }
            out
        })
        .collect()
}

/// Scrapes until `check` holds, for up to `within`.
async fn scrape_until(app: &TestApp, within: Duration, check: impl Fn(&Scrape) -> bool) -> Scrape {
    let deadline = Instant::now() + within;
    loop {
        let scraped = scrape(app).await;
        if check(&scraped) {
            return scraped;
        }
        assert!(Instant::now() < deadline, "the metrics never got there");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
async fn counters_move_by_exactly_what_a_scripted_run_did() {
    let app = TestApp::spawn().await;
    let before = scrape(&app).await;
    let sessions = 3;
    let mut clients = Vec::new();
    for _ in 0..sessions {
        let mut ws = app.ws("?topics=customers").await;
        ws.next_of("subscribed").await;
        clients.push(ws);
    }
    let writes = 5;
    let mut last = 0;
    for n in 0..writes {
        let body = json!({"name": format!("Metered {n}"), "email": format!("metered{n}@example.com")});
        last = app.create("customers", body).await["id"].as_i64().unwrap();
    }
    for ws in &mut clients {
        for _ in 0..writes {
            ws.next_of("customer_created").await;
        }
    }
    assert_eq!(app.get(&format!("/api/customers/{last}")).await.status, StatusCode::OK);

    let after = scrape(&app).await;
    let delta = |name: &str, labels: &[(&str, &str)]| after.value(name, labels) - before.value(name, labels);
    assert_eq!(delta("switchboard_events_published_total", &[]), writes as f64);
    assert_eq!(delta("switchboard_ws_deliveries_total", &[]), (writes * sessions) as f64);
    assert_eq!(after.value("switchboard_ws_sessions", &[]), sessions as f64);
    assert_eq!(after.value("switchboard_ws_subscriptions", &[("kind", "collection")]), sessions as f64);
    let created = [("route", "/api/customers"), ("method", "POST"), ("status", "201")];
    assert_eq!(delta("switchboard_http_requests_total", &created), writes as f64);
    // The route template, never the path the client sent.
    let one = [("route", "/api/customers/<id>"), ("method", "GET"), ("status", "200")];
    assert_eq!(delta("switchboard_http_requests_total", &one), 1.0);
    assert!(after.0.samples.iter().all(|s| !s.labels.get("route").is_some_and(|r| r.contains(&last.to_string()))));
    let head = after.value("switchboard_event_log_head_seq", &[]);
    assert_eq!(head, after.value("switchboard_delivered_seq", &[]));
    assert_eq!(after.value("switchboard_delivery_lag_events", &[]), 0.0);
    assert_eq!(after.value("switchboard_build_info", &[("version", env!("CARGO_PKG_VERSION"))]), 1.0);
    assert!(after.value("process_resident_memory_bytes", &[]) > 0.0);
    assert!(after.value("switchboard_db_pool_max_connections", &[]) >= 1.0);
    let write_transactions = after.0.samples.iter().find_map(|s| match &s.value {
        prometheus_parse::Value::Histogram(buckets)
            if s.metric == "switchboard_db_transaction_duration_seconds" && s.labels.get("kind") == Some("write") =>
        {
            buckets.last().map(|bucket| bucket.count)
        }
        _ => None,
    });
    assert!(write_transactions.is_some_and(|count| count >= writes as f64), "{write_transactions:?}");

    for ws in clients {
        ws.close().await;
    }
    let closed = scrape_until(&app, Duration::from_secs(5), |s| s.value("switchboard_ws_sessions", &[]) == 0.0).await;
    let by_client = closed.value("switchboard_ws_sessions_closed_total", &[("reason", "client")]);
    assert_eq!(by_client - before.value("switchboard_ws_sessions_closed_total", &[("reason", "client")]), 3.0);
}

#[actix_web::test]
async fn one_slow_client_is_one_1013_close() {
    use tokio::io::AsyncWriteExt;
    let app =
        TestApp::spawn_with(&["--ws-send-queue=8", "--ws-heartbeat-ms=1000", "--ws-client-timeout-ms=4000"]).await;
    // Every event carries the whole record: four fields of 2,000 four-byte characters, 32 KB.
    let wide = "\u{1d11e}".repeat(2000);
    let record = json!({"name": wide, "email": "slow@example.com", "phone": wide, "address": wide, "notes": wide});
    let id = app.create("customers", record).await["id"].as_i64().unwrap();
    // A client with a tiny receive window that never reads: the server's queue for it fills.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stream = socket.connect(([127, 0, 0, 1], app.port).into()).await.unwrap();
    let request = format!(
        "GET /ws?topics=customers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\nConnection: Upgrade\r\n\
         Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        app.admin_token
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    scrape_until(&app, Duration::from_secs(5), |s| {
        s.value("switchboard_ws_subscriptions", &[("kind", "collection")]) == 1.0
    })
    .await;

    // Far more than the kernel's socket buffers (4 MB at most) and the queue of 8 hold.
    let short = "\u{1d11e}".repeat(1990);
    for n in 0..400 {
        let reply = app.patch(&format!("/api/customers/{id}"), json!({"name": format!("{n} {short}")})).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        if n % 50 == 49 && scrape(&app).await.value("switchboard_ws_sessions", &[]) == 0.0 {
            break;
        }
    }
    let after =
        scrape_until(&app, Duration::from_secs(15), |s| s.value("switchboard_ws_sessions_closed_total", &[]) >= 1.0)
            .await;
    assert_eq!(after.value("switchboard_ws_sessions_closed_total", &[("reason", "slow")]), 1.0);
    assert_eq!(after.value("switchboard_ws_sessions_closed_total", &[]), 1.0, "one close in all");
    drop(stream);
}

#[actix_web::test]
async fn metrics_are_open_to_allowed_addresses_and_admins_only() {
    let app = TestApp::spawn().await;
    let manager = app.token("manager", None).await;
    let status = |token: Option<String>| {
        let client = app.client_as(token.as_deref());
        let url = app.url("/metrics");
        async move { client.get(url).send().await.unwrap().status() }
    };
    // Loopback is allowed by default.
    assert_eq!(status(None).await, StatusCode::OK);
    assert_eq!(status(Some(app.admin_token.clone())).await, StatusCode::OK);
    assert_eq!(status(Some(manager.clone())).await, StatusCode::FORBIDDEN);

    let elsewhere = TestApp::spawn_with(&["--metrics-allow=10.0.0.0/8,2001:db8::/32"]).await;
    let manager = elsewhere.token("manager", None).await;
    let status = |token: Option<String>| {
        let client = elsewhere.client_as(token.as_deref());
        let url = elsewhere.url("/metrics");
        async move { client.get(url).send().await.unwrap().status() }
    };
    assert_eq!(status(None).await, StatusCode::UNAUTHORIZED);
    assert_eq!(status(Some("sb_not_a_token".into())).await, StatusCode::UNAUTHORIZED);
    assert_eq!(status(Some(elsewhere.admin_token.clone())).await, StatusCode::OK);
    assert_eq!(status(Some(manager)).await, StatusCode::FORBIDDEN);
}

/// A real `switchboard` process logging JSON to a file, on `db`.
struct Process {
    child: std::process::Child,
    log: std::path::PathBuf,
    port: u16,
}

impl Process {
    fn start(db: &TestDb, extra_env: &[(&str, &str)]) -> Process {
        let log = std::env::temp_dir().join(format!("switchboard-log-{}-{}.jsonl", std::process::id(), rand_suffix()));
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_switchboard"));
        command
            .env("DATABASE_URL", &db.url)
            .env("PORT", "0")
            .env("HOST", "127.0.0.1")
            .env("SWITCHBOARD_LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap());
        for (name, value) in extra_env {
            command.env(name, value);
        }
        let child = command.spawn().expect("the switchboard binary starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        let port = loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(port) = text.lines().find_map(|line| {
                line.split("listening on http://127.0.0.1:")
                    .nth(1)?
                    .split(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse()
                    .ok()
            }) {
                break port;
            }
            assert!(Instant::now() < deadline, "the server never said where it listens: {text}");
            std::thread::sleep(Duration::from_millis(50));
        };
        Process { child, log, port }
    }

    /// Stops it as an orchestrator would (SIGTERM), and answers its whole log.
    fn stop(mut self) -> String {
        // SAFETY: kill has no memory preconditions; the pid is our child's.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let _ = self.child.wait();
        let text = std::fs::read_to_string(&self.log).unwrap();
        let _ = std::fs::remove_file(&self.log);
        text
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

#[actix_web::test]
async fn json_log_lines_carry_the_request_id_and_no_secret() {
    let db = TestDb::new();
    let admin = db.admin_token();
    let process = Process::start(&db, &[]);
    let base = format!("http://127.0.0.1:{}", process.port);
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(30))
        .add_default_header(("Authorization", format!("Bearer {admin}")))
        .finish();

    let response =
        client.get(format!("{base}/api/me")).insert_header(("X-Request-Id", "ops-test-42")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("x-request-id").unwrap(), "ops-test-42");
    // An id that is not sane is replaced by one of ours.
    let response =
        client.get(format!("{base}/api/me")).insert_header(("X-Request-Id", "x".repeat(300))).send().await.unwrap();
    let generated = response.headers().get("x-request-id").unwrap().to_str().unwrap().to_owned();
    assert_eq!(generated.len(), 32, "{generated}");

    let mut ticket_reply = client.post(format!("{base}/api/ws-ticket")).send_json(&json!({})).await.unwrap();
    let ticket = ticket_reply.json::<Value>().await.unwrap()["ticket"].as_str().unwrap().to_owned();
    let anonymous = awc::Client::default();
    let (_, mut ws) = anonymous
        .ws(format!("ws://127.0.0.1:{}/ws?topics=customers&ticket={ticket}", process.port))
        .connect()
        .await
        .expect("the ticket opens /ws");
    use futures_util::{SinkExt, StreamExt};
    let _welcome = ws.next().await;
    let created = client
        .post(format!("{base}/api/customers"))
        .send_json(&json!({"name": "Logged", "email": "logged@example.com"}))
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    ws.send(awc::ws::Message::Close(None)).await.unwrap();
    while let Some(Ok(_)) = ws.next().await {}
    // A secret in a query string is logged redacted.
    let _ = anonymous.get(format!("{base}/api/customers?token={admin}")).send().await.unwrap();

    let log = process.stop();
    assert!(!log.contains(&admin), "the token's secret is in the log");
    assert!(!log.contains(&ticket), "the ticket is in the log");
    let lines: Vec<Value> = log
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    let me = lines.iter().find(|l| l["request_id"] == "ops-test-42").expect("the client's request id is logged");
    assert_eq!(me["route"], "/api/me");
    assert_eq!(me["status"], 200);
    assert_eq!(me["role"], "admin");
    assert!(me["token_id"].is_i64(), "{me}");
    assert!(me["latency_ms"].is_number(), "{me}");
    assert!(lines.iter().any(|l| l["request_id"] == generated.as_str()));
    let handshake = lines.iter().find(|l| l["route"] == "/ws").expect("the handshake is logged");
    assert_eq!(handshake["status"], 101);
    assert!(handshake["path"].as_str().unwrap().contains("ticket=REDACTED"), "{handshake}");
    let opened = lines.iter().find(|l| l["message"] == "ws session opened").expect("the session's opening is logged");
    assert_eq!(opened["request_id"], handshake["request_id"]);
    assert_eq!(opened["topics"], 1);
    let closed = lines.iter().find(|l| l["message"] == "ws session closed").expect("the session's end is logged");
    assert_eq!(closed["close_reason"], "client");
    assert_eq!(closed["topics"], 1);
    assert!(closed["duration_ms"].is_u64(), "{closed}");
    let redacted = lines.iter().find(|l| l["path"].as_str().is_some_and(|p| p.contains("token="))).unwrap();
    assert_eq!(redacted["path"], "/api/customers?token=REDACTED");
}

#[test]
fn check_config_prints_the_settings_and_refuses_bad_ones() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_switchboard"))
            .arg("check-config")
            .args(args)
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };
    let good = run(&["--database-url=postgres://app:s3cret@127.0.0.1/sb"]);
    assert!(good.status.success(), "{good:?}");
    let out = String::from_utf8(good.stdout).unwrap();
    assert!(out.contains("database-url = postgres://app:****@127.0.0.1/sb"), "{out}");
    assert!(out.contains("metrics-allow = 127.0.0.0/8,::1"), "{out}");
    assert!(!out.contains("s3cret"), "{out}");

    let bad = run(&["--pool-size=0", "--metrics-allow=not-an-address"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(err.contains("pool-size") && err.contains("not-an-address"), "{err}");
}

#[actix_web::test]
#[cfg_attr(postgres_tests, ignore = "SQLite only: on PostgreSQL pg_dump backs up (docs/operations.md)")]
async fn a_backup_during_eight_writers_restores_every_acknowledged_write() {
    // Eight writers as fast as they can go: past the per-token rate limit, so it is off here.
    let app = TestApp::spawn_with(&["--pool-size=8", "--rate-limit-per-min=0"]).await;
    assert!(!app.db.is_postgres(), "backup and restore copy SQLite databases");
    let acked: std::rc::Rc<std::cell::RefCell<Vec<(i64, Instant)>>> = Default::default();
    let stop = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut writers = Vec::new();
    for writer in 0..8 {
        let (acked, stop, client, url) = (acked.clone(), stop.clone(), app.client.clone(), app.url("/api/customers"));
        writers.push(actix_web::rt::spawn(async move {
            let mut n = 0;
            while !stop.get() {
                let body = json!({"name": format!("W{writer} {n}"), "email": format!("w{writer}.{n}@example.com")});
                let mut reply = client.post(&url).send_json(&body).await.unwrap();
                assert_eq!(reply.status(), StatusCode::CREATED);
                let id = reply.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
                acked.borrow_mut().push((id, Instant::now()));
                n += 1;
            }
        }));
    }
    eventually("eight writes acknowledged", Duration::from_secs(30), || async {
        (acked.borrow().len() >= 8).then_some(())
    })
    .await;
    let dir = std::env::temp_dir().join(format!("switchboard-backup-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let backup_path = dir.join("backup.db");
    let began = Instant::now();
    let (url, path) = (app.db.url.clone(), backup_path.clone());
    let summary =
        actix_web::web::block(move || switchboard::backup::backup(&url, &path)).await.unwrap().expect("the backup");
    eventually("a write acknowledged after the backup began", Duration::from_secs(30), || async {
        acked.borrow().iter().any(|(_, at)| *at >= began).then_some(())
    })
    .await;
    stop.set(true);
    for writer in writers {
        writer.await.unwrap();
    }
    let before: HashSet<i64> = acked.borrow().iter().filter(|(_, at)| *at < began).map(|(id, _)| *id).collect();
    assert!(before.len() >= 8, "the writers wrote before the backup: {}", before.len());
    assert!(acked.borrow().len() > before.len(), "and went on writing during it");
    let original_head = app.get("/api/customers?limit=1").await.seq();

    // Restoring over a database a server uses is refused.
    let (url, path) = (app.db.url.clone(), backup_path.clone());
    let refused = actix_web::web::block(move || switchboard::backup::restore(&url, &path)).await.unwrap();
    assert!(refused.as_ref().is_err_and(|e| e.contains("in use")), "{refused:?}");

    let restored_db = std::sync::Arc::new(TestDb::sqlite());
    let (url, path) = (restored_db.url.clone(), backup_path.clone());
    let restored = actix_web::web::block(move || switchboard::backup::restore(&url, &path)).await.unwrap().unwrap();
    assert_eq!(restored, summary);
    let (url, check) = (restored_db.url.clone(), restored_db.url.clone());
    let checked =
        actix_web::web::block(move || switchboard::backup::check(std::path::Path::new(&check))).await.unwrap();
    assert!(checked.is_ok(), "PRAGMA integrity_check: {checked:?} ({url})");

    let restored_app = TestApp::spawn_on(restored_db, &[]).await;
    let mut present = HashSet::new();
    let mut offset = 0;
    loop {
        let page = restored_app.get(&format!("/api/customers?limit=500&offset={offset}")).await.body;
        let items = page["items"].as_array().unwrap();
        present.extend(items.iter().map(|c| c["id"].as_i64().unwrap()));
        if items.len() < 500 {
            break;
        }
        offset += 500;
    }
    let missing: Vec<_> = before.difference(&present).collect();
    assert!(missing.is_empty(), "acknowledged before the backup, missing after the restore: {missing:?}");
    let sample = *before.iter().next().unwrap();
    let original = app.get(&format!("/api/customers/{sample}")).await.body;
    assert_eq!(restored_app.get(&format!("/api/customers/{sample}")).await.body, original);

    // A client that saw events the restored log never had is told to resync, not left silent.
    assert!(original_head > summary.head_seq, "{original_head} > {}", summary.head_seq);
    let mut ws = restored_app.ws(&format!("?topics=customers&since={original_head}")).await;
    ws.next_of("subscribed").await;
    let resync = ws.next().await;
    assert_eq!(resync["type"], "resync", "{resync}");
    let metrics = scrape(&restored_app).await;
    assert_eq!(metrics.value("switchboard_ws_resyncs_total", &[]), 1.0);
    let _ = std::fs::remove_dir_all(dir);
}

/// The operator report: an admin subscribed to `operator` gets one frame a second with the
/// sessions and their principals; it follows a second session opening; no other role may
/// subscribe to it.
#[actix_web::test]
async fn admins_get_the_operator_report_and_no_one_else_may_subscribe() {
    let app = TestApp::spawn().await;
    let mut admin = app.connected("").await;
    admin.send(serde_json::json!({"type": "subscribe", "topics": ["operator"]})).await;
    admin.next_of("subscribed").await;
    let report = admin.next_of("operator").await;
    assert_eq!(report["sessions"], 1, "{report}");
    assert_eq!(report["principals"][0]["role"], "admin", "{report}");
    assert!(report.get("seq").is_none(), "a report is outside the event stream: {report}");
    assert!(report["pool"]["max_size"].as_u64().unwrap() >= 1, "{report}");

    let manager = app.token("manager", None).await;
    let mut other = app.ws_as(&app.client_as(Some(&manager)), "").await.expect("the manager's session opens");
    assert_eq!(other.next().await["type"], "welcome");
    other.send(serde_json::json!({"type": "subscribe", "topics": ["operator"]})).await;
    let refused = other.next_of("error").await;
    assert_eq!(refused["code"], "forbidden", "{refused}");

    // Within a few reports the admin sees the second session and its principal.
    let mut seen = None;
    for _ in 0..5 {
        let report = admin.next_of("operator").await;
        if report["sessions"] == 2 {
            seen = Some(report);
            break;
        }
    }
    let report = seen.expect("a report with both sessions");
    let roles: Vec<&str> =
        report["principals"].as_array().unwrap().iter().map(|p| p["role"].as_str().unwrap()).collect();
    assert!(roles.contains(&"manager") && roles.contains(&"admin"), "{report}");
}
