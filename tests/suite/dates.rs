//! Dates in requests: both backends accept the years 0001 to 9999 in every body and filter, and
//! refuse the rest alike (422 naming the field, 400 `bad_query` in a query string), never 500.

use crate::common::{Reply, TestApp};
use actix_web::http::StatusCode;
use serde_json::{json, Value};

/// The first and last days of the range.
const INSIDE: [&str; 2] = ["0001-01-01", "9999-12-31"];
/// Just outside, far outside (PostgreSQL's own floor is 4714 BC), and past 9999.
const OUTSIDE: [&str; 5] = ["0000-12-31", "-4714-01-01", "-5000-01-01", "10000-01-01", "+10000-01-01"];

fn assert_invalid(reply: &Reply, field: &str, sent: &Value) {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{sent} should be a 422 naming {field}: {}", reply.body);
    assert_eq!(reply.code(), "validation_failed", "{}", reply.body);
    assert!(
        reply.body["error"]["details"][field].is_string(),
        "{sent}: the details should name {field}: {}",
        reply.body
    );
}

fn assert_bad_query(reply: &Reply, query: &str) {
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query} should be a 400: {}", reply.body);
    assert_eq!(reply.code(), "bad_query", "{query}: {}", reply.body);
}

fn invoice(fields: Value) -> Value {
    let mut body = json!({"kind": "payable", "counterparty": "Paper Co", "amount_cents": 100});
    body.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    body
}

fn expense(fields: Value) -> Value {
    let mut body = json!({"category": "travel", "amount_cents": 100, "expense_date": "2026-01-01"});
    body.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    body
}

#[actix_web::test]
async fn invoices_take_the_first_and_last_days_of_the_range() {
    let app = TestApp::spawn().await;
    for date in INSIDE {
        let created = app.create("invoices", invoice(json!({"issue_date": date, "due_date": date}))).await;
        assert_eq!(created["issue_date"], date);
        assert_eq!(created["due_date"], date);
        let path = format!("/api/invoices/{}", created["id"]);
        let reply = app.patch(&path, json!({"issue_date": "0001-01-01", "due_date": date})).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["issue_date"], "0001-01-01");
    }
}

#[actix_web::test]
async fn an_invoice_issued_on_the_last_day_is_due_that_day_by_default() {
    let app = TestApp::spawn().await;
    let created = app.create("invoices", invoice(json!({"issue_date": "9999-12-31"}))).await;
    assert_eq!(created["due_date"], "9999-12-31", "30 days later is past the range: {created}");
}

#[actix_web::test]
async fn invoice_dates_outside_the_range_are_refused_by_field() {
    let app = TestApp::spawn().await;
    let existing = app.create("invoices", invoice(json!({"issue_date": "2026-01-05"}))).await;
    let path = format!("/api/invoices/{}", existing["id"]);
    for date in OUTSIDE {
        for field in ["issue_date", "due_date"] {
            let body = invoice(json!({ field: date }));
            assert_invalid(&app.post("/api/invoices", body.clone()).await, field, &body);
            let changes = json!({ field: date });
            assert_invalid(&app.patch(&path, changes.clone()).await, field, &changes);
        }
    }
    assert_eq!(app.get(&path).await.body["version"], 1, "no refused change was stored");
}

#[actix_web::test]
async fn expenses_take_the_first_and_last_days_of_the_range() {
    let app = TestApp::spawn().await;
    for date in INSIDE {
        let created = app.create("expenses", expense(json!({"expense_date": date}))).await;
        assert_eq!(created["expense_date"], date);
        let path = format!("/api/expenses/{}", created["id"]);
        let reply = app.patch(&path, json!({"expense_date": date})).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let both = app.get("/api/expenses?from=0001-01-01&to=9999-12-31").await;
    assert_eq!(both.status, StatusCode::OK, "{}", both.body);
    assert_eq!(both.body["total"], 2, "{}", both.body);
    let first = app.get("/api/expenses?to=0001-01-01").await;
    assert_eq!(first.body["total"], 1, "{}", first.body);
}

#[actix_web::test]
async fn expense_dates_outside_the_range_are_refused_by_field() {
    let app = TestApp::spawn().await;
    let existing = app.create("expenses", expense(json!({}))).await;
    let path = format!("/api/expenses/{}", existing["id"]);
    for date in OUTSIDE {
        let body = expense(json!({"expense_date": date}));
        assert_invalid(&app.post("/api/expenses", body.clone()).await, "expense_date", &body);
        let changes = json!({"expense_date": date});
        assert_invalid(&app.patch(&path, changes.clone()).await, "expense_date", &changes);
    }
}

#[actix_web::test]
async fn date_filters_outside_the_range_are_bad_queries() {
    let app = TestApp::spawn().await;
    for collection in ["expenses", "orders"] {
        for date in INSIDE {
            for bound in ["from", "to"] {
                let query = format!("/api/{collection}?{bound}={date}");
                let reply = app.get(&query).await;
                assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
            }
        }
        for date in OUTSIDE {
            for bound in ["from", "to"] {
                // `+` in a query string is a space: send it escaped, as a client would.
                let query = format!("/api/{collection}?{bound}={}", date.replace('+', "%2B"));
                assert_bad_query(&app.get(&query).await, &query);
            }
        }
    }
}

#[actix_web::test]
async fn orders_up_to_the_last_day_include_todays() {
    let app = TestApp::spawn().await;
    let customer = app.create("customers", json!({"name": "Ada", "email": "ada@example.com"})).await;
    let items = json!([{"description": "Ironing", "quantity": 1, "unit_price_cents": 500}]);
    app.create("orders", json!({"customer_id": customer["id"], "items": items})).await;
    let reply = app.get("/api/orders?from=0001-01-01&to=9999-12-31").await;
    assert_eq!(reply.body["total"], 1, "{}", reply.body);
}

#[actix_web::test]
async fn budget_periods_outside_the_range_are_refused() {
    let app = TestApp::spawn().await;
    for period in ["0001-01", "9999-12"] {
        app.create("budgets", json!({"category": "travel", "period": period, "amount_cents": 100})).await;
        let reply = app.get(&format!("/api/budget-vs-actual?period={period}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{period}: {}", reply.body);
    }
    let body = json!({"category": "travel", "period": "0000-12", "amount_cents": 100});
    assert_invalid(&app.post("/api/budgets", body.clone()).await, "period", &body);
    assert_bad_query(&app.get("/api/budget-vs-actual?period=0000-12").await, "period=0000-12");
}
