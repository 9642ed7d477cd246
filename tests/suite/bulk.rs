//! Bulk actions: one record's write on many records in one transaction, all or none. A bulk
//! that succeeds sends one event per record in one contiguous run of seqs; one that is refused
//! changes nothing and sends nothing, and its 409 names every record that stood in the way.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::http::StatusCode;
use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::common::{TestApp, WsClient};

/// `count` new pending orders of `customer`; their ids, oldest first.
async fn pending_orders(app: &TestApp, customer: i64, count: usize) -> Vec<i64> {
    let mut ids = Vec::with_capacity(count);
    // A few at a time: the fixture is not what is measured, but 200 one by one is slow.
    for chunk in (0..count).collect::<Vec<_>>().chunks(20) {
        let made = join_all(chunk.iter().map(|n| app.order(customer, "pending", None, 100 + *n as i64))).await;
        ids.extend(made);
    }
    ids
}

/// Each of `ids` as the list answers it now: id → (status, version).
async fn statuses(app: &TestApp, collection: &str, ids: &[i64]) -> BTreeMap<i64, (String, i64)> {
    let listed: Vec<String> = ids.iter().map(i64::to_string).collect();
    let reply = app.get(&format!("/api/{collection}?limit=500&ids={}", listed.join(","))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let id = item["id"].as_i64().unwrap();
            (id, (item["status"].as_str().unwrap().to_owned(), item["version"].as_i64().unwrap()))
        })
        .collect()
}

/// A session subscribed to `topic` before anything below happens.
async fn subscribed(app: &TestApp, topic: &str) -> WsClient {
    let mut ws = app.connected("").await;
    ws.subscribe(&[topic]).await;
    ws
}

/// Proves `ws` received nothing since: one more order status change is the very next frame, and
/// its seq follows `head` directly (so no event was logged in between either).
async fn assert_next_is_a_marker(app: &TestApp, ws: &mut WsClient, order: i64, head: i64) {
    let moved = app.post(&format!("/api/orders/{order}/status"), json!({"status": "confirmed"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let frame = ws.next().await;
    assert_eq!(frame["type"], "order_status_changed", "the marker comes first: {frame}");
    assert_eq!(frame["id"], order, "the marker comes first: {frame}");
    assert_eq!(frame["seq"], head + 1, "nothing was logged before the marker: {frame}");
}

/// `POST path` with `body` as the holder of `token`: status and JSON body.
async fn post_as(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let mut response =
        app.client_as(Some(token)).post(app.url(path)).send_json(&body).await.expect("the server answers");
    let answer = response.json::<Value>().limit(16 * 1024 * 1024).await.unwrap_or(Value::Null);
    (response.status(), answer)
}

#[actix_web::test]
async fn confirming_200_orders_at_once_sends_200_events_in_one_contiguous_run() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Bulk Buyer").await;
    let ids = pending_orders(&app, customer, 200).await;
    let marker = pending_orders(&app, customer, 1).await[0];
    let mut ws = subscribed(&app, "orders").await;
    let head = app.log_head().await;

    let reply = app.post("/api/orders/bulk/status", json!({"ids": ids, "status": "confirmed"})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let items = reply.body["items"].as_array().expect("the records changed");
    let answered: Vec<i64> = items.iter().map(|item| item["id"].as_i64().unwrap()).collect();
    assert_eq!(answered, ids, "every record, in the order of ids");
    for item in items {
        assert_eq!(item["status"], "confirmed", "{item}");
        let id = item["id"].as_i64().unwrap();
        assert_eq!(&app.get(&format!("/api/orders/{id}")).await.body, item, "each as GET answers it");
    }

    // Confirming sets off no rule: exactly one event per order, nothing else.
    let mut seqs = Vec::new();
    let mut seen = BTreeSet::new();
    for _ in 0..ids.len() {
        let frame = ws.next().await;
        assert_eq!(frame["type"], "order_status_changed", "{frame}");
        assert_eq!(frame["data"]["status"], "confirmed", "{frame}");
        assert!(seen.insert(frame["id"].as_i64().unwrap()), "each order once: {frame}");
        seqs.push(frame["seq"].as_i64().unwrap());
    }
    assert_eq!(seen, ids.iter().copied().collect::<BTreeSet<_>>(), "an event for every order");
    let run: Vec<i64> = (head + 1..=head + ids.len() as i64).collect();
    assert_eq!(seqs, run, "one contiguous run of seqs, right after the head, in order");
    assert_eq!(app.log_head().await, head + ids.len() as i64);
    assert_next_is_a_marker(&app, &mut ws, marker, head + ids.len() as i64).await;

    let now = statuses(&app, "orders", &ids).await;
    assert!(now.values().all(|(status, version)| status == "confirmed" && *version == 2), "{now:?}");
    ws.close().await;
}

#[actix_web::test]
async fn one_order_that_cannot_be_confirmed_refuses_all_200_and_sends_nothing() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Bulk Buyer").await;
    let mut ids = pending_orders(&app, customer, 200).await;
    // In the middle: the orders before it were changed in the transaction before it refused.
    let stuck = app.order(customer, "in_progress", None, 500).await;
    ids.insert(137, stuck);
    let marker = pending_orders(&app, customer, 1).await[0];
    let before = statuses(&app, "orders", &ids).await;
    let mut ws = subscribed(&app, "orders").await;
    let head = app.log_head().await;

    let reply = app.post("/api/orders/bulk/status", json!({"ids": ids, "status": "confirmed"})).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert_eq!(reply.code(), "bulk_refused", "{}", reply.body);
    let error = &reply.body["error"];
    assert_eq!(error["details"]["ids"], json!([stuck]), "{error}");
    // The reason is the order's own refusal, as the single action gives it.
    let single = app.post(&format!("/api/orders/{stuck}/status"), json!({"status": "confirmed"})).await;
    assert_eq!(single.status, StatusCode::CONFLICT, "{}", single.body);
    assert_eq!(error["details"]["reasons"], json!({ stuck.to_string(): single.body["error"]["message"] }));
    assert_eq!(error["message"], format!("1 of 201 orders cannot become confirmed: {stuck}"));

    assert_eq!(app.log_head().await, head, "no event logged");
    assert_eq!(statuses(&app, "orders", &ids).await, before, "every order as it was, version too");
    assert_next_is_a_marker(&app, &mut ws, marker, head).await;
    ws.close().await;
}

#[actix_web::test]
async fn every_refused_record_is_named_an_unknown_one_as_not_found() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Mixed Bag").await;
    let pending = app.order(customer, "pending", None, 100).await;
    let ready = app.order(customer, "ready", None, 200).await;
    let other = app.order(customer, "pending", None, 300).await;
    let unknown = other + 1_000;
    let before = statuses(&app, "orders", &[pending, ready, other]).await;
    let head = app.log_head().await;

    let body = json!({"ids": [pending, unknown, ready, other], "status": "confirmed"});
    let reply = app.post("/api/orders/bulk/status", body).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert_eq!(reply.code(), "bulk_refused");
    let details = &reply.body["error"]["details"];
    assert_eq!(details["ids"], json!([unknown, ready]), "in the order of ids: {details}");
    assert_eq!(details["reasons"][unknown.to_string()], "not found", "{details}");
    assert!(details["reasons"][ready.to_string()].as_str().unwrap().contains("ready"), "{details}");
    assert_eq!(details["reasons"].as_object().unwrap().len(), 2, "{details}");
    assert_eq!(app.log_head().await, head);
    assert_eq!(statuses(&app, "orders", &[pending, ready, other]).await, before);
}

#[actix_web::test]
async fn a_bulk_body_names_one_to_500_distinct_ids_and_a_known_status() {
    let app = TestApp::spawn().await;
    let order = pending_orders(&app, app.customer("Bulk Buyer").await, 1).await[0];
    let head = app.log_head().await;
    let too_many: Vec<i64> = (1..=501).collect();
    let most: Vec<i64> = (order..order + 500).collect();
    for (body, field) in [
        (json!({"ids": too_many, "status": "confirmed"}), "ids"),
        (json!({"ids": [], "status": "confirmed"}), "ids"),
        (json!({"ids": [order, order], "status": "confirmed"}), "ids"),
        (json!({"ids": [0], "status": "confirmed"}), "ids"),
        (json!({"ids": [-3], "status": "confirmed"}), "ids"),
        (json!({"ids": "1,2", "status": "confirmed"}), "ids"),
        (json!({"ids": [order, "7"], "status": "confirmed"}), "ids[1]"),
        (json!({"ids": [order, 1.5], "status": "confirmed"}), "ids[1]"),
        (json!({"status": "confirmed"}), "ids"),
        (json!({"ids": [order], "status": "lost"}), "status"),
        (json!({"ids": [order]}), "status"),
        (json!({"ids": [order], "status": "confirmed", "note": "x"}), "note"),
    ] {
        let reply = app.post("/api/orders/bulk/status", body.clone()).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", reply.body);
        assert_eq!(reply.code(), "validation_failed", "{body}: {}", reply.body);
        assert!(reply.body["error"]["details"][field].is_string(), "{body} names {field}: {}", reply.body);
    }
    let over = app.post("/api/orders/bulk/status", json!({"ids": too_many, "status": "confirmed"})).await;
    assert!(over.body["error"]["details"]["ids"].as_str().unwrap().contains("at most 500"), "{}", over.body);
    // 500 is allowed: past validation, every unknown one is named.
    let reply = app.post("/api/orders/bulk/status", json!({"ids": most, "status": "confirmed"})).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert_eq!(reply.body["error"]["details"]["ids"].as_array().unwrap().len(), 499, "{}", reply.body);
    assert_eq!(app.log_head().await, head, "nothing written");
}

#[actix_web::test]
async fn bulk_is_never_read_as_a_record_id() {
    let app = TestApp::spawn().await;
    let order = pending_orders(&app, app.customer("Bulk Buyer").await, 1).await[0];
    let unknown = order + 1_000;
    for collection in ["orders", "deliveries", "invoices"] {
        // `/…/bulk` answers as an unknown record's path does.
        for (method, bulk, record) in [
            ("GET", format!("/api/{collection}/bulk"), format!("/api/{collection}/{unknown}")),
            ("PATCH", format!("/api/{collection}/bulk"), format!("/api/{collection}/{unknown}")),
            ("DELETE", format!("/api/{collection}/bulk"), format!("/api/{collection}/{unknown}")),
        ] {
            // An empty change: every field of a change is optional, so the body passes.
            let request = |path: &str| app.client.request(method.parse().unwrap(), app.url(path)).send_json(&json!({}));
            let as_bulk = request(&bulk).await.unwrap().status();
            let as_record = request(&record).await.unwrap().status();
            assert_eq!(as_bulk, StatusCode::NOT_FOUND, "{method} {bulk}");
            assert_eq!(as_bulk, as_record, "{method} {bulk} answers as {record}");
        }
    }
    // The bulk routes themselves are there: a bad body is a 422, not a 404.
    for path in ["/api/orders/bulk/status", "/api/deliveries/bulk/assign", "/api/invoices/bulk/status"] {
        let reply = app.post(path, json!({"ids": []})).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {}", reply.body);
    }
}

#[actix_web::test]
async fn a_dispatcher_assigns_deliveries_in_bulk_and_accountants_and_drivers_may_not() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Fleet Customer").await;
    let mut deliveries = Vec::new();
    for n in 0..3 {
        let order = app.order(customer, "ready", Some(&format!("{n} Bulk Road")), 1000).await;
        deliveries.push(app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap());
    }
    let driver = app.create("drivers", json!({"name": "Bo Bulk"})).await["id"].as_i64().unwrap();
    let available = app.post(&format!("/api/drivers/{driver}/status"), json!({"status": "available"})).await;
    assert_eq!(available.status, StatusCode::OK, "{}", available.body);
    let dispatcher = app.token("dispatcher", None).await;
    let accountant = app.token("accountant", None).await;
    let own_driver = app.token("driver", Some(driver)).await;
    let body = json!({"ids": deliveries, "driver_id": driver});
    let head = app.log_head().await;

    for (who, token) in [("accountant", &accountant), ("driver", &own_driver)] {
        let (status, answer) = post_as(&app, token, "/api/deliveries/bulk/assign", body.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}: {answer}");
    }
    assert_eq!(app.log_head().await, head);
    let unknown_driver = json!({"ids": deliveries, "driver_id": driver + 100});
    let (status, answer) = post_as(&app, &dispatcher, "/api/deliveries/bulk/assign", unknown_driver).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a driver that does not exist: {answer}");
    assert!(answer["error"]["details"]["driver_id"].is_string(), "{answer}");
    assert_eq!(app.log_head().await, head);

    let mut ws = app.connected("").await;
    ws.subscribe(&["deliveries", "drivers"]).await;
    let (status, answer) = post_as(&app, &dispatcher, "/api/deliveries/bulk/assign", body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let items = answer["items"].as_array().unwrap();
    assert_eq!(items.iter().map(|item| item["id"].as_i64().unwrap()).collect::<Vec<_>>(), deliveries);
    assert!(items.iter().all(|item| item["driver_id"] == driver && item["status"] == "assigned"), "{answer}");
    // The first assignment puts the available driver on delivery (its rule's event follows
    // that assignment's); the others find it there already. One commit, one run of seqs.
    let expected = [
        ("delivery_driver_assigned", deliveries[0]),
        ("driver_status_updated", driver),
        ("delivery_driver_assigned", deliveries[1]),
        ("delivery_driver_assigned", deliveries[2]),
    ];
    for (n, (kind, id)) in expected.into_iter().enumerate() {
        let frame = ws.next().await;
        assert_eq!((frame["type"].as_str().unwrap(), frame["id"].as_i64().unwrap()), (kind, id), "{frame}");
        assert_eq!(frame["seq"], head + 1 + n as i64, "{frame}");
    }
    let now = app.get(&format!("/api/drivers/{driver}")).await;
    assert_eq!(now.body["status"], "on_delivery", "{}", now.body);
    ws.close().await;
}

#[actix_web::test]
async fn an_accountant_marks_invoices_paid_in_bulk_and_a_dispatcher_may_not() {
    let app = TestApp::spawn().await;
    let accountant = app.token("accountant", None).await;
    let dispatcher = app.token("dispatcher", None).await;
    let mut invoices = Vec::new();
    for n in 0..5 {
        let body = json!({"kind": "receivable", "counterparty": format!("Client {n}"), "amount_cents": 1_000 + n});
        invoices.push(app.create("invoices", body).await["id"].as_i64().unwrap());
    }
    let body = json!({"ids": invoices, "status": "paid"});
    let head = app.log_head().await;
    let (status, answer) = post_as(&app, &dispatcher, "/api/invoices/bulk/status", body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    let (status, answer) =
        post_as(&app, &accountant, "/api/invoices/bulk/status", json!({"ids": invoices, "status": "settled"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(answer["error"]["details"]["status"].is_string(), "{answer}");
    assert_eq!(app.log_head().await, head);

    let mut ws = subscribed(&app, "invoices").await;
    let (status, answer) = post_as(&app, &accountant, "/api/invoices/bulk/status", body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let items = answer["items"].as_array().unwrap();
    assert_eq!(items.iter().map(|item| item["id"].as_i64().unwrap()).collect::<Vec<_>>(), invoices);
    let mut seqs = Vec::new();
    for id in &invoices {
        let frame = ws.next().await;
        assert_eq!(frame["type"], "invoice_updated", "{frame}");
        assert_eq!(frame["id"], *id, "in the order of ids: {frame}");
        assert_eq!(frame["data"]["status"], "paid", "{frame}");
        seqs.push(frame["seq"].as_i64().unwrap());
    }
    assert_eq!(seqs, (head + 1..=head + invoices.len() as i64).collect::<Vec<_>>());
    let now = statuses(&app, "invoices", &invoices).await;
    assert!(now.values().all(|(status, version)| status == "paid" && *version == 2), "{now:?}");
    ws.close().await;
}

#[actix_web::test]
async fn a_rule_refusing_one_order_after_the_others_changed_leaves_every_record_as_it_was() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Rule Case").await;
    let calm = app.order(customer, "confirmed", None, 100).await;
    let moving = app.order(customer, "ready", Some("1 Rule Road"), 200).await;
    let delivery = app.create("deliveries", json!({"order_id": moving})).await["id"].as_i64().unwrap();
    let driver = app.create("drivers", json!({"name": "Ria Rule"})).await["id"].as_i64().unwrap();
    for (path, body) in [
        (format!("/api/drivers/{driver}/status"), json!({"status": "available"})),
        (format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})),
        (format!("/api/deliveries/{delivery}/status"), json!({"status": "picked_up"})),
    ] {
        let reply = app.post(&path, body).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    }
    let orders = [calm, moving];
    let before = statuses(&app, "orders", &orders).await;
    let delivery_before = app.get(&format!("/api/deliveries/{delivery}")).await.body;
    let driver_before = app.get(&format!("/api/drivers/{driver}")).await.body;
    let head = app.log_head().await;

    // The calm order is cancelled first in the transaction; the moving one's cancel is refused by
    // the rule that its delivery is on the road.
    let reply = app.post("/api/orders/bulk/status", json!({"ids": orders, "status": "cancelled"})).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert_eq!(reply.code(), "bulk_refused");
    let single = app.post(&format!("/api/orders/{moving}/status"), json!({"status": "cancelled"})).await;
    assert_eq!(single.code(), "delivery_under_way", "{}", single.body);
    let details = &reply.body["error"]["details"];
    assert_eq!(details["ids"], json!([moving]), "{details}");
    assert_eq!(details["reasons"][moving.to_string()], single.body["error"]["message"], "{details}");

    assert_eq!(app.log_head().await, head, "no event logged");
    assert_eq!(statuses(&app, "orders", &orders).await, before);
    assert_eq!(app.get(&format!("/api/deliveries/{delivery}")).await.body, delivery_before);
    assert_eq!(app.get(&format!("/api/drivers/{driver}")).await.body, driver_before);
}
