//! A database outage: requests fail fast with 503 `unavailable`, /readyz says so, /healthz
//! (liveness) still answers at once, and the server recovers without a restart.
//!
//! PostgreSQL only (`TEST_DATABASE_URL`): it shuts the test's own database to connections,
//! which SQLite has no way to do.

use std::time::{Duration, Instant};

use crate::common::{Reply, TestApp};
use actix_web::http::StatusCode;
use diesel::{Connection, RunQueryDsl};
use serde_json::json;

/// Well above the 1 s connect timeout, well below the 10 s requests used to stall.
const FAST: Duration = Duration::from_secs(2);

fn set_allow_connections(admin_url: &str, database: &str, allow: bool) {
    let mut admin = diesel::PgConnection::establish(admin_url).expect("the admin connection");
    diesel::sql_query(format!("ALTER DATABASE {database} ALLOW_CONNECTIONS {allow}")).execute(&mut admin).unwrap();
    if !allow {
        terminate_backends(admin_url, database);
    }
}

async fn timed<F: std::future::Future<Output = Reply>>(request: F) -> (Reply, Duration) {
    let started = Instant::now();
    let reply = request.await;
    (reply, started.elapsed())
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn an_unreachable_database_is_a_fast_503_and_recovers_without_restart() {
    let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL names a PostgreSQL server");
    let app = TestApp::spawn().await;
    let database = app.db.url.rsplit('/').next().unwrap().to_owned();
    let created = app.create("customers", json!({"name": "Ada", "email": "ada@example.com"})).await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
    assert!(app.get("/healthz").await.body["seq"].is_i64());

    let admin = admin_url.clone();
    let db = database.clone();
    actix_web::web::block(move || set_allow_connections(&admin, &db, false)).await.unwrap();

    for path in ["/api/customers", &format!("/api/customers/{}", created["id"]), "/readyz"] {
        let (reply, took) = timed(app.get(path)).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "GET {path}: {}", reply.body);
        assert_eq!(reply.code(), "unavailable", "GET {path}: {}", reply.body);
        assert!(took < FAST, "GET {path} took {took:?}");
    }
    let (reply, took) = timed(app.post("/api/customers", json!({"name": "Bob", "email": "bob@example.com"}))).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{}", reply.body);
    assert!(took < FAST, "POST took {took:?}");

    let started = Instant::now();
    let handshake = app.ws_as(&app.client, "?topics=customers").await.err();
    let took = started.elapsed();
    assert!(
        matches!(handshake, Some(awc::error::WsClientError::InvalidResponseStatus(StatusCode::SERVICE_UNAVAILABLE))),
        "the /ws handshake: {handshake:?}"
    );
    assert!(took < FAST, "the /ws handshake took {took:?}");

    let (health, took) = timed(app.get("/healthz")).await;
    assert_eq!(health.status, StatusCode::OK, "liveness needs no database: {}", health.body);
    assert_eq!(health.body["database"], "unavailable", "{}", health.body);
    assert!(took < Duration::from_millis(500), "/healthz took {took:?}");

    let unauthenticated = app.client_as(None).get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(unauthenticated.status(), StatusCode::SERVICE_UNAVAILABLE, "/readyz needs no token");

    actix_web::web::block(move || set_allow_connections(&admin_url, &database, true)).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = app.get("/api/customers").await;
        if reply.status == StatusCode::OK {
            assert_eq!(reply.body["total"], 1, "{}", reply.body);
            break;
        }
        assert!(Instant::now() < deadline, "no recovery within 10 s: {} {}", reply.status, reply.body);
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    assert!(app.get("/healthz").await.body["seq"].is_i64());
    app.create("customers", json!({"name": "Bob", "email": "bob@example.com"})).await;
}

/// Kills every backend of the test's database, the database itself staying up; how many.
fn terminate_backends(admin_url: &str, database: &str) -> usize {
    #[derive(diesel::QueryableByName)]
    struct Killed {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        killed: bool,
    }
    let mut admin = diesel::PgConnection::establish(admin_url).expect("the admin connection");
    let rows: Vec<Killed> = diesel::sql_query(format!(
        "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = '{database}' \
         AND pid <> pg_backend_pid()"
    ))
    .load(&mut admin)
    .unwrap();
    rows.iter().filter(|row| row.killed).count()
}

/// A pooled connection's backend killed under a running server while the database stays up (an
/// operator's `pg_terminate_backend`, a proxy closing idle connections): a request that gets
/// such a connection is answered 503 `unavailable` at worst, never a 500 or a half-made write,
/// and the pool replaces it, so within one failure per connection the server serves again.
#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn killed_connections_cost_at_most_one_503_each_and_are_replaced() {
    const POOL: usize = 3;
    let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL names a PostgreSQL server");
    let app = TestApp::spawn_with(&[&format!("--pool-size={POOL}")]).await;
    let database = app.db.url.rsplit('/').next().unwrap().to_owned();
    for n in 0..POOL {
        app.create("customers", json!({"name": format!("Before {n}"), "email": format!("before{n}@example.com")}))
            .await;
    }
    let killed = actix_web::web::block(move || terminate_backends(&admin_url, &database)).await.unwrap();
    assert!(killed >= 1, "the server's connections were there to kill");

    let (mut created, mut unavailable) = (0, 0);
    for n in 0..(2 * POOL + 4) {
        let reply = app
            .post("/api/customers", json!({"name": format!("After {n}"), "email": format!("after{n}@example.com")}))
            .await;
        match reply.status {
            StatusCode::CREATED => created += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(reply.code(), "unavailable", "{}", reply.body);
                unavailable += 1;
            }
            other => panic!("a write after the kill: {other} {}", reply.body),
        }
        let read = app.get("/api/customers").await;
        match read.status {
            StatusCode::OK => {}
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(read.code(), "unavailable", "{}", read.body);
                unavailable += 1;
            }
            other => panic!("a read after the kill: {other} {}", read.body),
        }
    }
    assert!(unavailable <= POOL, "{unavailable} requests failed for {POOL} killed connections");
    let listed = app.get("/api/customers").await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(
        listed.body["total"],
        POOL + created,
        "every write answered 201 is there, and no other: {}",
        listed.body
    );
}
