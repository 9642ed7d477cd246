//! Nothing missed: resume with `since`, resync past retention, snapshot-then-subscribe, and on
//! PostgreSQL several instances on one database, including one whose listener is cut.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::common::{created_of_pairs_and_nameless, eventually, pairs_and_nameless, TestApp, WsClient, WsEnd};
use actix_web::http::StatusCode;
use futures_util::future::join_all;
use serde_json::{json, Value};

/// Reads events until one with `seq` ≥ `upto` arrives; returns their seqs.
async fn read_until(ws: &mut WsClient, upto: i64) -> Vec<i64> {
    let mut seqs = Vec::new();
    while seqs.last().is_none_or(|&last| last < upto) {
        let frame = ws.next().await;
        if let Some(seq) = frame["seq"].as_i64().filter(|_| frame["type"] != "subscribed") {
            seqs.push(seq);
        }
    }
    seqs
}

#[actix_web::test]
async fn a_reconnecting_client_gets_exactly_what_it_missed_then_the_live_stream() {
    let app = TestApp::spawn().await;
    let mut ws = app.connected("?topics=customers").await;
    ws.next_of("subscribed").await;
    for n in 0..3 {
        app.create("customers", json!({"name": format!("C{n}"), "email": format!("c{n}@example.com")})).await;
    }
    let seen = read_until(&mut ws, 3).await;
    assert_eq!(seen, vec![1, 2, 3]);
    ws.close().await;

    for n in 3..8 {
        app.create("customers", json!({"name": format!("C{n}"), "email": format!("c{n}@example.com")})).await;
    }
    // An order event (seq 9 below) the client did not ask for is not replayed.
    let mut ws = app.connected("?topics=customers&since=3").await;
    let ack = ws.next().await;
    assert_eq!(ack["type"], "subscribed");
    let mut replayed = Vec::new();
    for _ in 3..8 {
        let event = ws.next().await;
        assert_eq!(event["type"], "customer_created");
        replayed.push(event["seq"].as_i64().unwrap());
    }
    assert_eq!(replayed, vec![4, 5, 6, 7, 8]);
    app.create("customers", json!({"name": "Live", "email": "live@example.com"})).await;
    assert_eq!(ws.next().await["seq"], 9);
    ws.assert_quiet(Duration::from_millis(300)).await;
}

#[actix_web::test]
async fn subscribe_frame_with_since_replays_only_matching_topics() {
    let app = TestApp::spawn().await;
    let first = app.create("customers", json!({"name": "A", "email": "a@example.com"})).await;
    let second = app.create("customers", json!({"name": "B", "email": "b@example.com"})).await;
    app.patch(&format!("/api/customers/{}", first["id"]), json!({"notes": "x"})).await;
    app.patch(&format!("/api/customers/{}", second["id"]), json!({"notes": "y"})).await;
    let mut ws = app.connected("").await;
    ws.send(json!({"type": "subscribe", "topics": [format!("customers:{}", second["id"])], "since": 0})).await;
    assert_eq!(ws.next().await["type"], "subscribed");
    assert_eq!(ws.next().await["seq"], 2);
    assert_eq!(ws.next().await["seq"], 4);
    ws.assert_quiet(Duration::from_millis(300)).await;
}

#[actix_web::test]
async fn a_since_older_than_retention_gets_resync() {
    let app = TestApp::spawn_with(&["--log-retain-events=2", "--log-prune-secs=1"]).await;
    for n in 0..10 {
        app.create("customers", json!({"name": format!("C{n}"), "email": format!("c{n}@example.com")})).await;
    }
    eventually("the log pruned to two events", Duration::from_secs(10), || async {
        (app.gauge("switchboard_event_log_rows").await <= 2.0).then_some(())
    })
    .await;
    let mut ws = app.connected("?topics=customers&since=1").await;
    let resync = ws.next_of("resync").await;
    assert_eq!(resync, json!({"type": "resync", "seq": 10}));
    // Still subscribed: live events follow.
    app.create("customers", json!({"name": "Live", "email": "live@example.com"})).await;
    assert_eq!(ws.next().await["seq"], 11);

    // A since within retention replays normally.
    let mut ws = app.connected("?topics=customers&since=9").await;
    assert_eq!(ws.next().await["type"], "subscribed");
    assert_eq!(ws.next().await["seq"], 10);
    assert_eq!(ws.next().await["seq"], 11);
}

/// Creates customers and edits them from `writers` concurrent tasks, `rounds` times each.
async fn write_concurrently(apps: &[&TestApp], writers: usize, rounds: usize, tag: &str) {
    join_all((0..writers).map(|w| {
        let app = apps[w % apps.len()];
        async move {
            for r in 0..rounds {
                let email = format!("{tag}-{w}-{r}@example.com");
                let customer = app.create("customers", json!({"name": format!("W{w} R{r}"), "email": email})).await;
                let reply = app.patch(&format!("/api/customers/{}", customer["id"]), json!({"notes": "edited"})).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            }
        }
    }))
    .await;
}

#[actix_web::test]
async fn a_socket_killed_mid_stream_resumes_with_nothing_lost_or_doubled() {
    let app = TestApp::spawn().await;
    let mut ws = app.connected("?topics=*").await;
    ws.next_of("subscribed").await;

    let apps = [&app];
    let writers = write_concurrently(&apps, 4, 25, "kill");
    let client = async {
        let mut received = Vec::new();
        while received.len() < 30 {
            received.push(ws.next().await["seq"].as_i64().unwrap());
        }
        drop(ws); // The socket dies without a close frame.
        let since = *received.last().unwrap();
        // Events the dead socket never got: the resume has something to make up for.
        eventually("writes after the socket died", Duration::from_secs(30), || async {
            (app.log_head().await >= since + 10).then_some(())
        })
        .await;
        let mut ws = app.connected(&format!("?topics=*&since={since}")).await;
        let rest = ws_next_events(&mut ws, 200 - received.len()).await;
        (received, rest)
    };
    let ((mut received, rest), ()) = futures_util::join!(client, writers);
    received.extend(rest);
    assert_eq!(app.log_head().await, 200);
    assert_eq!(received, (1..=200).collect::<Vec<i64>>(), "every committed event once, in order");
}

/// The seqs of the next `count` events, skipping acks.
async fn ws_next_events(ws: &mut WsClient, count: usize) -> Vec<i64> {
    let mut seqs = Vec::new();
    while seqs.len() < count {
        let frame = ws.next().await;
        if frame["type"] != "subscribed" {
            seqs.push(frame["seq"].as_i64().expect("an event"));
        }
    }
    seqs
}

#[actix_web::test]
async fn a_list_snapshot_plus_events_since_its_seq_equals_the_final_state() {
    let app = TestApp::spawn().await;
    write_concurrently(&[&app], 2, 5, "before").await;
    // The premise is made, not hoped for: the snapshot is taken once the writers have written
    // some, and they go on writing until each has finished two rounds begun after it was taken.
    let snapshot_taken = std::cell::Cell::new(false);
    let (wrote, mut writes_done) = tokio::sync::watch::channel(0usize);
    let created = std::cell::Cell::new(0usize);
    let writers = join_all((0..4).map(|w| {
        let (app, snapshot_taken, wrote, created) = (&app, &snapshot_taken, &wrote, &created);
        async move {
            let mut rounds_after_snapshot = 0;
            let mut r = 0;
            while rounds_after_snapshot < 2 {
                let began_after_snapshot = snapshot_taken.get();
                let email = format!("during-{w}-{r}@example.com");
                let customer = app.create("customers", json!({"name": format!("W{w} R{r}"), "email": email})).await;
                created.set(created.get() + 1);
                let reply = app.patch(&format!("/api/customers/{}", customer["id"]), json!({"notes": "edited"})).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
                wrote.send_modify(|n| *n += 1);
                rounds_after_snapshot += usize::from(began_after_snapshot);
                r += 1;
            }
        }
    }));
    let client = async {
        writes_done.wait_for(|&n| n >= 8).await.expect("the writers are running");
        let list = app.get("/api/customers?limit=500").await;
        snapshot_taken.set(true);
        let seq = list.seq();
        let state: BTreeMap<i64, Value> =
            list.body["items"].as_array().unwrap().iter().map(|c| (c["id"].as_i64().unwrap(), c.clone())).collect();
        let ws = app.connected(&format!("?topics=customers&since={seq}")).await;
        (seq, ws, state)
    };
    let ((seq, mut ws, mut state), _) = futures_util::join!(client, writers);
    let final_head = app.log_head().await;
    assert!(seq >= 20 + 16, "the snapshot came after the first writes ({seq})");
    assert!(final_head >= seq + 16, "the writers went on after the snapshot ({seq}, then {final_head})");
    let mut last = seq;
    while last < final_head {
        let event = ws.next().await;
        if event["type"] == "subscribed" {
            continue;
        }
        let event_seq = event["seq"].as_i64().unwrap();
        assert_eq!(event_seq, last + 1, "no gap, no duplicate at the seam");
        last = event_seq;
        state.insert(event["id"].as_i64().unwrap(), event["data"].clone());
    }
    let finished = app.get("/api/customers?limit=500").await;
    let expected: BTreeMap<i64, Value> =
        finished.body["items"].as_array().unwrap().iter().map(|c| (c["id"].as_i64().unwrap(), c.clone())).collect();
    assert_eq!(state.len(), 10 + created.get());
    assert_eq!(state, expected);
}

#[actix_web::test]
async fn sixty_four_concurrent_writers_all_succeed() {
    let app = TestApp::spawn().await;
    let replies = join_all((0..64).map(|n| {
        app.post("/api/customers", json!({"name": format!("Writer {n}"), "email": format!("w{n}@example.com")}))
    }))
    .await;
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let list = app.get("/api/customers?limit=100").await;
    assert_eq!(list.body["total"], 64);
    assert_eq!(app.log_head().await, 64);
}

/// With a pool of one connection, concurrent writes all commit and are answered: on PostgreSQL
/// the writer hands the connection back before it waits for the flush of its last group, which
/// needs one too.
#[actix_web::test]
async fn concurrent_writers_through_a_pool_of_one_connection_all_succeed() {
    let app = TestApp::spawn_with(&["--pool-size=1"]).await;
    // 16 writers, each posting its next create once its last is answered: groups keep coming
    // while the one before waits for its flush.
    let writer = |w: usize| {
        let app = &app;
        async move {
            let mut statuses = Vec::new();
            for n in 0..4 {
                let body = json!({"name": format!("Pooled {w}-{n}"), "email": format!("pooled{w}-{n}@example.com")});
                let reply = app.post("/api/customers", body).await;
                statuses.push((reply.status, reply.body.to_string()));
            }
            statuses
        }
    };
    for (status, body) in join_all((0..16).map(writer)).await.into_iter().flatten() {
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    assert_eq!(app.log_head().await, 64);
}

/// Writes that fail among concurrent ones (on SQLite they share a group commit) leave the others
/// committed, answered and logged, with no gap in `seq` and nothing of their own.
#[actix_web::test]
async fn concurrent_writes_that_fail_leave_the_others_and_the_log_whole() {
    let app = TestApp::spawn().await;
    let mut ws = app.connected("?topics=customers").await;
    ws.next_of("subscribed").await;
    // 32 pairs sharing an email (one of each is a duplicate) and 16 without a name.
    let bodies = pairs_and_nameless("pair");
    let replies = join_all(bodies.into_iter().map(|body| app.post("/api/customers", body))).await;
    let created = created_of_pairs_and_nameless(&replies);

    assert_eq!(app.log_head().await, 32);
    assert_eq!(read_until(&mut ws, 32).await, (1..=32).collect::<Vec<i64>>(), "one event per write, in order");
    let list = app.get("/api/customers?limit=100").await;
    let mut listed: Vec<i64> =
        list.body["items"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    let mut answered = created.clone();
    listed.sort_unstable();
    answered.sort_unstable();
    assert_eq!(listed, answered, "every write answered 201 is stored, and nothing else");
}

/// The PostgreSQL server URL of this run (these tests run only with one).
fn postgres() -> String {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
        .expect("TEST_DATABASE_URL names a PostgreSQL server")
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn two_instances_on_one_postgres_deliver_every_write_once_in_order() {
    postgres();
    let a = TestApp::spawn().await;
    let b = TestApp::spawn_on(a.db.clone(), &[]).await;
    let mut on_b = b.connected("?topics=customers").await;
    on_b.next_of("subscribed").await;
    let mut on_a = a.connected("?topics=customers").await;
    on_a.next_of("subscribed").await;

    write_concurrently(&[&a, &b], 16, 10, "pair").await;
    let total = a.log_head().await;
    assert_eq!(total, 320);
    let expected: Vec<i64> = (1..=total).collect();
    assert_eq!(read_until(&mut on_b, total).await, expected, "instance B: every event once, in order");
    assert_eq!(read_until(&mut on_a, total).await, expected, "instance A: every event once, in order");
    on_b.assert_quiet(Duration::from_millis(300)).await;
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn an_instance_whose_listener_is_cut_reconnects_and_catches_up() {
    let admin_url = postgres();
    let a = TestApp::spawn().await;
    let b = TestApp::spawn_on(a.db.clone(), &[]).await;
    let mut on_b = b.connected("?topics=customers").await;
    on_b.next_of("subscribed").await;
    a.create("customers", json!({"name": "Before", "email": "before@example.com"})).await;
    assert_eq!(on_b.next().await["seq"], 1);

    let database = a.db.url.rsplit('/').next().unwrap().to_owned();
    let killed = terminate_listeners(&admin_url, &database);
    assert!(killed >= 2, "both instances' listeners were connected ({killed})");
    // Writes while the listeners are down.
    write_concurrently(&[&a], 4, 5, "outage").await;
    let seqs = read_until(&mut on_b, 41).await;
    assert_eq!(seqs, (2..=41).collect::<Vec<i64>>());
    match on_b.next_within(Duration::from_millis(300)).await {
        Err(WsEnd::TimedOut) => {}
        other => panic!("expected nothing more, got {other:?}"),
    }
}

fn terminate_listeners(admin_url: &str, database: &str) -> usize {
    use diesel::{Connection, QueryableByName, RunQueryDsl};
    #[derive(QueryableByName)]
    struct Killed {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        killed: bool,
    }
    let mut conn = diesel::PgConnection::establish(admin_url).unwrap();
    let rows: Vec<Killed> = diesel::sql_query(format!(
        "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity \
         WHERE datname = '{database}' AND application_name = 'switchboard-listener'"
    ))
    .load(&mut conn)
    .unwrap();
    rows.iter().filter(|r| r.killed).count()
}

#[actix_web::test]
async fn a_client_cut_off_for_not_reading_resumes_with_since_and_loses_nothing() {
    let app = TestApp::spawn_with(&["--ws-heartbeat-ms=200", "--ws-client-timeout-ms=1000", "--ws-send-queue=8"]).await;
    let mut ws = app.connected("?topics=*").await;
    ws.next_of("subscribed").await;
    let apps = [&app];
    write_concurrently(&apps, 2, 5, "before").await;
    let mut received = ws_next_events(&mut ws, 20).await;
    // The client stops reading (and so answers no ping) while writers go on: it is cut off.
    write_concurrently(&apps, 4, 10, "stalled").await;
    eventually("the stalled session dropped", Duration::from_secs(10), || async {
        (app.get("/api/realtime/stats").await.body["sessions"] == 0).then_some(())
    })
    .await;
    // And after the cut: these cannot reach the old socket.
    write_concurrently(&apps, 2, 10, "after").await;
    // Whatever reached the socket before the cut is still readable; then it ends.
    loop {
        match ws.next_within(Duration::from_secs(5)).await {
            Ok(frame) if frame["seq"].is_i64() && frame["type"] != "subscribed" => {
                received.push(frame["seq"].as_i64().unwrap())
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    let stats = app.get("/api/realtime/stats").await.body;
    assert_eq!(stats["sessions"], 0, "the stalled session was dropped: {stats}");
    let head = app.log_head().await;
    assert_eq!(head, 140);
    let since = *received.last().unwrap();
    assert!(since < head, "the cut-off client missed something ({since} of {head})");
    let mut ws = app.connected(&format!("?topics=*&since={since}")).await;
    received.extend(ws_next_events(&mut ws, (head - since) as usize).await);
    assert_eq!(received, (1..=head).collect::<Vec<i64>>(), "every committed event once, in order");
}

/// Commits, as another instance would, the event after the log's first (a copy of it as `seq`
/// 2), without the NOTIFY that would tell the instances sharing the database.
/// `frame` is the `customer_created` event with `seq`.
fn assert_customer_created(frame: &Value, seq: i64) {
    assert_eq!((frame["type"].as_str(), frame["seq"].as_i64()), (Some("customer_created"), Some(seq)), "{frame}");
}

fn commit_unannounced(database_url: &str) {
    use diesel::{Connection, RunQueryDsl};
    let mut conn = diesel::PgConnection::establish(database_url).unwrap();
    diesel::sql_query("UPDATE log_head SET seq = 2").execute(&mut conn).unwrap();
    diesel::sql_query(
        "INSERT INTO events (seq, event_type, topics, frame, created_at, scope, facets) \
         SELECT 2, event_type, topics, replace(frame, '\"seq\":1,', '\"seq\":2,'), created_at, scope, facets \
         FROM events WHERE seq = 1",
    )
    .execute(&mut conn)
    .unwrap();
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn a_client_resuming_on_an_instance_behind_the_one_it_left_gets_nothing_twice() {
    postgres();
    let app = TestApp::spawn().await;
    app.create("customers", json!({"name": "First", "email": "first@example.com"})).await;
    // The client saw seq 2 on another instance, whose NOTIFY this one has not had yet.
    commit_unannounced(&app.db.url);
    let mut ws = app.connected("?topics=customers&since=2").await;
    ws.next_of("subscribed").await;

    // This instance's next write finds seq 2 in the log and delivers it in order; the client,
    // which has it, gets only what follows: no resync, no repeat.
    app.create("customers", json!({"name": "Third", "email": "third@example.com"})).await;
    let next = ws.next().await;
    assert_customer_created(&next, 3);
    ws.assert_quiet(Duration::from_millis(300)).await;
}

#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn an_event_committed_but_never_announced_still_reaches_sessions_once_in_order() {
    postgres();
    let app = TestApp::spawn().await;
    let mut ws = app.connected("?topics=customers").await;
    ws.next_of("subscribed").await;
    app.create("customers", json!({"name": "First", "email": "first@example.com"})).await;
    assert_eq!(ws.next().await["seq"], 1);

    // An instance killed between its commit and the NOTIFY that announces it leaves seq 2 so:
    // no instance is told, and the listener must find it on its own.
    commit_unannounced(&app.db.url);
    let second = ws.next().await;
    assert_customer_created(&second, 2);

    app.create("customers", json!({"name": "Third", "email": "third@example.com"})).await;
    let third = ws.next().await;
    assert_customer_created(&third, 3);
    ws.assert_quiet(Duration::from_millis(300)).await;
}

/// On PostgreSQL a write's transaction commits without waiting for its WAL flush, so that the
/// log's lock is free at once; the write is answered only after a flush through it. Each create
/// below starts after WAL position `before`, so its commit record ends past it: once answered,
/// PostgreSQL's flushed position must be past `before` too. (A transaction that only takes an id
/// or sends a NOTIFY commits without flushing anything; an answer after one of those would fail
/// this on a quiet database.)
#[actix_web::test]
#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set TEST_DATABASE_URL")]
async fn a_write_is_answered_only_once_postgresql_has_flushed_it() {
    use diesel::sql_types::{Bool, Text};
    use diesel::{Connection, RunQueryDsl};

    #[derive(diesel::QueryableByName)]
    struct Lsn {
        #[diesel(sql_type = Text)]
        lsn: String,
    }
    #[derive(diesel::QueryableByName)]
    struct Flushed {
        #[diesel(sql_type = Bool)]
        past: bool,
    }

    postgres();
    let app = TestApp::spawn().await;
    let mut conn = diesel::PgConnection::establish(&app.db.url).unwrap();
    for n in 0..10 {
        let before: Lsn =
            diesel::sql_query("SELECT pg_current_wal_insert_lsn()::text AS lsn").get_result(&mut conn).unwrap();
        app.create("customers", json!({"name": format!("Durable {n}"), "email": format!("durable{n}@example.com")}))
            .await;
        let flushed: Flushed = diesel::sql_query("SELECT pg_current_wal_flush_lsn() > $1::pg_lsn AS past")
            .bind::<Text, _>(&before.lsn)
            .get_result(&mut conn)
            .unwrap();
        assert!(flushed.past, "create {n} was answered before PostgreSQL flushed the WAL past {}", before.lsn);
    }
}
