//! Only the right people (the route-by-route table is in authorization.rs): /ws is authenticated, checks
//! the Origin of cookie sessions, refuses topics a role cannot read, filters events per role,
//! and closes sessions whose credentials end; limits answer clearly.

use std::time::Duration;

use crate::common::{cookie_client, TestApp, WsClient, WsEnd};
use actix_web::http::StatusCode;
use awc::ws;
use serde_json::{json, Value};

async fn send(client: &awc::Client, app: &TestApp, method: &str, path: &str) -> (StatusCode, Value) {
    let url = app.url(path);
    let request = match method {
        "GET" => client.get(url),
        "POST" => client.post(url),
        "PATCH" => client.patch(url),
        "DELETE" => client.delete(url),
        other => panic!("unexpected method {other}"),
    };
    let mut response = if method == "GET" || method == "DELETE" {
        request.send().await.unwrap()
    } else {
        request.send_json(&json!({})).await.unwrap()
    };
    let body = response.body().limit(16 << 20).await.unwrap();
    (response.status(), serde_json::from_slice(&body).unwrap_or(Value::Null))
}

#[actix_web::test]
async fn a_driver_reaches_only_its_own_records() {
    let app = TestApp::spawn().await;
    app.seed_demo().await.unwrap();
    let token = app.token("driver", Some(2)).await;
    let driver = app.client_as(Some(&token));
    let (status, list) = send(&driver, &app, "GET", "/api/drivers").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], 2);
    assert_eq!(send(&driver, &app, "GET", "/api/drivers/1").await.0, StatusCode::NOT_FOUND);
    let (_, deliveries) = send(&driver, &app, "GET", "/api/deliveries").await;
    let all = deliveries["items"].as_array().unwrap();
    assert!(!all.is_empty() && all.iter().all(|d| d["driver_id"] == 2), "{deliveries}");
    let mut moved = driver
        .post(app.url("/api/drivers/2/location"))
        .send_json(&json!({"lat": 47.61, "lng": -122.33}))
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::OK, "{:?}", moved.body().await);
    let other =
        driver.post(app.url("/api/drivers/1/location")).send_json(&json!({"lat": 1.0, "lng": 1.0})).await.unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    assert_eq!(send(&driver, &app, "GET", "/api/orders").await.0, StatusCode::FORBIDDEN);
    assert_eq!(send(&driver, &app, "GET", "/api/live-tracking-drivers").await.0, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn websocket_handshakes_need_credentials() {
    let app = TestApp::spawn().await;
    match app.ws_as(&app.client_as(None), "").await {
        Err(awc::error::WsClientError::InvalidResponseStatus(status)) => assert_eq!(status, StatusCode::UNAUTHORIZED),
        Err(other) => panic!("expected 401, got {other}"),
        Ok(_) => panic!("an anonymous socket was accepted"),
    }
    let bad = app.client_as(Some("sb_0000"));
    assert!(app.ws_as(&bad, "").await.is_err());
    // A one-time ticket works once.
    let ticket = app.post("/api/ws-ticket", json!({})).await.body["ticket"].as_str().unwrap().to_owned();
    let mut ws = app.ws_as(&app.client_as(None), &format!("?ticket={ticket}")).await.expect("the ticket opens /ws");
    assert_eq!(ws.next().await["type"], "welcome");
    assert!(app.ws_as(&app.client_as(None), &format!("?ticket={ticket}")).await.is_err(), "tickets are single-use");
}

#[actix_web::test]
async fn cookie_sessions_are_checked_for_origin_and_end_at_log_out() {
    let app = TestApp::spawn().await;
    let cookie = app.log_in(&app.admin_token).await;
    let own_origin = format!("http://127.0.0.1:{}", app.port);
    let same = cookie_client(&cookie, Some(&own_origin));
    let me = send(&same, &app, "GET", "/api/me").await;
    assert_eq!(me.0, StatusCode::OK);
    assert_eq!(me.1["kind"], "session");

    let foreign = cookie_client(&cookie, Some("https://evil.example"));
    assert!(app.ws_as(&foreign, "").await.is_err(), "a foreign page may not open a socket with the cookie");
    let (status, _) = send(&foreign, &app, "POST", "/api/customers").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let mut ws = app.ws_as(&same, "?topics=customers").await.expect("same-origin socket");
    assert_eq!(ws.next().await["type"], "welcome");
    let out = same.post(app.url("/api/logout")).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert_closed_with_policy(&mut ws).await;
    assert_eq!(send(&same, &app, "GET", "/api/me").await.0, StatusCode::UNAUTHORIZED);
}

async fn assert_closed_with_policy(ws: &mut WsClient) {
    loop {
        match ws.next_within(Duration::from_secs(5)).await {
            Ok(_) => continue,
            Err(WsEnd::Closed(Some(reason))) => {
                assert_eq!(reason.code, ws::CloseCode::Policy);
                return;
            }
            Err(other) => panic!("expected a 1008 close, got {other:?}"),
        }
    }
}

#[actix_web::test]
async fn revoking_a_token_closes_its_sessions_and_it_stops_working() {
    let app = TestApp::spawn().await;
    let token = app.token("manager", None).await;
    let manager = app.client_as(Some(&token));
    let mut ws = app.ws_as(&manager, "?topics=*").await.unwrap();
    assert_eq!(ws.next().await["type"], "welcome");
    let tokens = app.get("/api/tokens").await.body;
    let id = tokens["items"].as_array().unwrap().iter().find(|t| t["role"] == "manager").unwrap()["id"].clone();
    assert_eq!(app.delete(&format!("/api/tokens/{id}")).await.status, StatusCode::NO_CONTENT);
    assert_closed_with_policy(&mut ws).await;
    assert_eq!(send(&manager, &app, "GET", "/api/orders").await.0, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn an_expired_token_is_refused_and_its_sessions_close() {
    let app = TestApp::spawn().await;
    let token = app.token("dispatcher", None).await;
    let dispatcher = app.client_as(Some(&token));
    let mut ws = app.ws_as(&dispatcher, "?topics=orders").await.unwrap();
    assert_eq!(ws.next().await["type"], "welcome");
    expire_tokens_named(&app, "dispatcher for tests").await;
    assert_eq!(send(&dispatcher, &app, "GET", "/api/orders").await.0, StatusCode::UNAUTHORIZED);
    assert_closed_with_policy(&mut ws).await;
}

async fn expire_tokens_named(app: &TestApp, name: &'static str) {
    let url = app.db.url.clone();
    actix_web::web::block(move || {
        use diesel::prelude::*;
        use switchboard::db::schema::api_tokens;
        let pool = switchboard::db::build_pool(&url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        let past = chrono::Utc::now().naive_utc() - chrono::Duration::milliseconds(10);
        let changed = diesel::update(api_tokens::table.filter(api_tokens::name.eq(name)))
            .set(api_tokens::expires_at.eq(Some(past)))
            .execute(&mut conn)
            .unwrap();
        assert_eq!(changed, 1, "the token {name:?} exists");
    })
    .await
    .unwrap();
}

#[actix_web::test]
async fn subscriptions_and_events_follow_the_role() {
    let app = TestApp::spawn().await;
    app.seed_demo().await.unwrap();
    let accountant = app.client_as(Some(&app.token("accountant", None).await));
    let mut books = app.ws_as(&accountant, "").await.unwrap();
    assert_eq!(books.next().await["type"], "welcome");
    books.send(json!({"type": "subscribe", "topics": ["drivers"]})).await;
    let refused = books.next().await;
    assert_eq!(refused["type"], "error");
    assert_eq!(refused["code"], "forbidden");
    books.subscribe(&["*"]).await;

    // Driver 3 watches deliveries and drivers; its assigned delivery is given to driver 2.
    let driver = app.client_as(Some(&app.token("driver", Some(3)).await));
    let mut van = app.ws_as(&driver, "?topics=deliveries,drivers").await.unwrap();
    assert_eq!(van.next().await["type"], "welcome");
    assert_eq!(van.next().await["type"], "subscribed");

    let own = app.get("/api/deliveries?driver_id=3&status=assigned").await.body["items"][0].clone();
    let other = app.get("/api/deliveries?driver_id=2&status=picked_up").await.body["items"][0].clone();
    assert!(own.is_object() && other.is_object(), "the demo data has these deliveries");
    let moved = app.post(&format!("/api/deliveries/{}/status", other["id"]), json!({"status": "in_transit"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    app.post("/api/drivers/1/status", json!({"status": "available"})).await;
    let reassigned = app.post(&format!("/api/deliveries/{}/assign", own["id"]), json!({"driver_id": 2})).await;
    assert_eq!(reassigned.status, StatusCode::OK, "{}", reassigned.body);
    let invoice = app.patch("/api/invoices/1", json!({"counterparty": "Northwind Traders Ltd"})).await;
    assert_eq!(invoice.status, StatusCode::OK);

    // The driver hears only of its own delivery leaving it, not of others' records.
    let event = van.next().await;
    assert_eq!(event["type"], "delivery_driver_assigned", "{event}");
    assert_eq!(event["id"], own["id"]);
    assert_eq!(event["data"]["previous_driver_id"], 3);
    assert_eq!(event["data"]["driver_id"], 2);
    van.assert_quiet(Duration::from_millis(400)).await;

    // The accountant sees the invoice change and nothing of deliveries or drivers.
    let event = books.next().await;
    assert_eq!(event["type"], "invoice_updated", "{event}");
    books.assert_quiet(Duration::from_millis(400)).await;
}

#[actix_web::test]
async fn limits_answer_429_and_413() {
    let app =
        TestApp::spawn_with(&["--rate-limit-per-min=60", "--rate-limit-burst=5", "--login-attempts-per-min=3"]).await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(app.get("/api/customers").await);
    }
    let limited = statuses.iter().find(|r| r.status == StatusCode::TOO_MANY_REQUESTS).expect("the burst runs out");
    assert_eq!(limited.code(), "rate_limited");
    let retry: u64 = limited.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");

    for attempt in 0..4 {
        let reply =
            app.client_as(None).post(app.url("/api/login")).send_json(&json!({"token": "sb_wrong"})).await.unwrap();
        let expected = if attempt < 3 { StatusCode::UNAUTHORIZED } else { StatusCode::TOO_MANY_REQUESTS };
        assert_eq!(reply.status(), expected, "log-in attempt {attempt}");
    }

    let big = TestApp::spawn().await;
    let body = json!({"name": "x".repeat(300 * 1024), "email": "big@example.com"});
    let reply = big.post("/api/customers", body).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.code(), "payload_too_large");
}

#[actix_web::test]
async fn answers_carry_security_headers_and_cors_follows_the_allow_list() {
    let app = TestApp::spawn_with(&["--allowed-origins=https://office.example.com"]).await;
    let reply = app.get("/api/customers").await;
    let csp = reply.header("content-security-policy").expect("CSP");
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(reply.header("x-content-type-options").as_deref(), Some("nosniff"));
    assert_eq!(reply.header("x-frame-options").as_deref(), Some("DENY"));

    let preflight = |origin: &'static str| {
        app.client_as(None)
            .request(actix_web::http::Method::OPTIONS, app.url("/api/customers"))
            .insert_header(("Origin", origin))
            .insert_header(("Access-Control-Request-Method", "POST"))
            .insert_header(("Access-Control-Request-Headers", "content-type, authorization"))
            .send()
    };
    let allowed = preflight("https://office.example.com").await.unwrap();
    assert_eq!(
        allowed.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()),
        Some("https://office.example.com")
    );
    assert_eq!(allowed.headers().get("access-control-allow-credentials").and_then(|v| v.to_str().ok()), Some("true"));
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(refused.headers().get("access-control-allow-origin").is_none());
}

/// The collections whose topics each role may hold, from the README's table.
const READABLE: [(&str, &[&str]); 5] = [
    ("admin", &crate::common::COLLECTIONS),
    ("manager", &crate::common::COLLECTIONS),
    ("dispatcher", &["orders", "customers", "services", "products", "drivers", "deliveries", "transit-batches"]),
    ("accountant", &["orders", "customers", "invoices", "expenses", "budgets"]),
    ("driver", &["drivers", "deliveries"]),
];

#[actix_web::test]
async fn every_topic_follows_the_permission_table() {
    let app = TestApp::spawn().await;
    let driver = app.create("drivers", json!({"name": "Lukas Brandt"})).await;
    for (role, readable) in READABLE {
        let token = match role {
            "admin" => app.admin_token.clone(),
            "driver" => app.token("driver", driver["id"].as_i64()).await,
            other => app.token(other, None).await,
        };
        let client = app.client_as(Some(&token));
        let mut ws = app.ws_as(&client, "").await.expect("any role may open /ws");
        assert_eq!(ws.next().await["type"], "welcome");
        for collection in crate::common::COLLECTIONS {
            for topic in [collection.to_owned(), format!("{collection}:1")] {
                ws.send(json!({"type": "subscribe", "topics": [topic]})).await;
                let answer = ws.next().await;
                if readable.contains(&collection) {
                    assert_eq!(answer["type"], "subscribed", "{role} on {topic}: {answer}");
                } else {
                    assert_eq!(answer["type"], "error", "{role} on {topic}: {answer}");
                    assert_eq!(answer["code"], "forbidden", "{role} on {topic}: {answer}");
                }
            }
        }
        ws.send(json!({"type": "subscribe", "topics": ["*"]})).await;
        assert_eq!(ws.next().await["type"], "subscribed", "{role} may hold * (filtered to what it can read)");
    }
}

#[actix_web::test]
async fn the_first_start_makes_one_admin_token_that_works() {
    let db = std::sync::Arc::new(crate::common::TestDb::new());
    let url = db.url.clone();
    let (first, second) = actix_web::web::block(move || {
        let pool = switchboard::db::build_pool(&url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        switchboard::db::run_migrations(&mut conn).unwrap();
        let first = switchboard::auth::ensure_initial_admin(&mut conn).unwrap();
        (first, switchboard::auth::ensure_initial_admin(&mut conn).unwrap())
    })
    .await
    .unwrap();
    let token = first.expect("an empty database gets an admin token");
    assert!(token.starts_with("sb_") && token.len() == 67, "{token}");
    assert!(second.is_none(), "only once");
    let app = TestApp::spawn_on(db, &[]).await;
    let (status, me) = send(&app.client_as(Some(&token)), &app, "GET", "/api/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["role"], "admin");
}
