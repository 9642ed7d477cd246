//! Orders over REST and WebSocket: line items and computed totals, filters, the edit and delete
//! locks, and the status state machine with its `order_status_changed` event.

use std::time::Duration;

use crate::common::{assert_invalid, TestApp};
use actix_web::http::header::HeaderMap;
use actix_web::http::StatusCode;
use diesel::prelude::*;
use serde_json::{json, Value};
use switchboard::db::schema::{order_items, orders};
use switchboard::db::AnyConnection;

/// A direct connection to the test's database, for checking what is stored and for what no
/// endpoint may do (back-dating an order).
fn db(app: &TestApp) -> AnyConnection {
    AnyConnection::establish(&app.db.url).expect("the test database accepts a connection")
}

async fn new_service(app: &TestApp, name: &str, price_cents: i64) -> i64 {
    app.create("services", json!({"name": name, "price_cents": price_cents})).await["id"].as_i64().unwrap()
}

async fn new_product(app: &TestApp, sku: &str, name: &str, price_cents: i64) -> i64 {
    let body = json!({"sku": sku, "name": name, "price_cents": price_cents, "cost_cents": price_cents / 2});
    app.create("products", body).await["id"].as_i64().unwrap()
}

/// A customer, a service at $25.00 and a product at $4.99.
struct Catalog {
    customer: i64,
    service: i64,
    product: i64,
}

async fn catalog(app: &TestApp) -> Catalog {
    Catalog {
        customer: app.customer("Grace Hopper").await,
        service: new_service(app, "Deep clean", 2_500).await,
        product: new_product(app, "SP-1", "Sponge", 499).await,
    }
}

async fn simple_order(app: &TestApp, c: &Catalog) -> i64 {
    app.create("orders", json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": 1}]})).await
        ["id"]
        .as_i64()
        .unwrap()
}

async fn set_status(app: &TestApp, id: i64, status: &str) -> crate::common::Reply {
    app.post(&format!("/api/orders/{id}/status"), json!({ "status": status })).await
}

/// Moves a fresh order along the happy path until it is in `status`.
async fn order_in(app: &TestApp, c: &Catalog, status: &str) -> i64 {
    let id = simple_order(app, c).await;
    if status == "cancelled" {
        assert_eq!(set_status(app, id, "cancelled").await.status, StatusCode::OK);
        return id;
    }
    for next in ["confirmed", "in_progress", "ready", "out_for_delivery", "delivered"] {
        if status == "pending" {
            break;
        }
        let reply = set_status(app, id, next).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        if next == status {
            break;
        }
    }
    id
}

/// A request with an `If-Match` header: (status, headers, body).
async fn with_if_match(
    request: awc::ClientRequest,
    version: &str,
    body: Option<Value>,
) -> (StatusCode, HeaderMap, Value) {
    let request = request.insert_header(("If-Match", format!("\"{version}\"")));
    let mut response = match body {
        Some(body) => request.send_json(&body).await,
        None => request.send().await,
    }
    .expect("the request reaches the server");
    let bytes = response.body().await.unwrap();
    let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() };
    (response.status(), response.headers().clone(), body)
}

#[actix_web::test]
async fn create_computes_the_total_and_fills_in_catalogue_prices() {
    let app = TestApp::spawn().await;
    let c = catalog(&app).await;
    let reply = app
        .post(
            "/api/orders",
            json!({
                "customer_id": c.customer,
                "delivery_address": "1 Navy Yard",
                "notes": "ring twice",
                "items": [
                    {"service_id": c.service, "quantity": 2},
                    {"product_id": c.product, "quantity": 3, "unit_price_cents": 450, "description": "Big sponge"},
                    {"product_id": c.product, "quantity": 1},
                    {"description": "Call-out fee", "quantity": 1, "unit_price_cents": 1000},
                ],
            }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let order = &reply.body;
    let id = order["id"].as_i64().unwrap();
    assert_eq!(reply.header("location").as_deref(), Some(format!("/api/orders/{id}").as_str()));
    assert_eq!(reply.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(order["version"], 1);
    assert_eq!(order["status"], "pending");
    assert_eq!(order["customer_id"], c.customer);
    assert_eq!(order["delivery_address"], "1 Navy Yard");
    assert_eq!(order["notes"], "ring twice");
    assert_eq!(order["total_cents"], 2 * 2_500 + 3 * 450 + 499 + 1_000);
    let items = order["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["service_id"], c.service);
    assert_eq!(items[0]["product_id"], Value::Null);
    assert_eq!(items[0]["description"], "Deep clean");
    assert_eq!(items[0]["unit_price_cents"], 2_500);
    assert_eq!(items[0]["line_total_cents"], 5_000);
    assert_eq!(items[1]["description"], "Big sponge");
    assert_eq!(items[1]["unit_price_cents"], 450);
    assert_eq!(items[1]["line_total_cents"], 1_350);
    assert_eq!(items[2]["description"], "Sponge");
    assert_eq!(items[2]["unit_price_cents"], 499);
    assert_eq!(items[3]["service_id"], Value::Null);
    assert_eq!(items[3]["description"], "Call-out fee");
    assert!(items[0]["id"].as_i64().is_some());
    let keys: Vec<&str> = order.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "id",
        "customer_id",
        "status",
        "delivery_address",
        "notes",
        "total_cents",
        "items",
        "created_at",
        "updated_at",
        "version",
    ] {
        assert!(keys.contains(&key), "the record has {key}: {order}");
    }
    assert!(order["created_at"].as_str().unwrap().ends_with('Z'));

    let got = app.get(&format!("/api/orders/{id}")).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.header("etag").as_deref(), Some("\"1\""));
    assert!(got.seq() >= 1);
    assert_eq!(&got.body, order);

    let missing = app.get("/api/orders/999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.code(), "not_found");
}

#[actix_web::test]
async fn every_invalid_order_is_a_422_naming_the_field() {
    let app = TestApp::spawn().await;
    let c = catalog(&app).await;
    let line = json!({"service_id": c.service, "quantity": 1});
    let cases = [
        (json!({"customer_id": 999_999, "items": [line]}), "customer_id"),
        (json!({"items": [line]}), "customer_id"),
        (json!({"customer_id": c.customer}), "items"),
        (json!({"customer_id": c.customer, "items": []}), "items"),
        (json!({"customer_id": c.customer, "items": [{"service_id": 999_999, "quantity": 1}]}), "items[0].service_id"),
        (
            json!({"customer_id": c.customer, "items": [line, {"product_id": 999_999, "quantity": 1}]}),
            "items[1].product_id",
        ),
        (
            json!({"customer_id": c.customer, "items": [{"service_id": c.service, "product_id": c.product, "quantity": 1}]}),
            "items[0].product_id",
        ),
        (json!({"customer_id": c.customer, "items": [{"quantity": 1}]}), "items[0].service_id"),
        (
            json!({"customer_id": c.customer, "items": [{"description": "Fee", "quantity": 1}]}),
            "items[0].unit_price_cents",
        ),
        (
            json!({"customer_id": c.customer, "items": [{"unit_price_cents": 100, "quantity": 1}]}),
            "items[0].description",
        ),
        (json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": 0}]}), "items[0].quantity"),
        (json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": -2}]}), "items[0].quantity"),
        (
            json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": 1, "unit_price_cents": -1}]}),
            "items[0].unit_price_cents",
        ),
        (
            json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": 1, "description": "  "}]}),
            "items[0].description",
        ),
        (
            json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": i64::MAX}]}),
            "items[0].quantity",
        ),
        (json!({"customer_id": c.customer, "items": [line], "status": "delivered"}), "status"),
        (json!({"customer_id": c.customer, "items": [line], "total_cents": 1}), "total_cents"),
        (
            json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": 1, "colour": "red"}]}),
            "items[0].colour",
        ),
        (json!({"customer_id": c.customer, "items": [line], "notes": "x".repeat(2_001)}), "notes"),
    ];
    for (body, field) in cases {
        let reply = app.post("/api/orders", body.clone()).await;
        assert_invalid(&reply, field);
    }
    // Nothing was stored by any of them.
    assert_eq!(app.get("/api/orders").await.body["total"], 0);

    let id = simple_order(&app, &c).await;
    let path = format!("/api/orders/{id}");
    assert_invalid(&app.patch(&path, json!({"status": "confirmed"})).await, "status");
    assert_invalid(&app.patch(&path, json!({"customer_id": 999_999})).await, "customer_id");
    assert_invalid(&app.patch(&path, json!({"items": []})).await, "items");
    assert_invalid(
        &app.patch(&path, json!({"items": [{"product_id": 999_999, "quantity": 1}]})).await,
        "items[0].product_id",
    );
    assert_invalid(&app.patch(&path, json!({"total_cents": 5})).await, "total_cents");
    let unchanged = app.get(&path).await;
    assert_eq!(unchanged.body["version"], 1);
    assert_eq!(unchanged.body["status"], "pending");
}

#[actix_web::test]
async fn list_filters_and_pages() {
    let app = TestApp::spawn().await;
    let c = catalog(&app).await;
    let other = app.customer("Alan Turing").await;
    let mut ids = Vec::new();
    let specs = [
        (c.customer, "12 Baker Street", "Leave at DOOR"),
        (c.customer, "221B Baker Street", "fragile"),
        (other, "Bletchley Park", "100% cotton_only"),
        (other, "Wilmslow", "knock"),
        (c.customer, "Navy Yard", "call first"),
    ];
    for (customer_id, address, notes) in specs {
        let order = app
            .create(
                "orders",
                json!({"customer_id": customer_id, "delivery_address": address, "notes": notes,
                       "items": [{"service_id": c.service, "quantity": 1}, {"product_id": c.product, "quantity": 2}]}),
            )
            .await;
        ids.push(order["id"].as_i64().unwrap());
    }
    assert_eq!(set_status(&app, ids[1], "confirmed").await.status, StatusCode::OK);
    assert_eq!(set_status(&app, ids[3], "confirmed").await.status, StatusCode::OK);
    assert_eq!(set_status(&app, ids[4], "cancelled").await.status, StatusCode::OK);
    // Known creation dates: 2026-01-10, 2026-02-10, 2026-03-10, 2026-04-10, 2026-05-10.
    {
        let mut conn = db(&app);
        for (n, id) in ids.iter().enumerate() {
            let at = chrono::NaiveDate::from_ymd_opt(2026, n as u32 + 1, 10).unwrap().and_hms_opt(12, 0, 0).unwrap();
            diesel::update(orders::table.find(id)).set(orders::created_at.eq(at)).execute(&mut conn).unwrap();
        }
    }
    let found = |reply: &crate::common::Reply| -> Vec<i64> {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.body["items"].as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap()).collect()
    };

    let all = app.get("/api/orders").await;
    assert!(all.seq() >= 1);
    assert_eq!(all.body["total"], 5);
    assert_eq!(all.body["limit"], 50);
    assert_eq!(all.body["offset"], 0);
    assert_eq!(found(&all), ids.iter().rev().copied().collect::<Vec<_>>());
    for order in all.body["items"].as_array().unwrap() {
        assert_eq!(order["items"].as_array().unwrap().len(), 2, "each order in the list carries its lines");
        assert_eq!(order["total_cents"], 2_500 + 2 * 499);
        assert_eq!(order["items"][1]["line_total_cents"], 998);
    }

    assert_eq!(found(&app.get("/api/orders?status=confirmed").await), vec![ids[3], ids[1]]);
    assert_eq!(found(&app.get("/api/orders?status=pending").await), vec![ids[2], ids[0]]);
    assert_eq!(found(&app.get("/api/orders?status=delivered").await), Vec::<i64>::new());
    assert_eq!(found(&app.get(&format!("/api/orders?customer_id={other}")).await), vec![ids[3], ids[2]]);
    assert_eq!(found(&app.get("/api/orders?q=baker").await), vec![ids[1], ids[0]]);
    assert_eq!(found(&app.get("/api/orders?q=door").await), vec![ids[0]]);
    assert_eq!(found(&app.get("/api/orders?q=100%25").await), vec![ids[2]]);
    assert_eq!(found(&app.get("/api/orders?q=t_o").await), Vec::<i64>::new());
    assert_eq!(found(&app.get("/api/orders?from=2026-03-10").await), vec![ids[4], ids[3], ids[2]]);
    assert_eq!(found(&app.get("/api/orders?to=2026-02-10").await), vec![ids[1], ids[0]]);
    assert_eq!(found(&app.get("/api/orders?from=2026-02-01&to=2026-04-10").await), vec![ids[3], ids[2], ids[1]]);
    assert_eq!(
        found(&app.get(&format!("/api/orders?customer_id={}&status=pending&q=street", c.customer)).await),
        vec![ids[0]]
    );

    let page = app.get("/api/orders?limit=2&offset=1").await;
    assert_eq!(page.body["total"], 5);
    assert_eq!(page.body["limit"], 2);
    assert_eq!(page.body["offset"], 1);
    assert_eq!(found(&page), vec![ids[3], ids[2]]);
    let last = app.get("/api/orders?limit=2&offset=4").await;
    assert_eq!(found(&last), vec![ids[0]]);
    assert_eq!(last.body["items"][0]["items"].as_array().unwrap().len(), 2);
    assert_eq!(app.get("/api/orders?limit=0").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/orders?from=yesterday").await.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn patch_edits_and_replaces_lines_while_the_order_is_open() {
    let app = TestApp::spawn().await;
    let c = catalog(&app).await;
    let other = app.customer("Alan Turing").await;
    let id = app
        .create(
            "orders",
            json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": 1}, {"product_id": c.product, "quantity": 1}]}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/orders/{id}");

    let patched = app.patch(&path, json!({"notes": "gate code 1234", "delivery_address": "Harvard"})).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(patched.body["version"], 2);
    assert_eq!(patched.body["notes"], "gate code 1234");
    assert_eq!(patched.body["delivery_address"], "Harvard");
    assert_eq!(patched.body["total_cents"], 2_999);
    assert_eq!(patched.body["items"].as_array().unwrap().len(), 2);

    let replaced = app
        .patch(
            &path,
            json!({"items": [{"product_id": c.product, "quantity": 4, "unit_price_cents": 300}], "customer_id": other}),
        )
        .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    assert_eq!(replaced.body["version"], 3);
    assert_eq!(replaced.body["customer_id"], other);
    assert_eq!(replaced.body["total_cents"], 1_200);
    let items = replaced.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["description"], "Sponge");
    assert_eq!(items[0]["line_total_cents"], 1_200);
    let stored: i64 =
        order_items::table.filter(order_items::order_id.eq(id)).count().get_result(&mut db(&app)).unwrap();
    assert_eq!(stored, 1, "the old lines are gone");

    let cleared = app.patch(&path, json!({"notes": null})).await;
    assert_eq!(cleared.body["notes"], Value::Null);
    assert_eq!(cleared.body["delivery_address"], "Harvard");
    assert_eq!(cleared.body["version"], 4);

    // If-Match: a stale version is refused and changes nothing; the current one goes through.
    let (status, _, body) = with_if_match(app.client.patch(app.url(&path)), "3", Some(json!({"notes": "stale"}))).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(body["error"]["code"], "precondition_failed");
    assert_eq!(body["error"]["details"]["current_version"], 4);
    assert_eq!(app.get(&path).await.body["notes"], Value::Null);
    let (status, headers, body) =
        with_if_match(app.client.patch(app.url(&path)), "4", Some(json!({"notes": "fresh"}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers.get("etag").unwrap(), "\"5\"");

    // Confirmed orders may still change their lines.
    assert_eq!(set_status(&app, id, "confirmed").await.body["version"], 6);
    let confirmed = app.patch(&path, json!({"items": [{"service_id": c.service, "quantity": 3}]})).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(confirmed.body["total_cents"], 7_500);
    assert_eq!(confirmed.body["version"], 7);

    // Once work starts the lines, the customer and the address are locked; notes are not.
    assert_eq!(set_status(&app, id, "in_progress").await.status, StatusCode::OK);
    for body in [
        json!({"items": [{"service_id": c.service, "quantity": 1}]}),
        json!({"customer_id": c.customer}),
        json!({"delivery_address": "elsewhere"}),
    ] {
        let reply = app.patch(&path, body).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
        assert_eq!(reply.code(), "order_locked");
    }
    let noted = app.patch(&path, json!({"notes": "started at 9"})).await;
    assert_eq!(noted.status, StatusCode::OK);
    assert_eq!(noted.body["version"], 9);
    assert_eq!(noted.body["total_cents"], 7_500);

    let cancelled = order_in(&app, &c, "cancelled").await;
    let reply = app
        .patch(&format!("/api/orders/{cancelled}"), json!({"items": [{"service_id": c.service, "quantity": 1}]}))
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.code(), "order_locked");

    assert_eq!(app.patch("/api/orders/999999", json!({"notes": "x"})).await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn only_pending_or_cancelled_orders_not_in_use_may_be_deleted() {
    let app = TestApp::spawn().await;
    let c = catalog(&app).await;

    let pending = simple_order(&app, &c).await;
    let (status, _, body) =
        with_if_match(app.client.delete(app.url(&format!("/api/orders/{pending}"))), "2", None).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{body}");
    assert_eq!(app.delete(&format!("/api/orders/{pending}")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/orders/{pending}")).await.status, StatusCode::NOT_FOUND);
    let lines: i64 =
        order_items::table.filter(order_items::order_id.eq(pending)).count().get_result(&mut db(&app)).unwrap();
    assert_eq!(lines, 0, "the lines go with the order");

    let cancelled = order_in(&app, &c, "cancelled").await;
    assert_eq!(app.delete(&format!("/api/orders/{cancelled}")).await.status, StatusCode::NO_CONTENT);

    for status in ["confirmed", "in_progress", "ready", "out_for_delivery", "delivered"] {
        let id = order_in(&app, &c, status).await;
        let reply = app.delete(&format!("/api/orders/{id}")).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "deleting a {status} order: {}", reply.body);
        assert_eq!(reply.code(), "order_locked");
        assert_eq!(app.get(&format!("/api/orders/{id}")).await.status, StatusCode::OK);
    }

    // Orders a delivery or a transit batch refers to stay.
    let delivered = simple_order(&app, &c).await;
    let batched = simple_order(&app, &c).await;
    app.create("deliveries", json!({"order_id": delivered, "address": "1 Navy Yard"})).await;
    app.create(
        "transit-batches",
        json!({"code": "TB-1", "origin": "Depot", "destination": "Hub", "order_ids": [batched]}),
    )
    .await;
    for id in [delivered, batched] {
        let reply = app.delete(&format!("/api/orders/{id}")).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
        assert_eq!(reply.code(), "in_use");
        assert_eq!(app.get(&format!("/api/orders/{id}")).await.status, StatusCode::OK);
    }

    assert_eq!(app.delete("/api/orders/999999").await.status, StatusCode::NOT_FOUND);
    // A customer with orders stays too.
    let reply = app.delete(&format!("/api/customers/{}", c.customer)).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
}

#[actix_web::test]
async fn the_status_follows_the_state_machine() {
    let app = TestApp::spawn().await;
    let c = catalog(&app).await;

    // The happy path, one step at a time.
    let id = simple_order(&app, &c).await;
    let mut version = 1;
    for next in ["confirmed", "in_progress", "ready", "out_for_delivery", "delivered"] {
        let reply = set_status(&app, id, next).await;
        assert_eq!(reply.status, StatusCode::OK, "to {next}: {}", reply.body);
        version += 1;
        assert_eq!(reply.body["status"], next);
        assert_eq!(reply.body["version"], version);
        assert_eq!(reply.header("etag"), Some(format!("\"{version}\"")));
        assert_eq!(reply.body["items"].as_array().unwrap().len(), 1, "the answer is the whole order");
        assert_eq!(app.get(&format!("/api/orders/{id}")).await.body["status"], next);
    }

    // Every open state may be cancelled.
    for from in ["pending", "confirmed", "in_progress", "ready", "out_for_delivery"] {
        let id = order_in(&app, &c, from).await;
        let reply = set_status(&app, id, "cancelled").await;
        assert_eq!(reply.status, StatusCode::OK, "cancelling a {from} order: {}", reply.body);
        assert_eq!(reply.body["status"], "cancelled");
    }

    // Illegal moves: 409 naming both states, and nothing changes.
    let pending = order_in(&app, &c, "pending").await;
    let confirmed = order_in(&app, &c, "confirmed").await;
    let ready = order_in(&app, &c, "ready").await;
    let cancelled = order_in(&app, &c, "cancelled").await;
    let illegal = [
        (pending, "pending", "in_progress"),
        (pending, "pending", "delivered"),
        (pending, "pending", "pending"),
        (confirmed, "confirmed", "pending"),
        (confirmed, "confirmed", "ready"),
        (ready, "ready", "delivered"),
        (ready, "ready", "in_progress"),
        (id, "delivered", "cancelled"),
        (id, "delivered", "out_for_delivery"),
        (cancelled, "cancelled", "pending"),
        (cancelled, "cancelled", "confirmed"),
    ];
    for (order, from, to) in illegal {
        let before = app.get(&format!("/api/orders/{order}")).await.body;
        let reply = set_status(&app, order, to).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{from} → {to}: {}", reply.body);
        assert_eq!(reply.code(), "illegal_transition");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(from) && message.contains(to), "the message names {from} and {to}: {message}");
        assert_eq!(app.get(&format!("/api/orders/{order}")).await.body, before);
    }

    // Unknown statuses and malformed bodies are 422s.
    let reply = set_status(&app, pending, "shipped").await;
    assert_invalid(&reply, "status");
    assert_invalid(&app.post(&format!("/api/orders/{pending}/status"), json!({})).await, "status");
    assert_invalid(&app.post(&format!("/api/orders/{pending}/status"), json!({"status": 3})).await, "status");
    assert_invalid(
        &app.post(&format!("/api/orders/{pending}/status"), json!({"status": "confirmed", "x": 1})).await,
        "x",
    );
    assert_eq!(set_status(&app, 999_999, "confirmed").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/orders/{pending}/status")).await.status, StatusCode::METHOD_NOT_ALLOWED);

    // If-Match: a stale version is a 412 and the status stays; the current one goes through.
    let path = format!("/api/orders/{pending}/status");
    let (status, _, body) =
        with_if_match(app.client.post(app.url(&path)), "7", Some(json!({"status": "confirmed"}))).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{body}");
    assert_eq!(body["error"]["details"]["current_version"], 1);
    assert_eq!(app.get(&format!("/api/orders/{pending}")).await.body["status"], "pending");
    let (status, headers, body) =
        with_if_match(app.client.post(app.url(&path)), "1", Some(json!({"status": "confirmed"}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "confirmed");
    assert_eq!(headers.get("etag").unwrap(), "\"2\"");
}

#[actix_web::test]
async fn a_status_change_is_pushed_to_order_subscribers_and_a_refused_one_is_not() {
    let app = TestApp::spawn().await;
    let c = catalog(&app).await;
    let id = simple_order(&app, &c).await;
    let mut ws = app.ws("?topics=orders").await;
    ws.next_of("subscribed").await;

    let reply = set_status(&app, id, "confirmed").await;
    assert_eq!(reply.status, StatusCode::OK);
    let frame = ws.next().await;
    assert_eq!(frame["type"], "order_status_changed");
    assert_eq!(frame["entity"], "orders");
    assert_eq!(frame["id"], id);
    assert!(frame["seq"].as_i64().unwrap() >= 1);
    assert_eq!(frame["data"]["status"], "confirmed");
    assert_eq!(frame["data"]["version"], 2);
    assert_eq!(frame["data"], reply.body, "the event carries the order as GET returns it");
    assert_eq!(frame["invalidate"], json!([["orders"], ["order", id], ["live-tracking-orders"]]));

    // One event per change, and none for a refused change.
    let refused = set_status(&app, id, "delivered").await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let unknown = set_status(&app, id, "lost").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    ws.assert_quiet(Duration::from_millis(1_500)).await;

    // The next legal change arrives, right after.
    assert_eq!(set_status(&app, id, "in_progress").await.status, StatusCode::OK);
    let frame = ws.next().await;
    assert_eq!(frame["type"], "order_status_changed");
    assert_eq!(frame["data"]["status"], "in_progress");
    ws.close().await;
}

#[actix_web::test]
async fn an_inactive_service_cannot_go_on_a_new_line_but_stays_on_the_lines_that_have_it() {
    let app = TestApp::spawn().await;
    let c = catalog(&app).await;
    let order = simple_order(&app, &c).await;
    let retired = app.patch(&format!("/api/services/{}", c.service), json!({"active": false})).await;
    assert_eq!(retired.status, StatusCode::OK, "{}", retired.body);

    // A new order with it: 422 naming the line and the service.
    let refused = app
        .post("/api/orders", json!({"customer_id": c.customer, "items": [{"service_id": c.service, "quantity": 1}]}))
        .await;
    assert_invalid(&refused, "items[0].service_id");
    let problem = refused.body["error"]["details"]["items[0].service_id"].as_str().unwrap();
    assert_eq!(problem, "Deep clean is inactive: choose another service");

    // The order that already has it keeps it when its lines are saved again…
    let kept = app
        .patch(
            &format!("/api/orders/{order}"),
            json!({"items": [{"service_id": c.service, "quantity": 2}, {"product_id": c.product, "quantity": 1}]}),
        )
        .await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    // …but another order may not take it on.
    let other = app
        .post("/api/orders", json!({"customer_id": c.customer, "items": [{"product_id": c.product, "quantity": 1}]}))
        .await;
    assert_eq!(other.status, StatusCode::CREATED);
    let added = app
        .patch(
            &format!("/api/orders/{}", other.body["id"]),
            json!({"items": [{"product_id": c.product, "quantity": 1}, {"service_id": c.service, "quantity": 1}]}),
        )
        .await;
    assert_invalid(&added, "items[1].service_id");
}

/// The steps of `machine` as (from, to, by, when) rows.
fn steps(machine: &Value) -> Vec<(String, String, String, Option<String>)> {
    let text = |value: &Value| value.as_str().unwrap().to_owned();
    machine["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| {
            (text(&step["from"]), text(&step["to"]), text(&step["by"]), step["when"].as_str().map(str::to_owned))
        })
        .collect()
}

#[actix_web::test]
async fn the_catalogue_serves_the_order_machine_with_what_takes_each_step_and_what_each_status_allows() {
    let app = TestApp::spawn().await;
    let catalog = app.get("/api/catalog").await.body;
    let orders = catalog["collections"].as_array().unwrap().iter().find(|c| c["name"] == "orders").unwrap();
    let machine = &orders["status_machine"];
    assert_eq!(
        machine["statuses"],
        json!(["pending", "confirmed", "in_progress", "ready", "out_for_delivery", "delivered", "cancelled"])
    );
    let by = |from: &str, to: &str, by: &str, when: Option<&str>| {
        (from.to_owned(), to.to_owned(), by.to_owned(), when.map(str::to_owned))
    };
    let delivery = Some("delivery_status_updated");
    assert_eq!(
        steps(machine),
        [
            by("pending", "confirmed", "status", None),
            by("pending", "cancelled", "status", None),
            by("confirmed", "in_progress", "status", None),
            by("confirmed", "cancelled", "status", None),
            by("in_progress", "ready", "status", None),
            by("in_progress", "cancelled", "status", None),
            by("ready", "out_for_delivery", "status", None),
            by("ready", "cancelled", "status", None),
            by("out_for_delivery", "delivered", "status", None),
            by("out_for_delivery", "cancelled", "status", None),
            by("pending", "out_for_delivery", "rule", delivery),
            by("confirmed", "out_for_delivery", "rule", delivery),
            by("in_progress", "out_for_delivery", "rule", delivery),
            by("ready", "out_for_delivery", "rule", delivery),
            by("pending", "delivered", "rule", delivery),
            by("confirmed", "delivered", "rule", delivery),
            by("in_progress", "delivered", "rule", delivery),
            by("ready", "delivered", "rule", delivery),
            by("out_for_delivery", "delivered", "rule", delivery),
            by("out_for_delivery", "ready", "rule", delivery),
            by("confirmed", "in_progress", "rule", Some("transit_batch_initiated")),
            by("in_progress", "ready", "rule", Some("transit_batch_completed")),
        ]
    );
    assert_eq!(
        orders["state_rules"],
        json!({
            "editable": ["pending", "confirmed"],
            "deletable": ["pending", "cancelled"],
            "closed": ["delivered", "cancelled"],
            "cancel_refused_while_delivery": ["picked_up", "in_transit"],
        })
    );

    // The other machines name their actions, and the rules that move them, the same way.
    let entry = |name: &str| catalog["collections"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap();
    let deliveries = entry("deliveries");
    let cancel = Some("order_status_changed");
    assert_eq!(
        steps(&deliveries["status_machine"]),
        [
            by("pending", "assigned", "assign", None),
            by("assigned", "assigned", "assign", None),
            by("pending", "cancelled", "status", None),
            by("assigned", "picked_up", "status", None),
            by("assigned", "cancelled", "status", None),
            by("picked_up", "in_transit", "status", None),
            by("picked_up", "failed", "status", None),
            by("in_transit", "delivered", "status", None),
            by("in_transit", "failed", "status", None),
            by("pending", "cancelled", "rule", cancel),
            by("assigned", "cancelled", "rule", cancel),
        ]
    );
    assert_eq!(
        deliveries["state_rules"],
        json!({
            "kept": ["delivered", "failed"],
            "ended": ["failed", "cancelled"],
            "busy": ["assigned", "picked_up", "in_transit"],
        })
    );
    let batches = entry("transit-batches");
    assert_eq!(
        steps(&batches["status_machine"]),
        [by("planned", "in_transit", "initiate", None), by("in_transit", "completed", "complete", None)]
    );
    assert_eq!(batches["state_rules"], json!({"orders_editable": ["planned"], "deletable": ["planned"]}));
    let drivers = entry("drivers");
    assert_eq!(drivers["status_machine"]["set_by"], "status");
    assert_eq!(
        steps(&drivers["status_machine"]),
        [
            by("available", "on_delivery", "rule", Some("delivery_driver_assigned")),
            by("on_delivery", "available", "rule", Some("delivery_status_updated")),
            by("on_delivery", "available", "rule", Some("delivery_deleted")),
            by("on_delivery", "available", "rule", Some("delivery_driver_assigned")),
        ]
    );
    assert_eq!(entry("invoices")["statuses"], json!(["draft", "open", "paid", "void"]));
    assert!(entry("invoices").get("status_machine").is_none());
}
