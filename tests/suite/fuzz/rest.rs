//! The REST fuzz: every write route with random and malformed bodies; no 5xx, the error shape
//! on every 4xx, and nothing half-written. Talking to the server included.

use std::collections::BTreeMap;

use crate::common::TestApp;
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use serde_json::{json, Value};

use super::bodies::{Body, Fuzzer};
use super::model::{load_model, Model};
use super::rng::{settings, Rng, SeedReport};
use super::schemas::{write_endpoints, Endpoint};

pub(super) async fn send(
    app: &TestApp,
    method: &Method,
    path: &str,
    body: Option<&Body>,
    if_match: Option<&str>,
) -> (StatusCode, Bytes) {
    let mut request = app.client.request(method.clone(), app.url(path));
    if let Some(tag) = if_match {
        request = request.insert_header(("If-Match", tag));
    }
    let sent = match body {
        Some(body) => {
            if let Some(content_type) = body.content_type {
                request = request.insert_header(("Content-Type", content_type));
            }
            request.send_body(body.bytes.clone()).await
        }
        None => request.send().await,
    };
    let mut response = sent.unwrap_or_else(|e| panic!("{method} {path} reaches the server: {e}"));
    let bytes = response.body().limit(64 << 20).await.expect("the answer arrives");
    (response.status(), bytes)
}

/// Asserts a 4xx answer is `{"error":{"code":…,"message":…}}`.
pub(super) fn assert_error_shape(what: &str, status: StatusCode, bytes: &Bytes) {
    let body: Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|_| panic!("{what}: a {status} answer that is not JSON: {:?}", String::from_utf8_lossy(bytes)));
    let error = &body["error"];
    assert!(
        error["code"].as_str().is_some_and(|c| !c.is_empty()) && error["message"].as_str().is_some(),
        "{what}: a {status} answer without the error shape: {body}"
    );
}

#[actix_web::test]
pub(super) async fn random_and_malformed_writes_never_fail_the_server_or_half_write() {
    let (seed, cases) = settings();
    let _report = SeedReport { test: "random_and_malformed_writes_never_fail_the_server_or_half_write", seed, cases };
    let started = std::time::Instant::now();
    let app = TestApp::spawn_with(&["--rate-limit-per-min=0"]).await;
    app.seed_demo().await.expect("the demo data loads");
    let endpoints = write_endpoints(&app).await;
    // 11 collections × (POST, PATCH, DELETE) and the 8 actions.
    assert!(endpoints.len() >= 41, "the document lists every write route ({})", endpoints.len());
    let mut model = load_model(&app, &endpoints).await;
    let before = app.log_head().await;

    let mut fuzzer = Fuzzer { rng: Rng::new(seed), target_status: None, counter: 0 };
    let mut successes = 0i64;
    let mut by_status: BTreeMap<u16, usize> = BTreeMap::new();
    let mut by_route: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    // First every field of every body with each edge value, then the random cases.
    let systematic: Vec<(usize, String, Value)> = endpoints
        .iter()
        .enumerate()
        .flat_map(|(index, endpoint)| {
            let props = endpoint.body.clone().unwrap_or_default();
            props
                .into_iter()
                .flat_map(move |prop| edges().into_iter().map(move |edge| (index, prop.name.clone(), edge)))
        })
        .collect();
    let total = systematic.len() + cases;
    for case in 0..total {
        let (endpoint, id, body, if_match) = if let Some((index, field, edge)) = systematic.get(case) {
            let endpoint = endpoints[*index].clone();
            let id = endpoint.has_id().then(|| fuzzer.id(&model, &endpoint.collection));
            fuzzer.target_status = known_status(&model, &endpoint, id.as_deref());
            let props = endpoint.body.clone().unwrap_or_default();
            let mut body = fuzzer.valid_body(&model, &endpoint, &props, true);
            body.insert(field.clone(), edge.clone());
            let body = Body {
                bytes: serde_json::to_vec(&body).unwrap(),
                content_type: Some("application/json"),
                kind: "edge value",
            };
            (endpoint, id, Some(body), None)
        } else {
            // Deletes succeed too easily: fewer of them, or the records run out.
            let endpoint = loop {
                let endpoint = fuzzer.rng.pick(&endpoints).clone();
                if endpoint.method != Method::DELETE || fuzzer.rng.chance(40) {
                    break endpoint;
                }
            };
            let id = endpoint.has_id().then(|| fuzzer.id(&model, &endpoint.collection));
            fuzzer.target_status = known_status(&model, &endpoint, id.as_deref());
            // DELETE and the body-less actions ignore a body; send one now and then anyway.
            let body = if endpoint.body.is_some() || fuzzer.rng.chance(20) {
                Some(fuzzer.body(&model, &endpoint))
            } else {
                None
            };
            let if_match = id.as_deref().and_then(|id| fuzzer.if_match(&model, &endpoint.collection, id));
            (endpoint, id, body, if_match)
        };
        let path = match &id {
            Some(id) => endpoint.template.replace("{id}", id),
            None => endpoint.template.clone(),
        };
        let (status, bytes) = send(&app, &endpoint.method, &path, body.as_ref(), if_match.as_deref()).await;
        let what = format!(
            "case {case}: {} {path} ({} body{}) {}",
            endpoint.method,
            body.as_ref().map_or("no", |b| b.kind),
            if_match.as_deref().map(|t| format!(", If-Match {t}")).unwrap_or_default(),
            body.as_ref()
                .map(|b| String::from_utf8_lossy(&b.bytes[..b.bytes.len().min(300)]).into_owned())
                .unwrap_or_default()
        );
        *by_status.entry(status.as_u16()).or_default() += 1;
        let route = by_route.entry(endpoint.label()).or_default();
        route.0 += 1;
        assert!(
            !status.is_server_error(),
            "{what}: answered {status}: {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(500)])
        );
        if status.is_client_error() {
            assert_error_shape(&what, status, &bytes);
            continue;
        }
        assert!(status.is_success(), "{what}: answered {status}");
        successes += 1;
        route.1 += 1;
        let record: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{what}: a 2xx answer that is not JSON: {e}"))
        };
        apply(&mut model, &endpoint, id.as_deref(), status, &record, &what);
        if endpoint.action.is_some() && ["deliveries", "transit-batches"].contains(&endpoint.collection.as_str()) {
            // A delivery's or batch's action may move its drivers and orders along (README,
            // "Rules between records"); each such change is a version and an event of its own.
            for collection in ["drivers", "orders"] {
                catch_up(&app, &mut model, collection).await;
            }
        }
        if endpoint.action.is_some() && endpoint.collection == "orders" {
            // Cancelling an order cancels its delivery and may free that delivery's driver.
            for collection in ["deliveries", "drivers"] {
                catch_up(&app, &mut model, collection).await;
            }
        }
        if endpoint.method == Method::DELETE && endpoint.collection == "deliveries" {
            // Deleting a delivery under way frees its driver.
            catch_up(&app, &mut model, "drivers").await;
        }
        if case % 250 == 249 {
            read_everything(&app, &format!("after case {case}")).await;
        }
    }

    let after = app.log_head().await;
    println!(
        "fuzz: seed {seed}, {} edge cases and {cases} random cases, {successes} succeeded, log {before} -> {after}, statuses {by_status:?}, {:.1} s",
        systematic.len(),
        started.elapsed().as_secs_f64()
    );
    for (route, (tried, succeeded)) in &by_route {
        println!("  {route:<45} {tried:>4} tried {succeeded:>4} succeeded");
    }
    assert_eq!(
        after - before,
        successes + model.side_events,
        "every 2xx write appended its event (and one per expense an employee's delete detached), \
         every failed one none (log {before} -> {after})"
    );
    assert!(successes > (cases / 20) as i64, "the fuzz made real changes too ({successes})");
    assert!(by_status.keys().any(|s| *s == 422) && by_status.keys().any(|s| *s == 400), "{by_status:?}");

    // Every record the fuzzer knows is at the version the successful changes made it, and
    // every record it deleted is gone.
    let mut checked = 0;
    for (collection, records) in &model.records {
        for (id, rec) in records {
            let reply = app.get(&format!("/api/{collection}/{id}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{collection} {id}: {}", reply.body);
            assert_eq!(
                reply.body["version"], rec.version,
                "{collection} {id}: the version counts exactly the successful changes: {}",
                reply.body
            );
            assert_eq!(reply.header("etag"), Some(format!("\"{}\"", rec.version)));
            checked += 1;
        }
    }
    for (collection, id) in &model.deleted {
        let reply = app.get(&format!("/api/{collection}/{id}")).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "deleted {collection} {id}: {}", reply.body);
    }
    println!("fuzz: {checked} records at their expected version, {} deleted ones gone", model.deleted.len());

    read_everything(&app, "after the fuzz").await;
    app.stop();
}

/// Whatever the fuzz stored, every list and view still reads.
pub(super) async fn read_everything(app: &TestApp, when: &str) {
    let doc = app.get("/api/openapi.json").await.body;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if item.get("get").is_none() || path.contains('{') {
            continue;
        }
        let reply = app.get(path).await;
        assert!(reply.status.is_success(), "GET {path} {when}: {} {}", reply.status, reply.body);
        // Filters with a NUL character in them are refused, never a server error.
        let odd = format!("{path}?q=%00&status=a%00&category=%00&period=%00");
        let reply = app.get(&odd).await;
        assert!(reply.status.is_client_error(), "GET {odd} {when}: {} {}", reply.status, reply.body);
        assert_error_shape(&format!("GET {odd}"), reply.status, &serde_json::to_vec(&reply.body).unwrap().into());
    }
}

/// Each field of each body gets each of these once.
pub(super) fn edges() -> Vec<Value> {
    vec![
        json!(i64::MAX),
        json!(-1),
        json!(1.5),
        json!("12"),
        Value::Null,
        json!({"a": [1]}),
        json!(""),
        json!("z".repeat(2_001)),
    ]
}

pub(super) fn known_status(model: &Model, endpoint: &Endpoint, id: Option<&str>) -> Option<String> {
    let id: i64 = id?.parse().ok()?;
    model.records.get(&endpoint.collection)?.get(&id)?.status.clone()
}

/// Brings the model's records of `collection` up to date with changes the fuzzer did not make
/// itself (the consequences of another record's action), counting each as a side event.
pub(super) async fn catch_up(app: &TestApp, model: &mut Model, collection: &str) {
    for (id, known) in model.records.entry(collection.to_owned()).or_default().iter_mut() {
        let reply = app.get(&format!("/api/{collection}/{id}")).await;
        if reply.status != StatusCode::OK {
            continue;
        }
        let current = Model::rec(&reply.body);
        assert!(current.version >= known.version, "{collection} {id} went back from version {}", known.version);
        model.side_events += current.version - known.version;
        *known = current;
    }
}

/// Applies a successful write to the model, checking the version it answered.
pub(super) fn apply(
    model: &mut Model,
    endpoint: &Endpoint,
    id: Option<&str>,
    status: StatusCode,
    record: &Value,
    what: &str,
) {
    let collection = endpoint.collection.as_str();
    let id: Option<i64> = id.map(|id| id.parse().unwrap_or_else(|_| panic!("{what}: succeeded on id {id:?}")));
    match (&endpoint.method, &endpoint.action, id) {
        (&Method::POST, None, None) => {
            assert_eq!(status, StatusCode::CREATED, "{what}");
            let new_id = record["id"].as_i64().unwrap_or_else(|| panic!("{what}: no id in {record}"));
            assert_eq!(record["version"], 1, "{what}: a new record starts at version 1");
            let previous = model.records.entry(collection.to_owned()).or_default().insert(new_id, Model::rec(record));
            assert!(previous.is_none(), "{what}: created an id that already existed");
        }
        (&Method::DELETE, None, Some(id)) => {
            assert_eq!(status, StatusCode::NO_CONTENT, "{what}");
            let removed = model.records.get_mut(collection).and_then(|r| r.remove(&id));
            assert!(removed.is_some(), "{what}: deleted a record the fuzzer did not know");
            model.deleted.push((collection.to_owned(), id));
            if collection == "employees" {
                // Their expenses are detached, each change counted in its version.
                for expense in model.records.entry("expenses".into()).or_default().values_mut() {
                    if expense.employee_id == Some(id) {
                        expense.version += 1;
                        expense.employee_id = None;
                        model.side_events += 1;
                    }
                }
            }
        }
        (&Method::PATCH, None, Some(id)) | (&Method::POST, Some(_), Some(id)) => {
            assert_eq!(status, StatusCode::OK, "{what}");
            let known = model
                .records
                .get_mut(collection)
                .and_then(|r| r.get_mut(&id))
                .unwrap_or_else(|| panic!("{what}: changed a record the fuzzer did not know"));
            known.version += 1;
            let answered = Model::rec(record);
            assert_eq!(answered.version, known.version, "{what}: one change, one version: {record}");
            *known = answered;
        }
        (&Method::POST, Some(action), None) if action == "segments/recompute" => {
            assert_eq!(status, StatusCode::OK, "{what}");
            let customers = model.records.entry("customers".into()).or_default();
            for changed in record["customers"].as_array().expect("the recompute lists the changed customers") {
                let id = changed["id"].as_i64().unwrap();
                let known = customers.get_mut(&id).unwrap_or_else(|| panic!("{what}: changed unknown customer {id}"));
                known.version += 1;
                assert_eq!(changed["version"], known.version, "{what}: {changed}");
            }
        }
        other => panic!("{what}: a write route the fuzzer cannot account for: {other:?}"),
    }
}
