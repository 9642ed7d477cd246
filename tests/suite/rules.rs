//! The rules between records (README, "Rules between records"): what a delivery's or a
//! transit batch's action does to its driver and its orders, in the same commit, each change
//! with its own event.

use crate::common::{TestApp, WsClient};
use serde_json::{json, Value};

async fn order_status(app: &TestApp, id: i64) -> String {
    app.get(&format!("/api/orders/{id}")).await.body["status"].as_str().unwrap().to_owned()
}

async fn driver_status(app: &TestApp, id: i64) -> String {
    app.get(&format!("/api/drivers/{id}")).await.body["status"].as_str().unwrap().to_owned()
}

/// A driver in `status`.
async fn driver(app: &TestApp, name: &str, status: &str) -> i64 {
    let id = app.create("drivers", json!({"name": name})).await["id"].as_i64().unwrap();
    let set = app.post(&format!("/api/drivers/{id}/status"), json!({"status": status})).await;
    assert_eq!(set.status, 200, "{}", set.body);
    id
}

async fn delivery(app: &TestApp, order: i64) -> i64 {
    app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap()
}

async fn act(app: &TestApp, path: String, body: Value) -> Value {
    let reply = app.post(&path, body).await;
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    reply.body
}

/// The next `n` events: their types, entities and ids, and their seqs, which must follow each
/// other (one commit).
async fn events(ws: &mut WsClient, n: usize) -> Vec<(String, i64)> {
    let mut seen = Vec::new();
    let mut seqs = Vec::new();
    for _ in 0..n {
        let event = ws.next().await;
        seen.push((event["type"].as_str().unwrap().to_owned(), event["id"].as_i64().unwrap()));
        seqs.push(event["seq"].as_i64().unwrap());
    }
    assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1), "one commit, consecutive seqs: {seqs:?}");
    seen
}

#[actix_web::test]
async fn a_delivery_carries_its_driver_and_its_order_along() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Rules").await;
    let order = app.order(customer, "ready", Some("1 Rule Street"), 500).await;
    let dana = driver(&app, "Dana", "available").await;
    let delivery = delivery(&app, order).await;
    let mut ws = app.ws("?topics=*").await;
    ws.next_of("subscribed").await;

    // Assigned: the driver is on a delivery.
    act(&app, format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": dana})).await;
    assert_eq!(
        events(&mut ws, 2).await,
        [("delivery_driver_assigned".into(), delivery), ("driver_status_updated".into(), dana)]
    );
    assert_eq!(driver_status(&app, dana).await, "on_delivery");

    // Picked up: the order is out for delivery; in transit changes nothing more.
    act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": "picked_up"})).await;
    assert_eq!(
        events(&mut ws, 2).await,
        [("delivery_status_updated".into(), delivery), ("order_status_changed".into(), order)]
    );
    assert_eq!(order_status(&app, order).await, "out_for_delivery");
    act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": "in_transit"})).await;
    assert_eq!(events(&mut ws, 1).await, [("delivery_status_updated".into(), delivery)]);

    // Delivered: the order is delivered and the driver free again.
    act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": "delivered"})).await;
    assert_eq!(
        events(&mut ws, 3).await,
        [
            ("delivery_status_updated".into(), delivery),
            ("order_status_changed".into(), order),
            ("driver_status_updated".into(), dana),
        ]
    );
    assert_eq!(order_status(&app, order).await, "delivered");
    assert_eq!(driver_status(&app, dana).await, "available");
}

#[actix_web::test]
async fn a_failed_delivery_sends_its_order_back_to_ready_and_frees_the_driver() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Rules").await;
    let order = app.order(customer, "ready", Some("1 Rule Street"), 500).await;
    let eli = driver(&app, "Eli", "available").await;
    let delivery = delivery(&app, order).await;
    act(&app, format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": eli})).await;
    act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": "picked_up"})).await;
    act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": "failed"})).await;
    assert_eq!(order_status(&app, order).await, "ready");
    assert_eq!(driver_status(&app, eli).await, "available");
}

#[actix_web::test]
async fn a_driver_stays_busy_while_another_delivery_is_open_and_breaks_are_kept() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Rules").await;
    let (first, second) = (
        app.order(customer, "ready", Some("1 Rule Street"), 500).await,
        app.order(customer, "ready", Some("1 Rule Street"), 500).await,
    );
    let fay = driver(&app, "Fay", "available").await;
    let gus = driver(&app, "Gus", "on_break").await;
    let (one, two) = (delivery(&app, first).await, delivery(&app, second).await);
    act(&app, format!("/api/deliveries/{one}/assign"), json!({"driver_id": fay})).await;
    act(&app, format!("/api/deliveries/{two}/assign"), json!({"driver_id": fay})).await;
    act(&app, format!("/api/deliveries/{one}/status"), json!({"status": "cancelled"})).await;
    assert_eq!(driver_status(&app, fay).await, "on_delivery", "delivery {two} is still hers");

    // Reassigned to a driver on a break: Fay is free, Gus stays on his break.
    act(&app, format!("/api/deliveries/{two}/assign"), json!({"driver_id": gus})).await;
    assert_eq!(driver_status(&app, fay).await, "available");
    assert_eq!(driver_status(&app, gus).await, "on_break");
}

#[actix_web::test]
async fn a_transit_batch_moves_its_orders_along() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Rules").await;
    let confirmed = app.order(customer, "confirmed", Some("1 Rule Street"), 500).await;
    let pending = app.order(customer, "pending", Some("1 Rule Street"), 500).await;
    let batch = app
        .create("transit-batches", json!({"origin": "Depot", "destination": "Hub", "order_ids": [confirmed, pending]}))
        .await["id"]
        .as_i64()
        .unwrap();
    let mut ws = app.ws("?topics=orders,transit-batches").await;
    ws.next_of("subscribed").await;

    act(&app, format!("/api/transit-batches/{batch}/initiate"), json!({})).await;
    assert_eq!(
        events(&mut ws, 2).await,
        [("transit_batch_initiated".into(), batch), ("order_status_changed".into(), confirmed)]
    );
    assert_eq!(order_status(&app, confirmed).await, "in_progress");
    assert_eq!(order_status(&app, pending).await, "pending", "a pending order is not confirmed by a batch");

    act(&app, format!("/api/transit-batches/{batch}/complete"), json!({})).await;
    assert_eq!(
        events(&mut ws, 2).await,
        [("transit_batch_completed".into(), batch), ("order_status_changed".into(), confirmed)]
    );
    assert_eq!(order_status(&app, confirmed).await, "ready");
}

/// `GET path` as a JSON body, which must answer 200.
async fn fetch(app: &TestApp, path: &str) -> Value {
    let reply = app.get(path).await;
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    reply.body
}

#[actix_web::test]
async fn cancelling_an_order_cancels_its_assigned_or_pending_delivery_and_frees_the_driver() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Rules").await;
    let carried = app.order(customer, "ready", Some("1 Rule Street"), 500).await;
    let waiting = app.order(customer, "confirmed", Some("2 Rule Street"), 700).await;
    let hal = driver(&app, "Hal", "available").await;
    let (assigned, pending) = (delivery(&app, carried).await, delivery(&app, waiting).await);
    act(&app, format!("/api/deliveries/{assigned}/assign"), json!({"driver_id": hal})).await;
    assert_eq!(driver_status(&app, hal).await, "on_delivery");
    let mut ws = app.ws("?topics=*").await;
    ws.next_of("subscribed").await;
    // An accountant reads orders but not deliveries or drivers: it hears of the cancel only.
    let accountant = app.client_as(Some(&app.token("accountant", None).await));
    let mut books = app.ws_as(&accountant, "?topics=*").await.expect("the accountant's socket opens");
    books.next_of("subscribed").await;

    act(&app, format!("/api/orders/{carried}/status"), json!({"status": "cancelled"})).await;
    assert_eq!(
        events(&mut ws, 3).await,
        [
            ("order_status_changed".into(), carried),
            ("delivery_status_updated".into(), assigned),
            ("driver_status_updated".into(), hal),
        ]
    );
    assert_eq!(fetch(&app, &format!("/api/deliveries/{assigned}")).await["status"], "cancelled");
    assert_eq!(driver_status(&app, hal).await, "available");

    act(&app, format!("/api/orders/{waiting}/status"), json!({"status": "cancelled"})).await;
    assert_eq!(
        events(&mut ws, 2).await,
        [("order_status_changed".into(), waiting), ("delivery_status_updated".into(), pending)]
    );
    assert_eq!(fetch(&app, &format!("/api/deliveries/{pending}")).await["status"], "cancelled");

    // A customer made afterwards is the accountant's next event after the two orders': the
    // deliveries' and the driver's events were never sent to it.
    let marker = app.customer("Marker After").await;
    let mut heard = Vec::new();
    for _ in 0..3 {
        let event = books.next().await;
        assert!(event["data"].get("lat").is_none(), "no position reaches an accountant: {event}");
        heard.push((event["type"].as_str().unwrap().to_owned(), event["id"].as_i64().unwrap()));
    }
    assert_eq!(
        heard,
        [
            ("order_status_changed".into(), carried),
            ("order_status_changed".into(), waiting),
            ("customer_created".into(), marker),
        ]
    );
}

#[actix_web::test]
async fn an_order_whose_delivery_is_on_the_road_cannot_be_cancelled() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Rules").await;
    let ivy = driver(&app, "Ivy", "available").await;
    for on_the_road in ["picked_up", "in_transit"] {
        let order = app.order(customer, "ready", Some("1 Rule Street"), 500).await;
        let delivery = delivery(&app, order).await;
        act(&app, format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": ivy})).await;
        act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": "picked_up"})).await;
        if on_the_road == "in_transit" {
            act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": "in_transit"})).await;
        }
        let before = fetch(&app, &format!("/api/orders/{order}")).await;
        let head = app.log_head().await;

        let reply = app.post(&format!("/api/orders/{order}/status"), json!({"status": "cancelled"})).await;
        assert_eq!(reply.status, 409, "{}", reply.body);
        assert_eq!(reply.code(), "delivery_under_way", "{}", reply.body);
        assert_eq!(reply.body["error"]["details"], json!({"delivery_id": delivery, "delivery_status": on_the_road}));
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(&format!("delivery {delivery}")), "{message}");

        assert_eq!(fetch(&app, &format!("/api/orders/{order}")).await, before, "the order is untouched");
        assert_eq!(fetch(&app, &format!("/api/deliveries/{delivery}")).await["status"], on_the_road);
        assert_eq!(driver_status(&app, ivy).await, "on_delivery");
        assert_eq!(app.log_head().await, head, "no event was logged");
        // Marked failed, the delivery no longer holds the order (now ready again) back.
        act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": "failed"})).await;
        act(&app, format!("/api/orders/{order}/status"), json!({"status": "cancelled"})).await;
    }
}

#[actix_web::test]
async fn delivered_and_failed_deliveries_are_kept() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Rules").await;
    let jo = driver(&app, "Jo", "available").await;
    for last in ["delivered", "failed"] {
        let order = app.order(customer, "ready", Some("1 Rule Street"), 500).await;
        let delivery = delivery(&app, order).await;
        act(&app, format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": jo})).await;
        for step in ["picked_up", "in_transit", last] {
            act(&app, format!("/api/deliveries/{delivery}/status"), json!({"status": step})).await;
        }
        let path = format!("/api/deliveries/{delivery}");
        let reply = app.delete(&path).await;
        assert_eq!(reply.status, 409, "{last}: {}", reply.body);
        assert_eq!(reply.code(), "delivery_final", "{}", reply.body);
        assert_eq!(reply.body["error"]["details"], json!({"delivery_id": delivery, "status": last}));
        assert_eq!(fetch(&app, &path).await["status"], last, "still there");
    }
}

#[actix_web::test]
async fn deleting_a_delivery_under_way_frees_its_driver_and_a_cancelled_order_gets_no_new_one() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Rules").await;
    let order = app.order(customer, "ready", Some("1 Rule Street"), 500).await;
    let kim = driver(&app, "Kim", "available").await;
    let delivery = delivery(&app, order).await;
    act(&app, format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": kim})).await;
    let mut ws = app.ws("?topics=deliveries,drivers").await;
    ws.next_of("subscribed").await;

    assert_eq!(app.delete(&format!("/api/deliveries/{delivery}")).await.status, 204);
    assert_eq!(
        events(&mut ws, 2).await,
        [("delivery_deleted".into(), delivery), ("driver_status_updated".into(), kim)]
    );
    assert_eq!(driver_status(&app, kim).await, "available");

    act(&app, format!("/api/orders/{order}/status"), json!({"status": "cancelled"})).await;
    let reply = app.post("/api/deliveries", json!({"order_id": order})).await;
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(reply.code(), "order_locked", "{}", reply.body);
    assert_eq!(fetch(&app, &format!("/api/deliveries?order_id={order}")).await["total"], 0);
}
