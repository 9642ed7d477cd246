//! Dates in requests: both backends accept exactly `YYYY-MM-DD` in the years 0001 to 9999 in
//! every body and filter, and refuse the rest alike (422 naming the field, 400 `bad_query`
//! naming the parameter in a query string), never 500.

use crate::common::{Reply, TestApp};
use actix_web::http::StatusCode;
use serde_json::{json, Value};

/// The first and last days of the range.
const INSIDE: [&str; 2] = ["0001-01-01", "9999-12-31"];
/// Just outside, far outside (PostgreSQL's own floor is 4714 BC), and past 9999.
const OUTSIDE: [&str; 5] = ["0000-12-31", "-4714-01-01", "-5000-01-01", "10000-01-01", "+10000-01-01"];
/// What a lenient parser would take for 2024-01-01.
const LENIENT: [&str; 4] = [" 2024-01-01", "2024-1-1", "+002024-01-01", "2024-01-01 "];

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

/// A 400 `bad_query` whose message starts with `parameter` and whose details name it.
fn assert_bad_parameter(reply: &Reply, parameter: &str, query: &str) {
    assert_bad_query(reply, query);
    let message = reply.body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.starts_with(&format!("{parameter}: ")), "{query}: the message should name {parameter}: {message}");
    assert!(
        reply.body["error"]["details"][parameter].is_string(),
        "{query}: the details should name {parameter}: {}",
        reply.body
    );
}

/// `text` as a query-string value: spaces and `+` escaped, as a client would send them.
fn escaped(text: &str) -> String {
    text.replace(' ', "%20").replace('+', "%2B")
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

#[actix_web::test]
async fn dates_in_bodies_are_exactly_ten_characters() {
    let app = TestApp::spawn().await;
    let invoice_path = format!("/api/invoices/{}", app.create("invoices", invoice(json!({}))).await["id"]);
    let expense_path = format!("/api/expenses/{}", app.create("expenses", expense(json!({}))).await["id"]);
    for date in LENIENT {
        for field in ["issue_date", "due_date"] {
            let body = invoice(json!({ field: date }));
            assert_invalid(&app.post("/api/invoices", body.clone()).await, field, &body);
            let changes = json!({ field: date });
            assert_invalid(&app.patch(&invoice_path, changes.clone()).await, field, &changes);
        }
        let body = expense(json!({"expense_date": date}));
        assert_invalid(&app.post("/api/expenses", body.clone()).await, "expense_date", &body);
        let changes = json!({"expense_date": date});
        assert_invalid(&app.patch(&expense_path, changes.clone()).await, "expense_date", &changes);
    }
    assert_eq!(app.get(&invoice_path).await.body["version"], 1, "no refused change was stored");
    assert_eq!(app.get(&expense_path).await.body["version"], 1, "no refused change was stored");
    assert_eq!(app.get("/api/invoices").await.body["total"], 1);
    assert_eq!(app.get("/api/expenses").await.body["total"], 1);
}

#[actix_web::test]
async fn lenient_dates_in_filters_are_bad_queries_naming_the_parameter() {
    let app = TestApp::spawn().await;
    for collection in ["expenses", "orders"] {
        for date in LENIENT {
            for bound in ["from", "to"] {
                let query = format!("/api/{collection}?{bound}={}", escaped(date));
                assert_bad_parameter(&app.get(&query).await, bound, &query);
            }
        }
        let query = format!("/api/{collection}?from=2024-01-01&to=2024-02-30");
        assert_bad_parameter(&app.get(&query).await, "to", &query);
    }
}

#[actix_web::test]
async fn every_query_string_error_names_its_parameter() {
    let app = TestApp::spawn().await;
    for (query, parameter) in [
        ("/api/budget-vs-actual?period=2024-1", "period"),
        ("/api/budget-vs-actual?period=%202024-01", "period"),
        ("/api/budgets?period=2024-13", "period"),
        ("/api/orders?limit=ten", "limit"),
        ("/api/orders?limit=0", "limit"),
        ("/api/orders?offset=-1", "offset"),
        ("/api/orders?count=roughly", "count"),
        ("/api/orders?customer_id=first", "customer_id"),
        ("/api/orders?status=lost", "status"),
        ("/api/deliveries?unassigned=maybe", "unassigned"),
        ("/api/expenses?after=99", "after"),
        ("/api/live-tracking-drivers?status=asleep", "status"),
    ] {
        assert_bad_parameter(&app.get(query).await, parameter, query);
    }
}

#[actix_web::test]
async fn a_nul_in_a_filter_is_a_bad_query_naming_the_parameter() {
    let app = TestApp::spawn().await;
    for (query, parameter) in [("/api/expenses?category=fu%00el", "category"), ("/api/orders?limit=5&q=%00", "q")] {
        assert_bad_parameter(&app.get(query).await, parameter, query);
    }
}
