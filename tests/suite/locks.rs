//! A table locked by another PostgreSQL session: writes to it are refused (503 `unavailable`)
//! within the lock timeout and free their connection, everything else keeps answering, on this
//! instance and on another, and /readyz says not ready only while no connection can be had.
//!
//! PostgreSQL only: the lock is taken by a session of the test's own, on the test's database.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use diesel::{Connection, PgConnection, RunQueryDsl};
use futures_util::future::join_all;
use serde_json::json;

use crate::common::{created_of_pairs_and_nameless, eventually, pairs_and_nameless, Reply, TestApp};

/// Generous: what a client should wait at most for an answer while a table is locked.
const PROMPT: Duration = Duration::from_secs(3);

/// A session of the test's own holding `LOCK TABLE … IN ACCESS EXCLUSIVE MODE` in an open
/// transaction, until `release`.
struct TableLock {
    release: mpsc::Sender<()>,
    session: std::thread::JoinHandle<()>,
}

impl TableLock {
    async fn take(database_url: &str, table: &'static str) -> TableLock {
        TableLock::holding(database_url, format!("LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")).await
    }

    /// A session that runs `statement` in a transaction it keeps open until `release`: the
    /// locks the statement took are held until then.
    async fn holding(database_url: &str, statement: String) -> TableLock {
        let (locked, is_locked) = mpsc::channel();
        let (release, released) = mpsc::channel::<()>();
        let url = database_url.to_owned();
        let session = std::thread::spawn(move || {
            let mut conn = PgConnection::establish(&url).expect("the locking session connects");
            conn.transaction(|conn| {
                diesel::sql_query(statement).execute(conn)?;
                locked.send(()).expect("the test waits for the lock");
                // Held until the test releases it (or drops it, failing).
                let _ = released.recv();
                Ok::<_, diesel::result::Error>(())
            })
            .expect("the locking transaction commits");
        });
        actix_web::web::block(move || is_locked.recv()).await.unwrap().expect("the table is locked");
        TableLock { release, session }
    }

    /// Commits the locking transaction.
    async fn release(self) {
        self.release.send(()).unwrap();
        let session = self.session;
        actix_web::web::block(move || session.join()).await.unwrap().expect("the locking session ends cleanly");
    }
}

/// How many of the server's sessions on `database_url` are waiting for a lock right now.
async fn waiting_for_locks(database_url: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Waiting {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        waiting: i64,
    }
    let url = database_url.to_owned();
    actix_web::web::block(move || {
        let mut conn = PgConnection::establish(&url).expect("the watching session connects");
        diesel::sql_query(
            "SELECT count(*) AS waiting FROM pg_stat_activity \
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        )
        .get_result::<Waiting>(&mut conn)
        .expect("pg_stat_activity is readable")
        .waiting
    })
    .await
    .unwrap()
}

/// Waits (at most 20 s) until `count` of the server's sessions wait for a lock.
async fn until_waiting_for_locks(database_url: &str, count: i64) {
    eventually(&format!("{count} sessions waiting for a lock"), Duration::from_secs(20), || async {
        (waiting_for_locks(database_url).await == count).then_some(())
    })
    .await;
}

/// Whether the event log runs from 1 to its head without a gap.
async fn log_has_no_gap(database_url: &str) -> (i64, i64, i64) {
    #[derive(diesel::QueryableByName)]
    struct Log {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        events: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        newest: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        head: i64,
    }
    let url = database_url.to_owned();
    let log = actix_web::web::block(move || {
        let mut conn = PgConnection::establish(&url).expect("the watching session connects");
        diesel::sql_query(
            "SELECT count(*) AS events, coalesce(max(seq), 0) AS newest, \
             (SELECT seq FROM log_head) AS head FROM events",
        )
        .get_result::<Log>(&mut conn)
        .expect("the log is readable")
    })
    .await
    .unwrap();
    (log.events, log.newest, log.head)
}

async fn timed<F: std::future::Future<Output = Reply>>(request: F) -> (Reply, Duration) {
    let started = Instant::now();
    let reply = request.await;
    (reply, started.elapsed())
}

#[track_caller]
fn assert_unavailable(reply: &Reply, because: &str) {
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{}", reply.body);
    assert_eq!(reply.code(), "unavailable", "{}", reply.body);
    let message = reply.body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(because), "the message should say {because:?}: {message}");
    assert!(!message.contains("LOCK") && !message.contains("canceling"), "no SQL in the message: {message}");
    assert_eq!(reply.header("retry-after").as_deref(), Some("1"), "{}", reply.body);
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn writes_to_a_locked_table_are_refused_in_time_and_free_their_connection() {
    // Four connections: one kept for reads, three for writes, one of them for each table's.
    let app = TestApp::spawn_with(&["--pool-size=4", "--db-lock-timeout-ms=1000"]).await;
    let url = app.db.url.clone();
    let ada = app.customer("Ada").await;
    app.create("employees", json!({"name": "Grace", "email": "grace@example.com"})).await;

    let lock = TableLock::take(&url, "customers").await;
    let creates = (0..3).map(|n| {
        let body = json!({"name": format!("Blocked {n}"), "email": format!("blocked{n}@example.com")});
        timed(app.post("/api/customers", body))
    });
    let (blocked, ()) = futures_util::join!(join_all(creates), async {
        until_waiting_for_locks(&url, 1).await;
        // While writes to customers wait for the lock, other tables are read and written.
        let (employees, took) = timed(app.get("/api/employees")).await;
        assert_eq!(employees.status, StatusCode::OK, "{}", employees.body);
        assert_eq!(employees.body["items"][0]["name"], "Grace", "{}", employees.body);
        assert!(took < PROMPT, "GET /api/employees took {took:?}");
        let (me, took) = timed(app.get("/api/me")).await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.body);
        assert!(took < PROMPT, "GET /api/me took {took:?}");
        let (hired, took) =
            timed(app.post("/api/employees", json!({"name": "Linus", "email": "linus@example.com"}))).await;
        assert_eq!(hired.status, StatusCode::CREATED, "{}", hired.body);
        assert!(took < PROMPT, "POST /api/employees took {took:?}");
    });
    // The one holding the table's share waited 1 s for the lock; the others queued for the share
    // and were refused with it.
    for (reply, took) in &blocked {
        assert_unavailable(reply, "the customers table");
        assert!(*took < Duration::from_secs(3) + PROMPT, "a blocked write took {took:?}");
    }

    lock.release().await;
    // The one connection writes to customers may hold was given back by each refused write.
    let (created, took) =
        timed(app.post("/api/customers", json!({"name": "After", "email": "after@example.com"}))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert!(took < PROMPT, "POST /api/customers after the lock took {took:?}");
    assert_eq!(app.get(&format!("/api/customers/{ada}")).await.status, StatusCode::OK);
    // Ada, Grace, Linus, After: four events, none lost to the refused writes, no gap.
    assert_eq!(log_has_no_gap(&url).await, (4, 4, 4));
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn a_write_that_meets_a_lock_while_holding_the_log_is_refused_at_once() {
    // An order refers to its customer: creating one needs the customers table, which the write
    // meets only after taking the event log's lock. It must not keep that lock for 30 s.
    let app = TestApp::spawn_with(&["--db-lock-timeout-ms=30000"]).await;
    let url = app.db.url.clone();
    let ada = app.customer("Ada").await;

    let lock = TableLock::take(&url, "customers").await;
    let order =
        json!({"customer_id": ada, "items": [{"description": "Crate", "quantity": 1, "unit_price_cents": 100}]});
    let (refused, took) = timed(app.post("/api/orders", order)).await;
    assert_unavailable(&refused, "a lock the request needed was not granted in time");
    assert!(took < PROMPT, "POST /api/orders took {took:?}");
    let (product, took) = timed(app.post(
        "/api/products",
        json!({"name": "Crate", "sku": "CR-1", "price_cents": 100, "cost_cents": 50, "stock_quantity": 3}),
    ))
    .await;
    assert_eq!(product.status, StatusCode::CREATED, "{}", product.body);
    assert!(took < PROMPT, "POST /api/products took {took:?}");

    lock.release().await;
    let order =
        json!({"customer_id": ada, "items": [{"description": "Crate", "quantity": 1, "unit_price_cents": 100}]});
    assert_eq!(app.post("/api/orders", order).await.status, StatusCode::CREATED);
    assert_eq!(log_has_no_gap(&url).await, (3, 3, 3));
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn readyz_is_not_ready_while_no_connection_can_be_had() {
    let app = TestApp::spawn_with(&["--pool-size=2", "--db-lock-timeout-ms=30000"]).await;
    let url = app.db.url.clone();
    app.customer("Ada").await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);

    let lock = TableLock::take(&url, "customers").await;
    // A write holds the write connection and a read of the locked table the other: both wait.
    let write = app.post("/api/customers", json!({"name": "Bob", "email": "bob@example.com"}));
    let read = app.get("/api/customers");
    let (written, listed, ()) = futures_util::join!(write, read, async {
        until_waiting_for_locks(&url, 2).await;
        let (ready, took) = timed(app.get("/readyz")).await;
        assert_unavailable(&ready, "every connection was in use");
        assert!(took < PROMPT, "/readyz took {took:?}");
        let health = app.get("/healthz").await;
        assert_eq!(health.status, StatusCode::OK, "liveness is not readiness: {}", health.body);
        assert_eq!(health.body["database"], "busy", "{}", health.body);
        lock.release().await;
    });
    assert_eq!(written.status, StatusCode::CREATED, "{}", written.body);
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn a_blocked_write_on_one_instance_does_not_hold_writes_on_another() {
    let a = TestApp::spawn_with(&["--db-lock-timeout-ms=30000"]).await;
    let b = TestApp::spawn_on(a.db.clone(), &[]).await;
    let url = a.db.url.clone();

    let lock = TableLock::take(&url, "customers").await;
    let blocked = a.post("/api/customers", json!({"name": "Bob", "email": "bob@example.com"}));
    let (blocked, ()) = futures_util::join!(blocked, async {
        until_waiting_for_locks(&url, 1).await;
        let (hired, took) =
            timed(b.post("/api/employees", json!({"name": "Grace", "email": "grace@example.com"}))).await;
        assert_eq!(hired.status, StatusCode::CREATED, "{}", hired.body);
        assert!(took < PROMPT, "POST /api/employees on the other instance took {took:?}");
        let (hired, took) =
            timed(a.post("/api/employees", json!({"name": "Linus", "email": "linus@example.com"}))).await;
        assert_eq!(hired.status, StatusCode::CREATED, "{}", hired.body);
        assert!(took < PROMPT, "POST /api/employees on the same instance took {took:?}");
        // The blocked write is still waiting: it got its answer from neither the log nor a timeout.
        assert_eq!(waiting_for_locks(&url).await, 1);
        lock.release().await;
    });
    assert_eq!(blocked.status, StatusCode::CREATED, "{}", blocked.body);
    // Grace and Linus committed while Bob waited; Bob took the next seq once the lock was gone.
    assert_eq!(log_has_no_gap(&url).await, (3, 3, 3));
    assert_eq!(blocked.body["name"], "Bob");
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn a_statement_past_the_statement_timeout_is_cancelled_with_a_503() {
    // No lock timeout: the read waits for the lock until the statement timeout cancels it.
    let app = TestApp::spawn_with(&["--db-lock-timeout-ms=0", "--db-statement-timeout-ms=1000"]).await;
    let url = app.db.url.clone();
    app.customer("Ada").await;

    let lock = TableLock::take(&url, "customers").await;
    let (listed, took) = timed(app.get("/api/customers")).await;
    assert_unavailable(&listed, "ran past the statement timeout");
    assert!(took < PROMPT, "GET /api/customers took {took:?}");
    lock.release().await;
    // The cancelled transaction was rolled back and its connection serves again.
    let listed = app.get("/api/customers").await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(listed.body["items"][0]["name"], "Ada", "{}", listed.body);
}

/// The value of the counter `name` in `/metrics`.
async fn counter(app: &TestApp, name: &str) -> f64 {
    let mut response = app.client_as(None).get(app.url("/metrics")).send().await.expect("/metrics answers");
    let body = response.body().limit(16 * 1024 * 1024).await.expect("the metrics arrive");
    let text = String::from_utf8(body.to_vec()).expect("the metrics are UTF-8");
    text.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok()).unwrap_or(0.0)
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn a_postgres_group_commit_rolls_back_a_failing_write_alone() {
    // The premise: the writes share groups. The log's head row is locked by a session of the
    // test's own (a row lock: reads of the head go on), so the writer's first write waits for it
    // while every other one queues behind it; when it is let go, the queued writes commit in
    // groups of at most 64.
    let app = TestApp::spawn_with(&["--db-lock-timeout-ms=0"]).await;
    let url = app.db.url.clone();
    let mut ws = app.connected("?topics=customers").await;
    ws.next_of("subscribed").await;
    let lock = TableLock::holding(&url, "SELECT seq FROM log_head FOR UPDATE".to_owned()).await;
    let (groups, grouped) = ("switchboard_write_groups_total", "switchboard_grouped_writes_total");
    let (groups_before, grouped_before) = (counter(&app, groups).await, counter(&app, grouped).await);
    // The duplicates are refused by the database inside their savepoints.
    let bodies = pairs_and_nameless("group");
    let writes =
        actix_web::rt::spawn(join_all(bodies.into_iter().map(|body| {
            let client = app.client.clone();
            let url = app.url("/api/customers");
            async move {
                Reply::from_response(client.post(url).send_json(&body).await.expect("POST reaches the server")).await
            }
        })));
    // Every write is with the writer: in the group waiting for the head, or queued behind it.
    eventually("the 80 writes with the writer", Duration::from_secs(20), || async {
        let taken = counter(&app, grouped).await - grouped_before;
        (taken + app.gauge("switchboard_writes_queued").await == 80.0).then_some(())
    })
    .await;
    lock.release().await;
    let replies = writes.await.unwrap();
    // The group that waited, then at most two more (64 a group at most).
    assert_eq!(counter(&app, grouped).await - grouped_before, 80.0);
    let committed = counter(&app, groups).await - groups_before;
    assert!((2.0..=3.0).contains(&committed), "80 writes in {committed} groups");

    let created = created_of_pairs_and_nameless(&replies);
    // One event per write answered 201, in one order, with no gap, and nothing of the others.
    assert_eq!(log_has_no_gap(&url).await, (32, 32, 32));
    let mut seqs = Vec::new();
    let mut ids = Vec::new();
    while seqs.len() < 32 {
        let frame = ws.next().await;
        if frame["type"] == "customer_created" {
            seqs.push(frame["seq"].as_i64().unwrap());
            ids.push(frame["id"].as_i64().unwrap());
        }
    }
    assert_eq!(seqs, (1..=32).collect::<Vec<i64>>());
    let mut answered = created.clone();
    answered.sort_unstable();
    ids.sort_unstable();
    assert_eq!(ids, answered, "the events are those of the writes answered 201");
    let listed = app.get("/api/customers?limit=100").await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 32, "{}", listed.body);
    // The listeners read every NOTIFY: the server's queue is (all but) empty.
    assert!(app.gauge("switchboard_notify_queue_usage").await < 0.01);
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn writes_past_the_queue_limit_are_refused_at_once_and_the_queued_ones_commit() {
    // The log's head row is held, so the writer's first write waits for it; with a limit of 4,
    // it and three more wait, and the fifth is refused without waiting.
    let app = TestApp::spawn_with(&["--writes-queued-max=4", "--db-lock-timeout-ms=0"]).await;
    let lock = TableLock::holding(&app.db.url, "SELECT seq FROM log_head FOR UPDATE".to_owned()).await;
    let writes =
        actix_web::rt::spawn(join_all((0..4).map(|n| {
            let client = app.client.clone();
            let url = app.url("/api/customers");
            let body = json!({"name": format!("Queued {n}"), "email": format!("queued{n}@example.com")});
            async move {
                Reply::from_response(client.post(url).send_json(&body).await.expect("POST reaches the server")).await
            }
        })));
    eventually("4 writes queued", Duration::from_secs(20), || async {
        (app.gauge("switchboard_writes_queued").await == 4.0).then_some(())
    })
    .await;

    // Answered while the head is still held: it did not wait for it.
    let refused = app.post("/api/customers", json!({"name": "Fifth", "email": "fifth@example.com"})).await;
    assert_unavailable(&refused, "too many writes are queued");

    lock.release().await;
    let replies = writes.await.unwrap();
    assert!(replies.iter().all(|reply| reply.status == StatusCode::CREATED), "{replies:?}");
    assert_eq!(log_has_no_gap(&app.db.url).await, (4, 4, 4));
}
