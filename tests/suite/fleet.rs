//! The fleet over REST and WebSocket: drivers, deliveries and transit batches (CRUD, filters,
//! pagination, validation), their actions and state machines, the live-tracking views, and the
//! events the actions send.

use std::time::Duration;

use crate::common::{TestApp, WsClient};
use actix_web::http::{Method, StatusCode};
use serde_json::{json, Value};

const QUIET: Duration = Duration::from_millis(400);

/// A customer, created over HTTP; its id.
/// A request with an optional JSON body and an optional `If-Match`.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Value>,
    if_match: Option<&str>,
) -> (StatusCode, Value) {
    let mut request = app.client.request(method, app.url(path));
    if let Some(tag) = if_match {
        request = request.insert_header(("If-Match", tag));
    }
    let mut response = match body {
        Some(body) => request.send_json(&body).await,
        None => request.send().await,
    }
    .expect("the request reaches the server");
    let bytes = response.body().await.expect("the body arrives");
    let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).expect("a JSON body") };
    (response.status(), body)
}

async fn driver(app: &TestApp, name: &str, vehicle: &str) -> Value {
    app.create("drivers", json!({"name": name, "phone": "+1 555 0100", "vehicle": vehicle})).await
}

/// A delivery for a fresh order of a fresh customer.
async fn delivery(app: &TestApp, n: usize) -> Value {
    let customer = app.customer(&format!("Customer {n}")).await;
    let order = app.order(customer, "ready", Some(&format!("{n} Main St")), 1000).await;
    app.create("deliveries", json!({"order_id": order})).await
}

fn id(record: &Value) -> i64 {
    record["id"].as_i64().expect("a record with an id")
}

fn ids(list: &Value) -> Vec<i64> {
    list["items"].as_array().expect("a list").iter().map(id).collect()
}

async fn action(app: &TestApp, path: &str, body: Value) -> (StatusCode, Value) {
    send(app, Method::POST, path, Some(body), None).await
}

/// Asserts an error answer's status and code.
fn assert_error(reply: &(StatusCode, Value), status: StatusCode, code: &str) {
    assert_eq!(reply.0, status, "{}", reply.1);
    assert_eq!(reply.1["error"]["code"], code, "{}", reply.1);
}

/// Asserts a 422 that names `field`.
fn assert_invalid(reply: &(StatusCode, Value), field: &str) {
    assert_error(reply, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert!(reply.1["error"]["details"][field].is_string(), "names {field}: {}", reply.1);
}

async fn subscribed(app: &TestApp, topic: &str) -> WsClient {
    let mut ws = app.ws(&format!("?topics={topic}")).await;
    ws.next_of("subscribed").await;
    ws
}

// ---------------------------------------------------------------------------------------------
// Drivers

#[actix_web::test]
async fn drivers_crud_with_defaults_validation_and_in_use() {
    let app = TestApp::spawn().await;
    let reply = app.post("/api/drivers", json!({"name": "Dana Driver", "vehicle": "Van 7"})).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let driver_id = id(&reply.body);
    assert_eq!(reply.header("location").as_deref(), Some(format!("/api/drivers/{driver_id}").as_str()));
    assert_eq!(reply.header("etag").as_deref(), Some("\"1\""));
    let created = reply.body;
    assert_eq!(created["version"], 1);
    assert_eq!(created["status"], "offline");
    assert_eq!(created["phone"], Value::Null);
    assert_eq!(created["lat"], Value::Null);
    assert_eq!(created["lng"], Value::Null);
    assert_eq!(created["location_updated_at"], Value::Null);
    assert!(created["created_at"].as_str().unwrap().ends_with('Z'), "{created}");

    let got = app.get(&format!("/api/drivers/{driver_id}")).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body, created);
    assert!(got.seq() >= 1);

    let patched =
        app.patch(&format!("/api/drivers/{driver_id}"), json!({"phone": "+1 555 0199", "vehicle": null})).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["version"], 2);
    assert_eq!(patched.body["phone"], "+1 555 0199");
    assert_eq!(patched.body["vehicle"], Value::Null);
    assert_eq!(patched.header("etag").as_deref(), Some("\"2\""));

    // Status and position belong to the actions.
    for body in [json!({"status": "available"}), json!({"lat": 1.0}), json!({"location_updated_at": null})] {
        let reply = send(&app, Method::PATCH, &format!("/api/drivers/{driver_id}"), Some(body), None).await;
        assert_eq!(reply.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.1);
    }
    let reply = action(&app, "/api/drivers", json!({"name": "X", "status": "available"})).await;
    assert_invalid(&reply, "status");
    let reply = action(&app, "/api/drivers", json!({"name": "  "})).await;
    assert_invalid(&reply, "name");
    let reply = action(&app, "/api/drivers", json!({"vehicle": "Bike"})).await;
    assert_invalid(&reply, "name");

    // A stale If-Match on PATCH and DELETE.
    let path = format!("/api/drivers/{driver_id}");
    let reply = send(&app, Method::PATCH, &path, Some(json!({"name": "Stale"})), Some("\"1\"")).await;
    assert_error(&reply, StatusCode::PRECONDITION_FAILED, "precondition_failed");
    assert_eq!(reply.1["error"]["details"]["current_version"], 2);
    let reply = send(&app, Method::DELETE, &path, None, Some("\"1\"")).await;
    assert_error(&reply, StatusCode::PRECONDITION_FAILED, "precondition_failed");

    // In use while a delivery names the driver.
    let delivery = delivery(&app, 1).await;
    let (status, _) =
        action(&app, &format!("/api/deliveries/{}/assign", id(&delivery)), json!({"driver_id": driver_id})).await;
    assert_eq!(status, StatusCode::OK);
    let reply = send(&app, Method::DELETE, &path, None, None).await;
    assert_error(&reply, StatusCode::CONFLICT, "in_use");
    assert_eq!(app.get(&path).await.status, StatusCode::OK);

    let free = driver(&app, "Free Fran", "Car 2").await;
    let free_path = format!("/api/drivers/{}", id(&free));
    assert_eq!(app.delete(&free_path).await.status, StatusCode::NO_CONTENT);
    let gone = app.get(&free_path).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.code(), "not_found");
    assert_eq!(app.delete(&free_path).await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn drivers_filter_by_status_and_search_and_paginate() {
    let app = TestApp::spawn().await;
    let ana = driver(&app, "Ana Alvarez", "Blue Van").await;
    let ben = driver(&app, "Ben Brown", "Red Bike").await;
    let cai = driver(&app, "Cai Chen", "Blue Truck").await;
    let (status, _) = action(&app, &format!("/api/drivers/{}/status", id(&ben)), json!({"status": "available"})).await;
    assert_eq!(status, StatusCode::OK);

    let all = app.get("/api/drivers").await;
    assert_eq!(all.body["total"], 3);
    assert_eq!(ids(&all.body), vec![id(&cai), id(&ben), id(&ana)], "newest first");

    let available = app.get("/api/drivers?status=available").await;
    assert_eq!(available.body["total"], 1);
    assert_eq!(ids(&available.body), vec![id(&ben)]);
    let offline = app.get("/api/drivers?status=offline").await;
    assert_eq!(ids(&offline.body), vec![id(&cai), id(&ana)]);

    assert_eq!(ids(&app.get("/api/drivers?q=blue").await.body), vec![id(&cai), id(&ana)], "by vehicle");
    assert_eq!(ids(&app.get("/api/drivers?q=BROWN").await.body), vec![id(&ben)], "by name");
    assert_eq!(app.get("/api/drivers?q=0100").await.body["total"], 3, "by phone");
    assert_eq!(ids(&app.get("/api/drivers?q=blue&status=offline").await.body), vec![id(&cai), id(&ana)]);
    assert_eq!(app.get("/api/drivers?q=nobody").await.body["total"], 0);

    let first = app.get("/api/drivers?limit=2").await;
    assert_eq!(first.body["total"], 3);
    assert_eq!(first.body["limit"], 2);
    assert_eq!(ids(&first.body), vec![id(&cai), id(&ben)]);
    let second = app.get("/api/drivers?limit=2&offset=2").await;
    assert_eq!(second.body["offset"], 2);
    assert_eq!(ids(&second.body), vec![id(&ana)]);
    assert_eq!(app.get("/api/drivers?limit=0").await.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn driver_location_and_status_actions_validate_and_honour_if_match() {
    let app = TestApp::spawn().await;
    let created = driver(&app, "Lou Locke", "Van 1").await;
    let driver_id = id(&created);
    let location = format!("/api/drivers/{driver_id}/location");
    let status = format!("/api/drivers/{driver_id}/status");

    let reply = app.post(&location, json!({"lat": 51.5072, "lng": -0.1276})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(reply.body["lat"], 51.5072);
    assert_eq!(reply.body["lng"], -0.1276);
    assert_eq!(reply.body["version"], 2);
    assert_eq!(reply.body["status"], "offline", "a position does not change the status");
    assert!(reply.body["location_updated_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(app.get(&format!("/api/drivers/{driver_id}")).await.body, reply.body);

    // The edges of the globe are fine, whole numbers too.
    for (lat, lng) in [(90, 180), (-90, -180), (0, 0)] {
        let (code, body) = action(&app, &location, json!({"lat": lat, "lng": lng})).await;
        assert_eq!(code, StatusCode::OK, "{body}");
    }
    assert_invalid(&action(&app, &location, json!({"lat": 91, "lng": 0})).await, "lat");
    assert_invalid(&action(&app, &location, json!({"lat": -90.0001, "lng": 0})).await, "lat");
    assert_invalid(&action(&app, &location, json!({"lat": 0, "lng": -181})).await, "lng");
    assert_invalid(&action(&app, &location, json!({"lat": 0, "lng": 180.5})).await, "lng");
    assert_invalid(&action(&app, &location, json!({"lat": "north", "lng": 0})).await, "lat");
    assert_invalid(&action(&app, &location, json!({"lat": 0, "lng": null})).await, "lng");
    assert_invalid(&action(&app, &location, json!({"lat": 0})).await, "lng");
    assert_invalid(&action(&app, &location, json!({"lat": 0, "lng": 0, "alt": 3})).await, "alt");
    let both = action(&app, &location, json!({"lat": 100, "lng": 200})).await;
    assert_invalid(&both, "lat");
    assert_invalid(&both, "lng");
    let version = app.get(&format!("/api/drivers/{driver_id}")).await.body["version"].as_i64().unwrap();
    assert_eq!(version, 5, "rejected actions change nothing");

    for next in ["available", "on_delivery", "on_break", "offline", "available"] {
        let (code, body) = action(&app, &status, json!({"status": next})).await;
        assert_eq!(code, StatusCode::OK, "{body}");
        assert_eq!(body["status"], next);
    }
    assert_invalid(&action(&app, &status, json!({"status": "asleep"})).await, "status");
    assert_invalid(&action(&app, &status, json!({})).await, "status");

    let current = app.get(&format!("/api/drivers/{driver_id}")).await.body;
    assert_eq!(current["version"], 10);
    let stale = send(&app, Method::POST, &status, Some(json!({"status": "on_break"})), Some("\"9\"")).await;
    assert_error(&stale, StatusCode::PRECONDITION_FAILED, "precondition_failed");
    let stale = send(&app, Method::POST, &location, Some(json!({"lat": 1, "lng": 1})), Some("\"3\"")).await;
    assert_error(&stale, StatusCode::PRECONDITION_FAILED, "precondition_failed");
    let fresh = send(&app, Method::POST, &status, Some(json!({"status": "on_break"})), Some("\"10\"")).await;
    assert_eq!(fresh.0, StatusCode::OK, "{}", fresh.1);
    assert_eq!(fresh.1["version"], 11);

    let missing = action(&app, "/api/drivers/999999/status", json!({"status": "available"})).await;
    assert_error(&missing, StatusCode::NOT_FOUND, "not_found");
    let wrong_method = app.get(&status).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
}

// ---------------------------------------------------------------------------------------------
// Deliveries

#[actix_web::test]
async fn deliveries_crud_address_default_and_one_live_delivery_per_order() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Customer 1").await;
    let with_address = app.order(customer, "ready", Some("1 Harbour Rd"), 2500).await;
    let without_address = app.order(customer, "ready", None, 1500).await;

    let reply = app.post("/api/deliveries", json!({"order_id": with_address, "notes": "Ring twice"})).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let delivery_id = id(&reply.body);
    assert_eq!(reply.header("location"), Some(format!("/api/deliveries/{delivery_id}")));
    let created = reply.body;
    assert_eq!(created["order_id"], with_address);
    assert_eq!(created["address"], "1 Harbour Rd", "defaults to the order's address");
    assert_eq!(created["status"], "pending");
    assert_eq!(created["driver_id"], Value::Null);
    assert_eq!(created["notes"], "Ring twice");
    assert_eq!(created["version"], 1);
    assert_eq!(app.get(&format!("/api/deliveries/{delivery_id}")).await.body, created);

    // One live delivery per order.
    let again = action(&app, "/api/deliveries", json!({"order_id": with_address, "address": "Elsewhere"})).await;
    assert_error(&again, StatusCode::CONFLICT, "duplicate");

    assert_invalid(&action(&app, "/api/deliveries", json!({"order_id": without_address})).await, "address");
    assert_invalid(
        &action(&app, "/api/deliveries", json!({"order_id": 999999, "address": "Nowhere"})).await,
        "order_id",
    );
    assert_invalid(
        &action(&app, "/api/deliveries", json!({"order_id": without_address, "address": " "})).await,
        "address",
    );
    assert_invalid(&action(&app, "/api/deliveries", json!({"address": "No order"})).await, "order_id");
    assert_invalid(
        &action(&app, "/api/deliveries", json!({"order_id": without_address, "address": "A", "driver_id": 1})).await,
        "driver_id",
    );
    assert_invalid(
        &action(&app, "/api/deliveries", json!({"order_id": without_address, "address": "A", "status": "assigned"}))
            .await,
        "status",
    );
    let given = app.create("deliveries", json!({"order_id": without_address, "address": "2 Quay St"})).await;
    assert_eq!(given["address"], "2 Quay St");

    let path = format!("/api/deliveries/{delivery_id}");
    let patched = app.patch(&path, json!({"address": "1 Harbour Rd, back door", "notes": null})).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["address"], "1 Harbour Rd, back door");
    assert_eq!(patched.body["notes"], Value::Null);
    assert_eq!(patched.body["version"], 2);
    assert_invalid(&send(&app, Method::PATCH, &path, Some(json!({"address": ""})), None).await, "address");
    for field in ["driver_id", "status", "order_id"] {
        let reply = send(&app, Method::PATCH, &path, Some(json!({ field: 1 })), None).await;
        assert_invalid(&reply, field);
    }
    let stale = send(&app, Method::PATCH, &path, Some(json!({"notes": "x"})), Some("\"1\"")).await;
    assert_error(&stale, StatusCode::PRECONDITION_FAILED, "precondition_failed");

    // Once cancelled, the order may have a new delivery.
    let (code, _) = action(&app, &format!("{path}/status"), json!({"status": "cancelled"})).await;
    assert_eq!(code, StatusCode::OK);
    let replacement = app.create("deliveries", json!({"order_id": with_address})).await;
    assert_eq!(replacement["address"], "1 Harbour Rd");

    assert_eq!(app.delete(&path).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn deliveries_filter_by_status_driver_order_and_unassigned_and_paginate() {
    let app = TestApp::spawn().await;
    let d1 = delivery(&app, 1).await;
    let d2 = delivery(&app, 2).await;
    let d3 = delivery(&app, 3).await;
    let dana = driver(&app, "Dana", "Van").await;
    let eli = driver(&app, "Eli", "Bike").await;
    action(&app, &format!("/api/deliveries/{}/assign", id(&d1)), json!({"driver_id": id(&dana)})).await;
    action(&app, &format!("/api/deliveries/{}/assign", id(&d2)), json!({"driver_id": id(&eli)})).await;
    let (code, body) =
        action(&app, &format!("/api/deliveries/{}/status", id(&d2)), json!({"status": "picked_up"})).await;
    assert_eq!(code, StatusCode::OK, "{body}");

    let all = app.get("/api/deliveries").await;
    assert_eq!(all.body["total"], 3);
    assert_eq!(ids(&all.body), vec![id(&d3), id(&d2), id(&d1)]);
    assert_eq!(ids(&app.get("/api/deliveries?status=assigned").await.body), vec![id(&d1)]);
    assert_eq!(ids(&app.get("/api/deliveries?status=picked_up").await.body), vec![id(&d2)]);
    assert_eq!(ids(&app.get("/api/deliveries?status=pending").await.body), vec![id(&d3)]);
    assert_eq!(ids(&app.get(&format!("/api/deliveries?driver_id={}", id(&eli))).await.body), vec![id(&d2)]);
    assert_eq!(ids(&app.get(&format!("/api/deliveries?order_id={}", d1["order_id"])).await.body), vec![id(&d1)]);
    assert_eq!(ids(&app.get("/api/deliveries?unassigned=true").await.body), vec![id(&d3)]);
    assert_eq!(ids(&app.get("/api/deliveries?unassigned=false").await.body), vec![id(&d2), id(&d1)]);
    let both = app.get(&format!("/api/deliveries?driver_id={}&status=assigned", id(&dana))).await;
    assert_eq!(ids(&both.body), vec![id(&d1)]);
    assert_eq!(app.get("/api/deliveries?driver_id=abc").await.status, StatusCode::BAD_REQUEST);

    let page = app.get("/api/deliveries?limit=1&offset=1").await;
    assert_eq!(page.body["total"], 3);
    assert_eq!(ids(&page.body), vec![id(&d2)]);
}

#[actix_web::test]
async fn every_legal_delivery_transition_and_several_illegal_ones() {
    let app = TestApp::spawn().await;
    let dana = id(&driver(&app, "Dana", "Van").await);
    let eli = id(&driver(&app, "Eli", "Bike").await);
    let status = |d: &Value| format!("/api/deliveries/{}/status", id(d));
    let assign = |d: &Value| format!("/api/deliveries/{}/assign", id(d));

    // pending → assigned → (reassigned) → picked_up → in_transit → delivered
    let happy = delivery(&app, 1).await;
    let (code, body) = action(&app, &assign(&happy), json!({"driver_id": dana})).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "assigned");
    assert_eq!(body["driver_id"], dana);
    assert_eq!(body["version"], 2);
    let (code, body) = action(&app, &assign(&happy), json!({"driver_id": eli})).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert_eq!(body["driver_id"], eli, "reassigned");
    assert_eq!(body["status"], "assigned");
    assert_eq!(body["version"], 3);
    for (next, version) in [("picked_up", 4), ("in_transit", 5), ("delivered", 6)] {
        let (code, body) = action(&app, &status(&happy), json!({"status": next})).await;
        assert_eq!(code, StatusCode::OK, "{next}: {body}");
        assert_eq!(body["status"], next);
        assert_eq!(body["version"], version);
    }
    // delivered is final.
    for next in ["pending", "assigned", "picked_up", "in_transit", "failed", "cancelled", "delivered"] {
        assert_error(
            &action(&app, &status(&happy), json!({"status": next})).await,
            StatusCode::CONFLICT,
            "illegal_transition",
        );
    }
    assert_error(
        &action(&app, &assign(&happy), json!({"driver_id": dana})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );

    // pending → cancelled, final.
    let cancelled = delivery(&app, 2).await;
    assert_error(
        &action(&app, &status(&cancelled), json!({"status": "picked_up"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    assert_error(
        &action(&app, &status(&cancelled), json!({"status": "delivered"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    assert_error(
        &action(&app, &status(&cancelled), json!({"status": "assigned"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    let (code, body) = action(&app, &status(&cancelled), json!({"status": "cancelled"})).await;
    assert_eq!((code, body["status"].clone()), (StatusCode::OK, json!("cancelled")));
    assert_error(
        &action(&app, &assign(&cancelled), json!({"driver_id": dana})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    assert_error(
        &action(&app, &status(&cancelled), json!({"status": "pending"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );

    // assigned → cancelled.
    let dropped = delivery(&app, 3).await;
    action(&app, &assign(&dropped), json!({"driver_id": dana})).await;
    assert_error(
        &action(&app, &status(&dropped), json!({"status": "in_transit"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    let (code, body) = action(&app, &status(&dropped), json!({"status": "cancelled"})).await;
    assert_eq!((code, body["status"].clone()), (StatusCode::OK, json!("cancelled")));

    // picked_up → failed, final; picked_up cannot be cancelled or reassigned.
    let lost = delivery(&app, 4).await;
    action(&app, &assign(&lost), json!({"driver_id": dana})).await;
    action(&app, &status(&lost), json!({"status": "picked_up"})).await;
    assert_error(
        &action(&app, &status(&lost), json!({"status": "cancelled"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    assert_error(
        &action(&app, &status(&lost), json!({"status": "delivered"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    assert_error(
        &action(&app, &assign(&lost), json!({"driver_id": eli})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    let (code, body) = action(&app, &status(&lost), json!({"status": "failed"})).await;
    assert_eq!((code, body["status"].clone()), (StatusCode::OK, json!("failed")));
    assert_error(
        &action(&app, &status(&lost), json!({"status": "assigned"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    assert_error(
        &action(&app, &assign(&lost), json!({"driver_id": eli})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );

    // in_transit → failed; in_transit cannot be cancelled.
    let crashed = delivery(&app, 5).await;
    action(&app, &assign(&crashed), json!({"driver_id": dana})).await;
    action(&app, &status(&crashed), json!({"status": "picked_up"})).await;
    action(&app, &status(&crashed), json!({"status": "in_transit"})).await;
    assert_error(
        &action(&app, &status(&crashed), json!({"status": "cancelled"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    assert_error(
        &action(&app, &status(&crashed), json!({"status": "picked_up"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    let (code, body) = action(&app, &status(&crashed), json!({"status": "failed"})).await;
    assert_eq!((code, body["status"].clone()), (StatusCode::OK, json!("failed")));

    // Unknown statuses and drivers are 422s; a pending delivery cannot skip ahead.
    let fresh = delivery(&app, 6).await;
    assert_invalid(&action(&app, &status(&fresh), json!({"status": "lost"})).await, "status");
    assert_invalid(&action(&app, &status(&fresh), json!({"status": 3})).await, "status");
    assert_invalid(&action(&app, &assign(&fresh), json!({"driver_id": 999999})).await, "driver_id");
    assert_invalid(&action(&app, &assign(&fresh), json!({})).await, "driver_id");
    assert_error(
        &action(&app, &status(&fresh), json!({"status": "picked_up"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    assert_error(
        &action(&app, &status(&fresh), json!({"status": "in_transit"})).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );
    let unchanged = app.get(&format!("/api/deliveries/{}", id(&fresh))).await.body;
    assert_eq!(unchanged["version"], 1);
    assert_eq!(unchanged["status"], "pending");

    // If-Match on the actions.
    let stale = send(&app, Method::POST, &assign(&fresh), Some(json!({"driver_id": dana})), Some("\"2\"")).await;
    assert_error(&stale, StatusCode::PRECONDITION_FAILED, "precondition_failed");
    let ok = send(&app, Method::POST, &assign(&fresh), Some(json!({"driver_id": dana})), Some("\"1\"")).await;
    assert_eq!(ok.0, StatusCode::OK, "{}", ok.1);
    let stale = send(&app, Method::POST, &status(&fresh), Some(json!({"status": "picked_up"})), Some("\"1\"")).await;
    assert_error(&stale, StatusCode::PRECONDITION_FAILED, "precondition_failed");
    let missing = action(&app, "/api/deliveries/999999/assign", json!({"driver_id": dana})).await;
    assert_error(&missing, StatusCode::NOT_FOUND, "not_found");
}

// ---------------------------------------------------------------------------------------------
// Transit batches

#[actix_web::test]
async fn transit_batches_crud_with_order_ids_and_generated_codes() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Customer 1").await;
    let o1 = app.order(customer, "ready", None, 100).await;
    let o2 = app.order(customer, "ready", None, 200).await;
    let o3 = app.order(customer, "ready", None, 300).await;

    let reply = app
        .post(
            "/api/transit-batches",
            json!({"code": "TB-NORTH-1", "origin": "Depot A", "destination": "Hub North", "order_ids": [o2, o1, o2]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let batch = reply.body;
    let batch_id = id(&batch);
    let keys: Vec<&str> = batch.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "id",
        "code",
        "origin",
        "destination",
        "status",
        "order_ids",
        "initiated_at",
        "completed_at",
        "created_at",
        "updated_at",
        "version",
    ];
    let mut sorted_keys = keys.clone();
    sorted_keys.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted_keys, expected);
    assert_eq!(batch["code"], "TB-NORTH-1");
    assert_eq!(batch["status"], "planned");
    assert_eq!(batch["order_ids"], json!([o1, o2]), "deduplicated and sorted");
    assert_eq!(batch["initiated_at"], Value::Null);
    assert_eq!(batch["completed_at"], Value::Null);
    assert_eq!(batch["version"], 1);
    let path = format!("/api/transit-batches/{batch_id}");
    assert_eq!(app.get(&path).await.body, batch);

    // Code generated when left out; unique; never blank.
    let generated = app.create("transit-batches", json!({"origin": "Depot A", "destination": "Hub South"})).await;
    assert!(generated["code"].as_str().unwrap().starts_with("TB-"), "{generated}");
    assert_eq!(generated["order_ids"], json!([]));
    let another = app.create("transit-batches", json!({"origin": "Depot B", "destination": "Hub South"})).await;
    assert_ne!(another["code"], generated["code"]);
    let dup =
        action(&app, "/api/transit-batches", json!({"code": "TB-NORTH-1", "origin": "X", "destination": "Y"})).await;
    assert_error(&dup, StatusCode::CONFLICT, "duplicate");
    assert_invalid(
        &action(&app, "/api/transit-batches", json!({"code": " ", "origin": "X", "destination": "Y"})).await,
        "code",
    );
    assert_invalid(&action(&app, "/api/transit-batches", json!({"origin": "", "destination": "Y"})).await, "origin");
    assert_invalid(&action(&app, "/api/transit-batches", json!({"origin": "X"})).await, "destination");
    let bad = action(
        &app,
        "/api/transit-batches",
        json!({"origin": "X", "destination": "Y", "order_ids": [o1, 999998, 999999]}),
    )
    .await;
    assert_invalid(&bad, "order_ids");
    assert!(bad.1["error"]["details"]["order_ids"].as_str().unwrap().contains("999998, 999999"), "{}", bad.1);
    assert_invalid(
        &action(&app, "/api/transit-batches", json!({"origin": "X", "destination": "Y", "status": "completed"})).await,
        "status",
    );

    // PATCH replaces the orders while planned.
    let patched = app.patch(&path, json!({"order_ids": [o3, o1], "destination": "Hub North 2"})).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["order_ids"], json!([o1, o3]));
    assert_eq!(patched.body["destination"], "Hub North 2");
    assert_eq!(patched.body["version"], 2);
    assert_invalid(&send(&app, Method::PATCH, &path, Some(json!({"order_ids": [424242]})), None).await, "order_ids");
    assert_invalid(&send(&app, Method::PATCH, &path, Some(json!({"status": "in_transit"})), None).await, "status");
    let dup = send(&app, Method::PATCH, &path, Some(json!({"code": generated["code"]})), None).await;
    assert_error(&dup, StatusCode::CONFLICT, "duplicate");
    let stale = send(&app, Method::PATCH, &path, Some(json!({"origin": "Z"})), Some("\"1\"")).await;
    assert_error(&stale, StatusCode::PRECONDITION_FAILED, "precondition_failed");
    assert_eq!(app.get(&path).await.body["version"], 2, "rejected changes change nothing");

    // Deleting a planned batch deletes its order links, not its orders.
    let (code, _) = send(&app, Method::DELETE, &path, None, Some("\"2\"")).await;
    assert_eq!(code, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    let reuse = app.create("transit-batches", json!({"origin": "X", "destination": "Y", "order_ids": [o1, o3]})).await;
    assert_eq!(reuse["order_ids"], json!([o1, o3]));
}

#[actix_web::test]
async fn transit_batches_filter_search_and_paginate_with_their_orders() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Customer 1").await;
    let mut orders = Vec::new();
    for n in 0..4 {
        orders.push(app.order(customer, "ready", None, n * 100).await);
    }
    let a = app
        .create(
            "transit-batches",
            json!({"code": "ALPHA", "origin": "Leeds", "destination": "York", "order_ids": [orders[0]]}),
        )
        .await;
    let b = app
        .create(
            "transit-batches",
            json!({"code": "BRAVO", "origin": "York", "destination": "Hull", "order_ids": [orders[1], orders[2]]}),
        )
        .await;
    let c = app.create("transit-batches", json!({"code": "CHARLIE", "origin": "Bath", "destination": "Bristol"})).await;
    let (code, body) = action(&app, &format!("/api/transit-batches/{}/initiate", id(&b)), json!({})).await;
    assert_eq!(code, StatusCode::OK, "{body}");

    let all = app.get("/api/transit-batches").await;
    assert_eq!(all.body["total"], 3);
    assert_eq!(ids(&all.body), vec![id(&c), id(&b), id(&a)]);
    let items = all.body["items"].as_array().unwrap();
    assert_eq!(items[0]["order_ids"], json!([]));
    assert_eq!(items[1]["order_ids"], json!([orders[1], orders[2]]));
    assert_eq!(items[2]["order_ids"], json!([orders[0]]));

    assert_eq!(ids(&app.get("/api/transit-batches?status=in_transit").await.body), vec![id(&b)]);
    assert_eq!(ids(&app.get("/api/transit-batches?status=planned").await.body), vec![id(&c), id(&a)]);
    assert_eq!(ids(&app.get("/api/transit-batches?q=york").await.body), vec![id(&b), id(&a)], "origin or destination");
    assert_eq!(ids(&app.get("/api/transit-batches?q=charl").await.body), vec![id(&c)], "code");
    assert_eq!(ids(&app.get("/api/transit-batches?q=york&status=planned").await.body), vec![id(&a)]);

    let page = app.get("/api/transit-batches?limit=2&offset=1").await;
    assert_eq!(page.body["total"], 3);
    assert_eq!(ids(&page.body), vec![id(&b), id(&a)]);
    assert_eq!(page.body["items"][0]["order_ids"], json!([orders[1], orders[2]]));
}

#[actix_web::test]
async fn transit_batch_lifecycle_and_locking() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Customer 1").await;
    let o1 = app.order(customer, "ready", None, 100).await;
    let o2 = app.order(customer, "ready", None, 200).await;
    let batch = app.create("transit-batches", json!({"origin": "Depot", "destination": "Hub"})).await;
    let path = format!("/api/transit-batches/{}", id(&batch));
    let initiate = format!("{path}/initiate");
    let complete = format!("{path}/complete");

    assert_error(&send(&app, Method::POST, &initiate, None, None).await, StatusCode::CONFLICT, "empty_batch");
    assert_error(&send(&app, Method::POST, &complete, None, None).await, StatusCode::CONFLICT, "illegal_transition");
    let patched = app.patch(&path, json!({"order_ids": [o1, o2]})).await;
    assert_eq!(patched.body["version"], 2);

    assert_error(
        &send(&app, Method::POST, &initiate, None, Some("\"1\"")).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    );
    let (code, started) = send(&app, Method::POST, &initiate, None, Some("\"2\"")).await;
    assert_eq!(code, StatusCode::OK, "{started}");
    assert_eq!(started["status"], "in_transit");
    assert_eq!(started["version"], 3);
    assert!(started["initiated_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(started["completed_at"], Value::Null);
    assert_eq!(started["order_ids"], json!([o1, o2]));

    // Locked once under way: orders, deletion; the labels may still be corrected.
    let locked = send(&app, Method::PATCH, &path, Some(json!({"order_ids": [o1]})), None).await;
    assert_error(&locked, StatusCode::CONFLICT, "batch_locked");
    let same = app.patch(&path, json!({"order_ids": [o2, o1], "origin": "Depot 1"})).await;
    assert_eq!(same.status, StatusCode::OK, "the same orders are no change: {}", same.body);
    assert_eq!(same.body["origin"], "Depot 1");
    assert_eq!(same.body["version"], 4);
    assert_error(&send(&app, Method::DELETE, &path, None, None).await, StatusCode::CONFLICT, "batch_locked");
    assert_error(
        &send(&app, Method::POST, &initiate, Some(json!({})), None).await,
        StatusCode::CONFLICT,
        "illegal_transition",
    );

    let (code, done) = send(&app, Method::POST, &complete, Some(json!({})), None).await;
    assert_eq!(code, StatusCode::OK, "{done}");
    assert_eq!(done["status"], "completed");
    assert_eq!(done["version"], 5);
    assert_eq!(done["initiated_at"], started["initiated_at"]);
    assert!(done["completed_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(app.get(&path).await.body, done);

    assert_error(&send(&app, Method::POST, &complete, None, None).await, StatusCode::CONFLICT, "illegal_transition");
    assert_error(&send(&app, Method::POST, &initiate, None, None).await, StatusCode::CONFLICT, "illegal_transition");
    assert_error(
        &send(&app, Method::PATCH, &path, Some(json!({"order_ids": []})), None).await,
        StatusCode::CONFLICT,
        "batch_locked",
    );
    assert_error(&send(&app, Method::DELETE, &path, None, None).await, StatusCode::CONFLICT, "batch_locked");
    assert_error(
        &send(&app, Method::POST, "/api/transit-batches/999999/initiate", None, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

// ---------------------------------------------------------------------------------------------
// Views

#[actix_web::test]
async fn live_tracking_drivers_shows_who_is_on_duty() {
    let app = TestApp::spawn().await;
    let off = driver(&app, "Off Olga", "Van 0").await;
    let on = driver(&app, "On Omar", "Van 1").await;
    let pause = driver(&app, "Pause Pia", "Bike 2").await;
    action(&app, &format!("/api/drivers/{}/status", id(&on)), json!({"status": "available"})).await;
    action(&app, &format!("/api/drivers/{}/status", id(&pause)), json!({"status": "on_break"})).await;
    let (_, located) =
        action(&app, &format!("/api/drivers/{}/location", id(&on)), json!({"lat": 53.8, "lng": -1.55})).await;

    let view = app.get("/api/live-tracking-drivers").await;
    assert_eq!(view.status, StatusCode::OK);
    assert!(view.seq() >= 1);
    assert_eq!(
        view.body,
        json!({"items": [
            {"id": id(&on), "name": "On Omar", "vehicle": "Van 1", "status": "available", "lat": 53.8, "lng": -1.55, "location_updated_at": located["location_updated_at"]},
            {"id": id(&pause), "name": "Pause Pia", "vehicle": "Bike 2", "status": "on_break", "lat": null, "lng": null, "location_updated_at": null},
        ]})
    );
    let offline = app.get("/api/live-tracking-drivers?status=offline").await;
    assert_eq!(ids(&offline.body), vec![id(&off)]);
    let on_break = app.get("/api/live-tracking-drivers?status=on_break").await;
    assert_eq!(ids(&on_break.body), vec![id(&pause)]);
}

#[actix_web::test]
async fn live_tracking_orders_shows_orders_out_for_delivery_with_their_drivers() {
    let app = TestApp::spawn().await;
    let ada = app.customer("Customer 1").await;
    let bob = app.customer("Customer 2").await;
    let carried = app.order(ada, "out_for_delivery", Some("1 Carried Lane"), 4200).await;
    let waiting = app.order(bob, "out_for_delivery", Some("2 Waiting Way"), 1300).await;
    let redone = app.order(bob, "out_for_delivery", None, 900).await;
    let _home = app.order(ada, "ready", Some("3 Home St"), 100).await;
    let dana = driver(&app, "Dana", "Van").await;
    let (_, located) =
        action(&app, &format!("/api/drivers/{}/location", id(&dana)), json!({"lat": 51.45, "lng": -2.58})).await;

    let delivery = app.create("deliveries", json!({"order_id": carried, "address": "1 Carried Lane, rear"})).await;
    let (code, _) =
        action(&app, &format!("/api/deliveries/{}/assign", id(&delivery)), json!({"driver_id": id(&dana)})).await;
    assert_eq!(code, StatusCode::OK);
    // A cancelled delivery no longer counts; its replacement does.
    let first = app.create("deliveries", json!({"order_id": redone, "address": "Old address"})).await;
    action(&app, &format!("/api/deliveries/{}/status", id(&first)), json!({"status": "cancelled"})).await;
    let second = app.create("deliveries", json!({"order_id": redone, "address": "New address"})).await;

    let view = app.get("/api/live-tracking-orders").await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert!(view.seq() >= 1);
    assert_eq!(
        view.body,
        json!({"items": [
            {
                "order_id": carried, "customer_id": ada, "customer_name": "Customer 1", "status": "out_for_delivery",
                "delivery_address": "1 Carried Lane, rear", "total_cents": 4200,
                "delivery_id": id(&delivery), "delivery_status": "assigned",
                "driver_id": id(&dana), "driver_name": "Dana",
                "lat": 51.45, "lng": -2.58, "location_updated_at": located["location_updated_at"],
            },
            {
                "order_id": waiting, "customer_id": bob, "customer_name": "Customer 2", "status": "out_for_delivery",
                "delivery_address": "2 Waiting Way", "total_cents": 1300,
                "delivery_id": null, "delivery_status": null, "driver_id": null, "driver_name": null,
                "lat": null, "lng": null, "location_updated_at": null,
            },
            {
                "order_id": redone, "customer_id": bob, "customer_name": "Customer 2", "status": "out_for_delivery",
                "delivery_address": "New address", "total_cents": 900,
                "delivery_id": id(&second), "delivery_status": "pending", "driver_id": null, "driver_name": null,
                "lat": null, "lng": null, "location_updated_at": null,
            },
        ]})
    );
}

// ---------------------------------------------------------------------------------------------
// Events

#[actix_web::test]
async fn a_location_update_reaches_the_drivers_topic_with_its_invalidate_keys() {
    let app = TestApp::spawn().await;
    let created = driver(&app, "Wes Wheeler", "Van 9").await;
    let driver_id = id(&created);
    let mut ws = subscribed(&app, "drivers").await;

    let (code, record) =
        action(&app, &format!("/api/drivers/{driver_id}/location"), json!({"lat": 40.7, "lng": -74.0})).await;
    assert_eq!(code, StatusCode::OK, "{record}");
    let event = ws.next().await;
    assert_eq!(event["type"], "driver_location_updated");
    assert_eq!(event["entity"], "drivers");
    assert_eq!(event["id"], driver_id);
    assert_eq!(event["data"], record);
    assert_eq!(event["invalidate"], json!([["drivers"], ["driver", driver_id], ["live-tracking-drivers"]]));

    let (_, record) = action(&app, &format!("/api/drivers/{driver_id}/status"), json!({"status": "available"})).await;
    let event = ws.next().await;
    assert_eq!(event["type"], "driver_status_updated");
    assert_eq!(event["data"], record);
    assert_eq!(event["invalidate"], json!([["drivers"], ["driver", driver_id], ["live-tracking-drivers"]]));

    // Rejected actions send nothing.
    action(&app, &format!("/api/drivers/{driver_id}/location"), json!({"lat": 91, "lng": 0})).await;
    action(&app, &format!("/api/drivers/{driver_id}/status"), json!({"status": "asleep"})).await;
    send(
        &app,
        Method::POST,
        &format!("/api/drivers/{driver_id}/status"),
        Some(json!({"status": "offline"})),
        Some("\"1\""),
    )
    .await;
    ws.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn an_assignment_reaches_the_delivery_topic_with_the_previous_driver() {
    let app = TestApp::spawn().await;
    let dana = id(&driver(&app, "Dana", "Van").await);
    let eli = id(&driver(&app, "Eli", "Bike").await);
    let target = delivery(&app, 1).await;
    let other = delivery(&app, 2).await;
    let delivery_id = id(&target);
    let mut ws = subscribed(&app, &format!("deliveries:{delivery_id}")).await;

    // Another delivery's events stay away from this topic.
    action(&app, &format!("/api/deliveries/{}/assign", id(&other)), json!({"driver_id": dana})).await;

    let (code, record) =
        action(&app, &format!("/api/deliveries/{delivery_id}/assign"), json!({"driver_id": dana})).await;
    assert_eq!(code, StatusCode::OK, "{record}");
    let event = ws.next().await;
    assert_eq!(event["type"], "delivery_driver_assigned");
    assert_eq!(event["entity"], "deliveries");
    assert_eq!(event["id"], delivery_id);
    assert_eq!(event["data"]["driver_id"], dana);
    assert_eq!(event["data"]["previous_driver_id"], Value::Null);
    assert_eq!(event["data"]["version"], record["version"]);
    assert_eq!(event["invalidate"], json!([["deliveries"], ["delivery", delivery_id], ["live-tracking-orders"]]));
    let mut data = event["data"].clone();
    data.as_object_mut().unwrap().remove("previous_driver_id");
    assert_eq!(data, record, "the data is the record plus previous_driver_id");

    let (_, record) = action(&app, &format!("/api/deliveries/{delivery_id}/assign"), json!({"driver_id": eli})).await;
    let event = ws.next().await;
    assert_eq!(event["type"], "delivery_driver_assigned");
    assert_eq!(event["data"]["driver_id"], eli);
    assert_eq!(event["data"]["previous_driver_id"], dana);
    assert_eq!(event["data"]["version"], record["version"]);

    let (_, record) =
        action(&app, &format!("/api/deliveries/{delivery_id}/status"), json!({"status": "picked_up"})).await;
    let event = ws.next().await;
    assert_eq!(event["type"], "delivery_status_updated");
    assert_eq!(event["data"], record);

    // Rejected: illegal transition, unknown driver, unknown status, stale If-Match.
    let path = format!("/api/deliveries/{delivery_id}");
    assert_eq!(action(&app, &format!("{path}/status"), json!({"status": "cancelled"})).await.0, StatusCode::CONFLICT);
    assert_eq!(action(&app, &format!("{path}/assign"), json!({"driver_id": dana})).await.0, StatusCode::CONFLICT);
    assert_eq!(
        action(&app, &format!("{path}/assign"), json!({"driver_id": 999999})).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        action(&app, &format!("{path}/status"), json!({"status": "teleported"})).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let stale =
        send(&app, Method::POST, &format!("{path}/status"), Some(json!({"status": "in_transit"})), Some("\"1\"")).await;
    assert_eq!(stale.0, StatusCode::PRECONDITION_FAILED);
    ws.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn transit_batch_actions_send_one_event_each() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Customer 1").await;
    let order = app.order(customer, "ready", None, 100).await;
    let empty = app.create("transit-batches", json!({"origin": "A", "destination": "B"})).await;
    let batch = app.create("transit-batches", json!({"origin": "A", "destination": "B", "order_ids": [order]})).await;
    let mut ws = subscribed(&app, "transit-batches").await;

    let (code, started) =
        send(&app, Method::POST, &format!("/api/transit-batches/{}/initiate", id(&batch)), None, None).await;
    assert_eq!(code, StatusCode::OK, "{started}");
    let event = ws.next().await;
    assert_eq!(event["type"], "transit_batch_initiated");
    assert_eq!(event["entity"], "transit-batches");
    assert_eq!(event["id"], id(&batch));
    assert_eq!(event["data"], started);
    assert_eq!(event["invalidate"], json!([["transit-batches"], ["transit-batch", id(&batch)]]));

    let (_, done) =
        send(&app, Method::POST, &format!("/api/transit-batches/{}/complete", id(&batch)), None, None).await;
    let event = ws.next().await;
    assert_eq!(event["type"], "transit_batch_completed");
    assert_eq!(event["data"], done);

    assert_eq!(
        send(&app, Method::POST, &format!("/api/transit-batches/{}/initiate", id(&empty)), None, None).await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        send(&app, Method::POST, &format!("/api/transit-batches/{}/complete", id(&batch)), None, None).await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        send(&app, Method::DELETE, &format!("/api/transit-batches/{}", id(&batch)), None, None).await.0,
        StatusCode::CONFLICT
    );
    ws.assert_quiet(QUIET).await;
}
