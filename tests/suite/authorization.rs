//! Who may call what, however the path is written.
//!
//! `MATRIX` below is the permission table of the README, written out by hand: for every route
//! the server has (method and path template), what each role gets. The test sends every route
//! as each role and without credentials, over raw TCP so that no client library tidies the
//! path first, in several spellings: as written, with a letter of each segment percent-escaped
//! (upper- and lower-case hex), with a trailing slash, with a doubled slash, and `HEAD` for
//! `GET`. An escaped letter names the same route, so it must get the same answer; a trailing
//! or doubled slash names no route, so it gets 404 (401 without credentials). Nothing here asks
//! the server's own permission code what to expect.

use std::collections::BTreeSet;

use crate::common::TestApp;
use actix_web::rt::net::TcpStream;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A record's history (`/{id}/history`) is readable by exactly who may read the record.
/// For each role, in the order admin, manager, dispatcher, accountant, driver: `A` allowed,
/// `F` forbidden (403). `*` in the last column of a public route: anyone, without credentials
/// too; `-`: any signed-in caller, 401 without credentials.
const MATRIX: &[(&str, &str, &str)] = &[
    // Public.
    ("GET", "/healthz", "AAAAA*"),
    ("GET", "/readyz", "AAAAA*"),
    // The metrics: from an allowed address (loopback by default) without credentials; with
    // them, admins only.
    ("GET", "/metrics", "AFFFF*"),
    ("GET", "/", "AAAAA*"),
    ("GET", "/assets/{path}", "AAAAA*"),
    ("POST", "/api/login", "AAAAA*"),
    // Any signed-in caller.
    ("GET", "/ws", "AAAAA-"),
    ("GET", "/sse", "AAAAA-"),
    ("POST", "/api/logout", "AAAAA-"),
    ("GET", "/api/me", "AAAAA-"),
    ("POST", "/api/ws-ticket", "AAAAA-"),
    ("GET", "/api/openapi.json", "AAAAA-"),
    ("GET", "/api/docs", "AAAAA-"),
    ("GET", "/api/catalog", "AAAAA-"),
    // Admins only.
    ("GET", "/api/tokens", "AFFFF-"),
    ("POST", "/api/tokens", "AFFFF-"),
    ("GET", "/api/tokens/{id}", "AFFFF-"),
    ("DELETE", "/api/tokens/{id}", "AFFFF-"),
    ("GET", "/api/realtime/stats", "AFFFF-"),
    ("GET", "/api/audit", "AFFFF-"),
    // Orders: dispatchers in full, accountants read.
    ("GET", "/api/orders", "AAAAF-"),
    ("POST", "/api/orders", "AAAFF-"),
    ("GET", "/api/orders/{id}", "AAAAF-"),
    ("GET", "/api/orders/{id}/history", "AAAAF-"),
    ("PATCH", "/api/orders/{id}", "AAAFF-"),
    ("DELETE", "/api/orders/{id}", "AAAFF-"),
    ("POST", "/api/orders/{id}/status", "AAAFF-"),
    ("POST", "/api/orders/bulk/status", "AAAFF-"),
    // Customers: dispatchers and accountants read.
    ("GET", "/api/customers", "AAAAF-"),
    ("POST", "/api/customers", "AAFFF-"),
    ("GET", "/api/customers/{id}", "AAAAF-"),
    ("GET", "/api/customers/{id}/history", "AAAAF-"),
    ("PATCH", "/api/customers/{id}", "AAFFF-"),
    ("DELETE", "/api/customers/{id}", "AAFFF-"),
    ("POST", "/api/customers/segments/recompute", "AAFFF-"),
    // Employees: managers.
    ("GET", "/api/employees", "AAFFF-"),
    ("POST", "/api/employees", "AAFFF-"),
    ("GET", "/api/employees/{id}", "AAFFF-"),
    ("GET", "/api/employees/{id}/history", "AAFFF-"),
    ("PATCH", "/api/employees/{id}", "AAFFF-"),
    ("DELETE", "/api/employees/{id}", "AAFFF-"),
    // Services and products: dispatchers read.
    ("GET", "/api/services", "AAAFF-"),
    ("POST", "/api/services", "AAFFF-"),
    ("GET", "/api/services/{id}", "AAAFF-"),
    ("GET", "/api/services/{id}/history", "AAAFF-"),
    ("PATCH", "/api/services/{id}", "AAFFF-"),
    ("DELETE", "/api/services/{id}", "AAFFF-"),
    ("GET", "/api/products", "AAAFF-"),
    ("POST", "/api/products", "AAFFF-"),
    ("GET", "/api/products/{id}", "AAAFF-"),
    ("GET", "/api/products/{id}/history", "AAAFF-"),
    ("PATCH", "/api/products/{id}", "AAFFF-"),
    ("DELETE", "/api/products/{id}", "AAFFF-"),
    // Invoices, expenses, budgets: accountants.
    ("GET", "/api/invoices", "AAFAF-"),
    ("POST", "/api/invoices", "AAFAF-"),
    ("GET", "/api/invoices/{id}", "AAFAF-"),
    ("GET", "/api/invoices/{id}/history", "AAFAF-"),
    ("PATCH", "/api/invoices/{id}", "AAFAF-"),
    ("DELETE", "/api/invoices/{id}", "AAFAF-"),
    ("POST", "/api/invoices/bulk/status", "AAFAF-"),
    ("GET", "/api/expenses", "AAFAF-"),
    ("POST", "/api/expenses", "AAFAF-"),
    ("GET", "/api/expenses/{id}", "AAFAF-"),
    ("GET", "/api/expenses/{id}/history", "AAFAF-"),
    ("PATCH", "/api/expenses/{id}", "AAFAF-"),
    ("DELETE", "/api/expenses/{id}", "AAFAF-"),
    ("GET", "/api/budgets", "AAFAF-"),
    ("POST", "/api/budgets", "AAFAF-"),
    ("GET", "/api/budgets/{id}", "AAFAF-"),
    ("GET", "/api/budgets/{id}/history", "AAFAF-"),
    ("PATCH", "/api/budgets/{id}", "AAFAF-"),
    ("DELETE", "/api/budgets/{id}", "AAFAF-"),
    // Drivers: dispatchers; a driver its own record (read, edit, location, status).
    ("GET", "/api/drivers", "AAAFA-"),
    ("POST", "/api/drivers", "AAAFF-"),
    ("GET", "/api/drivers/{id}", "AAAFA-"),
    ("GET", "/api/drivers/{id}/history", "AAAFA-"),
    ("PATCH", "/api/drivers/{id}", "AAAFA-"),
    ("DELETE", "/api/drivers/{id}", "AAAFF-"),
    ("POST", "/api/drivers/{id}/location", "AAAFA-"),
    ("POST", "/api/drivers/{id}/status", "AAAFA-"),
    // Deliveries: dispatchers; a driver its own (read, status).
    ("GET", "/api/deliveries", "AAAFA-"),
    ("POST", "/api/deliveries", "AAAFF-"),
    ("GET", "/api/deliveries/{id}", "AAAFA-"),
    ("GET", "/api/deliveries/{id}/history", "AAAFA-"),
    ("PATCH", "/api/deliveries/{id}", "AAAFF-"),
    ("DELETE", "/api/deliveries/{id}", "AAAFF-"),
    ("POST", "/api/deliveries/{id}/assign", "AAAFF-"),
    ("POST", "/api/deliveries/bulk/assign", "AAAFF-"),
    ("POST", "/api/deliveries/{id}/status", "AAAFA-"),
    // Transit batches: dispatchers.
    ("GET", "/api/transit-batches", "AAAFF-"),
    ("POST", "/api/transit-batches", "AAAFF-"),
    ("GET", "/api/transit-batches/{id}", "AAAFF-"),
    ("GET", "/api/transit-batches/{id}/history", "AAAFF-"),
    ("PATCH", "/api/transit-batches/{id}", "AAAFF-"),
    ("DELETE", "/api/transit-batches/{id}", "AAAFF-"),
    ("POST", "/api/transit-batches/{id}/initiate", "AAAFF-"),
    ("POST", "/api/transit-batches/{id}/complete", "AAAFF-"),
    // Views: read access to all of the collection they are computed from.
    ("GET", "/api/inventory-items", "AAAFF-"),
    ("GET", "/api/inventory-kpis", "AAAFF-"),
    ("GET", "/api/accounts-receivable", "AAFAF-"),
    ("GET", "/api/accounts-payable", "AAFAF-"),
    ("GET", "/api/budget-vs-actual", "AAFAF-"),
    ("GET", "/api/live-tracking-orders", "AAAAF-"),
    ("GET", "/api/live-tracking-drivers", "AAAFF-"),
];

const ROLES: [&str; 5] = ["admin", "manager", "dispatcher", "accountant", "driver"];

/// One answer: its status and, when it has one, its JSON body.
struct Answer {
    status: u16,
    body: Value,
    bytes: usize,
}

/// Sends `method target` exactly as written, on a connection of its own.
async fn raw(port: u16, method: &str, target: &str, token: Option<&str>) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.expect("the server accepts");
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let body = if matches!(method, "POST" | "PATCH") { "{}" } else { "" };
    let request = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{auth}Content-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response);
    let status =
        text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("{method} {target}: {text}"));
    let (_, payload) = text.split_once("\r\n\r\n").unwrap_or_default();
    let body = serde_json::from_str(payload).unwrap_or(Value::Null);
    Answer { status, body, bytes: payload.len() }
}

/// `path` with a letter of its `segment`th segment percent-escaped (`upper`: `%6F`, else `%6f`);
/// `None` when that segment has no letter.
fn escape_in_segment(path: &str, segment: usize, upper: bool) -> Option<String> {
    let mut parts: Vec<String> = path.split('/').map(str::to_owned).collect();
    let part = parts.get_mut(segment + 1)?;
    let index = part.find(|c: char| c.is_ascii_alphabetic())?;
    let letter = part.as_bytes()[index];
    let escaped = if upper { format!("%{letter:02X}") } else { format!("%{letter:02x}") };
    part.replace_range(index..=index, &escaped);
    Some(parts.join("/"))
}

/// The records each route's `{…}` stands for: the driver's own, so that "allowed" means served.
struct Ids {
    driver: i64,
    delivery: i64,
    token: i64,
}

fn concrete(method: &str, path: &str, ids: &Ids) -> String {
    let id = if path.starts_with("/api/drivers/") && method == "DELETE" {
        // Not the driver's own record: its token must outlive the admin's delete.
        1
    } else if path.starts_with("/api/drivers/") {
        ids.driver
    } else if path.starts_with("/api/deliveries/") {
        ids.delivery
    } else if path.starts_with("/api/tokens/") {
        ids.token
    } else {
        1
    };
    path.replace("{id}", &id.to_string()).replace("{path}", "app.css")
}

#[actix_web::test]
async fn every_route_answers_every_role_as_the_table_says_however_it_is_spelled() {
    // Thousands of requests from one token: no rate limit for this test.
    let app = TestApp::spawn_with(&["--rate-limit-per-min=0", "--login-attempts-per-min=100000"]).await;
    app.seed_demo().await.expect("demo data loads");
    let delivery = app.get("/api/deliveries?driver_id=2").await.body["items"][0]["id"].as_i64().unwrap();
    let spare = app.post("/api/tokens", serde_json::json!({"name": "spare", "role": "manager"})).await;
    let ids = Ids { driver: 2, delivery, token: spare.body["id"].as_i64().unwrap() };
    let mut tokens = vec![app.admin_token.clone()];
    for role in &ROLES[1..] {
        tokens.push(app.token(role, (*role == "driver").then_some(ids.driver)).await);
    }

    // The table covers exactly the routes the server declares.
    let declared: BTreeSet<(String, String)> = switchboard::api::table()
        .into_iter()
        .map(|e| (e.method.to_string(), e.path.replace("{path:.*}", "{path}")))
        .collect();
    let written: BTreeSet<(String, String)> = MATRIX.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    assert_eq!(declared, written, "MATRIX lists every route the server has, and no other");

    // Reads first and deletes last, so that deletes do not take away what others look at.
    let mut ordered: Vec<_> = MATRIX.to_vec();
    ordered.sort_by_key(|(method, _, _)| match *method {
        "GET" => 0,
        "DELETE" => 2,
        _ => 1,
    });
    let mut checked = 0;
    for (method, template, rule) in ordered {
        let path = concrete(method, template, &ids);
        let segments = path.split('/').count() - 1;
        let mut same: Vec<String> = vec![path.clone()];
        for segment in 0..segments {
            same.extend(escape_in_segment(&path, segment, true));
            same.extend(escape_in_segment(&path, segment, false));
        }
        let unknown: Vec<String> = match template {
            "/" => vec!["//".into()],
            // Everything under /assets/ is the assets route.
            "/assets/{path}" => vec![path.replacen('/', "//", 1)],
            _ => vec![format!("{path}/"), path.replacen('/', "//", 1)],
        };
        let rule = rule.as_bytes();
        let public = rule[5] == b'*';

        for (who, token) in std::iter::once(None).chain(tokens.iter().map(Some)).enumerate() {
            let allowed = match who {
                0 => public,
                n => rule[n - 1] == b'A',
            };
            let label = if who == 0 { "anonymous" } else { ROLES[who - 1] };
            let token = token.map(String::as_str);
            for target in &same {
                let answer = raw(app.port, method, target, token).await;
                let seen = format!("{label} {method} {target}: {} {}", answer.status, answer.body);
                if allowed {
                    assert!(![401, 403].contains(&answer.status), "allowed, but {seen}");
                    assert!(answer.status < 500, "{seen}");
                    // A stream is not a page: /ws without an upgrade and /sse without topics answer 400.
                    if method == "GET" && !["/ws", "/sse"].contains(&template) {
                        assert_eq!(answer.status, 200, "{seen}");
                        let head = raw(app.port, "HEAD", target, token).await;
                        assert_eq!(head.status, 200, "HEAD like GET: {seen}");
                        assert_eq!(head.bytes, 0, "HEAD has no body: {seen}");
                    }
                } else if who == 0 {
                    assert_eq!(answer.status, 401, "{seen}");
                    assert_eq!(answer.body["error"]["code"], "unauthorized", "{seen}");
                } else {
                    assert_eq!(answer.status, 403, "{seen}");
                    assert_eq!(answer.body["error"]["code"], "forbidden", "{seen}");
                    if method == "GET" {
                        assert_eq!(raw(app.port, "HEAD", target, token).await.status, 403, "HEAD: {seen}");
                    }
                }
                checked += 1;
            }
            for target in &unknown {
                let answer = raw(app.port, method, target, token).await;
                let expected = if who == 0 { 401 } else { 404 };
                assert_eq!(answer.status, expected, "{label} {method} {target} names no route: {}", answer.body);
            }
        }
    }
    assert!(checked > MATRIX.len() * 6 * 4, "{checked} requests checked");
}

#[actix_web::test]
async fn methods_a_route_does_not_have_and_paths_no_route_has() {
    let app = TestApp::spawn().await;
    let token = app.admin_token.clone();
    // Signed in: 405 for a method the path lacks, 404 for a path nothing serves.
    for (method, target, signed_in) in [
        ("PUT", "/api/orders", 405),
        ("PUT", "/api/%6Frders", 405),
        ("DELETE", "/api/orders", 405),
        ("POST", "/api/tokens/1", 405),
        ("PATCH", "/api/me", 405),
        ("GET", "/api/nothing", 404),
        ("GET", "/api/orders/1/nothing", 404),
        ("POST", "/api/%6Frders/1/nothing", 404),
        ("GET", "/api/tokens/1/2", 404),
        ("GET", "/nothing", 404),
        ("GET", "/api/%2e%2e/healthz", 404),
        ("GET", "/api/orders%2F1", 404),
    ] {
        let answer = raw(app.port, method, target, Some(&token)).await;
        assert_eq!(answer.status, signed_in, "{method} {target}: {}", answer.body);
        assert!(answer.body["error"]["code"].is_string(), "{method} {target}: a JSON error");
        let anonymous = raw(app.port, method, target, None).await;
        assert_eq!(anonymous.status, 401, "anonymous {method} {target}: {}", anonymous.body);
    }
}

/// A WebSocket handshake with `cookie` from `origin` to `target`, as raw bytes; its status.
async fn handshake(port: u16, target: &str, cookie: &str, origin: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request = format!(
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\
         Cookie: switchboard_session={cookie}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = vec![0u8; 1024];
    let n = stream.read(&mut head).await.unwrap();
    let text = String::from_utf8_lossy(&head[..n]);
    text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("{target}: {text}"))
}

#[actix_web::test]
async fn a_foreign_page_cannot_open_a_socket_with_the_cookie_however_the_path_is_written() {
    let app = TestApp::spawn().await;
    let login = raw_login(app.port, &app.admin_token).await;
    let own = format!("http://127.0.0.1:{}", app.port);
    for target in ["/ws", "/w%73", "/%77s", "/%57%53", "/w%53", "/ws?topics=customers", "/w%73?topics=*&since=0"] {
        let foreign = handshake(app.port, target, &login, "https://evil.example").await;
        // `/%57%53` is `/WS`: no route, so 404 rather than 403; never 101.
        assert!(foreign == 403 || foreign == 404, "a foreign origin on {target} got {foreign}");
        let other_scheme = handshake(app.port, target, &login, &format!("https://127.0.0.1:{}", app.port)).await;
        assert!(other_scheme == 403 || other_scheme == 404, "https origin on an http server, {target}: {other_scheme}");
        let same = handshake(app.port, target, &login, &own).await;
        let expected = if target.starts_with("/%57") || target.starts_with("/w%53") { 404 } else { 101 };
        assert_eq!(same, expected, "the server's own page on {target}");
    }
}

/// Logs in with `token` over raw HTTP; the session cookie's value.
async fn raw_login(port: u16, token: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let body = serde_json::json!({ "token": token }).to_string();
    let request = format!(
        "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let cookie = response
        .lines()
        .find(|line| line.to_ascii_lowercase().starts_with("set-cookie: switchboard_session="))
        .unwrap_or_else(|| panic!("log-in sets the session cookie: {response}"));
    cookie.split_once('=').unwrap().1.split(';').next().unwrap().to_owned()
}

#[actix_web::test]
async fn the_catalogue_tells_clients_the_same_table() {
    let app = TestApp::spawn().await;
    assert_eq!(raw(app.port, "GET", "/api/catalog", None).await.status, 401);
    let catalog = app.get("/api/catalog").await.body;
    // Role → collection → [read, create, update, delete], as in MATRIX.
    type Grants = [(&'static str, [&'static str; 4])];
    let expected: &[(&str, &Grants)] = &[
        (
            "dispatcher",
            &[
                ("orders", ["all", "all", "all", "all"]),
                ("customers", ["all", "none", "none", "none"]),
                ("services", ["all", "none", "none", "none"]),
                ("products", ["all", "none", "none", "none"]),
                ("drivers", ["all", "all", "all", "all"]),
                ("deliveries", ["all", "all", "all", "all"]),
                ("transit-batches", ["all", "all", "all", "all"]),
            ],
        ),
        (
            "accountant",
            &[
                ("orders", ["all", "none", "none", "none"]),
                ("customers", ["all", "none", "none", "none"]),
                ("invoices", ["all", "all", "all", "all"]),
                ("expenses", ["all", "all", "all", "all"]),
                ("budgets", ["all", "all", "all", "all"]),
            ],
        ),
        (
            "driver",
            &[
                ("drivers", ["own_driver", "none", "own_driver", "none"]),
                ("deliveries", ["own_driver", "none", "none", "none"]),
            ],
        ),
    ];
    for (role, collections) in expected {
        let entry = catalog["roles"].as_array().unwrap().iter().find(|r| r["name"] == *role).unwrap();
        let listed: Vec<&str> =
            entry["collections"].as_array().unwrap().iter().map(|c| c["collection"].as_str().unwrap()).collect();
        let names: Vec<&str> = collections.iter().map(|(name, _)| *name).collect();
        assert_eq!(listed.len(), names.len(), "{role}: {listed:?}");
        for (name, [read, create, update, delete]) in collections.iter() {
            let grants = entry["collections"].as_array().unwrap().iter().find(|c| c["collection"] == *name).unwrap();
            assert_eq!(
                [&grants["read"], &grants["create"], &grants["update"], &grants["delete"]],
                [read, create, update, delete],
                "{role} on {name}"
            );
        }
    }
    let driver = catalog["roles"].as_array().unwrap().iter().find(|r| r["name"] == "driver").unwrap();
    let driver_actions = &driver["collections"][0]["actions"];
    assert_eq!(driver_actions, &serde_json::json!({"location": "own_driver", "status": "own_driver"}));
    // Each role's bulk actions, as the MATRIX rows of the bulk routes say.
    let everything = serde_json::json!({"orders": {"status": "all"}, "invoices": {"status": "all"}, "deliveries": {"assign": "all"}});
    for (role, bulk) in [
        ("admin", everything.clone()),
        ("manager", everything),
        ("dispatcher", serde_json::json!({"orders": {"status": "all"}, "deliveries": {"assign": "all"}})),
        ("accountant", serde_json::json!({"invoices": {"status": "all"}})),
        ("driver", serde_json::json!({})),
    ] {
        let entry = catalog["roles"].as_array().unwrap().iter().find(|r| r["name"] == role).unwrap();
        let granted: serde_json::Map<String, Value> = entry["collections"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| !c["bulk"].as_object().unwrap().is_empty())
            .map(|c| (c["collection"].as_str().unwrap().to_owned(), c["bulk"].clone()))
            .collect();
        assert_eq!(Value::Object(granted), bulk, "{role}'s bulk actions");
    }
    let actions: Vec<String> =
        catalog["actions"].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap().to_owned()).collect();
    let bulk: Vec<String> = catalog["collections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["bulk"].as_array().unwrap())
        .map(|b| b["path"].as_str().unwrap().to_owned())
        .collect();
    for (method, path, _) in MATRIX {
        let is_action = *method == "POST" && (path.matches('/').count() == 4 || path.ends_with("/recompute"));
        if is_action && path.contains("/bulk/") {
            assert!(bulk.contains(&path.to_string()), "{path} is in the catalogue's bulk actions");
        } else if is_action {
            assert!(actions.contains(&path.to_string()), "{path} is in the catalogue's actions");
        }
    }
    assert_eq!(actions.len(), 8);
    assert_eq!(bulk.len(), 3);
    assert_eq!(catalog["views"].as_array().unwrap().len(), 7);
}

// ---------------------------------------------------------------------------------------------
// View fields: a view shows a role only the fields of collections it may read (README, Roles).

const TRACKED_ORDER: &[&str] = &[
    "order_id",
    "customer_id",
    "customer_name",
    "status",
    "delivery_address",
    "total_cents",
    "delivery_id",
    "delivery_status",
    "driver_id",
    "driver_name",
    "lat",
    "lng",
    "location_updated_at",
];
/// What an accountant (orders and customers, no deliveries or drivers) sees of an order on the road.
const TRACKED_ORDER_WITHOUT_DELIVERY: &[&str] = &["order_id", "customer_id", "customer_name", "status", "total_cents"];
const TRACKED_DRIVER: &[&str] = &["id", "name", "vehicle", "status", "lat", "lng", "location_updated_at"];
const INVENTORY_ITEM: &[&str] = &[
    "id",
    "sku",
    "name",
    "stock_quantity",
    "reorder_level",
    "price_cents",
    "cost_cents",
    "stock_value_cents",
    "stock_state",
];
const INVENTORY_KPIS: &[&str] =
    &["sku_count", "total_units", "stock_value_cents", "retail_value_cents", "low_stock_count", "out_of_stock_count"];
const ACCOUNTS: &[&str] =
    &["kind", "as_of", "open_count", "open_total_cents", "overdue_count", "overdue_total_cents", "aging", "invoices"];
const INVOICE: &[&str] = &[
    "id",
    "number",
    "kind",
    "customer_id",
    "counterparty",
    "amount_cents",
    "issue_date",
    "due_date",
    "status",
    "created_at",
    "updated_at",
    "version",
];
const BUDGET_VS_ACTUAL: &[&str] = &["items", "totals"];
const BUDGET_LINE: &[&str] = &[
    "budget_id",
    "category",
    "period",
    "budgeted_cents",
    "actual_cents",
    "variance_cents",
    "utilization",
    "over_budget",
];
const ITEMS: &[&str] = &["items"];

/// What a role gets from a view: 403, or these keys at the top and in each row of `rows`.
enum Sees {
    Forbidden,
    Fields { top: &'static [&'static str], rows: &'static str, row: &'static [&'static str] },
}

const fn rows(top: &'static [&'static str], rows: &'static str, row: &'static [&'static str]) -> Sees {
    Sees::Fields { top, rows, row }
}

/// For every view, what each role (admin, manager, dispatcher, accountant, driver) sees.
const VIEW_FIELDS: &[(&str, [Sees; 5])] = {
    use Sees::Forbidden as F;
    &[
        (
            "live-tracking-orders",
            [
                rows(ITEMS, "items", TRACKED_ORDER),
                rows(ITEMS, "items", TRACKED_ORDER),
                rows(ITEMS, "items", TRACKED_ORDER),
                rows(ITEMS, "items", TRACKED_ORDER_WITHOUT_DELIVERY),
                F,
            ],
        ),
        (
            "live-tracking-drivers",
            [
                rows(ITEMS, "items", TRACKED_DRIVER),
                rows(ITEMS, "items", TRACKED_DRIVER),
                rows(ITEMS, "items", TRACKED_DRIVER),
                F,
                F,
            ],
        ),
        (
            "inventory-items",
            [
                rows(ITEMS, "items", INVENTORY_ITEM),
                rows(ITEMS, "items", INVENTORY_ITEM),
                rows(ITEMS, "items", INVENTORY_ITEM),
                F,
                F,
            ],
        ),
        (
            "inventory-kpis",
            [rows(INVENTORY_KPIS, "", &[]), rows(INVENTORY_KPIS, "", &[]), rows(INVENTORY_KPIS, "", &[]), F, F],
        ),
        (
            "accounts-receivable",
            [
                rows(ACCOUNTS, "invoices", INVOICE),
                rows(ACCOUNTS, "invoices", INVOICE),
                F,
                rows(ACCOUNTS, "invoices", INVOICE),
                F,
            ],
        ),
        (
            "accounts-payable",
            [
                rows(ACCOUNTS, "invoices", INVOICE),
                rows(ACCOUNTS, "invoices", INVOICE),
                F,
                rows(ACCOUNTS, "invoices", INVOICE),
                F,
            ],
        ),
        (
            "budget-vs-actual",
            [
                rows(BUDGET_VS_ACTUAL, "items", BUDGET_LINE),
                rows(BUDGET_VS_ACTUAL, "items", BUDGET_LINE),
                F,
                rows(BUDGET_VS_ACTUAL, "items", BUDGET_LINE),
                F,
            ],
        ),
    ]
};

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().map(|fields| fields.keys().cloned().collect()).unwrap_or_default()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|name| name.to_string()).collect()
}

#[actix_web::test]
async fn every_view_shows_each_role_only_the_fields_of_collections_it_may_read() {
    use serde_json::json;
    let app = TestApp::spawn().await;
    // One row in every view: an order on the road with a located driver, a product, open
    // invoices of both kinds, a budget with an expense.
    let customer = app.customer("Ada Views").await;
    let order = app.order(customer, "ready", Some("1 View Street"), 900).await;
    let driver = app.create("drivers", json!({"name": "Lou", "vehicle": "Van"})).await["id"].as_i64().unwrap();
    assert_eq!(app.post(&format!("/api/drivers/{driver}/status"), json!({"status": "available"})).await.status, 200);
    let located = app.post(&format!("/api/drivers/{driver}/location"), json!({"lat": 51.5, "lng": -0.12})).await;
    assert_eq!(located.status, 200, "{}", located.body);
    let delivery = app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap();
    let assigned = app.post(&format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})).await;
    assert_eq!(assigned.status, 200, "{}", assigned.body);
    let picked = app.post(&format!("/api/deliveries/{delivery}/status"), json!({"status": "picked_up"})).await;
    assert_eq!(picked.status, 200, "{}", picked.body);
    app.create("products", json!({"sku": "V-1", "name": "Crate", "price_cents": 500, "cost_cents": 200})).await;
    for kind in ["receivable", "payable"] {
        app.create("invoices", json!({"kind": kind, "counterparty": "Ada", "amount_cents": 100, "status": "open"}))
            .await;
    }
    app.create("budgets", json!({"category": "Fuel", "period": "2026-11", "amount_cents": 1000})).await;
    app.create("expenses", json!({"category": "fuel", "amount_cents": 300, "expense_date": "2026-11-02"})).await;

    let mut clients = vec![app.client_as(Some(&app.admin_token))];
    for role in &ROLES[1..] {
        clients.push(app.client_as(Some(&app.token(role, (*role == "driver").then_some(driver)).await)));
    }
    assert_eq!(VIEW_FIELDS.len(), 7, "every view of the catalogue");
    for (view, by_role) in VIEW_FIELDS {
        let path =
            if *view == "budget-vs-actual" { format!("/api/{view}?period=2026-11") } else { format!("/api/{view}") };
        for (role, sees) in by_role.iter().enumerate() {
            let label = format!("{} on {view}", ROLES[role]);
            let mut response = clients[role].get(app.url(&path)).send().await.expect("the view answers");
            let body: Value = response.json().limit(1 << 20).await.expect("a JSON answer");
            match sees {
                Sees::Forbidden => assert_eq!(response.status(), 403, "{label}: {body}"),
                Sees::Fields { top, rows, row } => {
                    assert_eq!(response.status(), 200, "{label}: {body}");
                    assert_eq!(keys(&body), set(top), "{label}: {body}");
                    if !rows.is_empty() {
                        let lines = body[*rows].as_array().expect("rows");
                        assert!(!lines.is_empty(), "{label}: a row to look at: {body}");
                        for line in lines {
                            assert_eq!(keys(line), set(row), "{label}: {line}");
                        }
                    }
                    if *view == "budget-vs-actual" {
                        assert_eq!(body["items"][0]["actual_cents"], 300, "{label}: {body}");
                        assert_eq!(keys(&body["totals"]), set(&["budgeted_cents", "actual_cents", "variance_cents"]));
                    }
                }
            }
        }
    }

    // The dispatcher's line carries the position; the accountant's, the order and its customer.
    let dispatcher = clients[2].get(app.url("/api/live-tracking-orders")).send().await.unwrap().json::<Value>().await;
    let line = &dispatcher.unwrap()["items"][0];
    assert_eq!(
        (line["lat"].clone(), line["lng"].clone(), line["driver_name"].clone()),
        (json!(51.5), json!(-0.12), json!("Lou"))
    );
    let accountant = clients[3].get(app.url("/api/live-tracking-orders")).send().await.unwrap().json::<Value>().await;
    assert_eq!(
        accountant.unwrap()["items"][0],
        json!({"order_id": order, "customer_id": customer, "customer_name": "Ada Views", "status": "out_for_delivery", "total_cents": 900})
    );

    // The API document does not promise the fields a role may be refused.
    let document = app.get("/api/openapi.json").await.body;
    let required = &document["components"]["schemas"]["TrackedOrder"]["required"];
    assert!(required.as_array().is_some_and(|r| r.contains(&json!("order_id"))), "{required}");
    for hidden in [
        "delivery_id",
        "delivery_status",
        "delivery_address",
        "driver_id",
        "driver_name",
        "lat",
        "lng",
        "location_updated_at",
    ] {
        assert!(!required.as_array().is_some_and(|r| r.contains(&json!(hidden))), "{hidden} is optional: {required}");
    }

    // The catalogue tells clients the same.
    let catalog = app.get("/api/catalog").await.body;
    let roles = catalog["roles"].as_array().unwrap();
    let hidden = |role: &str| roles.iter().find(|r| r["name"] == role).unwrap()["hidden_view_fields"].clone();
    assert_eq!(
        hidden("accountant"),
        json!({"live-tracking-orders": ["delivery_id", "delivery_status", "delivery_address", "driver_id", "driver_name", "lat", "lng", "location_updated_at"]})
    );
    assert_eq!(hidden("dispatcher"), json!({}));
}
