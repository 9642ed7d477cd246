//! The audit trail: every write leaves one entry per record it changed, naming the token that
//! made it and each field before and after; refused writes leave none; the trail outlives the
//! event log's pruning; events and 412s say who; history is read only by who may read the record.

use std::time::Duration;

use actix_web::http::StatusCode;
use serde_json::{json, Value};

use crate::common::{eventually, Reply, TestApp};
use crate::scenarios::{crud_bodies, Fixtures};
use switchboard::domain::Entity;

/// A caller with a token of its own, named as a person would name it.
struct Caller {
    client: awc::Client,
    secret: String,
    by: Value,
}

impl Caller {
    async fn new(app: &TestApp, name: &str, role: &str, driver: Option<i64>) -> Caller {
        let made = app.post("/api/tokens", json!({"name": name, "role": role, "driver_id": driver})).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let secret = made.body["token"].as_str().unwrap().to_owned();
        let by = json!({"token_id": made.body["id"], "name": name, "role": role});
        Caller { client: app.client_as(Some(&secret)), secret, by }
    }

    async fn send(&self, app: &TestApp, method: &str, path: &str, body: Option<Value>) -> Reply {
        let request = self.client.request(method.parse().unwrap(), app.url(path));
        let response = match body {
            Some(body) => request.send_json(&body).await,
            None => request.send().await,
        };
        Reply::from_response(response.expect("the request reaches the server")).await
    }
}

/// A new driver, on duty.
async fn available_driver(app: &TestApp, name: &str) -> i64 {
    let driver = app.create("drivers", json!({"name": name})).await["id"].as_i64().unwrap();
    let on_duty = app.post(&format!("/api/drivers/{driver}/status"), json!({"status": "available"})).await;
    assert_eq!(on_duty.status, StatusCode::OK, "{}", on_duty.body);
    driver
}

fn history_of(reply: &Reply) -> Vec<Value> {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["items"].as_array().expect("a page of entries").clone()
}

async fn history(app: &TestApp, collection: &str, id: i64) -> Vec<Value> {
    history_of(&app.get(&format!("/api/{collection}/{id}/history")).await)
}

/// The newest audit entry's id, and how many there are (at most 500).
async fn trail(app: &TestApp) -> Vec<Value> {
    history_of(&app.get("/api/audit?limit=500").await)
}

/// `changes` as field → (before, after).
fn changes(entry: &Value) -> std::collections::BTreeMap<String, (Value, Value)> {
    entry["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|change| {
            (change["field"].as_str().unwrap().to_owned(), (change["before"].clone(), change["after"].clone()))
        })
        .collect()
}

#[actix_web::test]
async fn every_collection_write_leaves_one_entry_naming_who_and_what_changed() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Fixture customer").await;
    let order = app.order(customer, "pending", Some("1 Main St"), 1000).await;
    let fixtures = Fixtures { customer, order };
    let desk = Caller::new(&app, "Back office desk", "manager", None).await;

    for entity in Entity::ALL {
        let (collection, prefix, new, change) = crud_bodies(entity, &fixtures);
        let created = desk.send(&app, "POST", &format!("/api/{collection}"), Some(new.clone())).await;
        assert_eq!(created.status, StatusCode::CREATED, "{collection}: {}", created.body);
        let id = created.body["id"].as_i64().unwrap();

        let entries = history(&app, collection, id).await;
        assert_eq!(entries.len(), 1, "{collection}: one entry for the create: {entries:?}");
        let entry = &entries[0];
        assert_eq!(entry["action"], format!("{prefix}_created"));
        assert_eq!(entry["by"], desk.by, "{collection}");
        assert_eq!((entry["collection"].as_str(), entry["record_id"].as_i64()), (Some(collection), Some(id)));
        let listed = changes(entry);
        for (field, value) in new.as_object().unwrap() {
            let (before, after) = listed.get(field).unwrap_or_else(|| panic!("{collection}: {field} in {entry}"));
            assert_eq!(before, &Value::Null, "{collection}.{field}");
            if value.is_object() || value.is_array() {
                assert!(after.is_array() || after.is_object(), "{collection}.{field}: {after}");
            } else {
                assert_eq!(after, value, "{collection}.{field}");
            }
        }

        let was = app.get(&format!("/api/{collection}/{id}")).await.body;
        let updated = desk.send(&app, "PATCH", &format!("/api/{collection}/{id}"), Some(change.clone())).await;
        assert_eq!(updated.status, StatusCode::OK, "{collection}: {}", updated.body);
        let entries = history(&app, collection, id).await;
        assert_eq!(entries.len(), 2, "{collection}: one more entry for the update");
        assert_eq!(entries[0]["action"], format!("{prefix}_updated"), "newest first");
        assert_eq!(entries[0]["by"], desk.by);
        let expected: std::collections::BTreeMap<String, (Value, Value)> = change
            .as_object()
            .unwrap()
            .iter()
            .map(|(field, value)| (field.clone(), (was[field].clone(), value.clone())))
            .collect();
        assert_eq!(changes(&entries[0]), expected, "{collection}: exactly the fields changed, before and after");
        assert!(entries[0]["seq"].as_i64().unwrap() > entries[1]["seq"].as_i64().unwrap());

        let as_it_was = app.get(&format!("/api/{collection}/{id}")).await.body;
        let deleted = desk.send(&app, "DELETE", &format!("/api/{collection}/{id}"), None).await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{collection}: {}", deleted.body);
        // The history of a deleted record stays readable.
        let entries = history(&app, collection, id).await;
        assert_eq!(entries.len(), 3, "{collection}: one more entry for the delete");
        assert_eq!(entries[0]["action"], format!("{prefix}_deleted"));
        assert_eq!(entries[0]["by"], desk.by);
        let kept = changes(&entries[0]);
        for (field, value) in as_it_was.as_object().unwrap() {
            if ["id", "version", "updated_at"].contains(&field.as_str()) {
                continue;
            }
            assert_eq!(kept.get(field), Some(&(value.clone(), Value::Null)), "{collection}: the delete keeps {field}");
        }
        // The admins' trail holds the same three.
        let audited = history_of(&app.get(&format!("/api/audit?collection={collection}&record={id}")).await);
        assert_eq!(audited, entries, "{collection}");
    }
    // Nothing in the trail says a secret.
    let everything = app.get("/api/audit?limit=500").await;
    assert!(!everything.body.to_string().contains(&desk.secret));
}

#[actix_web::test]
async fn actions_and_the_rules_they_set_off_are_audited_as_the_caller() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Rules customer").await;
    let order = app.order(customer, "pending", Some("1 Main St"), 1000).await;
    let driver = available_driver(&app, "Noah Kim").await;
    let delivery = app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap();
    let dispatch = Caller::new(&app, "Dispatch desk", "dispatcher", None).await;

    let confirmed =
        dispatch.send(&app, "POST", &format!("/api/orders/{order}/status"), Some(json!({"status": "confirmed"}))).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let entries = history(&app, "orders", order).await;
    assert_eq!(entries[0]["action"], "order_status_changed");
    assert_eq!(entries[0]["by"], dispatch.by);
    assert_eq!(changes(&entries[0]).get("status"), Some(&(json!("pending"), json!("confirmed"))));

    let before = trail(&app).await.len();
    let assigned = dispatch
        .send(&app, "POST", &format!("/api/deliveries/{delivery}/assign"), Some(json!({"driver_id": driver})))
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    let delivery_entry = &history(&app, "deliveries", delivery).await[0];
    assert_eq!(delivery_entry["action"], "delivery_driver_assigned");
    assert_eq!(delivery_entry["by"], dispatch.by);
    assert_eq!(changes(delivery_entry).get("driver_id"), Some(&(Value::Null, json!(driver))));
    assert!(!changes(delivery_entry).contains_key("previous_driver_id"), "the event's extra data is no field");
    // The rule moved the driver: its entry names the same caller.
    let driver_entry = &history(&app, "drivers", driver).await[0];
    assert_eq!(driver_entry["action"], "driver_status_updated");
    assert_eq!(driver_entry["by"], dispatch.by);
    assert_eq!(changes(driver_entry).get("status"), Some(&(json!("available"), json!("on_delivery"))));
    assert_eq!(driver_entry["seq"].as_i64().unwrap(), delivery_entry["seq"].as_i64().unwrap() + 1);
    assert_eq!(trail(&app).await.len(), before + 2, "one entry per record the action changed");
}

#[actix_web::test]
async fn a_refused_or_rolled_back_write_leaves_no_entry() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Refused customer").await;
    let order = app.order(customer, "pending", Some("1 Main St"), 1000).await;
    let driver = available_driver(&app, "Ava Stone").await;
    let delivery = app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap();
    app.post(&format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})).await;
    app.post(&format!("/api/deliveries/{delivery}/status"), json!({"status": "picked_up"})).await;
    let before = trail(&app).await;
    let head = app.log_head().await;

    let refused = [
        app.post("/api/customers", json!({"name": "", "email": "not an email"})).await,
        app.post(&format!("/api/orders/{order}/status"), json!({"status": "pending"})).await,
        app.patch(&format!("/api/orders/{order}"), json!({"status_typo": 1})).await,
        app.delete(&format!("/api/customers/{customer}")).await,
        // The order's own change runs before its delivery's rule refuses it: rolled back whole.
        app.post(&format!("/api/orders/{order}/status"), json!({"status": "cancelled"})).await,
    ];
    for reply in &refused {
        assert!(reply.status.is_client_error(), "{} {}", reply.status, reply.body);
    }
    assert_eq!(refused[4].code(), "delivery_under_way", "{}", refused[4].body);
    let stale = app
        .client
        .patch(app.url(&format!("/api/customers/{customer}")))
        .insert_header(("If-Match", "\"99\""))
        .send_json(&json!({"notes": "stale"}))
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);

    assert_eq!(trail(&app).await, before, "no entry from a refused write");
    assert_eq!(app.log_head().await, head, "and no event");
}

#[actix_web::test]
async fn pruning_the_event_log_leaves_the_audit_trail_whole() {
    let app = TestApp::spawn_with(&["--log-retain-events=2", "--log-prune-secs=1"]).await;
    for n in 0..10 {
        app.create("customers", json!({"name": format!("C{n}"), "email": format!("c{n}@example.com")})).await;
    }
    eventually("the log pruned to two events", Duration::from_secs(10), || async {
        (app.gauge("switchboard_event_log_rows").await <= 2.0).then_some(())
    })
    .await;
    let entries = trail(&app).await;
    assert_eq!(entries.len(), 10, "every create's entry is still there");
    let seqs: Vec<i64> = entries.iter().map(|entry| entry["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=10).rev().collect::<Vec<i64>>(), "newest first, each with its event's seq");
}

#[actix_web::test]
async fn every_event_says_who_made_it_and_no_secret() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Framed customer").await;
    let order = app.order(customer, "pending", Some("1 Main St"), 1000).await;
    let dispatch = Caller::new(&app, "Dispatch desk", "dispatcher", None).await;
    let mut ws = app.connected("?topics=orders").await;

    let changed =
        dispatch.send(&app, "PATCH", &format!("/api/orders/{order}"), Some(json!({"notes": "ring twice"}))).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let frame = ws.next_of("order_updated").await;
    assert_eq!(frame["by"], dispatch.by);
    assert!(!frame.to_string().contains(&dispatch.secret));

    // Replayed from the log, the frame still says who.
    let mut resumed = app.connected(&format!("?topics=orders&since={}", frame["seq"].as_i64().unwrap() - 1)).await;
    assert_eq!(resumed.next_of("order_updated").await["by"], dispatch.by);
}

#[actix_web::test]
async fn a_stale_write_names_who_changed_the_record_and_their_values() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Contested customer").await;
    let order = app.order(customer, "pending", Some("1 Main St"), 1000).await;
    let dispatch = Caller::new(&app, "Dispatch desk", "dispatcher", None).await;
    let read = app.get(&format!("/api/orders/{order}")).await;
    let etag = read.header("etag").unwrap();

    let theirs = dispatch.send(&app, "PATCH", &format!("/api/orders/{order}"), Some(json!({"notes": "theirs"}))).await;
    assert_eq!(theirs.status, StatusCode::OK);
    let mine = app
        .client
        .patch(app.url(&format!("/api/orders/{order}")))
        .insert_header(("If-Match", etag))
        .send_json(&json!({"notes": "mine"}))
        .await
        .unwrap();
    let stale = Reply::from_response(mine).await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let details = &stale.body["error"]["details"];
    assert_eq!(details["changed_by"], dispatch.by, "{}", stale.body);
    assert_eq!(details["current"]["notes"], "theirs");
    assert_eq!(details["current_version"], theirs.body["version"]);
    assert!(details["changed_at"].as_str().is_some_and(|at| at.ends_with('Z')), "{details}");
    assert!(stale.body["error"]["message"].as_str().unwrap().contains("Dispatch desk"), "{}", stale.body);
}

#[actix_web::test]
async fn a_history_is_read_only_by_who_may_read_the_record() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Scoped customer").await;
    let mut drivers = Vec::new();
    let mut deliveries = Vec::new();
    for name in ["Own Driver", "Other Driver"] {
        let driver = available_driver(&app, name).await;
        let order = app.order(customer, "pending", Some("1 Main St"), 1000).await;
        let delivery = app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap();
        app.post(&format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})).await;
        drivers.push(driver);
        deliveries.push(delivery);
    }
    let driver = Caller::new(&app, "Own Driver's phone", "driver", Some(drivers[0])).await;
    let accountant = Caller::new(&app, "Accounts", "accountant", None).await;
    let dispatcher = Caller::new(&app, "Dispatch desk", "dispatcher", None).await;

    // Who asks, for what, and the status they get: written out, not asked of the server's table.
    let table: Vec<(&Caller, String, StatusCode)> = vec![
        (&driver, format!("/api/drivers/{}/history", drivers[0]), StatusCode::OK),
        (&driver, format!("/api/deliveries/{}/history", deliveries[0]), StatusCode::OK),
        (&driver, format!("/api/drivers/{}/history", drivers[1]), StatusCode::NOT_FOUND),
        (&driver, format!("/api/deliveries/{}/history", deliveries[1]), StatusCode::NOT_FOUND),
        (&driver, "/api/orders/1/history".to_owned(), StatusCode::FORBIDDEN),
        (&driver, "/api/audit".to_owned(), StatusCode::FORBIDDEN),
        (&accountant, format!("/api/drivers/{}/history", drivers[0]), StatusCode::FORBIDDEN),
        (&accountant, "/api/audit?collection=drivers".to_owned(), StatusCode::FORBIDDEN),
        (&accountant, "/api/audit".to_owned(), StatusCode::FORBIDDEN),
        (&accountant, format!("/api/customers/{customer}/history"), StatusCode::OK),
        (&dispatcher, format!("/api/drivers/{}/history", drivers[1]), StatusCode::OK),
        (&dispatcher, "/api/audit".to_owned(), StatusCode::FORBIDDEN),
        (&dispatcher, format!("/api/customers/{customer}/history"), StatusCode::OK),
        (&dispatcher, "/api/employees/1/history".to_owned(), StatusCode::FORBIDDEN),
    ];
    for (caller, path, expected) in table {
        let reply = caller.send(&app, "GET", &path, None).await;
        assert_eq!(reply.status, expected, "{} GET {path}: {}", caller.by["name"], reply.body);
    }
    let own = history_of(&driver.send(&app, "GET", &format!("/api/drivers/{}/history", drivers[0]), None).await);
    assert!(own.iter().all(|entry| entry["record_id"] == drivers[0]));
    assert_eq!(own[0]["action"], "driver_status_updated", "the assignment's rule moved the driver");
    // A record that never was has no history.
    assert_eq!(app.get("/api/orders/999999/history").await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn the_audit_filters_by_collection_record_token_and_day_and_pages() {
    let app = TestApp::spawn().await;
    let desk = Caller::new(&app, "Filter desk", "manager", None).await;
    let mut customers = Vec::new();
    for n in 0..5 {
        let body = json!({"name": format!("F{n}"), "email": format!("f{n}@example.com")});
        customers.push(desk.send(&app, "POST", "/api/customers", Some(body)).await.body["id"].as_i64().unwrap());
    }
    app.create("services", json!({"name": "By the admin", "price_cents": 100})).await;
    let token = desk.by["token_id"].as_i64().unwrap();

    let mine = history_of(&app.get(&format!("/api/audit?token_id={token}")).await);
    assert_eq!(mine.len(), 5);
    assert!(mine.iter().all(|entry| entry["by"] == desk.by && entry["collection"] == "customers"));
    assert_eq!(history_of(&app.get("/api/audit?collection=services").await).len(), 1);
    let one = history_of(&app.get(&format!("/api/audit?collection=customers&record={}", customers[2])).await);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["record_id"], customers[2]);

    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().unwrap();
    // The five customers, the service, and the desk's token made by the admin.
    assert_eq!(history_of(&app.get("/api/audit?collection=tokens").await).len(), 1);
    assert_eq!(history_of(&app.get(&format!("/api/audit?from={today}&to={today}")).await).len(), 7);
    assert_eq!(history_of(&app.get(&format!("/api/audit?to={yesterday}")).await).len(), 0);

    // Pages of two, newest first, each entry once.
    let mut seen = Vec::new();
    let mut path = "/api/audit?limit=2".to_owned();
    loop {
        let page = app.get(&path).await;
        seen.extend(history_of(&page).iter().map(|entry| entry["id"].as_i64().unwrap()));
        match page.body["next_after"].as_i64() {
            Some(after) => path = format!("/api/audit?limit=2&after={after}"),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    assert_eq!(seen, sorted, "newest first, no entry twice");
    assert_eq!(seen.len(), 7);

    for (query, parameter) in [
        ("collection=widgets", "collection"),
        ("record=3", "record"),
        ("limit=0", "limit"),
        ("from=yesterday", "from"),
        ("colour=red", "colour"),
    ] {
        let reply = app.get(&format!("/api/audit?{query}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}: {}", reply.body);
        assert_eq!(reply.code(), "bad_query", "{query}");
        assert!(
            reply.body["error"]["message"].as_str().unwrap().contains(parameter)
                || reply.body["error"]["details"].get(parameter).is_some(),
            "{query}: {}",
            reply.body
        );
    }
}

#[actix_web::test]
async fn the_audit_keeps_entries_for_its_retention_only_when_one_is_set() {
    let app = TestApp::spawn_with(&["--audit-retain-days=30", "--log-prune-secs=1"]).await;
    let old = app.customer("Long ago").await;
    let recent = app.customer("Lately").await;
    // Age the first customer's entry past the retention, as if made 40 days ago.
    age(&app, &format!("collection = 'customers' AND record_id = {old}"), 40).await;
    eventually("the aged entry pruned", Duration::from_secs(10), || async {
        history_of(&app.get("/api/audit?collection=customers").await).len().eq(&1).then_some(())
    })
    .await;
    assert_eq!(history(&app, "customers", recent).await.len(), 1, "the recent entry stays");
}

/// What to send each domain action in the catalogue, and the record it acts on: written out here,
/// so a new action without a row fails the walk below.
async fn action_call(app: &TestApp, collection: &str, name: &str) -> (String, Value, i64) {
    let customer = app.customer(&format!("{collection} {name} customer")).await;
    match (collection, name) {
        ("orders", "status") => {
            let order = app.order(customer, "pending", Some("1 Main St"), 1000).await;
            (format!("/api/orders/{order}/status"), json!({"status": "confirmed"}), order)
        }
        ("customers", "recompute") => {
            // A customer with an order is no longer `new`: the recompute changes them.
            app.order(customer, "confirmed", Some("1 Main St"), 1000).await;
            ("/api/customers/segments/recompute".to_owned(), json!({}), customer)
        }
        ("drivers", "location") => {
            let driver = available_driver(app, "Located").await;
            (format!("/api/drivers/{driver}/location"), json!({"lat": 47.6, "lng": -122.3}), driver)
        }
        ("drivers", "status") => {
            let driver = available_driver(app, "On a break").await;
            (format!("/api/drivers/{driver}/status"), json!({"status": "on_break"}), driver)
        }
        ("deliveries", "assign" | "status") => {
            let order = app.order(customer, "confirmed", Some("1 Main St"), 1000).await;
            let delivery = app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap();
            let driver = available_driver(app, "Assigned").await;
            if name == "assign" {
                (format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver}), delivery)
            } else {
                app.post(&format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})).await;
                (format!("/api/deliveries/{delivery}/status"), json!({"status": "picked_up"}), delivery)
            }
        }
        ("transit-batches", "initiate" | "complete") => {
            let order = app.order(customer, "confirmed", Some("1 Main St"), 1000).await;
            let batch = app
                .create("transit-batches", json!({"origin": "Depot", "destination": "Hub", "order_ids": [order]}))
                .await;
            let batch = batch["id"].as_i64().unwrap();
            if name == "complete" {
                app.post(&format!("/api/transit-batches/{batch}/initiate"), json!({})).await;
            }
            (format!("/api/transit-batches/{batch}/{name}"), json!({}), batch)
        }
        other => panic!("no call written for the action {other:?}: add its row"),
    }
}

#[actix_web::test]
async fn every_domain_action_leaves_entries_naming_the_caller() {
    let app = TestApp::spawn().await;
    let manager = Caller::new(&app, "Operations lead", "manager", None).await;
    let catalog = app.get("/api/catalog").await.body;
    let actions = catalog["actions"].as_array().expect("the catalogue lists actions");
    assert!(actions.len() >= 8);
    for action in actions {
        let (collection, name) = (action["collection"].as_str().unwrap(), action["name"].as_str().unwrap());
        let (path, body, record) = action_call(&app, collection, name).await;
        let before = trail(&app).await.first().map(|entry| entry["id"].as_i64().unwrap()).unwrap_or(0);
        let done = manager.send(&app, "POST", &path, Some(body)).await;
        assert_eq!(done.status, StatusCode::OK, "{path}: {}", done.body);
        let new: Vec<Value> =
            trail(&app).await.into_iter().filter(|entry| entry["id"].as_i64().unwrap() > before).collect();
        assert!(new.iter().all(|entry| entry["by"] == manager.by), "{path}: every entry names the caller: {new:?}");
        let own: Vec<&Value> =
            new.iter().filter(|entry| entry["collection"] == collection && entry["record_id"] == record).collect();
        assert_eq!(own.len(), 1, "{path}: one entry for the record it acted on: {new:?}");
        assert_eq!(own[0]["action"], action["event"], "{path}");
        assert!(!own[0]["changes"].as_array().unwrap().is_empty(), "{path}: it says what changed");
        let distinct: std::collections::BTreeSet<String> = new
            .iter()
            .map(|entry| format!("{} {} {}", entry["seq"], entry["collection"], entry["record_id"]))
            .collect();
        assert_eq!(distinct.len(), new.len(), "{path}: one entry per event and record");
    }
}

#[actix_web::test]
async fn making_and_revoking_a_token_is_audited_without_its_secret() {
    let app = TestApp::spawn().await;
    let security = Caller::new(&app, "Security officer", "admin", None).await;
    let made =
        security.send(&app, "POST", "/api/tokens", Some(json!({"name": "Night shift", "role": "dispatcher"}))).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let (id, secret) = (made.body["id"].as_i64().unwrap(), made.body["token"].as_str().unwrap().to_owned());
    let revoked = security.send(&app, "DELETE", &format!("/api/tokens/{id}"), None).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    // Revoking again changes nothing and leaves no entry.
    security.send(&app, "DELETE", &format!("/api/tokens/{id}"), None).await;

    let entries = history_of(&app.get(&format!("/api/audit?collection=tokens&record={id}")).await);
    let actions: Vec<&str> = entries.iter().map(|entry| entry["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["token_revoked", "token_created"]);
    assert!(entries.iter().all(|entry| entry["by"] == security.by && entry["seq"].is_null()));
    let created = changes(&entries[1]);
    assert_eq!(created.get("name"), Some(&(Value::Null, json!("Night shift"))));
    assert_eq!(created.get("role"), Some(&(Value::Null, json!("dispatcher"))));
    let revoked = changes(&entries[0]);
    assert_eq!(revoked.keys().collect::<Vec<_>>(), ["revoked_at"]);
    assert_eq!(revoked["revoked_at"].0, Value::Null);
    let text = app.get("/api/audit?collection=tokens").await.body.to_string();
    assert!(!text.contains(&secret) && !text.contains("hash"), "no secret in the trail: {text}");
}

#[actix_web::test]
async fn a_bulk_action_leaves_one_entry_per_record_and_none_when_refused() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Bulk customer").await;
    let mut orders = Vec::new();
    for _ in 0..3 {
        orders.push(app.order(customer, "pending", Some("1 Main St"), 1000).await);
    }
    let dispatch = Caller::new(&app, "Dispatch desk", "dispatcher", None).await;
    let before = trail(&app).await.len();

    let done = dispatch
        .send(&app, "POST", "/api/orders/bulk/status", Some(json!({"ids": orders, "status": "confirmed"})))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let entries = trail(&app).await;
    assert_eq!(entries.len(), before + 3);
    for (entry, order) in entries[..3].iter().zip(orders.iter().rev()) {
        assert_eq!((entry["record_id"].as_i64(), &entry["by"]), (Some(*order), &dispatch.by));
        assert_eq!(changes(entry).get("status"), Some(&(json!("pending"), json!("confirmed"))));
    }

    // A confirmed order cannot go back to pending: the whole request is refused.
    let refused =
        dispatch.send(&app, "POST", "/api/orders/bulk/status", Some(json!({"ids": orders, "status": "pending"}))).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(trail(&app).await.len(), before + 3, "a refused bulk leaves no entry");
}

/// Moves the entries `which` (an SQL condition) `days` back in time, as if made then.
async fn age(app: &TestApp, which: &str, days: i64) {
    let url = app.db.url.clone();
    let at = (chrono::Utc::now() - chrono::Duration::days(days)).naive_utc().format("%Y-%m-%d %H:%M:%S");
    let aged = format!("UPDATE audit SET at = '{at}' WHERE {which}");
    actix_web::web::block(move || {
        use diesel::RunQueryDsl;
        let pool = switchboard::db::build_pool(&url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        assert!(diesel::sql_query(aged).execute(&mut *conn).unwrap() > 0);
    })
    .await
    .unwrap();
}

#[actix_web::test]
async fn from_and_to_pick_the_days_of_a_trail_that_spans_several() {
    let app = TestApp::spawn().await;
    let mut customers = Vec::new();
    for n in 0..7 {
        customers.push(app.customer(&format!("Day {n}")).await);
    }
    // Entries 1-2 three days ago, 3-5 two days ago, 6-7 today: in id order, as they were made.
    age(&app, &format!("record_id <= {}", customers[1]), 3).await;
    age(&app, &format!("record_id > {} AND record_id <= {}", customers[1], customers[4]), 2).await;
    let day = |days: i64| (chrono::Utc::now() - chrono::Duration::days(days)).date_naive();
    let records = |query: String| {
        let app = &app;
        async move {
            let entries = history_of(&app.get(&format!("/api/audit?{query}")).await);
            let mut ids: Vec<i64> = entries.iter().map(|entry| entry["record_id"].as_i64().unwrap()).collect();
            ids.reverse();
            ids
        }
    };
    assert_eq!(records(format!("to={}", day(3))).await, customers[..2]);
    assert_eq!(records(format!("from={}&to={}", day(2), day(2))).await, customers[2..5]);
    assert_eq!(records(format!("from={}", day(2))).await, customers[2..]);
    assert_eq!(records(format!("from={}", day(0))).await, customers[5..]);
    assert_eq!(records(format!("from={}", day(-1))).await, Vec::<i64>::new());
    assert_eq!(records(format!("to={}", day(4))).await, Vec::<i64>::new());
    assert_eq!(records(format!("from={}&to={}", day(9), day(-9))).await, customers);
}
