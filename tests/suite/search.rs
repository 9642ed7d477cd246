//! `q` finds what users type: an order by its number or its customer's name, an invoice by its
//! customer's name, a delivery by its order's number or its driver's name, in any case, and
//! nothing unrelated.

use crate::common::{ids, TestApp};
use actix_web::http::StatusCode;
use serde_json::{json, Value};

fn id_of(record: &Value) -> i64 {
    record["id"].as_i64().unwrap_or_else(|| panic!("a record with an id: {record}"))
}

/// A driver called `name` who is available (so assigning a delivery to them needs no override).
async fn available_driver(app: &TestApp, name: &str) -> i64 {
    let driver = id_of(&app.create("drivers", json!({"name": name})).await);
    let reply = app.post(&format!("/api/drivers/{driver}/status"), json!({"status": "available"})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    driver
}

#[actix_web::test]
async fn q_finds_an_order_by_its_customers_name_and_by_its_number() {
    let app = TestApp::spawn().await;
    let duval = app.customer("Marguerite Duval").await;
    let stone = app.customer("Bob Stone").await;
    let duvals = app.order(duval, "pending", Some("Rue de Rivoli"), 1000).await;
    let stones = app.order(stone, "pending", Some("Elm Street"), 2000).await;
    let stones_later = app.order(stone, "confirmed", None, 3000).await;

    // By the customer's name, any part of it, in any case; newest first.
    assert_eq!(ids(&app.get("/api/orders?q=duval").await), vec![duvals]);
    assert_eq!(ids(&app.get("/api/orders?q=MARGUERITE").await), vec![duvals]);
    assert_eq!(ids(&app.get("/api/orders?q=b%20sto").await), vec![stones_later, stones]);
    // By its number, as written on screen or without the sign.
    assert_eq!(ids(&app.get(&format!("/api/orders?q={stones}")).await), vec![stones]);
    assert_eq!(ids(&app.get(&format!("/api/orders?q=%23{stones}")).await), vec![stones]);
    assert_eq!(ids(&app.get(&format!("/api/orders?q=%20%23{duvals}%20")).await), vec![duvals]);
    // The address and the notes are still searched.
    assert_eq!(ids(&app.get("/api/orders?q=rivoli").await), vec![duvals]);
    // Nothing unrelated: no such customer, no such number, a number with more after it.
    assert_eq!(ids(&app.get("/api/orders?q=dupont").await), Vec::<i64>::new());
    assert_eq!(ids(&app.get("/api/orders?q=%23987654").await), Vec::<i64>::new());
    assert_eq!(ids(&app.get(&format!("/api/orders?q=%23{stones}x")).await), Vec::<i64>::new());
    assert_eq!(ids(&app.get("/api/orders?q=%2399999999999999999999").await), Vec::<i64>::new());
    // With the other filters, all must hold.
    assert_eq!(ids(&app.get("/api/orders?q=stone&status=confirmed").await), vec![stones_later]);
    assert_eq!(ids(&app.get(&format!("/api/orders?q=stone&customer_id={duval}")).await), Vec::<i64>::new());
    // A customer renamed: their orders are found by the new name, no longer by the old.
    let renamed = app.patch(&format!("/api/customers/{duval}"), json!({"name": "Marguerite Lefebvre"})).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(ids(&app.get("/api/orders?q=lefebvre").await), vec![duvals]);
    assert_eq!(ids(&app.get("/api/orders?q=duval").await), Vec::<i64>::new());
    app.stop();
}

#[actix_web::test]
async fn q_finds_an_invoice_by_its_customers_name() {
    let app = TestApp::spawn().await;
    let duval = app.customer("Marguerite Duval").await;
    let stone = app.customer("Bob Stone").await;
    let billed = |customer: i64, counterparty: &str| json!({"kind": "receivable", "customer_id": customer, "counterparty": counterparty, "amount_cents": 5000});
    let duvals = id_of(&app.create("invoices", billed(duval, "Accounts department")).await);
    let stones = id_of(&app.create("invoices", billed(stone, "Stone & Sons")).await);
    let fuel = id_of(
        &app.create("invoices", json!({"kind": "payable", "counterparty": "Cascade Fuel", "amount_cents": 900})).await,
    );

    assert_eq!(ids(&app.get("/api/invoices?q=duval").await), vec![duvals]);
    assert_eq!(ids(&app.get("/api/invoices?q=Marguerite%20D").await), vec![duvals]);
    assert_eq!(ids(&app.get("/api/invoices?q=stone").await), vec![stones]);
    // The counterparty and the number as before.
    assert_eq!(ids(&app.get("/api/invoices?q=CASCADE").await), vec![fuel]);
    let number = app.get(&format!("/api/invoices/{stones}")).await.body["number"].as_str().unwrap().to_owned();
    assert_eq!(ids(&app.get(&format!("/api/invoices?q={number}")).await), vec![stones]);
    assert_eq!(ids(&app.get("/api/invoices?q=dupont").await), Vec::<i64>::new());
    app.stop();
}

#[actix_web::test]
async fn q_finds_a_delivery_by_its_drivers_name_and_its_orders_number() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Byron").await;
    let sofia = available_driver(&app, "Sofia Marquez").await;
    let noah = available_driver(&app, "Noah Kim").await;
    let mut deliveries = Vec::new();
    let mut orders = Vec::new();
    for (address, driver) in [("Harbor Road", Some(sofia)), ("Mill Lane", Some(noah)), ("Quay Side", None)] {
        let order = app.order(customer, "pending", None, 1500).await;
        let delivery = id_of(&app.create("deliveries", json!({"order_id": order, "address": address})).await);
        if let Some(driver) = driver {
            let reply = app.post(&format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
        orders.push(order);
        deliveries.push(delivery);
    }
    let [to_harbor, to_mill, to_quay] = deliveries[..] else { unreachable!() };

    assert_eq!(ids(&app.get("/api/deliveries?q=marquez").await), vec![to_harbor]);
    assert_eq!(ids(&app.get("/api/deliveries?q=NOAH").await), vec![to_mill]);
    assert_eq!(ids(&app.get(&format!("/api/deliveries?q=%23{}", orders[2])).await), vec![to_quay]);
    assert_eq!(ids(&app.get(&format!("/api/deliveries?q={}", orders[1])).await), vec![to_mill]);
    assert_eq!(ids(&app.get("/api/deliveries?q=harbor").await), vec![to_harbor]);
    assert_eq!(ids(&app.get("/api/deliveries?q=dupont").await), Vec::<i64>::new());
    assert_eq!(ids(&app.get("/api/deliveries?q=noah&unassigned=true").await), Vec::<i64>::new());

    // A driver searching sees only their own deliveries, whatever they type.
    let token = app.token("driver", Some(sofia)).await;
    let as_sofia = app.client_as(Some(&token));
    for (q, expected) in [("noah", vec![]), ("sofia", vec![to_harbor]), ("road", vec![to_harbor]), ("lane", vec![])] {
        let mut response = as_sofia.get(app.url(&format!("/api/deliveries?q={q}"))).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        let found: Vec<i64> = body["items"].as_array().unwrap().iter().map(id_of).collect();
        assert_eq!(found, expected, "a driver's q={q}");
    }
    app.stop();
}

#[actix_web::test]
async fn q_matches_the_exact_spelling_of_any_letter_and_a_to_z_in_any_case_on_both_backends() {
    let app = TestApp::spawn().await;
    let zola = id_of(&app.create("customers", json!({"name": "Émile Zola", "email": "zola@example.com"})).await);
    let other = app.customer("Emil Nolde").await;
    let zolas = app.order(zola, "pending", Some("Médan"), 1000).await;
    app.order(other, "pending", None, 1000).await;

    // "Émile", "ÉMILE" (É as written, the rest in another case) and "zola" find him, on
    // SQLite as on PostgreSQL; "Emile" without the accent does not.
    for q in ["%C3%89mile", "%C3%89MILE", "zola", "ZOLA"] {
        assert_eq!(ids(&app.get(&format!("/api/customers?q={q}")).await), vec![zola], "customers q={q}");
        assert_eq!(ids(&app.get(&format!("/api/orders?q={q}")).await), vec![zolas], "orders q={q}");
    }
    assert_eq!(ids(&app.get("/api/customers?q=emile").await), Vec::<i64>::new());
    assert_eq!(ids(&app.get("/api/orders?q=M%C3%A9dan").await), vec![zolas]);
    // LIKE's wildcards are plain characters.
    assert_eq!(ids(&app.get("/api/orders?q=%25").await), Vec::<i64>::new());
    assert_eq!(ids(&app.get("/api/customers?q=_").await), Vec::<i64>::new());
    app.stop();
}
