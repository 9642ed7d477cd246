//! The catalog over REST: employees, services, products, expenses and budgets (the CRUD
//! contract, their filters, validation and conflicts), and the inventory and budget views.

use crate::common::{assert_invalid, ids, Reply, TestApp};
use actix_web::http::{header, Method, StatusCode};
use serde_json::{json, Value};

/// Sends `method path` with `If-Match: tag` (and `body` as JSON when given).
async fn send_if_match(app: &TestApp, method: Method, path: &str, tag: &str, body: Option<Value>) -> Reply {
    let request = app.client.request(method, app.url(path)).insert_header((header::IF_MATCH, tag));
    let mut response = match body {
        Some(body) => request.send_json(&body).await,
        None => request.send().await,
    }
    .expect("the request reaches the server");
    let bytes = response.body().await.expect("the body arrives");
    let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).expect("JSON") };
    Reply { status: response.status(), headers: response.headers().clone(), body }
}

/// Runs SQL straight on the test's database (for rows this branch has no API for).
fn execute_sql(app: &TestApp, sql: &str) {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let mut conn = switchboard::db::AnyConnection::establish(&app.db.url).expect("the test database opens");
    if !app.db.is_postgres() {
        conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;").expect("pragmas");
    }
    conn.batch_execute(sql).expect("the SQL runs");
}

/// An order for a new customer, holding one item that points at `column` = `id`
/// (`service_id` or `product_id`).
async fn order_item_referring_to(app: &TestApp, column: &str, id: i64) {
    let n = id * 1000 + column.len() as i64;
    let customer = app.create("customers", json!({"name": "Buyer", "email": format!("buyer{n}@example.com")})).await;
    let customer_id = customer["id"].as_i64().unwrap();
    execute_sql(
        app,
        &format!(
            "INSERT INTO orders (customer_id, status, total_cents, created_at, updated_at, version) \
             VALUES ({customer_id}, 'pending', 100, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1);
             INSERT INTO order_items (order_id, {column}, description, quantity, unit_price_cents) \
             VALUES ((SELECT MAX(id) FROM orders WHERE customer_id = {customer_id}), {id}, 'line', 1, 100);"
        ),
    );
}

/// A 422 for a field the form does not have. (The key `JsonBody` files it under is its
/// business; that it names the field is the contract.)
#[track_caller]
fn assert_unknown_field(reply: &Reply, field: &str) {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "expected 422 for unknown {field}: {}", reply.body);
    assert_eq!(reply.code(), "validation_failed", "{}", reply.body);
    let details = reply.body["error"]["details"].as_object().expect("details");
    assert!(
        details.keys().any(|key| key.split('.').any(|part| part == field)),
        "details should name {field}: {}",
        reply.body
    );
}

#[track_caller]
fn assert_conflict(reply: &Reply, code: &str) {
    assert_eq!(reply.status, StatusCode::CONFLICT, "expected 409 {code}: {}", reply.body);
    assert_eq!(reply.code(), code, "{}", reply.body);
}

fn id_of(record: &Value) -> i64 {
    record["id"].as_i64().expect("records have an id")
}

/// The CRUD contract on one record of `collection`: 201 with Location and ETag "1", GET,
/// a partial PATCH to version 2, If-Match mismatch 412 on PATCH and DELETE, a matching
/// If-Match accepted, DELETE 204 then 404. `change` is a PATCH body of one field.
async fn crud_contract(app: &TestApp, collection: &str, create: Value, change: (&str, Value)) {
    let reply = app.post(&format!("/api/{collection}"), create.clone()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = id_of(&reply.body);
    let path = format!("/api/{collection}/{id}");
    assert_eq!(reply.header("location").as_deref(), Some(path.as_str()));
    assert_eq!(reply.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(reply.body["version"], 1);
    for (field, value) in create.as_object().unwrap() {
        assert_eq!(&reply.body[field], value, "{collection}.{field} is stored as sent");
    }
    for stamp in ["created_at", "updated_at"] {
        let text = reply.body[stamp].as_str().expect("timestamps are strings");
        assert!(chrono::DateTime::parse_from_rfc3339(text).is_ok() && text.ends_with('Z'), "{stamp}: {text}");
    }

    let got = app.get(&path).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body, reply.body);
    assert_eq!(got.header("etag").as_deref(), Some("\"1\""));
    assert!(got.seq() >= 1);

    let (field, value) = change;
    let patched = app.patch(&path, json!({ field: value.clone() })).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["version"], 2);
    assert_eq!(patched.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(patched.body[field], value);
    for (other, before) in reply.body.as_object().unwrap() {
        if !["version", "updated_at", field].contains(&other.as_str()) {
            assert_eq!(&patched.body[other], before, "PATCH of {field} leaves {other} alone");
        }
    }

    let stale = send_if_match(app, Method::PATCH, &path, "\"1\"", Some(json!({ field: value.clone() }))).await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED, "{}", stale.body);
    assert_eq!(stale.code(), "precondition_failed");
    assert_eq!(stale.body["error"]["details"]["current_version"], 2);
    let stale = send_if_match(app, Method::DELETE, &path, "\"1\"", None).await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(app.get(&path).await.body["version"], 2, "a refused change changes nothing");

    let current = send_if_match(app, Method::PATCH, &path, "\"2\"", Some(json!({ field: value }))).await;
    assert_eq!(current.status, StatusCode::OK, "{}", current.body);
    assert_eq!(current.body["version"], 3);

    let deleted = send_if_match(app, Method::DELETE, &path, "\"3\"", None).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    let gone = app.get(&path).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.code(), "not_found");
    assert_eq!(app.delete(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.patch(&path, json!({})).await.status, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------------------------
// Employees

#[actix_web::test]
async fn employees_follow_the_crud_contract() {
    let app = TestApp::spawn().await;
    crud_contract(
        &app,
        "employees",
        json!({"name": "Grace Hopper", "email": "grace@example.com", "role": "manager",
               "department": "Engineering", "phone": "+1 555 0100", "active": true}),
        ("department", json!("Research")),
    )
    .await;
}

#[actix_web::test]
async fn employees_default_filter_and_page() {
    let app = TestApp::spawn().await;
    let ada = app.create("employees", json!({"name": "Ada Lovelace", "email": "ada@example.com"})).await;
    assert_eq!(ada["role"], "staff", "role defaults to staff");
    assert_eq!(ada["active"], true, "active defaults to true");
    assert_eq!(ada["department"], Value::Null);
    assert_eq!(ada["phone"], Value::Null);
    let alan = app
        .create(
            "employees",
            json!({"name": "Alan Turing", "email": "alan@bletchley.example", "role": "dispatcher",
                   "department": "Ops", "active": false}),
        )
        .await;
    let kat = app
        .create(
            "employees",
            json!({"name": "Katherine Johnson", "email": "kj@nasa.example", "role": "driver", "department": "Fleet"}),
        )
        .await;
    let (ada, alan, kat) = (id_of(&ada), id_of(&alan), id_of(&kat));

    let all = app.get("/api/employees").await;
    assert_eq!(ids(&all), vec![kat, alan, ada]);
    assert_eq!(all.body["total"], 3);
    assert_eq!(all.body["limit"], 50);
    assert_eq!(all.body["offset"], 0);

    assert_eq!(ids(&app.get("/api/employees?q=LOVELACE").await), vec![ada], "q is case-insensitive on name");
    assert_eq!(ids(&app.get("/api/employees?q=bletchley").await), vec![alan], "q searches email");
    assert_eq!(ids(&app.get("/api/employees?q=%25").await), Vec::<i64>::new(), "% is literal");
    assert_eq!(ids(&app.get("/api/employees?role=driver").await), vec![kat]);
    assert_eq!(ids(&app.get("/api/employees?role=staff").await), vec![ada]);
    assert_eq!(ids(&app.get("/api/employees?department=Ops").await), vec![alan]);
    assert_eq!(ids(&app.get("/api/employees?active=false").await), vec![alan]);
    assert_eq!(ids(&app.get("/api/employees?active=true").await), vec![kat, ada]);
    assert_eq!(ids(&app.get("/api/employees?active=true&department=Fleet").await), vec![kat]);
    assert_eq!(app.get("/api/employees?active=maybe").await.status, StatusCode::BAD_REQUEST);

    let first = app.get("/api/employees?limit=2").await;
    assert_eq!(ids(&first), vec![kat, alan]);
    assert_eq!((first.body["total"].as_i64(), first.body["limit"].as_i64()), (Some(3), Some(2)));
    let second = app.get("/api/employees?limit=2&offset=2").await;
    assert_eq!(ids(&second), vec![ada]);
    assert_eq!((second.body["total"].as_i64(), second.body["offset"].as_i64()), (Some(3), Some(2)));
    let filtered_page = app.get("/api/employees?active=true&limit=1&offset=1").await;
    assert_eq!(ids(&filtered_page), vec![ada]);
    assert_eq!(filtered_page.body["total"], 2);

    // PATCH is partial, and nullable fields can be cleared.
    let patched = app.patch(&format!("/api/employees/{alan}"), json!({"active": true, "department": null})).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!((patched.body["active"].clone(), patched.body["department"].clone()), (json!(true), Value::Null));
    assert_eq!(patched.body["role"], "dispatcher");
    assert_eq!(patched.body["version"], 2);
}

#[actix_web::test]
async fn employees_are_validated_and_unique_by_email() {
    let app = TestApp::spawn().await;
    assert_invalid(&app.post("/api/employees", json!({"name": " ", "email": "a@example.com"})).await, "name");
    assert_invalid(&app.post("/api/employees", json!({"name": "A", "email": "not-an-email"})).await, "email");
    assert_invalid(
        &app.post("/api/employees", json!({"name": "A", "email": "a@example.com", "role": "boss"})).await,
        "role",
    );
    assert_invalid(&app.post("/api/employees", json!({"name": "A"})).await, "email");
    assert_unknown_field(
        &app.post("/api/employees", json!({"name": "A", "email": "a@example.com", "salary": 1})).await,
        "salary",
    );
    assert_invalid(
        &app.post("/api/employees", json!({"name": "A", "email": "a@example.com", "active": "yes"})).await,
        "active",
    );
    let both = app.post("/api/employees", json!({"name": "", "email": "nope", "role": "boss"})).await;
    for field in ["name", "email", "role"] {
        assert_invalid(&both, field);
    }
    assert_eq!(ids(&app.get("/api/employees").await), Vec::<i64>::new(), "nothing invalid was stored");

    for role in ["admin", "manager", "dispatcher", "accountant", "driver", "staff"] {
        let created =
            app.create("employees", json!({"name": role, "email": format!("{role}@example.com"), "role": role})).await;
        assert_eq!(created["role"], role);
    }
    let dup = app.post("/api/employees", json!({"name": "Again", "email": "admin@example.com"})).await;
    assert_conflict(&dup, "duplicate");
    assert!(dup.body["error"]["message"].as_str().unwrap().contains("email"), "{}", dup.body);

    let staff = app.get("/api/employees?role=staff").await.body["items"][0]["id"].as_i64().unwrap();
    let path = format!("/api/employees/{staff}");
    assert_conflict(&app.patch(&path, json!({"email": "admin@example.com"})).await, "duplicate");
    assert_invalid(&app.patch(&path, json!({"role": "owner"})).await, "role");
    assert_invalid(&app.patch(&path, json!({"email": "x"})).await, "email");
    assert_invalid(&app.patch(&path, json!({"name": ""})).await, "name");
    assert_unknown_field(&app.patch(&path, json!({"id": 9})).await, "id");
    assert_eq!(app.get(&path).await.body["version"], 1, "refused changes change nothing");
}

#[actix_web::test]
async fn deleting_an_employee_detaches_their_expenses() {
    let app = TestApp::spawn().await;
    let employee = id_of(&app.create("employees", json!({"name": "Eve", "email": "eve@example.com"})).await);
    let expense = app
        .create(
            "expenses",
            json!({"category": "fuel", "amount_cents": 500, "expense_date": "2026-11-02", "employee_id": employee}),
        )
        .await;
    assert_eq!(expense["employee_id"], employee);
    assert_eq!(app.delete(&format!("/api/employees/{employee}")).await.status, StatusCode::NO_CONTENT);
    let after = app.get(&format!("/api/expenses/{}", id_of(&expense))).await;
    assert_eq!(after.status, StatusCode::OK);
    assert_eq!(after.body["employee_id"], Value::Null);
    assert_eq!(after.body["version"], 2, "detaching is a change");
    assert_eq!(after.body["amount_cents"], 500);
}

// ---------------------------------------------------------------------------------------------
// Services

#[actix_web::test]
async fn services_follow_the_crud_contract() {
    let app = TestApp::spawn().await;
    crud_contract(
        &app,
        "services",
        json!({"name": "Express delivery", "description": "Same day", "price_cents": 2500,
               "duration_minutes": 90, "active": true}),
        ("price_cents", json!(2750)),
    )
    .await;
}

#[actix_web::test]
async fn services_default_filter_and_page() {
    let app = TestApp::spawn().await;
    let basic = app.create("services", json!({"name": "Basic delivery", "price_cents": 500})).await;
    assert_eq!(basic["active"], true, "active defaults to true");
    assert_eq!((basic["description"].clone(), basic["duration_minutes"].clone()), (Value::Null, Value::Null));
    let assembly = app
        .create("services", json!({"name": "Assembly", "description": "Furniture ASSEMBLY on site", "price_cents": 0, "duration_minutes": 60}))
        .await;
    assert_eq!(assembly["price_cents"], 0, "free is allowed");
    let retired = app.create("services", json!({"name": "Fax relay", "price_cents": 100, "active": false})).await;
    let (basic, assembly, retired) = (id_of(&basic), id_of(&assembly), id_of(&retired));

    assert_eq!(ids(&app.get("/api/services").await), vec![retired, assembly, basic]);
    assert_eq!(ids(&app.get("/api/services?q=DELIVERY").await), vec![basic], "q searches name");
    assert_eq!(ids(&app.get("/api/services?q=on%20site").await), vec![assembly], "q searches description");
    assert_eq!(ids(&app.get("/api/services?q=a").await), vec![retired, assembly, basic]);
    assert_eq!(ids(&app.get("/api/services?active=true").await), vec![assembly, basic]);
    assert_eq!(ids(&app.get("/api/services?active=false").await), vec![retired]);
    assert_eq!(ids(&app.get("/api/services?active=true&q=basic").await), vec![basic]);

    let page = app.get("/api/services?limit=1&offset=1").await;
    assert_eq!(ids(&page), vec![assembly]);
    assert_eq!(
        (page.body["total"].as_i64(), page.body["limit"].as_i64(), page.body["offset"].as_i64()),
        (Some(3), Some(1), Some(1))
    );
    assert_eq!(app.get("/api/services?limit=0").await.status, StatusCode::BAD_REQUEST);

    let cleared = app.patch(&format!("/api/services/{assembly}"), json!({"duration_minutes": null})).await;
    assert_eq!(cleared.status, StatusCode::OK);
    assert_eq!(cleared.body["duration_minutes"], Value::Null);
    assert_eq!(cleared.body["description"], "Furniture ASSEMBLY on site");
}

#[actix_web::test]
async fn services_are_validated_unique_and_protected_while_ordered() {
    let app = TestApp::spawn().await;
    assert_invalid(&app.post("/api/services", json!({"name": "", "price_cents": 1})).await, "name");
    assert_invalid(&app.post("/api/services", json!({"name": "S", "price_cents": -1})).await, "price_cents");
    assert_invalid(
        &app.post("/api/services", json!({"name": "S", "price_cents": 1, "duration_minutes": 0})).await,
        "duration_minutes",
    );
    assert_invalid(
        &app.post("/api/services", json!({"name": "S", "price_cents": 1, "duration_minutes": -5})).await,
        "duration_minutes",
    );
    assert_invalid(&app.post("/api/services", json!({"name": "S"})).await, "price_cents");
    assert_invalid(&app.post("/api/services", json!({"name": "S", "price_cents": "ten"})).await, "price_cents");
    assert_unknown_field(
        &app.post("/api/services", json!({"name": "S", "price_cents": 1, "colour": "red"})).await,
        "colour",
    );
    assert_eq!(ids(&app.get("/api/services").await), Vec::<i64>::new());

    let wash = id_of(&app.create("services", json!({"name": "Wash", "price_cents": 1000})).await);
    let wax = id_of(&app.create("services", json!({"name": "Wax", "price_cents": 1500})).await);
    assert_conflict(&app.post("/api/services", json!({"name": "Wash", "price_cents": 5})).await, "duplicate");
    let path = format!("/api/services/{wax}");
    assert_conflict(&app.patch(&path, json!({"name": "Wash"})).await, "duplicate");
    assert_invalid(&app.patch(&path, json!({"price_cents": -100})).await, "price_cents");
    assert_invalid(&app.patch(&path, json!({"duration_minutes": 0})).await, "duration_minutes");
    assert_eq!(app.get(&path).await.body["version"], 1);

    order_item_referring_to(&app, "service_id", wash).await;
    let refused = app.delete(&format!("/api/services/{wash}")).await;
    assert_conflict(&refused, "in_use");
    assert_eq!(app.get(&format!("/api/services/{wash}")).await.status, StatusCode::OK, "still there");
    assert_eq!(app.delete(&path).await.status, StatusCode::NO_CONTENT, "an unordered service goes");

    execute_sql(&app, "DELETE FROM order_items;");
    assert_eq!(app.delete(&format!("/api/services/{wash}")).await.status, StatusCode::NO_CONTENT);
}

// ---------------------------------------------------------------------------------------------
// Products

#[actix_web::test]
async fn products_follow_the_crud_contract() {
    let app = TestApp::spawn().await;
    crud_contract(
        &app,
        "products",
        json!({"sku": "BOX-S", "name": "Small box", "description": "30 × 20 × 10 cm", "price_cents": 199,
               "cost_cents": 80, "stock_quantity": 120, "reorder_level": 25}),
        ("stock_quantity", json!(95)),
    )
    .await;
}

#[actix_web::test]
async fn products_default_filter_by_stock_and_page() {
    let app = TestApp::spawn().await;
    let tape = app
        .create("products", json!({"sku": "TAPE-48", "name": "Packing tape", "price_cents": 350, "cost_cents": 120}))
        .await;
    assert_eq!(
        (tape["stock_quantity"].clone(), tape["reorder_level"].clone()),
        (json!(0), json!(0)),
        "stock defaults to 0"
    );
    assert_eq!(tape["description"], Value::Null);
    let boxes = app
        .create("products", json!({"sku": "BOX-L", "name": "Large box", "price_cents": 400, "cost_cents": 150, "stock_quantity": 10, "reorder_level": 10}))
        .await;
    let wrap = app
        .create("products", json!({"sku": "WRAP-1", "name": "Bubble wrap", "price_cents": 900, "cost_cents": 300, "stock_quantity": 11, "reorder_level": 10}))
        .await;
    let labels = app
        .create(
            "products",
            json!({"sku": "LBL-100", "name": "Labels", "price_cents": 250, "cost_cents": 50, "stock_quantity": 3}),
        )
        .await;
    let (tape, boxes, wrap, labels) = (id_of(&tape), id_of(&boxes), id_of(&wrap), id_of(&labels));

    assert_eq!(ids(&app.get("/api/products").await), vec![labels, wrap, boxes, tape]);
    assert_eq!(ids(&app.get("/api/products?stock=out").await), vec![tape]);
    assert_eq!(ids(&app.get("/api/products?stock=low").await), vec![boxes], "at the reorder level is low");
    assert_eq!(
        ids(&app.get("/api/products?stock=in_stock").await),
        vec![labels, wrap],
        "reorder level 0 with stock is in stock"
    );
    assert_eq!(app.get("/api/products?stock=plenty").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(ids(&app.get("/api/products?q=box-").await), vec![boxes], "q searches sku");
    assert_eq!(ids(&app.get("/api/products?q=BUBBLE").await), vec![wrap], "q searches name");
    assert_eq!(ids(&app.get("/api/products?q=_").await), Vec::<i64>::new(), "_ is literal");
    assert_eq!(ids(&app.get("/api/products?q=b&stock=in_stock").await), vec![labels, wrap]);

    let page = app.get("/api/products?limit=3&offset=3").await;
    assert_eq!(ids(&page), vec![tape]);
    assert_eq!(page.body["total"], 4);
    let page = app.get("/api/products?limit=2").await;
    assert_eq!(ids(&page), vec![labels, wrap]);
    assert_eq!(page.body["total"], 4);

    // Restocking moves a product between the stock filters.
    let restocked =
        app.patch(&format!("/api/products/{tape}"), json!({"stock_quantity": 40, "reorder_level": 5})).await;
    assert_eq!(restocked.status, StatusCode::OK, "{}", restocked.body);
    assert_eq!(restocked.body["version"], 2);
    assert_eq!(restocked.body["sku"], "TAPE-48");
    assert_eq!(ids(&app.get("/api/products?stock=out").await), Vec::<i64>::new());
    assert_eq!(app.get("/api/products?stock=in_stock").await.body["total"], 3);
}

#[actix_web::test]
async fn products_are_validated_unique_by_sku_and_protected_while_ordered() {
    let app = TestApp::spawn().await;
    let valid = json!({"sku": "P-1", "name": "Pallet", "price_cents": 1000, "cost_cents": 600});
    let with = |field: &str, value: Value| {
        let mut body = valid.clone();
        body[field] = value;
        body
    };
    assert_invalid(&app.post("/api/products", with("sku", json!(""))).await, "sku");
    assert_invalid(&app.post("/api/products", with("sku", json!("   "))).await, "sku");
    assert_invalid(&app.post("/api/products", with("name", json!(""))).await, "name");
    for field in ["price_cents", "cost_cents", "stock_quantity", "reorder_level"] {
        assert_invalid(&app.post("/api/products", with(field, json!(-1))).await, field);
    }
    assert_invalid(
        &app.post("/api/products", json!({"name": "No SKU", "price_cents": 1, "cost_cents": 1})).await,
        "sku",
    );
    assert_unknown_field(&app.post("/api/products", with("stock", json!(3))).await, "stock");
    assert_invalid(&app.post("/api/products", with("stock_quantity", json!(1.5))).await, "stock_quantity");
    let all_wrong = app
        .post("/api/products", json!({"sku": "", "name": "", "price_cents": -1, "cost_cents": -1, "stock_quantity": -1, "reorder_level": -1}))
        .await;
    for field in ["sku", "name", "price_cents", "cost_cents", "stock_quantity", "reorder_level"] {
        assert_invalid(&all_wrong, field);
    }
    assert_eq!(ids(&app.get("/api/products").await), Vec::<i64>::new());

    let pallet = id_of(&app.create("products", valid.clone()).await);
    let crate_ = id_of(&app.create("products", with("sku", json!("P-2"))).await);
    let dup = app.post("/api/products", with("name", json!("Another pallet"))).await;
    assert_conflict(&dup, "duplicate");
    assert!(dup.body["error"]["message"].as_str().unwrap().contains("sku"), "{}", dup.body);
    let path = format!("/api/products/{crate_}");
    assert_conflict(&app.patch(&path, json!({"sku": "P-1"})).await, "duplicate");
    assert_invalid(&app.patch(&path, json!({"sku": ""})).await, "sku");
    assert_invalid(&app.patch(&path, json!({"stock_quantity": -3})).await, "stock_quantity");
    assert_invalid(&app.patch(&path, json!({"cost_cents": -3})).await, "cost_cents");
    assert_eq!(app.get(&path).await.body["version"], 1);

    order_item_referring_to(&app, "product_id", pallet).await;
    assert_conflict(&app.delete(&format!("/api/products/{pallet}")).await, "in_use");
    assert_eq!(app.get(&format!("/api/products/{pallet}")).await.status, StatusCode::OK);
    assert_eq!(app.delete(&path).await.status, StatusCode::NO_CONTENT);
    execute_sql(&app, "DELETE FROM order_items;");
    assert_eq!(app.delete(&format!("/api/products/{pallet}")).await.status, StatusCode::NO_CONTENT);
}

// ---------------------------------------------------------------------------------------------
// Expenses

#[actix_web::test]
async fn expenses_follow_the_crud_contract() {
    let app = TestApp::spawn().await;
    let employee = id_of(&app.create("employees", json!({"name": "Sam", "email": "sam@example.com"})).await);
    crud_contract(
        &app,
        "expenses",
        json!({"category": "fuel", "description": "Van 2 diesel", "amount_cents": 8450,
               "expense_date": "2026-11-03", "vendor": "Shell", "employee_id": employee}),
        ("expense_date", json!("2026-11-04")),
    )
    .await;
}

#[actix_web::test]
async fn expenses_filter_by_category_employee_dates_and_text() {
    let app = TestApp::spawn().await;
    let sam = id_of(&app.create("employees", json!({"name": "Sam", "email": "sam@example.com"})).await);
    let kim = id_of(&app.create("employees", json!({"name": "Kim", "email": "kim@example.com"})).await);
    let expense = |category: &str,
                   date: &str,
                   amount: i64,
                   employee: Option<i64>,
                   vendor: Option<&str>,
                   description: Option<&str>| {
        json!({"category": category, "expense_date": date, "amount_cents": amount, "employee_id": employee,
               "vendor": vendor, "description": description})
    };
    let a = app.create("expenses", expense("fuel", "2026-10-31", 100, Some(sam), Some("Shell"), None)).await;
    assert_eq!(a["expense_date"], "2026-10-31", "dates go over the wire as YYYY-MM-DD");
    let b = app.create("expenses", expense("fuel", "2026-11-01", 200, Some(kim), Some("BP"), Some("Van refuel"))).await;
    let c = app
        .create("expenses", expense("office", "2026-11-15", 300, None, Some("Staples"), Some("Paper, 50% recycled")))
        .await;
    let d = app.create("expenses", expense("fuel", "2026-11-30", 400, Some(sam), None, Some("Truck"))).await;
    let e = app.create("expenses", expense("fuel", "2026-12-01", 500, None, Some("shell express"), None)).await;
    let (a, b, c, d, e) = (id_of(&a), id_of(&b), id_of(&c), id_of(&d), id_of(&e));

    assert_eq!(ids(&app.get("/api/expenses").await), vec![e, d, c, b, a], "newest day first");
    assert_eq!(ids(&app.get("/api/expenses?category=fuel").await), vec![e, d, b, a]);
    assert_eq!(ids(&app.get("/api/expenses?category=office").await), vec![c]);
    assert_eq!(ids(&app.get(&format!("/api/expenses?employee_id={sam}")).await), vec![d, a]);
    assert_eq!(ids(&app.get(&format!("/api/expenses?employee_id={kim}")).await), vec![b]);
    assert_eq!(
        ids(&app.get("/api/expenses?from=2026-11-01&to=2026-11-30").await),
        vec![d, c, b],
        "from and to are inclusive"
    );
    assert_eq!(ids(&app.get("/api/expenses?from=2026-11-30").await), vec![e, d]);
    assert_eq!(ids(&app.get("/api/expenses?to=2026-10-31").await), vec![a]);
    assert_eq!(ids(&app.get("/api/expenses?from=2026-11-01&to=2026-11-30&category=fuel").await), vec![d, b]);
    assert_eq!(ids(&app.get("/api/expenses?q=SHELL").await), vec![e, a], "q searches vendor, case-insensitively");
    assert_eq!(ids(&app.get("/api/expenses?q=refuel").await), vec![b], "q searches description");
    assert_eq!(ids(&app.get("/api/expenses?q=50%25").await), vec![c], "% is literal");
    assert_eq!(app.get("/api/expenses?from=2026-13-01").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/api/expenses?employee_id=abc").await.status, StatusCode::BAD_REQUEST);

    let page = app.get("/api/expenses?category=fuel&limit=2&offset=1").await;
    assert_eq!(ids(&page), vec![d, b]);
    assert_eq!(
        (page.body["total"].as_i64(), page.body["limit"].as_i64(), page.body["offset"].as_i64()),
        (Some(4), Some(2), Some(1))
    );

    let detached = app.patch(&format!("/api/expenses/{d}"), json!({"employee_id": null, "vendor": "Esso"})).await;
    assert_eq!(detached.status, StatusCode::OK, "{}", detached.body);
    assert_eq!((detached.body["employee_id"].clone(), detached.body["vendor"].clone()), (Value::Null, json!("Esso")));
    assert_eq!(detached.body["description"], "Truck");
    assert_eq!(ids(&app.get(&format!("/api/expenses?employee_id={sam}")).await), vec![a]);
}

#[actix_web::test]
async fn expenses_are_validated() {
    let app = TestApp::spawn().await;
    let valid = json!({"category": "fuel", "amount_cents": 100, "expense_date": "2026-11-03"});
    let with = |field: &str, value: Value| {
        let mut body = valid.clone();
        body[field] = value;
        body
    };
    assert_invalid(&app.post("/api/expenses", with("category", json!(" "))).await, "category");
    assert_invalid(&app.post("/api/expenses", with("amount_cents", json!(-1))).await, "amount_cents");
    for bad_date in ["2026-13-01", "2026-02-30", "03/11/2026", "tomorrow", "2026-11-03T10:00:00Z"] {
        assert_invalid(&app.post("/api/expenses", with("expense_date", json!(bad_date))).await, "expense_date");
    }
    assert_invalid(&app.post("/api/expenses", with("expense_date", json!(20261103))).await, "expense_date");
    assert_invalid(&app.post("/api/expenses", json!({"category": "fuel", "amount_cents": 1})).await, "expense_date");
    assert_invalid(&app.post("/api/expenses", with("employee_id", json!(9999))).await, "employee_id");
    assert_unknown_field(&app.post("/api/expenses", with("receipt", json!("r.pdf"))).await, "receipt");
    let all_wrong = app
        .post(
            "/api/expenses",
            json!({"category": "", "amount_cents": -5, "expense_date": "2026-11-03", "employee_id": 42}),
        )
        .await;
    for field in ["category", "amount_cents", "employee_id"] {
        assert_invalid(&all_wrong, field);
    }
    assert_eq!(ids(&app.get("/api/expenses").await), Vec::<i64>::new());

    let id = id_of(&app.create("expenses", valid.clone()).await);
    let path = format!("/api/expenses/{id}");
    assert_invalid(&app.patch(&path, json!({"expense_date": "2026-11-31"})).await, "expense_date");
    assert_invalid(&app.patch(&path, json!({"employee_id": 77})).await, "employee_id");
    assert_invalid(&app.patch(&path, json!({"amount_cents": -1})).await, "amount_cents");
    assert_invalid(&app.patch(&path, json!({"category": ""})).await, "category");
    assert_eq!(app.get(&path).await.body["version"], 1);
    let employee = id_of(&app.create("employees", json!({"name": "Sam", "email": "sam@example.com"})).await);
    let attached = app.patch(&path, json!({"employee_id": employee})).await;
    assert_eq!(attached.status, StatusCode::OK);
    assert_eq!(attached.body["employee_id"], employee);
}

// ---------------------------------------------------------------------------------------------
// Budgets

#[actix_web::test]
async fn budgets_follow_the_crud_contract() {
    let app = TestApp::spawn().await;
    crud_contract(
        &app,
        "budgets",
        json!({"category": "fuel", "period": "2026-11", "amount_cents": 120000}),
        ("amount_cents", json!(90000)),
    )
    .await;
}

#[actix_web::test]
async fn budgets_filter_and_page() {
    let app = TestApp::spawn().await;
    let a = id_of(&app.create("budgets", json!({"category": "fuel", "period": "2026-10", "amount_cents": 1000})).await);
    let b = id_of(&app.create("budgets", json!({"category": "fuel", "period": "2026-11", "amount_cents": 2000})).await);
    let c = id_of(&app.create("budgets", json!({"category": "office", "period": "2026-11", "amount_cents": 0})).await);
    assert_eq!(ids(&app.get("/api/budgets").await), vec![c, b, a]);
    assert_eq!(ids(&app.get("/api/budgets?category=fuel").await), vec![b, a]);
    assert_eq!(ids(&app.get("/api/budgets?period=2026-11").await), vec![c, b]);
    assert_eq!(ids(&app.get("/api/budgets?period=2026-11&category=fuel").await), vec![b]);
    assert_eq!(ids(&app.get("/api/budgets?period=2025-01").await), Vec::<i64>::new());
    let page = app.get("/api/budgets?limit=2&offset=2").await;
    assert_eq!(ids(&page), vec![a]);
    assert_eq!(
        (page.body["total"].as_i64(), page.body["limit"].as_i64(), page.body["offset"].as_i64()),
        (Some(3), Some(2), Some(2))
    );
    let moved = app.patch(&format!("/api/budgets/{a}"), json!({"period": "2026-12"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!((moved.body["period"].clone(), moved.body["amount_cents"].clone()), (json!("2026-12"), json!(1000)));
}

#[actix_web::test]
async fn budgets_are_validated_and_unique_per_category_and_month() {
    let app = TestApp::spawn().await;
    for bad in
        ["2026-13", "2026-00", "2026-1", "26-01", "2026/01", "2026-011", "2026-11-01", "abcd-ef", "", "２０２６-11"]
    {
        let reply = app.post("/api/budgets", json!({"category": "fuel", "period": bad, "amount_cents": 1})).await;
        assert_invalid(&reply, "period");
    }
    assert_invalid(
        &app.post("/api/budgets", json!({"category": "", "period": "2026-11", "amount_cents": 1})).await,
        "category",
    );
    assert_invalid(
        &app.post("/api/budgets", json!({"category": "fuel", "period": "2026-11", "amount_cents": -1})).await,
        "amount_cents",
    );
    assert_invalid(
        &app.post("/api/budgets", json!({"category": "fuel", "period": 202611, "amount_cents": 1})).await,
        "period",
    );
    assert_invalid(&app.post("/api/budgets", json!({"category": "fuel", "amount_cents": 1})).await, "period");
    assert_unknown_field(
        &app.post("/api/budgets", json!({"category": "fuel", "period": "2026-11", "amount_cents": 1, "year": 2026}))
            .await,
        "year",
    );
    assert_eq!(ids(&app.get("/api/budgets").await), Vec::<i64>::new());

    for period in ["2026-01", "2026-12", "1999-09"] {
        app.create("budgets", json!({"category": "fuel", "period": period, "amount_cents": 1})).await;
    }
    let other =
        id_of(&app.create("budgets", json!({"category": "office", "period": "2026-12", "amount_cents": 1})).await);
    let dup = app.post("/api/budgets", json!({"category": "fuel", "period": "2026-12", "amount_cents": 99})).await;
    assert_conflict(&dup, "duplicate");
    let path = format!("/api/budgets/{other}");
    assert_conflict(&app.patch(&path, json!({"category": "fuel"})).await, "duplicate");
    assert_invalid(&app.patch(&path, json!({"period": "2026-13"})).await, "period");
    assert_invalid(&app.patch(&path, json!({"amount_cents": -1})).await, "amount_cents");
    assert_eq!(app.get(&path).await.body["version"], 1);
    assert_eq!(app.patch(&path, json!({"category": "fuel", "period": "2027-01"})).await.status, StatusCode::OK);
}

// ---------------------------------------------------------------------------------------------
// Views

#[actix_web::test]
async fn inventory_views_value_the_stock() {
    let app = TestApp::spawn().await;
    let empty = app.get("/api/inventory-kpis").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.header("x-switchboard-seq").is_some());
    assert_eq!(
        empty.body,
        json!({"sku_count": 0, "total_units": 0, "stock_value_cents": 0, "retail_value_cents": 0,
               "low_stock_count": 0, "out_of_stock_count": 0})
    );
    assert_eq!(app.get("/api/inventory-items").await.body, json!({"items": []}));

    let widget = app
        .create("products", json!({"sku": "W-2", "name": "Widget", "price_cents": 1250, "cost_cents": 700, "stock_quantity": 12, "reorder_level": 5}))
        .await;
    let gadget = app
        .create("products", json!({"sku": "G-1", "name": "Gadget", "price_cents": 3999, "cost_cents": 2100, "stock_quantity": 4, "reorder_level": 4}))
        .await;
    let gizmo = app
        .create("products", json!({"sku": "Z-9", "name": "Gizmo", "price_cents": 500, "cost_cents": 100, "stock_quantity": 0, "reorder_level": 2}))
        .await;

    let items = app.get("/api/inventory-items").await;
    assert_eq!(items.status, StatusCode::OK);
    let seq = items.seq();
    assert!(seq >= 3, "consistent with the three creations: {seq}");
    assert_eq!(
        items.body,
        json!({"items": [
            {"id": gadget["id"], "sku": "G-1", "name": "Gadget", "stock_quantity": 4, "reorder_level": 4,
             "price_cents": 3999, "cost_cents": 2100, "stock_value_cents": 8400, "stock_state": "low"},
            {"id": widget["id"], "sku": "W-2", "name": "Widget", "stock_quantity": 12, "reorder_level": 5,
             "price_cents": 1250, "cost_cents": 700, "stock_value_cents": 8400, "stock_state": "in_stock"},
            {"id": gizmo["id"], "sku": "Z-9", "name": "Gizmo", "stock_quantity": 0, "reorder_level": 2,
             "price_cents": 500, "cost_cents": 100, "stock_value_cents": 0, "stock_state": "out"},
        ]})
    );

    let kpis = app.get("/api/inventory-kpis").await;
    assert_eq!(kpis.seq(), seq);
    assert_eq!(
        kpis.body,
        json!({"sku_count": 3, "total_units": 16, "stock_value_cents": 16800,
               "retail_value_cents": 12 * 1250 + 4 * 3999, "low_stock_count": 1, "out_of_stock_count": 1})
    );

    // A change shows in both views, with a newer seq.
    app.patch(&format!("/api/products/{}", id_of(&gizmo)), json!({"stock_quantity": 2})).await;
    let kpis = app.get("/api/inventory-kpis").await;
    assert!(kpis.seq() > seq);
    assert_eq!((kpis.body["low_stock_count"].as_i64(), kpis.body["out_of_stock_count"].as_i64()), (Some(2), Some(0)));
    assert_eq!(kpis.body["stock_value_cents"], 16800 + 200);
    assert_eq!(kpis.body["total_units"], 18);
    let items = app.get("/api/inventory-items").await;
    assert_eq!(items.body["items"][2]["stock_state"], "low");
    assert_eq!(items.body["items"][2]["stock_value_cents"], 200);
}

#[actix_web::test]
async fn budget_vs_actual_sets_each_month_against_its_expenses() {
    let app = TestApp::spawn().await;
    let empty = app.get("/api/budget-vs-actual").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.header("x-switchboard-seq").is_some());
    assert_eq!(
        empty.body,
        json!({"items": [], "totals": {"budgeted_cents": 0, "actual_cents": 0, "variance_cents": 0}})
    );

    let fuel_nov =
        id_of(&app.create("budgets", json!({"category": "fuel", "period": "2026-11", "amount_cents": 50000})).await);
    let fuel_dec =
        id_of(&app.create("budgets", json!({"category": "fuel", "period": "2026-12", "amount_cents": 10000})).await);
    let office_nov =
        id_of(&app.create("budgets", json!({"category": "office", "period": "2026-11", "amount_cents": 0})).await);
    let travel_nov =
        id_of(&app.create("budgets", json!({"category": "travel", "period": "2026-11", "amount_cents": 20000})).await);
    for (category, date, amount) in [
        ("fuel", "2026-10-31", 99999), // the month before: not counted
        ("fuel", "2026-11-01", 12000), // first day: counted
        ("fuel", "2026-11-15", 8000),
        ("fuel", "2026-11-30", 5500),      // last day: counted
        ("Fuel oil", "2026-11-20", 77777), // another category (case aside, categories match exactly)
        ("fuel", "2026-12-01", 10500),     // December: over its budget by 500
        ("office", "2026-11-10", 1234),
        ("parking", "2026-11-10", 3000), // no budget
        ("travel", "2025-11-10", 4444),  // same month a year earlier
    ] {
        app.create("expenses", json!({"category": category, "expense_date": date, "amount_cents": amount})).await;
    }

    let view = app.get("/api/budget-vs-actual").await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert!(view.seq() >= 13);
    assert_eq!(
        view.body,
        json!({
            "items": [
                {"budget_id": fuel_dec, "category": "fuel", "period": "2026-12", "budgeted_cents": 10000,
                 "actual_cents": 10500, "variance_cents": -500, "utilization": 1.05, "over_budget": true},
                {"budget_id": fuel_nov, "category": "fuel", "period": "2026-11", "budgeted_cents": 50000,
                 "actual_cents": 25500, "variance_cents": 24500, "utilization": 0.51, "over_budget": false},
                {"budget_id": office_nov, "category": "office", "period": "2026-11", "budgeted_cents": 0,
                 "actual_cents": 1234, "variance_cents": -1234, "utilization": null, "over_budget": true},
                {"budget_id": travel_nov, "category": "travel", "period": "2026-11", "budgeted_cents": 20000,
                 "actual_cents": 0, "variance_cents": 20000, "utilization": 0.0, "over_budget": false},
            ],
            "totals": {"budgeted_cents": 80000, "actual_cents": 37234, "variance_cents": 42766},
        })
    );

    let november = app.get("/api/budget-vs-actual?period=2026-11").await;
    assert_eq!(november.status, StatusCode::OK);
    let budget_ids: Vec<i64> =
        november.body["items"].as_array().unwrap().iter().map(|i| i["budget_id"].as_i64().unwrap()).collect();
    assert_eq!(budget_ids, vec![fuel_nov, office_nov, travel_nov]);
    assert_eq!(
        november.body["totals"],
        json!({"budgeted_cents": 70000, "actual_cents": 26734, "variance_cents": 43266})
    );
    assert_eq!(app.get("/api/budget-vs-actual?period=2030-01").await.body["items"], json!([]));
    let bad = app.get("/api/budget-vs-actual?period=2026-13").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.code(), "bad_query");

    // Moving an expense into the month changes the actual.
    let moved = app.get("/api/expenses?to=2026-10-31").await.body["items"][0]["id"].as_i64().unwrap();
    let patched =
        app.patch(&format!("/api/expenses/{moved}"), json!({"expense_date": "2026-11-02", "amount_cents": 500})).await;
    assert_eq!(patched.status, StatusCode::OK);
    let november = app.get("/api/budget-vs-actual?period=2026-11").await;
    assert_eq!(november.body["items"][0]["actual_cents"], 26000);
    assert_eq!(november.body["items"][0]["variance_cents"], 24000);
    assert_eq!(november.body["items"][0]["utilization"], 0.52);
}

/// JSON Schema counts `2500.0` as an integer, so clients generated from the OpenAPI document
/// may send one: it is taken as the integer, and a fraction is still a 422 naming the field.
#[actix_web::test]
async fn whole_numbers_written_as_floats_are_integers() {
    let app = TestApp::spawn().await;
    let body = json!({"name": "Float wash", "price_cents": 2500.0, "duration_minutes": 3e1});
    let created = app.create("services", body).await;
    assert_eq!(created["price_cents"], 2500);
    assert_eq!(created["duration_minutes"], 30);
    let id = created["id"].as_i64().unwrap();
    let reply = app.patch(&format!("/api/services/{id}"), json!({"price_cents": 2600.5})).await;
    assert_invalid(&reply, "price_cents");
    let reply = app.patch(&format!("/api/services/{id}"), json!({"price_cents": 1e19})).await;
    assert_invalid(&reply, "price_cents");
    let reply = app.patch(&format!("/api/services/{id}"), json!({"price_cents": -0.0})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["price_cents"], 0);
    let reply =
        app.post("/api/orders", json!({"customer_id": 1.0, "items": [{"service_id": id, "quantity": 2.0}]})).await;
    assert_invalid(&reply, "customer_id");
}

// ---------------------------------------------------------------------------------------------
// Categories: budgets and expenses match without regard to case or surrounding spaces

#[actix_web::test]
async fn an_expense_counts_against_its_budget_whatever_the_case_of_its_category() {
    let app = TestApp::spawn().await;
    let fuel =
        id_of(&app.create("budgets", json!({"category": "Fuel", "period": "2026-11", "amount_cents": 50000})).await);
    let spent =
        app.create("expenses", json!({"category": "fuel", "amount_cents": 30000, "expense_date": "2026-11-04"})).await;
    assert_eq!(spent["category"], "Fuel", "stored with the budget's spelling: {spent}");
    let spaced = app
        .create("expenses", json!({"category": "  FUEL ", "amount_cents": 1000, "expense_date": "2026-11-05"}))
        .await;
    assert_eq!(spaced["category"], "Fuel", "{spaced}");
    let other =
        app.create("expenses", json!({"category": " tolls ", "amount_cents": 700, "expense_date": "2026-11-06"})).await;
    assert_eq!(other["category"], "tolls", "no budget of that name: kept as typed, trimmed");
    let renamed = app.patch(&format!("/api/expenses/{}", id_of(&other)), json!({"category": "fUeL"})).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(renamed.body["category"], "Fuel");

    let view = app.get("/api/budget-vs-actual?period=2026-11").await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(
        view.body["items"],
        json!([{
            "budget_id": fuel, "category": "Fuel", "period": "2026-11", "budgeted_cents": 50000,
            "actual_cents": 31700, "variance_cents": 18300, "utilization": 0.634, "over_budget": false,
        }])
    );
    assert_eq!(ids(&app.get("/api/expenses?category=FUEL").await).len(), 3, "the filter ignores case too");
    assert_eq!(ids(&app.get("/api/budgets?category=%20fuel").await), vec![fuel]);
    assert_eq!(ids(&app.get("/api/budgets?q=UE").await), vec![fuel], "what a category picker asks");
}

#[actix_web::test]
async fn a_budget_is_unique_per_category_and_month_whatever_the_case() {
    let app = TestApp::spawn().await;
    let fuel = app.create("budgets", json!({"category": " Fuel ", "period": "2026-11", "amount_cents": 100})).await;
    assert_eq!(fuel["category"], "Fuel", "stored trimmed");
    for spelling in ["FUEL", "fuel", " fuel  "] {
        let dup = app.post("/api/budgets", json!({"category": spelling, "period": "2026-11", "amount_cents": 1})).await;
        assert_conflict(&dup, "duplicate");
    }
    let december =
        id_of(&app.create("budgets", json!({"category": "FUEL", "period": "2026-12", "amount_cents": 1})).await);
    let path = format!("/api/budgets/{december}");
    assert_conflict(&app.patch(&path, json!({"period": "2026-11"})).await, "duplicate");
    assert_eq!(app.get(&path).await.body["version"], 1);
    let recased = app.patch(&path, json!({"category": "Fuel"})).await;
    assert_eq!(recased.status, StatusCode::OK, "a budget may change its own case: {}", recased.body);
    assert_eq!(ids(&app.get("/api/budgets?period=2026-11").await), vec![id_of(&fuel)]);
}

#[actix_web::test]
async fn a_category_filter_finds_the_exact_spelling_beyond_ascii() {
    let app = TestApp::spawn().await;
    let light =
        id_of(&app.create("budgets", json!({"category": "Éclairage", "period": "2026-11", "amount_cents": 1})).await);
    let spent =
        app.create("expenses", json!({"category": "Éclairage", "amount_cents": 5, "expense_date": "2026-11-02"})).await;
    assert_eq!(ids(&app.get("/api/budgets?category=%C3%89clairage").await), vec![light]);
    assert_eq!(ids(&app.get("/api/budgets?category=%C3%89CLAIRAGE").await), vec![light]);
    assert_eq!(ids(&app.get("/api/expenses?category=%C3%89clairage").await), vec![id_of(&spent)]);
    let view = app.get("/api/budget-vs-actual?period=2026-11").await;
    assert_eq!(view.body["items"][0]["actual_cents"], 5, "{}", view.body);
}
