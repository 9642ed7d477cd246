//! The original app's real-time behaviour end to end: the seed's three two-browser scenarios at
//! protocol level, every event type produced by its endpoint with the seed's React Query keys,
//! and topic filtering (one record, one collection, unsubscribe, overlaps, concurrent writers).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use crate::common::{Reply, TestApp, WsClient, COLLECTIONS};
use actix_web::http::StatusCode;
use futures_util::future::join_all;
use serde_json::{json, Value};
use switchboard::domain::Entity;

const QUIET: Duration = Duration::from_millis(400);

/// A session holding `topics` (acknowledged).
async fn session(app: &TestApp, topics: &[&str]) -> WsClient {
    let mut ws = app.connected("").await;
    ws.subscribe(topics).await;
    ws
}

fn id_of(record: &Value) -> i64 {
    record["id"].as_i64().unwrap_or_else(|| panic!("a record with an id: {record}"))
}

fn seq_of(event: &Value) -> i64 {
    event["seq"].as_i64().unwrap_or_else(|| panic!("an event with a seq: {event}"))
}

/// The body of a 200 answer.
fn ok(reply: Reply) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body
}

/// The React Query keys an event about record `id` of `collection` invalidates: the seed's
/// table, written out by hand, plus the two documented additions (expense events also
/// invalidate `budget-vs-actual`, delivery events `live-tracking-orders`). A collection this
/// table does not know is a compile error here.
fn keys(collection: &str, id: i64) -> Value {
    let entity = Entity::from_collection(collection).unwrap_or_else(|| panic!("no collection {collection}"));
    let (item, views): (&str, &[&str]) = match entity {
        Entity::Order => ("order", &["live-tracking-orders"]),
        Entity::Customer => ("customer", &[]),
        Entity::Employee => ("employee", &[]),
        Entity::Service => ("service", &[]),
        Entity::Product => ("product", &["inventory-items", "inventory-kpis"]),
        Entity::Invoice => ("invoice", &["accounts-receivable", "accounts-payable"]),
        Entity::Expense => ("expense", &["budget-vs-actual"]),
        Entity::Budget => ("budget", &["budget-vs-actual"]),
        Entity::Driver => ("driver", &["live-tracking-drivers"]),
        Entity::Delivery => ("delivery", &["live-tracking-orders"]),
        Entity::TransitBatch => ("transit-batch", &[]),
    };
    let mut keys = vec![json!([collection]), json!([item, id])];
    keys.extend(views.iter().map(|view| json!([view])));
    Value::Array(keys)
}

/// Asserts one event frame: its type, entity, id, data and invalidate keys.
fn assert_event(event: &Value, kind: &str, collection: &str, id: i64, data: &Value) {
    assert_eq!(event["type"], kind, "{event}");
    assert_eq!(event["entity"], collection, "{event}");
    assert_eq!(event["id"], id, "{event}");
    assert_eq!(event["data"], *data, "{kind}: data is the record as the REST call answered it");
    assert_eq!(event["invalidate"], keys(collection, id), "{kind}: the seed's query keys");
    assert!(event["seq"].is_i64(), "{event}");
}

// ---------------------------------------------------------------------------------------------
// The seed's three scenarios: browser A makes the change (and has the page open too), browser
// B only watches.

#[actix_web::test]
async fn scenario_1_an_employee_created_in_browser_a_appears_in_browser_b() {
    let app = TestApp::spawn().await;
    let mut browser_a = session(&app, &["employees"]).await;
    let mut browser_b = session(&app, &["employees"]).await;
    assert_eq!(ok(app.get("/api/employees").await)["total"], 0, "B's User Management page starts empty");

    let created = app
        .create(
            "employees",
            json!({"name": "Grace Hopper", "email": "grace@example.com", "role": "manager", "department": "Operations"}),
        )
        .await;
    let id = id_of(&created);

    let seen_by_b = browser_b.next().await;
    assert_event(&seen_by_b, "employee_created", "employees", id, &created);
    assert_eq!(seen_by_b["invalidate"], json!([["employees"], ["employee", id]]));
    let seen_by_a = browser_a.next().await;
    assert_eq!(seen_by_a, seen_by_b, "both browsers get the same event");

    // B refetches the invalidated list: the new employee is there, and the list is at least as
    // new as the event.
    let list = app.get("/api/employees").await;
    assert!(list.seq() >= seq_of(&seen_by_b));
    assert_eq!(list.body["items"], json!([created]));
    let one = app.get(&format!("/api/employees/{id}")).await;
    assert_eq!(one.body, created);
    browser_b.assert_quiet(QUIET).await;
    browser_a.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn scenario_2_an_order_status_changed_in_browser_a_shows_in_browser_b() {
    let app = TestApp::spawn().await;
    let customer = app.create("customers", json!({"name": "Ada Lovelace", "email": "ada@example.com"})).await;
    let order = app
        .create(
            "orders",
            json!({"customer_id": id_of(&customer), "delivery_address": "12 Analytical Way",
                   "items": [{"description": "Same-day courier", "unit_price_cents": 2500, "quantity": 2}]}),
        )
        .await;
    let id = id_of(&order);
    assert_eq!(order["status"], "pending");
    let mut browser_a = session(&app, &["orders"]).await;
    let mut browser_b = session(&app, &["orders"]).await;

    let changed = ok(app.post(&format!("/api/orders/{id}/status"), json!({"status": "confirmed"})).await);
    assert_eq!(changed["status"], "confirmed");
    assert_eq!(changed["version"], order["version"].as_i64().unwrap() + 1);

    let seen_by_b = browser_b.next().await;
    assert_event(&seen_by_b, "order_status_changed", "orders", id, &changed);
    assert_eq!(seen_by_b["data"]["status"], "confirmed");
    assert_eq!(seen_by_b["invalidate"], json!([["orders"], ["order", id], ["live-tracking-orders"]]));
    assert_eq!(browser_a.next().await, seen_by_b);

    // B's Orders page refetches and shows the new status.
    let list = app.get("/api/orders").await;
    assert!(list.seq() >= seq_of(&seen_by_b));
    assert_eq!(list.body["items"][0]["id"], id);
    assert_eq!(list.body["items"][0]["status"], "confirmed");
    assert_eq!(app.get(&format!("/api/orders/{id}")).await.body, changed);
    browser_b.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn scenario_3_a_service_deleted_in_browser_a_disappears_in_browser_b() {
    let app = TestApp::spawn().await;
    let kept = app.create("services", json!({"name": "Express documents", "price_cents": 1800})).await;
    let doomed = app.create("services", json!({"name": "Fax relay", "price_cents": 100})).await;
    let id = id_of(&doomed);
    let mut browser_a = session(&app, &["services"]).await;
    let mut browser_b = session(&app, &["services"]).await;
    assert_eq!(ok(app.get("/api/services").await)["total"], 2);

    assert_eq!(app.delete(&format!("/api/services/{id}")).await.status, StatusCode::NO_CONTENT);

    let seen_by_b = browser_b.next().await;
    assert_eq!(seen_by_b["type"], "service_deleted", "{seen_by_b}");
    assert_eq!(seen_by_b["entity"], "services");
    assert_eq!(seen_by_b["id"], id);
    assert_eq!(seen_by_b["data"]["id"], id);
    assert_eq!(seen_by_b["data"], doomed, "a delete carries the record as it was");
    assert_eq!(seen_by_b["invalidate"], json!([["services"], ["service", id]]));
    assert_eq!(browser_a.next().await, seen_by_b);

    // B's Services page refetches: only the other service is left.
    let list = app.get("/api/services").await;
    assert!(list.seq() >= seq_of(&seen_by_b));
    assert_eq!(list.body["items"], json!([kept]));
    assert_eq!(app.get(&format!("/api/services/{id}")).await.status, StatusCode::NOT_FOUND);
    browser_b.assert_quiet(QUIET).await;
}

// ---------------------------------------------------------------------------------------------
// Every event type, produced by its endpoint.

/// Three sessions watching everything: `star` (`*`) and `collections` (every collection by
/// name) read each event as it happens; `late` (`*`) reads only at the end.
struct Watch {
    star: WsClient,
    collections: WsClient,
    late: WsClient,
    seen: Vec<Value>,
}

impl Watch {
    /// The next event; `collections` must get the identical frame and seqs must grow.
    async fn next(&mut self) -> Value {
        let event = self.star.next().await;
        let same = self.collections.next().await;
        assert_eq!(same, event, "a collection subscriber gets the same frame as a * subscriber");
        if let Some(last) = self.seen.last() {
            assert!(seq_of(&event) > seq_of(last), "seq grows: {} then {event}", last["seq"]);
        }
        self.seen.push(event.clone());
        event
    }

    /// The next event, asserted in full.
    async fn expect(&mut self, kind: &str, collection: &str, id: i64, data: &Value) -> Value {
        let event = self.next().await;
        assert_event(&event, kind, collection, id, data);
        event
    }
}

/// Creates, updates and deletes one record of `entity`'s collection, checking the three events.
async fn crud(app: &TestApp, watch: &mut Watch, entity: Entity, fixtures: &Fixtures) {
    let (collection, singular, new, change) = crud_bodies(entity, fixtures);
    let created = app.create(collection, new).await;
    let id = id_of(&created);
    watch.expect(&format!("{singular}_created"), collection, id, &created).await;

    let updated = ok(app.patch(&format!("/api/{collection}/{id}"), change).await);
    assert_eq!(updated["version"], 2, "{updated}");
    watch.expect(&format!("{singular}_updated"), collection, id, &updated).await;

    let reply = app.delete(&format!("/api/{collection}/{id}")).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "deleting {collection} {id}: {}", reply.body);
    let event = watch.expect(&format!("{singular}_deleted"), collection, id, &updated).await;
    assert_eq!(event["data"]["id"], id);
}

/// The records a collection's create form refers to.
pub(crate) struct Fixtures {
    pub(crate) customer: i64,
    pub(crate) order: i64,
}

/// For each collection: its path, its event prefix, a record to create and a change to make to
/// it. A collection without a row here is a compile error (no wildcard).
pub(crate) fn crud_bodies(entity: Entity, fixtures: &Fixtures) -> (&'static str, &'static str, Value, Value) {
    match entity {
        Entity::Order => (
            "orders",
            "order",
            json!({"customer_id": fixtures.customer,
                   "items": [{"description": "Same-day courier", "unit_price_cents": 2500, "quantity": 2}]}),
            json!({"notes": "ring twice"}),
        ),
        Entity::Customer => (
            "customers",
            "customer",
            json!({"name": "Ada Lovelace", "email": "ada@example.com"}),
            json!({"phone": "+44 20 7946 0000"}),
        ),
        Entity::Employee => (
            "employees",
            "employee",
            json!({"name": "Grace Hopper", "email": "grace@example.com", "role": "manager"}),
            json!({"department": "Operations"}),
        ),
        Entity::Service => (
            "services",
            "service",
            json!({"name": "Pallet freight", "price_cents": 12000}),
            json!({"price_cents": 13000}),
        ),
        Entity::Product => (
            "products",
            "product",
            json!({"sku": "BOX-S", "name": "Small box", "price_cents": 150, "cost_cents": 60, "stock_quantity": 5, "reorder_level": 10}),
            json!({"stock_quantity": 0}),
        ),
        Entity::Invoice => (
            "invoices",
            "invoice",
            json!({"kind": "payable", "counterparty": "Cascade Fuel Supply", "amount_cents": 86000}),
            json!({"amount_cents": 86500}),
        ),
        Entity::Expense => (
            "expenses",
            "expense",
            json!({"category": "Fuel", "amount_cents": 4650, "expense_date": "2026-01-15", "vendor": "Cascade Fuel Supply"}),
            json!({"amount_cents": 4700}),
        ),
        Entity::Budget => (
            "budgets",
            "budget",
            json!({"category": "Fuel", "period": "2026-01", "amount_cents": 180000}),
            json!({"amount_cents": 190000}),
        ),
        Entity::Driver => (
            "drivers",
            "driver",
            json!({"name": "Noah Kim", "vehicle": "Van WA-4415"}),
            json!({"phone": "+1 206 555 0205"}),
        ),
        Entity::Delivery => {
            ("deliveries", "delivery", json!({"order_id": fixtures.order}), json!({"notes": "leave at the door"}))
        }
        Entity::TransitBatch => (
            "transit-batches",
            "transit_batch",
            json!({"code": "TB-1", "origin": "Seattle hub", "destination": "Tacoma depot"}),
            json!({"origin": "Everett depot"}),
        ),
    }
}

#[actix_web::test]
async fn every_event_type_is_produced_by_its_endpoint_with_the_seed_keys() {
    let app = TestApp::spawn().await;
    let mut watch = Watch {
        star: session(&app, &["*"]).await,
        collections: session(&app, &COLLECTIONS).await,
        late: session(&app, &["*"]).await,
        seen: Vec::new(),
    };

    // Orders need a customer, deliveries an order: two customers who will both change segment,
    // each with an order.
    let kim = app.create("customers", json!({"name": "Kim", "email": "kim@example.com"})).await;
    watch.expect("customer_created", "customers", id_of(&kim), &kim).await;
    let lee = app.create("customers", json!({"name": "Lee", "email": "lee@example.com"})).await;
    watch.expect("customer_created", "customers", id_of(&lee), &lee).await;
    assert_eq!(kim["segment"], "new");
    assert_eq!(lee["segment"], "new");
    let line = json!({"description": "Same-day courier", "unit_price_cents": 2500, "quantity": 2});
    let first = app
        .create("orders", json!({"customer_id": id_of(&kim), "delivery_address": "1 Main St", "items": [line]}))
        .await;
    let first_id = id_of(&first);
    watch.expect("order_created", "orders", first_id, &first).await;
    let confirmed = ok(app.post(&format!("/api/orders/{first_id}/status"), json!({"status": "confirmed"})).await);
    assert_eq!(confirmed["status"], "confirmed");
    watch.expect("order_status_changed", "orders", first_id, &confirmed).await;
    let second = app
        .create("orders", json!({"customer_id": id_of(&lee), "delivery_address": "2 Side St", "items": [line]}))
        .await;
    let second_id = id_of(&second);
    watch.expect("order_created", "orders", second_id, &second).await;

    // The plain triples, one record of every collection of the catalogue.
    let fixtures = Fixtures { customer: id_of(&kim), order: second_id };
    for entity in Entity::ALL {
        crud(&app, &mut watch, entity, &fixtures).await;
    }

    // Both customers now have a recent order: new → regular.
    let recomputed = ok(app.post("/api/customers/segments/recompute", json!({})).await);
    let changed: Vec<i64> =
        recomputed["changed_ids"].as_array().unwrap().iter().map(|id| id.as_i64().unwrap()).collect();
    assert_eq!(changed.iter().copied().collect::<BTreeSet<_>>(), BTreeSet::from([id_of(&kim), id_of(&lee)]));
    for customer in recomputed["customers"].as_array().unwrap() {
        assert_eq!(customer["segment"], "regular", "{customer}");
    }
    let event = watch.next().await;
    assert_eq!(event["type"], "customer_segments_updated", "{event}");
    assert_eq!(event["entity"], "customers");
    assert_eq!(event["ids"], json!(changed), "ids lists the changed customers");
    assert_eq!(event["data"], recomputed, "data is what the recompute answered");
    let mut expected_keys = vec![json!(["customers"])];
    expected_keys.extend(changed.iter().map(|id| json!(["customer", id])));
    assert_eq!(event["invalidate"], Value::Array(expected_keys));
    assert_eq!(ok(app.get(&format!("/api/customers/{}", id_of(&kim))).await)["segment"], "regular");

    // A driver on the move.
    let driver = app.create("drivers", json!({"name": "Sofia Marquez", "vehicle": "Van WA-4412"})).await;
    let driver_id = id_of(&driver);
    watch.expect("driver_created", "drivers", driver_id, &driver).await;
    let located =
        ok(app.post(&format!("/api/drivers/{driver_id}/location"), json!({"lat": 47.6097, "lng": -122.3331})).await);
    assert_eq!(located["lat"], 47.6097);
    assert_eq!(located["lng"], -122.3331);
    watch.expect("driver_location_updated", "drivers", driver_id, &located).await;
    let available = ok(app.post(&format!("/api/drivers/{driver_id}/status"), json!({"status": "available"})).await);
    assert_eq!(available["status"], "available");
    watch.expect("driver_status_updated", "drivers", driver_id, &available).await;

    // Deliveries: the first order's delivery assigned and picked up.
    let delivery = app.create("deliveries", json!({"order_id": first_id})).await;
    let delivery_id = id_of(&delivery);
    assert_eq!(delivery["status"], "pending");
    watch.expect("delivery_created", "deliveries", delivery_id, &delivery).await;
    let assigned =
        ok(app.post(&format!("/api/deliveries/{delivery_id}/assign"), json!({"driver_id": driver_id})).await);
    assert_eq!(assigned["driver_id"], driver_id);
    assert_eq!(assigned["status"], "assigned");
    // The assignment's data is the record plus the driver it was taken from (none here).
    let mut with_previous = assigned.clone();
    with_previous["previous_driver_id"] = Value::Null;
    watch.expect("delivery_driver_assigned", "deliveries", delivery_id, &with_previous).await;
    // In the same commit, the available driver goes on the delivery.
    let on_delivery = app.get(&format!("/api/drivers/{driver_id}")).await.body;
    assert_eq!(on_delivery["status"], "on_delivery");
    watch.expect("driver_status_updated", "drivers", driver_id, &on_delivery).await;
    let picked_up =
        ok(app.post(&format!("/api/deliveries/{delivery_id}/status"), json!({"status": "picked_up"})).await);
    assert_eq!(picked_up["status"], "picked_up");
    watch.expect("delivery_status_updated", "deliveries", delivery_id, &picked_up).await;
    // And the confirmed order is out for delivery.
    let out = app.get(&format!("/api/orders/{first_id}")).await.body;
    assert_eq!(out["status"], "out_for_delivery");
    watch.expect("order_status_changed", "orders", first_id, &out).await;

    // Transit batches: one that travels.
    let batch = app
        .create(
            "transit-batches",
            json!({"code": "TB-2", "origin": "Seattle hub", "destination": "Tacoma depot", "order_ids": [second_id]}),
        )
        .await;
    let batch_id = id_of(&batch);
    assert_eq!(batch["status"], "planned");
    watch.expect("transit_batch_created", "transit-batches", batch_id, &batch).await;
    let initiated = ok(app.post(&format!("/api/transit-batches/{batch_id}/initiate"), json!({})).await);
    assert_eq!(initiated["status"], "in_transit");
    assert!(initiated["initiated_at"].is_string());
    watch.expect("transit_batch_initiated", "transit-batches", batch_id, &initiated).await;
    let completed = ok(app.post(&format!("/api/transit-batches/{batch_id}/complete"), json!({})).await);
    assert_eq!(completed["status"], "completed");
    assert!(completed["completed_at"].is_string());
    watch.expect("transit_batch_completed", "transit-batches", batch_id, &completed).await;

    watch.star.assert_quiet(QUIET).await;
    watch.collections.assert_quiet(Duration::from_millis(50)).await;

    // Every event type the catalogue declares was seen: each collection's three, each action's.
    let types: BTreeSet<String> = watch.seen.iter().map(|e| e["type"].as_str().unwrap().to_owned()).collect();
    let catalog = ok(app.get("/api/catalog").await);
    let mut expected: BTreeSet<String> = catalog["collections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            ["created", "updated", "deleted"].map(|action| format!("{}_{action}", c["event_prefix"].as_str().unwrap()))
        })
        .collect();
    expected.extend(catalog["actions"].as_array().unwrap().iter().map(|a| a["event"].as_str().unwrap().to_owned()));
    assert_eq!(types, expected, "every event type, each from its endpoint");

    // The session that read nothing until now gets every one, once, in seq order, and the log
    // has no gaps: seqs are consecutive.
    let mut late = Vec::new();
    for _ in 0..watch.seen.len() {
        late.push(watch.late.next().await);
    }
    assert_eq!(late, watch.seen, "a * session sees every event exactly once, in seq order");
    watch.late.assert_quiet(QUIET).await;
    let seqs: Vec<i64> = watch.seen.iter().map(seq_of).collect();
    let first_seq = seqs[0];
    assert_eq!(seqs, (first_seq..first_seq + seqs.len() as i64).collect::<Vec<_>>());
}

// ---------------------------------------------------------------------------------------------
// Filtering.

#[actix_web::test]
async fn a_session_on_one_driver_sees_that_driver_and_never_another() {
    let app = TestApp::spawn().await;
    let mut drivers = Vec::new();
    for n in 1..=8 {
        drivers
            .push(app.create("drivers", json!({"name": format!("Driver {n}"), "vehicle": format!("Van {n}")})).await);
    }
    // The seventh and eighth drivers, by their real ids.
    let seventh = id_of(&drivers[6]);
    let eighth = id_of(&drivers[7]);
    let mut one_driver = session(&app, &[&format!("drivers:{seventh}")]).await;
    let mut everything = session(&app, &["*"]).await;

    let mut expected = Vec::new();
    for (n, id) in [eighth, seventh, eighth, seventh].into_iter().enumerate() {
        let patched = ok(app.patch(&format!("/api/drivers/{id}"), json!({"phone": format!("+1 555 01{n:02}")})).await);
        let located = ok(app
            .post(&format!("/api/drivers/{id}/location"), json!({"lat": 47.0 + n as f64 / 10.0, "lng": -122.3}))
            .await);
        let status = ok(app.post(&format!("/api/drivers/{id}/status"), json!({"status": "on_delivery"})).await);
        if id == seventh {
            expected.push(("driver_updated", patched));
            expected.push(("driver_location_updated", located));
            expected.push(("driver_status_updated", status));
        }
    }
    assert_eq!(app.delete(&format!("/api/drivers/{eighth}")).await.status, StatusCode::NO_CONTENT);

    for (kind, data) in &expected {
        let event = one_driver.next().await;
        assert_event(&event, kind, "drivers", seventh, data);
    }
    one_driver.assert_quiet(QUIET).await;

    // The other driver's changes did happen: a * session saw all 13.
    let mut ids = Vec::new();
    for _ in 0..13 {
        ids.push(everything.next().await["id"].as_i64().unwrap());
    }
    assert_eq!(ids.iter().filter(|&&id| id == eighth).count(), 7);
    assert_eq!(ids.iter().filter(|&&id| id == seventh).count(), 6);
    everything.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn an_orders_session_never_sees_an_invoice_event() {
    let app = TestApp::spawn().await;
    let customer = app.create("customers", json!({"name": "Ada", "email": "ada@example.com"})).await;
    let mut orders = session(&app, &["orders"]).await;

    let invoice = app
        .create("invoices", json!({"kind": "receivable", "customer_id": id_of(&customer), "amount_cents": 5000}))
        .await;
    let invoice_id = id_of(&invoice);
    ok(app.patch(&format!("/api/invoices/{invoice_id}"), json!({"amount_cents": 5500})).await);
    assert_eq!(app.delete(&format!("/api/invoices/{invoice_id}")).await.status, StatusCode::NO_CONTENT);
    let order = app
        .create(
            "orders",
            json!({"customer_id": id_of(&customer), "items": [{"description": "Courier", "unit_price_cents": 900, "quantity": 1}]}),
        )
        .await;

    // Events come in seq order, so the first one being the (later) order proves the three
    // invoice events were never sent.
    let event = orders.next().await;
    assert_event(&event, "order_created", "orders", id_of(&order), &order);
    orders.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn unsubscribe_stops_delivery() {
    let app = TestApp::spawn().await;
    let customer = app.create("customers", json!({"name": "Ada", "email": "ada@example.com"})).await;
    let line = json!({"description": "Courier", "unit_price_cents": 900, "quantity": 1});
    let mut ws = session(&app, &["orders", "customers"]).await;

    let order = app.create("orders", json!({"customer_id": id_of(&customer), "items": [line]})).await;
    let order_id = id_of(&order);
    assert_event(&ws.next().await, "order_created", "orders", order_id, &order);

    ws.send(json!({"type": "unsubscribe", "topics": ["orders"]})).await;
    assert_eq!(ws.next().await, json!({"type": "unsubscribed", "topics": ["orders"]}));

    ok(app.patch(&format!("/api/orders/{order_id}"), json!({"notes": "after unsubscribe"})).await);
    ok(app.post(&format!("/api/orders/{order_id}/status"), json!({"status": "confirmed"})).await);
    let patched = ok(app.patch(&format!("/api/customers/{}", id_of(&customer)), json!({"notes": "still here"})).await);
    // The session still hears customers, and nothing about orders came before.
    assert_event(&ws.next().await, "customer_updated", "customers", id_of(&customer), &patched);
    ws.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn overlapping_star_collection_and_record_topics_give_one_copy() {
    let app = TestApp::spawn().await;
    let customer = app.create("customers", json!({"name": "Ada", "email": "ada@example.com"})).await;
    let line = json!({"description": "Courier", "unit_price_cents": 900, "quantity": 1});
    let order = app.create("orders", json!({"customer_id": id_of(&customer), "items": [line]})).await;
    let id = id_of(&order);
    let mut ws = app.connected("").await;
    let start = ws.subscribe(&["*", "orders", &format!("orders:{id}")]).await;

    let mut expected = Vec::new();
    for n in 0..3 {
        let patched = ok(app.patch(&format!("/api/orders/{id}"), json!({"notes": format!("note {n}")})).await);
        expected.push(("order_updated", id, patched));
    }
    let confirmed = ok(app.post(&format!("/api/orders/{id}/status"), json!({"status": "confirmed"})).await);
    expected.push(("order_status_changed", id, confirmed));
    let other = app.create("orders", json!({"customer_id": id_of(&customer), "items": [line]})).await;
    expected.push(("order_created", id_of(&other), other));

    let mut seqs = Vec::new();
    for (kind, record_id, data) in &expected {
        let event = ws.next().await;
        assert_event(&event, kind, "orders", *record_id, data);
        seqs.push(seq_of(&event));
    }
    assert_eq!(seqs, (start + 1..=start + 5).collect::<Vec<_>>(), "one copy of each, in order");
    ws.assert_quiet(QUIET).await;
}

#[actix_web::test]
async fn eight_concurrent_writers_reach_a_star_session_in_consecutive_seq_order() {
    const WRITERS: usize = 8;
    const WRITES: usize = 10;
    let app = TestApp::spawn().await;
    let mut star = app.connected("").await;
    let start = star.subscribe(&["*"]).await;

    // Each writer creates a record of its own collection and changes it nine times.
    let writer = |n: usize| {
        let app = &app;
        async move {
            let (collection, new, field) = match n {
                0 => ("customers", json!({"name": "W0", "email": "w0@example.com"}), "notes"),
                1 => ("employees", json!({"name": "W1", "email": "w1@example.com"}), "phone"),
                2 => ("services", json!({"name": "W2", "price_cents": 100}), "description"),
                3 => ("products", json!({"sku": "W3", "name": "W3", "price_cents": 1, "cost_cents": 1}), "description"),
                4 => ("drivers", json!({"name": "W4"}), "phone"),
                5 => ("invoices", json!({"kind": "payable", "counterparty": "W5", "amount_cents": 1}), "counterparty"),
                6 => ("expenses", json!({"category": "W6", "amount_cents": 1, "expense_date": "2026-01-01"}), "vendor"),
                _ => ("transit-batches", json!({"origin": "W7", "destination": "Hub"}), "origin"),
            };
            let created = app.create(collection, new).await;
            let id = id_of(&created);
            for k in 1..WRITES {
                let reply = app.patch(&format!("/api/{collection}/{id}"), json!({field: format!("change {k}")})).await;
                assert_eq!(reply.status, StatusCode::OK, "{collection} {id}: {}", reply.body);
            }
            (collection, id)
        }
    };
    let records = join_all((0..WRITERS).map(writer)).await;

    let mut seqs = Vec::new();
    let mut versions: BTreeMap<(String, i64), Vec<i64>> = BTreeMap::new();
    for _ in 0..WRITERS * WRITES {
        let event = star.next().await;
        seqs.push(seq_of(&event));
        let key = (event["entity"].as_str().unwrap().to_owned(), event["id"].as_i64().unwrap());
        versions.entry(key).or_default().push(event["data"]["version"].as_i64().unwrap());
    }
    star.assert_quiet(QUIET).await;
    let total = (WRITERS * WRITES) as i64;
    assert_eq!(seqs, (start + 1..=start + total).collect::<Vec<_>>(), "strictly increasing, consecutive seqs");
    // And each record's changes arrive in the order they were made.
    assert_eq!(versions.len(), WRITERS);
    for (collection, id) in records {
        assert_eq!(
            versions[&(collection.to_owned(), id)],
            (1..=WRITES as i64).collect::<Vec<_>>(),
            "{collection} {id}"
        );
    }
}
