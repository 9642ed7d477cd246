//! Customers over REST: the CRUD contract every collection shares, checked on one of them.

mod common;

use actix_web::http::StatusCode;
use common::TestApp;
use serde_json::json;

#[actix_web::test]
async fn create_read_update_delete_a_customer() {
    let app = TestApp::spawn().await;
    let reply = app.post("/api/customers", json!({"name": "Ada Lovelace", "email": "ada@example.com"})).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = reply.body["id"].as_i64().unwrap();
    assert_eq!(reply.header("location").as_deref(), Some(format!("/api/customers/{id}").as_str()));
    assert_eq!(reply.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(reply.body["version"], 1);
    assert_eq!(reply.body["segment"], "new");

    let got = app.get(&format!("/api/customers/{id}")).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["email"], "ada@example.com");
    assert!(got.seq() >= 1);

    let patched = app.patch(&format!("/api/customers/{id}"), json!({"phone": "+44 20 7946 0000"})).await;
    assert_eq!(patched.status, StatusCode::OK);
    assert_eq!(patched.body["version"], 2);
    assert_eq!(patched.body["phone"], "+44 20 7946 0000");
    assert_eq!(patched.body["name"], "Ada Lovelace");

    let list = app.get("/api/customers?q=lovel").await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["items"][0]["id"], id);

    assert_eq!(app.delete(&format!("/api/customers/{id}")).await.status, StatusCode::NO_CONTENT);
    let gone = app.get(&format!("/api/customers/{id}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.code(), "not_found");
}

#[actix_web::test]
async fn a_filter_value_outside_its_set_is_a_bad_query_not_an_empty_list() {
    let app = TestApp::spawn().await;
    for path in [
        "/api/orders?status=pendng",
        "/api/customers?segment=gold",
        "/api/invoices?kind=both",
        "/api/deliveries?status=lost",
        "/api/employees?role=ceo",
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}: {}", reply.body);
        assert_eq!(reply.code(), "bad_query");
        assert!(reply.body["error"]["message"].as_str().unwrap().contains("must be one of"), "{}", reply.body);
    }
    assert_eq!(app.get("/api/orders?status=pending").await.status, StatusCode::OK);
}

#[actix_web::test]
async fn null_clears_an_optional_field_but_is_refused_for_a_required_one() {
    let app = TestApp::spawn().await;
    let customer = app.create("customers", json!({"name": "Ada", "email": "ada@example.com", "phone": "123"})).await;
    let path = format!("/api/customers/{}", customer["id"]);
    let refused = app.patch(&path, json!({"name": null})).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body["error"]["details"]["name"].is_string(), "{}", refused.body);
    let cleared = app.patch(&path, json!({"phone": null})).await;
    assert_eq!(cleared.status, StatusCode::OK);
    assert_eq!(cleared.body["phone"], serde_json::Value::Null);
    assert_eq!(cleared.body["name"], "Ada");
    assert_eq!(cleared.body["version"], 2, "the refused change left the version alone");
}

/// The ids of a list page, in order.
fn page_ids(reply: &common::Reply) -> Vec<i64> {
    reply.body["items"].as_array().unwrap().iter().map(|item| item["id"].as_i64().unwrap()).collect()
}

/// Walks a list three records at a time with `after` (the last id of each page), as offset
/// pages would walk it.
async fn keyset_walk(app: &TestApp, collection: &str) -> Vec<i64> {
    let mut walked = Vec::new();
    let mut page = page_ids(&app.get(&format!("/api/{collection}?limit=3")).await);
    while let Some(&last) = page.last() {
        walked.extend(&page);
        page = page_ids(&app.get(&format!("/api/{collection}?limit=3&after={last}")).await);
    }
    walked
}

#[actix_web::test]
async fn keyset_pages_walk_a_list_as_offset_pages_do() {
    let app = TestApp::spawn().await;
    for n in 0..8 {
        app.create("customers", json!({"name": format!("Customer {n}"), "email": format!("c{n}@example.com")})).await;
        // Expenses are listed by date first: these go back and forth in time.
        let date = format!("2026-11-{:02}", [5, 1, 9, 1, 5, 3, 9, 2][n]);
        app.create("expenses", json!({"category": "fuel", "expense_date": date, "amount_cents": 100})).await;
    }
    for collection in ["customers", "expenses"] {
        let everything = page_ids(&app.get(&format!("/api/{collection}?limit=100")).await);
        assert_eq!(everything.len(), 8);
        assert_eq!(keyset_walk(&app, collection).await, everything, "{collection}");
        let deep = app.get(&format!("/api/{collection}?limit=3&after={}", everything[4])).await;
        assert_eq!(page_ids(&deep), everything[5..8], "{collection}");
        assert_eq!(deep.body["total"], 8, "the total counts the whole list");
    }
    assert_eq!(app.get("/api/customers?after=0").await.code(), "bad_query");
}
