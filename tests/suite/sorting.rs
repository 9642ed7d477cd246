//! `?sort=field` and `?sort=-field` on every list: each collection's sortable fields (walked from
//! `GET /api/catalog`) both ways against the same records sorted here, keyset pages across a sort,
//! and a 400 for a field that is not sortable.

use std::cmp::Ordering;

use actix_web::http::StatusCode;
use serde_json::{json, Value};

use crate::common::{ids, TestApp};

/// How two values of one field compare in a sort: numbers as numbers, text byte by byte,
/// `false` before `true`; records without a value come last in both directions.
fn compare(a: &Value, b: &Value, descending: bool) -> Ordering {
    let ordered = |ordering: Ordering| if descending { ordering.reverse() } else { ordering };
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        (Value::Number(a), Value::Number(b)) => ordered(a.as_f64().unwrap().total_cmp(&b.as_f64().unwrap())),
        (Value::String(a), Value::String(b)) => ordered(a.as_bytes().cmp(b.as_bytes())),
        (Value::Bool(a), Value::Bool(b)) => ordered(a.cmp(b)),
        (a, b) => panic!("a sortable field holds {a} and {b}"),
    }
}

/// `records` as a list sorted by `field` should be: by its value, then by id the same way.
fn sorted_here(records: &[Value], field: &str, descending: bool) -> Vec<i64> {
    let mut records = records.to_vec();
    records.sort_by(|a, b| {
        compare(&a[field], &b[field], descending).then_with(|| {
            let by_id = a["id"].as_i64().cmp(&b["id"].as_i64());
            if descending {
                by_id.reverse()
            } else {
                by_id
            }
        })
    });
    records.iter().map(|record| record["id"].as_i64().unwrap()).collect()
}

/// Every record of `collection` in the order `sort` asks, `limit` at a time by keyset (`after`).
async fn keyset(app: &TestApp, collection: &str, sort: &str, limit: usize) -> Vec<i64> {
    let mut all = Vec::new();
    let mut path = format!("/api/{collection}?sort={sort}&limit={limit}");
    loop {
        let page = app.get(&path).await;
        let ids = ids(&page);
        assert!(ids.len() <= limit, "{path}: {} records", ids.len());
        all.extend(ids);
        match page.body["next_after"].as_i64() {
            Some(after) => path = format!("/api/{collection}?sort={sort}&limit={limit}&after={after}"),
            None => return all,
        }
        assert!(all.len() <= 1000, "{collection} sorted by {sort} pages without end");
    }
}

/// Customers whose names collide, differ only in case or accents, or sort differently by bytes
/// than by a dictionary (`_`, `Z` before `a`), so text order is seen to be the same on both
/// databases; phones left out on some, so nulls meet the sort.
async fn awkward_customers(app: &TestApp) {
    for (n, name) in
        ["beta", "Beta", "beta", "alpha_2", "alpha2", "Zed", "émile", "Emile", "emile", "beta"].into_iter().enumerate()
    {
        let phone = if n % 3 == 0 { Value::Null } else { json!(format!("555-01{}", n % 2)) };
        let reply = app
            .post("/api/customers", json!({"name": name, "email": format!("sort{n}@example.com"), "phone": phone}))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
}

#[actix_web::test]
async fn every_sortable_field_of_every_list_sorts_both_ways_with_ties_by_id() {
    // Some thousand requests: no rate limit.
    let app = TestApp::spawn_with(&["--rate-limit-per-min=0"]).await;
    app.seed_demo().await.expect("demo data loads");
    awkward_customers(&app).await;
    let catalog = app.get("/api/catalog").await.body;
    let collections = catalog["collections"].as_array().expect("the catalogue lists collections");
    assert!(collections.len() > 1, "the catalogue lists the collections: {catalog}");

    for collection in collections {
        let name = collection["name"].as_str().unwrap();
        let everything = app.get(&format!("/api/{name}?limit=500")).await;
        let records = everything.body["items"].as_array().unwrap().clone();
        assert!(records.len() >= 3, "the demo has {name} to sort: {}", records.len());
        assert_eq!(everything.body["total"].as_u64(), Some(records.len() as u64), "{name} fits on one page");
        let fields = collection["sortable"].as_array().expect("each collection lists its sortable fields");
        assert_eq!(fields[0]["name"], "id", "{name}");
        for field in fields {
            let field = field["name"].as_str().unwrap();
            for descending in [false, true] {
                let sort = if descending { format!("-{field}") } else { field.to_owned() };
                let expected = sorted_here(&records, field, descending);
                let listed = app.get(&format!("/api/{name}?sort={sort}&limit=500")).await;
                assert_eq!(ids(&listed), expected, "{name} sorted by {sort}");
                assert_eq!(listed.body["total"].as_u64(), Some(records.len() as u64), "{name} sorted by {sort}");
                assert_eq!(keyset(&app, name, &sort, 4).await, expected, "{name} by {sort}, 4 at a time by keyset");
                let offset = app.get(&format!("/api/{name}?sort={sort}&limit=2&offset=1")).await;
                assert_eq!(ids(&offset), expected[1..3], "{name} by {sort} at offset 1");
            }
        }
    }
}

#[actix_web::test]
async fn text_sorts_byte_by_byte_on_both_databases() {
    let app = TestApp::spawn().await;
    awkward_customers(&app).await;
    let names = |reply: &crate::common::Reply| -> Vec<String> {
        reply.body["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
    };
    let ascending = app.get("/api/customers?sort=name").await;
    assert_eq!(
        names(&ascending),
        ["Beta", "Emile", "Zed", "alpha2", "alpha_2", "beta", "beta", "beta", "emile", "émile"],
        "{}",
        ascending.body
    );
    let descending = app.get("/api/customers?sort=-name").await;
    assert_eq!(
        names(&descending),
        ["émile", "emile", "beta", "beta", "beta", "alpha_2", "alpha2", "Zed", "Emile", "Beta"],
    );
    // The three "beta"s: by id, the same way as the sort.
    let betas = |reply: &crate::common::Reply| -> Vec<i64> {
        reply.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["name"] == "beta")
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    };
    let up = betas(&ascending);
    assert!(up.windows(2).all(|pair| pair[0] < pair[1]), "{up:?}");
    let down = betas(&descending);
    assert!(down.windows(2).all(|pair| pair[0] > pair[1]), "{down:?}");
    // Without a phone, last both ways.
    for sort in ["phone", "-phone"] {
        let phones: Vec<Value> = app.get(&format!("/api/customers?sort={sort}")).await.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["phone"].clone())
            .collect();
        assert_eq!(phones.iter().filter(|p| p.is_null()).count(), 4);
        assert!(phones[6..].iter().all(Value::is_null), "{sort}: {phones:?}");
    }
}

#[actix_web::test]
async fn keyset_pages_across_a_sort_continue_after_a_record_without_a_value() {
    let app = TestApp::spawn().await;
    awkward_customers(&app).await;
    let all = ids(&app.get("/api/customers?sort=-phone").await);
    // Pages of one: each cursor in turn, the last four of them records without a phone.
    assert_eq!(keyset(&app, "customers", "-phone", 1).await, all);
    assert_eq!(keyset(&app, "customers", "phone", 3).await, ids(&app.get("/api/customers?sort=phone").await));
}

#[actix_web::test]
async fn a_sort_the_collection_does_not_declare_is_a_bad_query_listing_what_it_accepts() {
    let app = TestApp::spawn().await;
    app.customer("Sorted").await;
    for sort in ["nope", "version", "-notes", "--name", "name-", "+name", "NAME"] {
        let reply = app.get(&format!("/api/customers?sort={sort}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{sort}: {}", reply.body);
        assert_eq!(reply.code(), "bad_query", "{sort}: {}", reply.body);
        assert!(reply.body["error"]["details"]["sort"].is_string(), "{sort}: {}", reply.body);
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(
                "id, -id, name, -name, email, -email, phone, -phone, segment, -segment, created_at, -created_at, \
                 updated_at, -updated_at"
            ),
            "{sort}: {message}"
        );
    }
    let gone = app.get("/api/customers?sort=name&after=999999").await;
    assert_eq!(gone.status, StatusCode::BAD_REQUEST, "{}", gone.body);
    assert!(gone.body["error"]["details"]["after"].is_string(), "{}", gone.body);
    // Empty is no sort: newest first, as without it.
    let newest = app.get("/api/customers?sort=").await;
    assert_eq!(newest.status, StatusCode::OK, "{}", newest.body);
}

/// `GET path` as `client` (another role's token): the status and the JSON body.
async fn get_as(app: &TestApp, client: &awc::Client, path: &str) -> (StatusCode, Value) {
    let mut response = client.get(app.url(path)).send().await.expect("GET reaches the server");
    let body: Value = response.json().await.expect("a JSON answer");
    (response.status(), body)
}

#[actix_web::test]
async fn a_drivers_cursor_must_be_a_record_of_its_own_list() {
    let app = TestApp::spawn().await;
    app.seed_demo().await.expect("demo data loads");
    let driver = app.client_as(Some(&app.token("driver", Some(2)).await));
    // Its own record is a cursor like any other: nothing follows it in a list of one.
    let (status, body) = get_as(&app, &driver, "/api/drivers?sort=name&after=2").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["items"], json!([]));
    // Another driver's record would say where that driver's name sorts: refused, as if absent.
    let (status, body) = get_as(&app, &driver, "/api/drivers?sort=name&after=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"]["details"]["after"].is_string(), "{body}");
    let other = ids(&app.get("/api/deliveries?driver_id=1&limit=1").await);
    assert_eq!(other.len(), 1, "the demo has a delivery of driver 1");
    let (status, body) = get_as(&app, &driver, &format!("/api/deliveries?sort=address&after={}", other[0])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"]["details"]["after"].is_string(), "{body}");
}
