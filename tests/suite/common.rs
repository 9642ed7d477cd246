//! The test harness: a real Switchboard on a free port over a real database (a fresh SQLite
//! file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set), and small HTTP and
//! WebSocket clients to talk to it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actix_web::http::StatusCode;
use awc::ws;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use switchboard::{Application, Config};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Every collection, as in the REST paths and /ws topics: the catalogue's, all of them.
pub const COLLECTIONS: [&str; switchboard::domain::Entity::ALL.len()] = {
    let mut names = [""; switchboard::domain::Entity::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = switchboard::domain::Entity::ALL[i].collection();
        i += 1;
    }
    names
};

/// A database of its own for one test, removed when the test ends.
pub struct TestDb {
    pub url: String,
    /// The admin token every test client sends, made before the first server starts.
    admin_token: std::sync::OnceLock<String>,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A fresh SQLite file, or with `TEST_DATABASE_URL` (a PostgreSQL server URL) a fresh
    /// PostgreSQL database.
    pub fn new() -> TestDb {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => TestDb::postgres(&admin_url),
            _ => {
                assert!(
                    std::env::var_os("SWITCHBOARD_REQUIRE_POSTGRES").is_none(),
                    "SWITCHBOARD_REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
                );
                TestDb::sqlite()
            }
        }
    }

    pub fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(format!("switchboard-test-{}-{}", std::process::id(), unique()));
        std::fs::create_dir_all(&dir).unwrap();
        TestDb {
            url: dir.join("test.db").display().to_string(),
            admin_token: Default::default(),
            cleanup: Cleanup::File(dir),
        }
    }

    pub fn postgres(admin_url: &str) -> TestDb {
        use diesel::{Connection, RunQueryDsl};
        let name = format!("switchboard_test_{}_{}", std::process::id(), unique());
        // This connection may be the process's first over TLS: OpenSSL's exit handler must not
        // be registered by it (see `skip_openssl_exit_cleanup`).
        switchboard::db::skip_openssl_exit_cleanup();
        let mut conn = diesel::PgConnection::establish(admin_url).expect("TEST_DATABASE_URL must reach PostgreSQL");
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).unwrap();
        let base = admin_url.rsplit_once('/').map(|(base, _)| base).unwrap();
        TestDb {
            url: format!("{base}/{name}"),
            admin_token: Default::default(),
            cleanup: Cleanup::Postgres { admin_url: admin_url.to_owned(), name },
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.cleanup, Cleanup::Postgres { .. })
    }

    /// Migrates the database and makes the admin token, once.
    pub fn admin_token(&self) -> String {
        self.admin_token
            .get_or_init(|| {
                let pool = switchboard::db::build_pool(&self.url, 1).expect("the test database opens");
                let mut conn = pool.get().unwrap();
                switchboard::db::run_migrations(&mut conn).expect("migrations run");
                let new = switchboard::auth::NewToken {
                    name: "test admin".into(),
                    role: "admin".into(),
                    driver_id: None,
                    expires_in_days: None,
                };
                switchboard::auth::create_token(&mut conn, new).expect("the admin token is made").token
            })
            .clone()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                use diesel::{Connection, RunQueryDsl};
                if let Ok(mut conn) = diesel::PgConnection::establish(admin_url) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
                }
            }
        }
    }
}

fn unique() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{}_{nanos}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Probes until `probe` answers `Some`, for up to `within`, and returns what it answered: how a
/// test waits for a premise it can observe (a session gone, the log pruned), never a sleep.
pub async fn eventually<T, F, Fut>(what: &str, within: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = std::time::Instant::now() + within;
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(std::time::Instant::now() < deadline, "waited {within:?} for {what}");
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A running server.
pub struct TestApp {
    pub port: u16,
    pub address: String,
    /// Sends the admin token with every request.
    pub client: awc::Client,
    pub admin_token: String,
    pub db: std::sync::Arc<TestDb>,
    server: actix_web::rt::task::JoinHandle<std::io::Result<()>>,
}

impl TestApp {
    /// A server on a fresh database with default settings.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(&[]).await
    }

    /// A server on a fresh database with extra command-line settings (`--ws-max-topics=2`).
    pub async fn spawn_with(args: &[&str]) -> TestApp {
        TestApp::spawn_on(std::sync::Arc::new(TestDb::new()), args).await
    }

    /// Another server on `db` (several instances on one PostgreSQL database).
    pub async fn spawn_on(db: std::sync::Arc<TestDb>, args: &[&str]) -> TestApp {
        if std::env::var_os("TEST_LOG").is_some() {
            std::mem::forget(switchboard::telemetry::init_logs(switchboard::telemetry::LogFormat::Text, ""));
        }
        let db_for_token = db.clone();
        let admin_token = actix_web::web::block(move || db_for_token.admin_token()).await.unwrap();
        let mut all = vec![format!("--database-url={}", db.url), "--port=0".to_owned(), "--host=127.0.0.1".to_owned()];
        all.extend(args.iter().map(|a| a.to_string()));
        let config = Config::from_args(all).expect("valid test settings");
        let app = Application::build(config).await.expect("the server starts");
        let port = app.port();
        let server = actix_web::rt::spawn(app.run_until_stopped());
        TestApp {
            port,
            address: format!("http://127.0.0.1:{port}"),
            client: client_with(Some(&admin_token)),
            admin_token,
            db,
            server,
        }
    }

    /// A client that sends `token`, or no credentials at all.
    pub fn client_as(&self, token: Option<&str>) -> awc::Client {
        client_with(token)
    }

    /// Logs in with `token`; the session cookie's value.
    pub async fn log_in(&self, token: &str) -> String {
        let mut response =
            self.client_as(None).post(self.url("/api/login")).send_json(&json!({"token": token})).await.unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{:?}", response.body().await);
        let header =
            response.headers().get("set-cookie").expect("the session cookie is set").to_str().unwrap().to_owned();
        assert!(header.contains("HttpOnly") && header.contains("SameSite=Strict"), "{header}");
        let value = header.strip_prefix("switchboard_session=").expect("the session cookie").split(';').next().unwrap();
        value.to_owned()
    }

    /// Makes a token with `role` (and for drivers, `driver_id`) through the API; its secret.
    pub async fn token(&self, role: &str, driver_id: Option<i64>) -> String {
        let body = json!({"name": format!("{role} for tests"), "role": role, "driver_id": driver_id});
        let reply = self.post("/api/tokens", body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "making a {role} token: {}", reply.body);
        reply.body["token"].as_str().unwrap().to_owned()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Reply {
        Reply::from_response(self.client.get(self.url(path)).send().await.expect("GET reaches the server")).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        Reply::from_response(self.client.post(self.url(path)).send_json(&body).await.expect("POST reaches the server"))
            .await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        Reply::from_response(
            self.client.patch(self.url(path)).send_json(&body).await.expect("PATCH reaches the server"),
        )
        .await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        Reply::from_response(self.client.delete(self.url(path)).send().await.expect("DELETE reaches the server")).await
    }

    /// The value of the unlabelled gauge `name` in this instance's `/metrics`.
    pub async fn gauge(&self, name: &str) -> f64 {
        let mut response = self.client_as(None).get(self.url("/metrics")).send().await.expect("/metrics answers");
        assert_eq!(response.status(), StatusCode::OK);
        let body = response.body().limit(16 * 1024 * 1024).await.expect("the metrics arrive");
        let text = String::from_utf8(body.to_vec()).expect("the metrics are UTF-8");
        text.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
            .unwrap_or_else(|| panic!("no gauge {name} in /metrics"))
    }

    /// `POST` that must answer 201; the created record.
    pub async fn create(&self, collection: &str, body: Value) -> Value {
        let reply = self.post(&format!("/api/{collection}"), body.clone()).await;
        assert_eq!(reply.status, StatusCode::CREATED, "creating {collection} {body}: {}", reply.body);
        reply.body
    }

    /// The event log's head, as `/healthz` reports it.
    pub async fn log_head(&self) -> i64 {
        let reply = self.get("/healthz").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["status"], "ok", "{}", reply.body);
        reply.body["seq"].as_i64().expect("/healthz names the log head")
    }

    /// A new customer called `name` (its email made from the name); its id.
    pub async fn customer(&self, name: &str) -> i64 {
        let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
        self.create("customers", json!({"name": name, "email": email})).await["id"].as_i64().unwrap()
    }

    /// A new order of `customer` worth `total_cents` (one line), to be delivered to `address`,
    /// moved through the order workflow to `status` (as far as `out_for_delivery`); its id.
    pub async fn order(&self, customer: i64, status: &str, address: Option<&str>, total_cents: i64) -> i64 {
        let body = json!({
            "customer_id": customer,
            "delivery_address": address,
            "items": [{"description": "Crate", "quantity": 1, "unit_price_cents": total_cents}],
        });
        let order = self.create("orders", body).await;
        let id = order["id"].as_i64().unwrap();
        assert_eq!(order["total_cents"], total_cents, "{order}");
        let mut current = order["status"].as_str().unwrap().to_owned();
        for step in ["confirmed", "in_progress", "ready", "out_for_delivery"] {
            if current == status {
                break;
            }
            let moved = self.post(&format!("/api/orders/{id}/status"), json!({"status": step})).await;
            assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
            current = moved.body["status"].as_str().unwrap().to_owned();
        }
        assert_eq!(current, status, "orders reach {status} through the workflow");
        id
    }

    /// A WebSocket session that has read its `welcome`.
    pub async fn connected(&self, query: &str) -> WsClient {
        let mut ws = self.ws(query).await;
        let welcome = ws.next().await;
        assert_eq!(welcome["type"], "welcome", "{welcome}");
        ws
    }

    /// A WebSocket session, with `query` appended to /ws (`?topics=orders`).
    pub async fn ws(&self, query: &str) -> WsClient {
        self.ws_as(&self.client, query).await.expect("/ws accepts the session")
    }

    /// A WebSocket session opened by `client`, or the handshake's refusal.
    pub async fn ws_as(&self, client: &awc::Client, query: &str) -> Result<WsClient, awc::error::WsClientError> {
        ws_at(self.port, client, query).await
    }

    /// Loads the demo data set (`switchboard seed-demo`) into this server's database; what
    /// `seed::seed_demo` answers (`None` when the database already held records).
    pub async fn seed_demo(&self) -> Option<String> {
        let url = self.db.url.clone();
        actix_web::web::block(move || {
            let pool = switchboard::db::build_pool(&url, 1).expect("the test database is reachable");
            let mut conn = pool.get().expect("a connection to the test database");
            switchboard::seed::seed_demo(&mut conn).expect("the demo seed runs")
        })
        .await
        .expect("the seed thread finishes")
    }

    pub fn stop(self) {
        self.server.abort();
    }
}

fn client_with(token: Option<&str>) -> awc::Client {
    let mut builder = awc::Client::builder().timeout(Duration::from_secs(60));
    if let Some(token) = token {
        builder = builder.add_default_header(("Authorization", format!("Bearer {token}")));
    }
    builder.finish()
}

/// An HTTP answer, its body parsed as JSON (`Value::Null` when empty).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The answer `response` carries, its body read whole.
    pub async fn from_response<S>(mut response: awc::ClientResponse<S>) -> Reply
    where
        S: futures_util::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>> + Unpin,
    {
        let bytes = response.body().limit(64 * 1024 * 1024).await.expect("the body arrives");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Reply { status: response.status(), headers: response.headers().clone(), body }
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    /// The `X-Switchboard-Seq` of a read.
    pub fn seq(&self) -> i64 {
        self.header("x-switchboard-seq").expect("reads carry X-Switchboard-Seq").parse().unwrap()
    }

    /// The stable code of an error answer.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or_default()
    }
}

/// A 422 `validation_failed` whose details name `field`.
#[track_caller]
pub fn assert_invalid(reply: &Reply, field: &str) {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "expected a 422 naming {field}: {}", reply.body);
    assert_eq!(reply.code(), "validation_failed", "{}", reply.body);
    assert!(reply.body["error"]["details"][field].is_string(), "the details should name {field}: {}", reply.body);
}

/// 80 customers to create at once: 32 pairs sharing an email (the second of each is refused as a
/// duplicate, by the database) and 16 without a name (refused by validation); `tag` makes the
/// names and emails.
pub fn pairs_and_nameless(tag: &str) -> Vec<Value> {
    let pairs = (0..64).map(|n| json!({"name": format!("{tag} {n}"), "email": format!("{tag}{}@example.com", n / 2)}));
    let nameless = (0..16).map(|n| json!({"name": "", "email": format!("nameless{n}@example.com")}));
    pairs.chain(nameless).collect()
}

/// The ids the answers to [`pairs_and_nameless`] created, after checking that 32 were created,
/// 32 refused as duplicates and 16 as invalid.
#[track_caller]
pub fn created_of_pairs_and_nameless(replies: &[Reply]) -> Vec<i64> {
    let created: Vec<i64> = replies
        .iter()
        .filter(|reply| reply.status == StatusCode::CREATED)
        .map(|reply| reply.body["id"].as_i64().unwrap())
        .collect();
    let refused = |status| replies.iter().filter(|reply| reply.status == status).count();
    assert_eq!((created.len(), refused(StatusCode::CONFLICT), refused(StatusCode::UNPROCESSABLE_ENTITY)), (32, 32, 16));
    created
}

/// The ids of a list's page, in order.
#[track_caller]
pub fn ids(reply: &Reply) -> Vec<i64> {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.header("x-switchboard-seq").is_some(), "lists carry the seq");
    reply.body["items"].as_array().expect("a list has items").iter().map(|item| item["id"].as_i64().unwrap()).collect()
}

type Framed = actix_codec::Framed<awc::BoxedSocket, ws::Codec>;

/// A WebSocket client that answers pings and reads JSON text frames.
pub struct WsClient {
    framed: Framed,
}

/// What `WsClient::next` may see besides a JSON frame.
#[derive(Debug)]
pub enum WsEnd {
    Closed(Option<ws::CloseReason>),
    TimedOut,
}

impl WsClient {
    pub async fn send(&mut self, frame: Value) {
        self.framed.send(ws::Message::Text(frame.to_string().into())).await.expect("the frame is sent");
    }

    pub async fn send_raw(&mut self, message: ws::Message) {
        self.framed.send(message).await.expect("the frame is sent");
    }

    /// The next JSON text frame, or how the session ended, within `wait`.
    pub async fn next_within(&mut self, wait: Duration) -> Result<Value, WsEnd> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let frame = match tokio::time::timeout_at(deadline, self.framed.next()).await {
                Err(_) => return Err(WsEnd::TimedOut),
                Ok(None) => return Err(WsEnd::Closed(None)),
                Ok(Some(Err(error))) => panic!("WebSocket protocol error: {error}"),
                Ok(Some(Ok(frame))) => frame,
            };
            match frame {
                ws::Frame::Text(bytes) => return Ok(serde_json::from_slice(&bytes).expect("server frames are JSON")),
                ws::Frame::Ping(bytes) => {
                    let _ = self.framed.send(ws::Message::Pong(bytes)).await;
                }
                ws::Frame::Close(reason) => return Err(WsEnd::Closed(reason)),
                _ => {}
            }
        }
    }

    /// Reads for `wait`, answering the server's pings; how many pings came.
    pub async fn pings_within(&mut self, wait: Duration) -> usize {
        let deadline = tokio::time::Instant::now() + wait;
        let mut pings = 0;
        while let Ok(Some(frame)) = tokio::time::timeout_at(deadline, self.framed.next()).await {
            match frame.expect("a well-formed frame") {
                ws::Frame::Ping(bytes) => {
                    pings += 1;
                    self.framed.send(ws::Message::Pong(bytes)).await.expect("the pong is sent");
                }
                ws::Frame::Close(reason) => panic!("the session closed: {reason:?}"),
                _ => {}
            }
        }
        pings
    }

    /// The next JSON frame; panics if none comes within 10 s.
    pub async fn next(&mut self) -> Value {
        match self.next_within(Duration::from_secs(10)).await {
            Ok(frame) => frame,
            Err(end) => panic!("expected a frame, got {end:?}"),
        }
    }

    /// The next frame whose `type` is `kind`, skipping others.
    pub async fn next_of(&mut self, kind: &str) -> Value {
        loop {
            let frame = self.next().await;
            if frame["type"] == kind {
                return frame;
            }
        }
    }

    /// Asserts nothing arrives within `wait`.
    pub async fn assert_quiet(&mut self, wait: Duration) {
        match self.next_within(wait).await {
            Err(WsEnd::TimedOut) => {}
            other => panic!("expected silence, got {other:?}"),
        }
    }

    /// Subscribes and waits for the ack; returns its seq.
    pub async fn subscribe(&mut self, topics: &[&str]) -> i64 {
        self.send(json!({"type": "subscribe", "topics": topics})).await;
        let ack = self.next_of("subscribed").await;
        ack["seq"].as_i64().expect("subscribed carries seq")
    }

    pub async fn close(mut self) {
        let _ = self.framed.send(ws::Message::Close(None)).await;
    }
}

/// A client sending the session cookie `cookie`, and `origin` as its Origin.
pub fn cookie_client(cookie: &str, origin: Option<&str>) -> awc::Client {
    let mut builder = awc::Client::builder().add_default_header(("Cookie", format!("switchboard_session={cookie}")));
    if let Some(origin) = origin {
        builder = builder.add_default_header(("Origin", origin.to_owned()));
    }
    builder.finish()
}

/// A WebSocket session opened by `client` with the server on `port` (another instance, a child
/// process), or the handshake's refusal.
pub async fn ws_at(port: u16, client: &awc::Client, query: &str) -> Result<WsClient, awc::error::WsClientError> {
    let url = format!("ws://127.0.0.1:{port}/ws{query}");
    let (_, framed) = client.ws(url).max_frame_size(16 * 1024 * 1024).connect().await?;
    Ok(WsClient { framed })
}
