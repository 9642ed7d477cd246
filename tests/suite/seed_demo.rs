//! `switchboard seed-demo`: after it, every list, view and state a new user can open has
//! examples, checked through the REST API; a second run changes nothing.

use std::collections::BTreeSet;

use crate::common::{TestApp, COLLECTIONS};
use actix_web::http::StatusCode;
use serde_json::Value;

async fn body(app: &TestApp, path: &str) -> Value {
    let reply = app.get(path).await;
    assert_eq!(reply.status, StatusCode::OK, "GET {path}: {}", reply.body);
    reply.body
}

async fn total(app: &TestApp, path: &str) -> i64 {
    body(app, path).await["total"].as_i64().unwrap_or_else(|| panic!("GET {path} is a list"))
}

fn items(view: &Value) -> &Vec<Value> {
    view["items"].as_array().unwrap_or_else(|| panic!("a list of items: {view}"))
}

#[actix_web::test]
async fn the_demo_seed_gives_every_list_view_and_state_examples() {
    let app = TestApp::spawn().await;
    for collection in COLLECTIONS {
        assert_eq!(total(&app, &format!("/api/{collection}")).await, 0, "{collection} starts empty");
    }
    let summary = app.seed_demo().await.expect("an empty database is seeded");
    assert!(summary.contains("orders"), "{summary}");

    for collection in COLLECTIONS {
        assert!(total(&app, &format!("/api/{collection}")).await > 0, "{collection} has examples");
    }

    // Orders in every status of the workflow.
    for status in ["pending", "confirmed", "in_progress", "ready", "out_for_delivery", "delivered", "cancelled"] {
        assert!(total(&app, &format!("/api/orders?status={status}")).await > 0, "an order that is {status}");
    }

    // Several drivers with positions, in several states.
    let drivers = body(&app, "/api/drivers?limit=500").await;
    let positioned = items(&drivers).iter().filter(|d| d["lat"].is_f64() && d["lng"].is_f64()).count();
    assert!(positioned >= 3, "several drivers have positions: {drivers}");
    let states: BTreeSet<&str> = items(&drivers).iter().map(|d| d["status"].as_str().unwrap()).collect();
    assert!(states.len() >= 3, "drivers in several states: {states:?}");

    // Deliveries assigned and not, in several states.
    assert!(total(&app, "/api/deliveries?unassigned=true").await > 0, "an unassigned delivery");
    let deliveries = body(&app, "/api/deliveries?limit=500").await;
    assert!(items(&deliveries).iter().any(|d| d["driver_id"].is_i64()), "an assigned delivery");
    assert!(items(&deliveries).iter().any(|d| d["driver_id"].is_null()), "an unassigned delivery");
    for status in ["pending", "assigned", "picked_up", "in_transit", "delivered"] {
        assert!(total(&app, &format!("/api/deliveries?status={status}")).await > 0, "a delivery that is {status}");
    }

    // Transit batches in each state, with their orders.
    for status in ["planned", "in_transit", "completed"] {
        let batches = body(&app, &format!("/api/transit-batches?status={status}")).await;
        assert!(!items(&batches).is_empty(), "a transit batch that is {status}");
        assert!(items(&batches).iter().all(|b| !b["order_ids"].as_array().unwrap().is_empty()), "{batches}");
    }

    // Overdue invoices on both sides.
    for (view, kind) in [("accounts-receivable", "receivable"), ("accounts-payable", "payable")] {
        let summary = body(&app, &format!("/api/{view}")).await;
        assert!(summary["open_count"].as_i64().unwrap() > 0, "{view}: {summary}");
        assert!(summary["overdue_count"].as_i64().unwrap() > 0, "{view} has overdue invoices: {summary}");
        assert!(summary["overdue_total_cents"].as_i64().unwrap() > 0, "{view}: {summary}");
        assert!(total(&app, &format!("/api/invoices?kind={kind}&overdue=true")).await > 0, "overdue {kind}");
    }
    for status in ["draft", "open", "paid"] {
        assert!(total(&app, &format!("/api/invoices?status={status}")).await > 0, "an invoice that is {status}");
    }

    // Budgets with expenses against them, some over budget.
    let budgets = body(&app, "/api/budget-vs-actual").await;
    assert!(budgets["totals"]["actual_cents"].as_i64().unwrap() > 0, "{budgets}");
    assert!(items(&budgets).iter().any(|b| b["actual_cents"].as_i64().unwrap() > 0), "{budgets}");
    assert!(items(&budgets).iter().any(|b| b["over_budget"] == true), "a budget over its amount: {budgets}");
    assert!(items(&budgets).iter().any(|b| b["over_budget"] == false), "a budget within its amount: {budgets}");
    let periods: BTreeSet<&str> = items(&budgets).iter().map(|b| b["period"].as_str().unwrap()).collect();
    for period in &periods {
        let month = body(&app, &format!("/api/budget-vs-actual?period={period}")).await;
        assert!(month["totals"]["actual_cents"].as_i64().unwrap() > 0, "expenses in {period}: {month}");
    }

    // Inventory: low and out of stock.
    let kpis = body(&app, "/api/inventory-kpis").await;
    assert!(kpis["low_stock_count"].as_i64().unwrap() > 0, "{kpis}");
    assert!(kpis["out_of_stock_count"].as_i64().unwrap() > 0, "{kpis}");
    let inventory = body(&app, "/api/inventory-items").await;
    let stock: BTreeSet<&str> = items(&inventory).iter().map(|i| i["stock_state"].as_str().unwrap()).collect();
    assert_eq!(stock, BTreeSet::from(["in_stock", "low", "out"]), "{inventory}");

    // Live tracking: orders on the road with their driver's position, drivers on shift.
    let tracked_orders = body(&app, "/api/live-tracking-orders").await;
    assert!(!items(&tracked_orders).is_empty(), "{tracked_orders}");
    assert!(items(&tracked_orders).iter().any(|o| o["driver_id"].is_i64() && o["lat"].is_f64()), "{tracked_orders}");
    let tracked_drivers = body(&app, "/api/live-tracking-drivers").await;
    assert!(!items(&tracked_drivers).is_empty(), "{tracked_drivers}");
    assert!(items(&tracked_drivers).iter().all(|d| d["status"] != "offline"), "{tracked_drivers}");

    // Customers in several segments.
    let customers = body(&app, "/api/customers?limit=500").await;
    let segments: BTreeSet<&str> = items(&customers).iter().map(|c| c["segment"].as_str().unwrap()).collect();
    assert!(segments.len() >= 3, "customers in several segments: {segments:?}");
}

#[actix_web::test]
async fn a_second_demo_seed_changes_nothing() {
    let app = TestApp::spawn().await;
    assert!(app.seed_demo().await.is_some());
    let head = app.get("/healthz").await.body["seq"].clone();
    let mut before = Vec::new();
    for collection in COLLECTIONS {
        before.push(body(&app, &format!("/api/{collection}?limit=500")).await);
    }

    assert_eq!(app.seed_demo().await, None, "a database that holds records is not seeded again");

    for (collection, before) in COLLECTIONS.iter().zip(before) {
        let after = body(&app, &format!("/api/{collection}?limit=500")).await;
        assert_eq!(after, before, "{collection} is unchanged");
    }
    assert_eq!(app.get("/healthz").await.body["seq"], head, "no events either");
}

#[actix_web::test]
async fn the_seed_scenarios_work_on_the_demo_data_and_refusals_name_the_record() {
    let app = TestApp::spawn().await;
    app.seed_demo().await.expect("demo data loads");

    // Scenario 3, "delete a service": the demo has services on no order, and they go.
    let gift = body(&app, "/api/services?q=Gift%20wrapping").await["items"][0].clone();
    assert_eq!(gift["name"], "Gift wrapping");
    let deleted = app.delete(&format!("/api/services/{}", gift["id"])).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    // One on orders is refused by its name, with what to do instead.
    let courier = body(&app, "/api/services?q=Same-day").await["items"][0].clone();
    let refused = app.delete(&format!("/api/services/{}", courier["id"])).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.code(), "in_use");
    let message = refused.body["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("Same-day courier is on "), "{message}");
    assert!(message.contains(" orders. Deactivate it instead"), "{message}");

    // A customer with no orders may go; one with orders is refused by name.
    let willow = body(&app, "/api/customers?q=Willow").await["items"][0].clone();
    assert_eq!(app.delete(&format!("/api/customers/{}", willow["id"])).await.status, StatusCode::NO_CONTENT);
    let northwind = body(&app, "/api/customers?q=Northwind").await["items"][0].clone();
    let refused = app.delete(&format!("/api/customers/{}", northwind["id"])).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let message = refused.body["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("Northwind Traders has "), "{message}");
}
