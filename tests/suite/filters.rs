//! Filtered subscriptions (`orders?status=pending`): for every field a topic may be filtered by,
//! a record entering the filter, changing within it and leaving it reaches the session exactly
//! once (leaving marked `left`), and no other record's change reaches it; `since` replays only
//! what matches; a driver's filter cannot widen what the driver sees; bad filters are refused.
//!
//! Each case is a literal table: REST steps, and what the filtered session must see of each.

use std::collections::HashMap;

use crate::common::{TestApp, WsClient};
use serde_json::{json, Value};

/// What the session holding the case's topic sees of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sees {
    /// Its event, plain: the record is in the filter after the step.
    In,
    /// Its event, with `left` naming the topic and the record.
    Left,
    /// Nothing.
    Nothing,
}
use Sees::*;

/// A REST call. `$name` in the path or body is the id of the record a step created under that
/// name; `about` is the record the expected event is about.
struct Step {
    bind: Option<&'static str>,
    method: &'static str,
    path: &'static str,
    body: &'static str,
    sees: Sees,
    about: &'static str,
}

const fn step(method: &'static str, path: &'static str, body: &'static str, sees: Sees, about: &'static str) -> Step {
    Step { bind: None, method, path, body, sees, about }
}

/// A step that creates a record and names it.
const fn new(name: &'static str, path: &'static str, body: &'static str, sees: Sees) -> Step {
    Step { bind: Some(name), method: "POST", path, body, sees, about: name }
}

struct Case {
    /// Made before the session subscribes.
    setup: &'static [Step],
    /// The topic asked for, and as the server spells it back.
    asked: &'static str,
    normalised: &'static str,
    /// The last one is seen (`In`): everything before it has been delivered when it arrives.
    steps: &'static [Step],
}

const ORDER: &str = r#"{"customer_id": $c, "delivery_address": "1 Quay Road", "items": [{"description": "Crate", "quantity": 1, "unit_price_cents": 500}]}"#;
const BIG_ORDER: &str =
    r#"{"customer_id": $c, "items": [{"description": "Crane", "quantity": 1, "unit_price_cents": 900000}]}"#;

const CUSTOMERS: &[Step] = &[
    new("c", "/api/customers", r#"{"name": "Filter One", "email": "f1-$n@example.com"}"#, Nothing),
    new("d", "/api/customers", r#"{"name": "Filter Two", "email": "f2-$n@example.com"}"#, Nothing),
];

const CASES: &[Case] = &[
    // First: a recompute's event names every customer whose segment it changed, so here no
    // other case's customers are there to change with these.
    Case {
        setup: &[],
        asked: "customers?segment=vip",
        normalised: "customers?segment=vip",
        steps: &[
            new("c", "/api/customers", r#"{"name": "Big Spender", "email": "big@example.com"}"#, Nothing),
            new("o", "/api/orders", BIG_ORDER, Nothing),
            step("POST", "/api/customers/segments/recompute", "{}", In, "c"),
            step("PATCH", "/api/customers/$c", r#"{"phone": "555-0100"}"#, In, "c"),
            step("POST", "/api/orders/$o/status", r#"{"status": "cancelled"}"#, Nothing, "o"),
            step("POST", "/api/customers/segments/recompute", "{}", Left, "c"),
            step("PATCH", "/api/customers/$c", r#"{"phone": "555-0101"}"#, Nothing, "c"),
            new("d", "/api/customers", r#"{"name": "Small Spender", "email": "small@example.com"}"#, Nothing),
            new("s", "/api/customers", r#"{"name": "New Whale", "email": "whale@example.com"}"#, Nothing),
            step(
                "POST",
                "/api/orders",
                r#"{"customer_id": $s, "items": [{"description": "Crane", "quantity": 1, "unit_price_cents": 900000}]}"#,
                Nothing,
                "s",
            ),
            step("POST", "/api/customers/segments/recompute", "{}", In, "s"),
        ],
    },
    Case {
        setup: CUSTOMERS,
        asked: "orders?status=confirmed",
        normalised: "orders?status=confirmed",
        steps: &[
            new("a", "/api/orders", ORDER, Nothing),
            step("POST", "/api/orders/$a/status", r#"{"status": "confirmed"}"#, In, "a"),
            step("PATCH", "/api/orders/$a", r#"{"notes": "fragile"}"#, In, "a"),
            step("POST", "/api/orders/$a/status", r#"{"status": "in_progress"}"#, Left, "a"),
            step("PATCH", "/api/orders/$a", r#"{"notes": "moved on"}"#, Nothing, "a"),
            new("b", "/api/orders", ORDER, Nothing),
            step("PATCH", "/api/orders/$b", r#"{"notes": "pending still"}"#, Nothing, "b"),
            new("s", "/api/orders", ORDER, Nothing),
            step("POST", "/api/orders/$s/status", r#"{"status": "confirmed"}"#, In, "s"),
        ],
    },
    Case {
        setup: CUSTOMERS,
        asked: "orders?customer_id=$c",
        normalised: "orders?customer_id=$c",
        steps: &[
            new("a", "/api/orders", ORDER, In),
            step("PATCH", "/api/orders/$a", r#"{"notes": "fragile"}"#, In, "a"),
            step("PATCH", "/api/orders/$a", r#"{"customer_id": $d}"#, Left, "a"),
            step("PATCH", "/api/orders/$a", r#"{"notes": "someone else's"}"#, Nothing, "a"),
            new(
                "b",
                "/api/orders",
                r#"{"customer_id": $d, "items": [{"description": "Box", "quantity": 1, "unit_price_cents": 5}]}"#,
                Nothing,
            ),
            new("s", "/api/orders", ORDER, In),
        ],
    },
    Case {
        setup: &[],
        asked: "employees?role=dispatcher&active=true",
        normalised: "employees?active=true&role=dispatcher",
        steps: &[
            new("a", "/api/employees", r#"{"name": "Dee", "email": "dee@example.com", "role": "dispatcher"}"#, In),
            step("PATCH", "/api/employees/$a", r#"{"department": "Ops"}"#, In, "a"),
            step("PATCH", "/api/employees/$a", r#"{"active": false}"#, Left, "a"),
            step("PATCH", "/api/employees/$a", r#"{"role": "driver"}"#, Nothing, "a"),
            new("b", "/api/employees", r#"{"name": "Bo", "email": "bo@example.com", "role": "staff"}"#, Nothing),
            new("s", "/api/employees", r#"{"name": "Sy", "email": "sy@example.com", "role": "dispatcher"}"#, In),
        ],
    },
    Case {
        setup: &[],
        asked: "employees?department=Support&department=%20SALES",
        normalised: "employees?department=sales&department=support",
        steps: &[
            new("a", "/api/employees", r#"{"name": "Al", "email": "al@example.com", "department": "Sales"}"#, In),
            step("PATCH", "/api/employees/$a", r#"{"department": "support"}"#, In, "a"),
            step("PATCH", "/api/employees/$a", r#"{"department": "Ops"}"#, Left, "a"),
            new("b", "/api/employees", r#"{"name": "Ba", "email": "ba@example.com", "department": "Ops"}"#, Nothing),
            new("s", "/api/employees", r#"{"name": "Si", "email": "si@example.com", "department": " SUPPORT "}"#, In),
        ],
    },
    Case {
        setup: &[],
        asked: "services?active=true",
        normalised: "services?active=true",
        steps: &[
            new("a", "/api/services", r#"{"name": "Wash", "price_cents": 100}"#, In),
            step("PATCH", "/api/services/$a", r#"{"price_cents": 200}"#, In, "a"),
            step("PATCH", "/api/services/$a", r#"{"active": false}"#, Left, "a"),
            new("b", "/api/services", r#"{"name": "Dry", "price_cents": 100, "active": false}"#, Nothing),
            new("s", "/api/services", r#"{"name": "Fold", "price_cents": 100}"#, In),
        ],
    },
    Case {
        setup: &[],
        asked: "products?stock=low",
        normalised: "products?stock=low",
        steps: &[
            new(
                "a",
                "/api/products",
                r#"{"sku": "F-1", "name": "Bolt", "price_cents": 10, "cost_cents": 5, "stock_quantity": 2, "reorder_level": 5}"#,
                In,
            ),
            step("PATCH", "/api/products/$a", r#"{"price_cents": 12}"#, In, "a"),
            step("PATCH", "/api/products/$a", r#"{"stock_quantity": 50}"#, Left, "a"),
            step("PATCH", "/api/products/$a", r#"{"stock_quantity": 60}"#, Nothing, "a"),
            new("b", "/api/products", r#"{"sku": "F-2", "name": "Nut", "price_cents": 10, "cost_cents": 5}"#, Nothing),
            new(
                "s",
                "/api/products",
                r#"{"sku": "F-3", "name": "Pin", "price_cents": 10, "cost_cents": 5, "stock_quantity": 1, "reorder_level": 3}"#,
                In,
            ),
        ],
    },
    Case {
        setup: &[],
        asked: "invoices?status=open&kind=payable",
        normalised: "invoices?kind=payable&status=open",
        steps: &[
            new(
                "a",
                "/api/invoices",
                r#"{"kind": "payable", "counterparty": "Acme", "amount_cents": 100, "status": "open"}"#,
                In,
            ),
            step("PATCH", "/api/invoices/$a", r#"{"amount_cents": 150}"#, In, "a"),
            step("PATCH", "/api/invoices/$a", r#"{"status": "paid"}"#, Left, "a"),
            new(
                "b",
                "/api/invoices",
                r#"{"kind": "receivable", "counterparty": "Acme", "amount_cents": 100, "status": "open"}"#,
                Nothing,
            ),
            new(
                "s",
                "/api/invoices",
                r#"{"kind": "payable", "counterparty": "Acme", "amount_cents": 100, "status": "open"}"#,
                In,
            ),
        ],
    },
    Case {
        setup: CUSTOMERS,
        asked: "invoices?customer_id=$c",
        normalised: "invoices?customer_id=$c",
        steps: &[
            new("a", "/api/invoices", r#"{"kind": "receivable", "amount_cents": 100, "customer_id": $c}"#, In),
            step("PATCH", "/api/invoices/$a", r#"{"amount_cents": 150}"#, In, "a"),
            step("PATCH", "/api/invoices/$a", r#"{"customer_id": $d}"#, Left, "a"),
            new("b", "/api/invoices", r#"{"kind": "receivable", "amount_cents": 100, "customer_id": $d}"#, Nothing),
            new("s", "/api/invoices", r#"{"kind": "receivable", "amount_cents": 100, "customer_id": $c}"#, In),
        ],
    },
    Case {
        setup: &[],
        asked: "invoices?overdue=true",
        normalised: "invoices?overdue=true",
        steps: &[
            new(
                "a",
                "/api/invoices",
                r#"{"kind": "receivable", "counterparty": "Acme", "amount_cents": 100, "status": "open", "issue_date": "2020-01-01", "due_date": "2020-01-31"}"#,
                In,
            ),
            step("PATCH", "/api/invoices/$a", r#"{"amount_cents": 150}"#, In, "a"),
            step("PATCH", "/api/invoices/$a", r#"{"status": "paid"}"#, Left, "a"),
            new(
                "b",
                "/api/invoices",
                r#"{"kind": "receivable", "counterparty": "Acme", "amount_cents": 100, "status": "open", "issue_date": "2020-01-01", "due_date": "2999-01-31"}"#,
                Nothing,
            ),
            new(
                "s",
                "/api/invoices",
                r#"{"kind": "payable", "counterparty": "Acme", "amount_cents": 100, "status": "open", "issue_date": "2021-01-01", "due_date": "2021-01-31"}"#,
                In,
            ),
        ],
    },
    Case {
        setup: &[],
        asked: "expenses?category=Travel",
        normalised: "expenses?category=travel",
        steps: &[
            new(
                "a",
                "/api/expenses",
                r#"{"category": "travel", "amount_cents": 100, "expense_date": "2026-01-02"}"#,
                In,
            ),
            step("PATCH", "/api/expenses/$a", r#"{"amount_cents": 150}"#, In, "a"),
            step("PATCH", "/api/expenses/$a", r#"{"category": "Meals"}"#, Left, "a"),
            new(
                "b",
                "/api/expenses",
                r#"{"category": "Meals", "amount_cents": 1, "expense_date": "2026-01-02"}"#,
                Nothing,
            ),
            new("s", "/api/expenses", r#"{"category": "TRAVEL", "amount_cents": 1, "expense_date": "2026-01-03"}"#, In),
        ],
    },
    Case {
        setup: &[
            new("e", "/api/employees", r#"{"name": "Eve", "email": "eve@example.com"}"#, Nothing),
            new("f", "/api/employees", r#"{"name": "Fay", "email": "fay@example.com"}"#, Nothing),
        ],
        asked: "expenses?employee_id=$e",
        normalised: "expenses?employee_id=$e",
        steps: &[
            new(
                "a",
                "/api/expenses",
                r#"{"category": "x", "amount_cents": 1, "expense_date": "2026-01-02", "employee_id": $e}"#,
                In,
            ),
            step("PATCH", "/api/expenses/$a", r#"{"amount_cents": 150}"#, In, "a"),
            step("PATCH", "/api/expenses/$a", r#"{"employee_id": $f}"#, Left, "a"),
            new(
                "b",
                "/api/expenses",
                r#"{"category": "x", "amount_cents": 1, "expense_date": "2026-01-02", "employee_id": $f}"#,
                Nothing,
            ),
            new(
                "s",
                "/api/expenses",
                r#"{"category": "x", "amount_cents": 1, "expense_date": "2026-01-02", "employee_id": $e}"#,
                In,
            ),
        ],
    },
    Case {
        setup: &[],
        asked: "budgets?period=2026-03",
        normalised: "budgets?period=2026-03",
        steps: &[
            new("a", "/api/budgets", r#"{"category": "Fuel", "period": "2026-03", "amount_cents": 100}"#, In),
            step("PATCH", "/api/budgets/$a", r#"{"amount_cents": 150}"#, In, "a"),
            step("PATCH", "/api/budgets/$a", r#"{"period": "2026-04"}"#, Left, "a"),
            new("b", "/api/budgets", r#"{"category": "Rent", "period": "2026-04", "amount_cents": 1}"#, Nothing),
            new("s", "/api/budgets", r#"{"category": "Tools", "period": "2026-03", "amount_cents": 1}"#, In),
        ],
    },
    Case {
        setup: &[],
        asked: "budgets?category=fuel",
        normalised: "budgets?category=fuel",
        steps: &[
            new("a", "/api/budgets", r#"{"category": "Fuel", "period": "2026-01", "amount_cents": 100}"#, In),
            step("PATCH", "/api/budgets/$a", r#"{"amount_cents": 150}"#, In, "a"),
            step("PATCH", "/api/budgets/$a", r#"{"category": "Rent"}"#, Left, "a"),
            new("b", "/api/budgets", r#"{"category": "Rent", "period": "2026-02", "amount_cents": 1}"#, Nothing),
            new("s", "/api/budgets", r#"{"category": "FUEL", "period": "2026-05", "amount_cents": 1}"#, In),
        ],
    },
    Case {
        setup: &[],
        asked: "drivers?status=available",
        normalised: "drivers?status=available",
        steps: &[
            new("a", "/api/drivers", r#"{"name": "Dan"}"#, Nothing),
            step("POST", "/api/drivers/$a/status", r#"{"status": "available"}"#, In, "a"),
            step("PATCH", "/api/drivers/$a", r#"{"vehicle": "Van 2"}"#, In, "a"),
            step("POST", "/api/drivers/$a/status", r#"{"status": "on_break"}"#, Left, "a"),
            step("PATCH", "/api/drivers/$a", r#"{"vehicle": "Van 3"}"#, Nothing, "a"),
            new("s", "/api/drivers", r#"{"name": "Sam"}"#, Nothing),
            step("POST", "/api/drivers/$s/status", r#"{"status": "available"}"#, In, "s"),
        ],
    },
    Case {
        setup: &[
            new("c", "/api/customers", r#"{"name": "Ship Co", "email": "ship-$n@example.com"}"#, Nothing),
            new("o", "/api/orders", ORDER, Nothing),
            new("p", "/api/orders", ORDER, Nothing),
            new("q", "/api/orders", ORDER, Nothing),
        ],
        asked: "deliveries?unassigned=true",
        normalised: "deliveries?unassigned=true",
        steps: &[
            new("dr", "/api/drivers", r#"{"name": "Una"}"#, Nothing),
            step("POST", "/api/drivers/$dr/status", r#"{"status": "available"}"#, Nothing, "dr"),
            new("a", "/api/deliveries", r#"{"order_id": $o}"#, In),
            step("PATCH", "/api/deliveries/$a", r#"{"notes": "ring twice"}"#, In, "a"),
            step("POST", "/api/deliveries/$a/assign", r#"{"driver_id": $dr}"#, Left, "a"),
            step("PATCH", "/api/deliveries/$a", r#"{"notes": "on its way"}"#, Nothing, "a"),
            new("s", "/api/deliveries", r#"{"order_id": $p}"#, In),
        ],
    },
    Case {
        setup: &[
            new("c", "/api/customers", r#"{"name": "Ship Co", "email": "ship-$n@example.com"}"#, Nothing),
            new("o", "/api/orders", ORDER, Nothing),
            new("p", "/api/orders", ORDER, Nothing),
            new("q", "/api/orders", ORDER, Nothing),
            new("r", "/api/orders", ORDER, Nothing),
            new("d1", "/api/drivers", r#"{"name": "One"}"#, Nothing),
            new("d2", "/api/drivers", r#"{"name": "Two"}"#, Nothing),
            step("POST", "/api/drivers/$d1/status", r#"{"status": "available"}"#, Nothing, "d1"),
            step("POST", "/api/drivers/$d2/status", r#"{"status": "available"}"#, Nothing, "d2"),
        ],
        asked: "deliveries?driver_id=$d1",
        normalised: "deliveries?driver_id=$d1",
        steps: &[
            new("a", "/api/deliveries", r#"{"order_id": $o}"#, Nothing),
            step("POST", "/api/deliveries/$a/assign", r#"{"driver_id": $d1}"#, In, "a"),
            step("POST", "/api/deliveries/$a/status", r#"{"status": "picked_up"}"#, In, "a"),
            new("b", "/api/deliveries", r#"{"order_id": $p}"#, Nothing),
            step("POST", "/api/deliveries/$b/assign", r#"{"driver_id": $d2}"#, Nothing, "b"),
            new("e", "/api/deliveries", r#"{"order_id": $r}"#, Nothing),
            step("POST", "/api/deliveries/$e/assign", r#"{"driver_id": $d1}"#, In, "e"),
            step("DELETE", "/api/deliveries/$e", "", Left, "e"),
            new("s", "/api/deliveries", r#"{"order_id": $q}"#, Nothing),
            step("POST", "/api/deliveries/$s/assign", r#"{"driver_id": $d1}"#, In, "s"),
        ],
    },
    Case {
        setup: &[
            new("c", "/api/customers", r#"{"name": "Ship Co", "email": "ship-$n@example.com"}"#, Nothing),
            new("o", "/api/orders", ORDER, Nothing),
            new("p", "/api/orders", ORDER, Nothing),
            new("q", "/api/orders", ORDER, Nothing),
            new("dr", "/api/drivers", r#"{"name": "Ira"}"#, Nothing),
            step("POST", "/api/drivers/$dr/status", r#"{"status": "available"}"#, Nothing, "dr"),
        ],
        asked: "deliveries?status=assigned&order_id=$o,$q",
        normalised: "deliveries?order_id=$o,$q&status=assigned",
        steps: &[
            new("a", "/api/deliveries", r#"{"order_id": $o}"#, Nothing),
            step("POST", "/api/deliveries/$a/assign", r#"{"driver_id": $dr}"#, In, "a"),
            step("PATCH", "/api/deliveries/$a", r#"{"notes": "gate code 12"}"#, In, "a"),
            step("POST", "/api/deliveries/$a/status", r#"{"status": "picked_up"}"#, Left, "a"),
            new("b", "/api/deliveries", r#"{"order_id": $p}"#, Nothing),
            step("POST", "/api/deliveries/$b/assign", r#"{"driver_id": $dr}"#, Nothing, "b"),
            new("s", "/api/deliveries", r#"{"order_id": $q}"#, Nothing),
            step("POST", "/api/deliveries/$s/assign", r#"{"driver_id": $dr}"#, In, "s"),
        ],
    },
    Case {
        setup: &[
            new("c", "/api/customers", r#"{"name": "Batch Co", "email": "batch-$n@example.com"}"#, Nothing),
            new("o", "/api/orders", ORDER, Nothing),
            new("p", "/api/orders", ORDER, Nothing),
            new("q", "/api/orders", ORDER, Nothing),
            step("POST", "/api/orders/$o/status", r#"{"status": "confirmed"}"#, Nothing, "o"),
            step("POST", "/api/orders/$p/status", r#"{"status": "confirmed"}"#, Nothing, "p"),
            step("POST", "/api/orders/$q/status", r#"{"status": "confirmed"}"#, Nothing, "q"),
            step("POST", "/api/orders/$o/status", r#"{"status": "in_progress"}"#, Nothing, "o"),
            step("POST", "/api/orders/$p/status", r#"{"status": "in_progress"}"#, Nothing, "p"),
            step("POST", "/api/orders/$q/status", r#"{"status": "in_progress"}"#, Nothing, "q"),
            step("POST", "/api/orders/$o/status", r#"{"status": "ready"}"#, Nothing, "o"),
            step("POST", "/api/orders/$p/status", r#"{"status": "ready"}"#, Nothing, "p"),
            step("POST", "/api/orders/$q/status", r#"{"status": "ready"}"#, Nothing, "q"),
        ],
        asked: "transit-batches?status=in_transit",
        normalised: "transit-batches?status=in_transit",
        steps: &[
            new(
                "a",
                "/api/transit-batches",
                r#"{"origin": "Depot", "destination": "Hub", "order_ids": [$o]}"#,
                Nothing,
            ),
            step("POST", "/api/transit-batches/$a/initiate", "{}", In, "a"),
            step("PATCH", "/api/transit-batches/$a", r#"{"destination": "Hub 2"}"#, In, "a"),
            step("POST", "/api/transit-batches/$a/complete", "{}", Left, "a"),
            new(
                "b",
                "/api/transit-batches",
                r#"{"origin": "Depot", "destination": "Yard", "order_ids": [$p]}"#,
                Nothing,
            ),
            new("s", "/api/transit-batches", r#"{"origin": "Yard", "destination": "Hub", "order_ids": [$q]}"#, Nothing),
            step("POST", "/api/transit-batches/$s/initiate", "{}", In, "s"),
        ],
    },
];

/// `text` with each `$name` replaced by the id bound to it (longest names first).
fn fill(text: &str, ids: &HashMap<&str, i64>) -> String {
    let mut names: Vec<&&str> = ids.keys().collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    let mut filled = text.to_owned();
    for name in names {
        filled = filled.replace(&format!("${name}"), &ids[*name].to_string());
    }
    filled
}

/// Runs `step`, which must succeed; binds what it created.
async fn run(app: &TestApp, step: &Step, ids: &mut HashMap<&'static str, i64>) -> Value {
    let path = fill(step.path, ids);
    let body: Value =
        if step.body.is_empty() { Value::Null } else { serde_json::from_str(&fill(step.body, ids)).unwrap() };
    let reply = match step.method {
        "POST" => app.post(&path, body).await,
        "PATCH" => app.patch(&path, body).await,
        "DELETE" => app.delete(&path).await,
        other => panic!("no such method {other}"),
    };
    assert!(reply.status.is_success(), "{} {path} {}: {} {}", step.method, step.body, reply.status, reply.body);
    if let Some(name) = step.bind {
        ids.insert(name, reply.body["id"].as_i64().unwrap_or_else(|| panic!("{path} answers an id: {}", reply.body)));
    }
    reply.body
}

/// The events `ws` receives up to the one about record `last`, as (record, the records it says
/// left `topic`), after checking each is of `collection`.
async fn events_until(ws: &mut WsClient, collection: &str, topic: &str, last: i64) -> Vec<(i64, Vec<i64>)> {
    let mut seen = Vec::new();
    let mut seqs = Vec::new();
    loop {
        let frame = ws.next().await;
        if frame.get("entity").is_none() {
            assert_ne!(frame["type"], "error", "{frame}");
            continue;
        }
        assert_eq!(frame["entity"], collection, "only {collection} reaches {topic}: {frame}");
        seqs.push(frame["seq"].as_i64().unwrap());
        let id = frame["id"].as_i64().unwrap_or_else(|| panic!("one record per event here: {frame}"));
        let left: Vec<i64> = match frame.get("left") {
            None => Vec::new(),
            Some(left) => {
                let keys: Vec<&String> = left.as_object().expect("left is an object").keys().collect();
                assert_eq!(keys, [topic], "left names the topic as the ack spelled it: {frame}");
                serde_json::from_value(left[topic].clone()).unwrap()
            }
        };
        seen.push((id, left));
        if id == last {
            break;
        }
    }
    assert!(seqs.windows(2).all(|pair| pair[0] < pair[1]), "in seq order, once each: {seqs:?}");
    seen
}

#[actix_web::test]
async fn every_filter_field_gets_records_entering_within_and_leaving_once_and_nothing_else() {
    let app = TestApp::spawn().await;
    for (n, case) in CASES.iter().enumerate() {
        // `$n`: the case's number, for what must be unique (an email).
        let mut ids: HashMap<&'static str, i64> = HashMap::from([("n", n as i64)]);
        for step in case.setup {
            run(&app, step, &mut ids).await;
        }
        let asked = fill(case.asked, &ids);
        let normalised = fill(case.normalised, &ids);
        let mut ws = app.connected("").await;
        ws.send(json!({"type": "subscribe", "topics": [asked]})).await;
        let ack = ws.next_of("subscribed").await;
        assert_eq!(ack["topics"], json!([normalised]), "{asked}: {ack}");

        let mut expected = Vec::new();
        for step in case.steps {
            run(&app, step, &mut ids).await;
            match step.sees {
                In => expected.push((ids[step.about], Vec::new())),
                Left => expected.push((ids[step.about], vec![ids[step.about]])),
                Nothing => {}
            }
        }
        let last = case.steps.last().unwrap();
        assert_eq!(last.sees, In, "{asked}: the last step is one the session sees");
        let collection = normalised.split('?').next().unwrap();
        let seen = events_until(&mut ws, collection, &normalised, ids[last.about]).await;
        assert_eq!(seen, expected, "{asked}: (record, left) of each event, in order");
        ws.close().await;
    }
}

#[actix_web::test]
async fn a_resume_with_since_replays_only_what_matches_and_marks_what_left() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Replay Ltd").await;
    let from = app.log_head().await;
    let a = app.order(customer, "confirmed", None, 100).await; // in (confirmed)
    let b = app.order(customer, "pending", None, 100).await; // never in
    let moved = app.post(&format!("/api/orders/{a}/status"), json!({"status": "in_progress"})).await;
    assert!(moved.status.is_success(), "{}", moved.body);
    let c = app.order(customer, "confirmed", None, 100).await;

    let mut ws = app.connected("").await;
    ws.send(json!({"type": "subscribe", "topics": ["orders?status=confirmed"], "since": from})).await;
    assert_eq!(ws.next_of("subscribed").await["topics"], json!(["orders?status=confirmed"]));
    let seen = events_until(&mut ws, "orders", "orders?status=confirmed", c).await;
    // a: created pending (out), confirmed (in), in progress (left); c: created (out), confirmed.
    assert_eq!(seen, [(a, vec![]), (a, vec![a]), (c, vec![])], "b ({b}) never");
    // Nothing more was due: a change that matches is the next frame.
    let d = app.order(customer, "confirmed", None, 100).await;
    assert_eq!(events_until(&mut ws, "orders", "orders?status=confirmed", d).await, [(d, vec![])]);
}

#[actix_web::test]
async fn a_drivers_filter_cannot_reach_another_drivers_deliveries() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Driver Filter Co").await;
    let address = Some("9 Depot Lane");
    let mut drivers = Vec::new();
    for name in ["Seven", "Eight"] {
        let id = app.create("drivers", json!({"name": name})).await["id"].as_i64().unwrap();
        let available = app.post(&format!("/api/drivers/{id}/status"), json!({"status": "available"})).await;
        assert!(available.status.is_success(), "{}", available.body);
        drivers.push(id);
    }
    let (seven, eight) = (drivers[0], drivers[1]);
    let token = app.token("driver", Some(seven)).await;
    let mut ws = app.ws_as(&app.client_as(Some(&token)), "").await.expect("a driver may open /ws");
    assert_eq!(ws.next().await["type"], "welcome");
    let topics = [format!("deliveries?driver_id={eight}"), format!("deliveries?driver_id={seven}")];
    ws.send(json!({"type": "subscribe", "topics": topics})).await;
    let ack = ws.next_of("subscribed").await;
    assert_eq!(ack["topics"], json!(topics), "{ack}");

    let mut deliveries = Vec::new();
    for driver in [eight, eight, seven] {
        let order = app.order(customer, "pending", address, 100).await;
        let delivery = app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap();
        let assigned = app.post(&format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})).await;
        assert!(assigned.status.is_success(), "{}", assigned.body);
        deliveries.push(delivery);
    }
    // Driver 8's two deliveries never reach driver 7's session; its own one does.
    let own = deliveries[2];
    let frame = ws.next().await;
    assert_eq!((frame["entity"].as_str(), frame["id"].as_i64()), (Some("deliveries"), Some(own)), "{frame}");
}

#[actix_web::test]
async fn bad_filters_get_error_frames_that_say_why() {
    let app = TestApp::spawn().await;
    let mut ws = app.connected("").await;
    let cases = [
        ("orders?colour=red", "bad_filter"),
        ("orders?status=lost", "bad_filter"),
        ("orders?created_at=2026-01-01", "bad_filter"),
        ("orders?status=", "bad_filter"),
        ("orders?", "bad_filter"),
        ("orders:4?status=pending", "bad_filter"),
        ("*?status=pending", "bad_filter"),
        ("deliveries?driver_id=-3", "bad_filter"),
        ("ordres?status=pending", "unknown_topic"),
    ];
    for (topic, code) in cases {
        ws.send(json!({"type": "subscribe", "topics": [topic]})).await;
        let frame = ws.next().await;
        assert_eq!((frame["type"].as_str(), frame["code"].as_str()), (Some("error"), Some(code)), "{topic}: {frame}");
    }
    // A later good subscribe on the same session still works, spelled back normalised, and it
    // can be dropped by the spelling the client first used.
    let asked = "orders?status=ready,pending,ready";
    ws.send(json!({"type": "subscribe", "topics": [asked]})).await;
    assert_eq!(ws.next_of("subscribed").await["topics"], json!(["orders?status=pending,ready"]));
    ws.send(json!({"type": "unsubscribe", "topics": [asked]})).await;
    assert_eq!(ws.next_of("unsubscribed").await["topics"], json!(["orders?status=pending,ready"]));
    let customer = app.customer("Quiet Co").await;
    ws.subscribe(&["customers"]).await;
    app.order(customer, "pending", None, 100).await;
    // The premise of the silence: a session's events arrive in seq order, so the customer made
    // after the order is the next frame only if the order's event did not come.
    let marker = app.customer("Marker Co").await;
    let frame = ws.next().await;
    assert_eq!((frame["type"].as_str(), frame["id"].as_i64()), (Some("customer_created"), Some(marker)), "{frame}");
}

#[actix_web::test]
async fn a_filtered_topic_on_the_query_string_keeps_its_values() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Query Co").await;
    let topics = "orders%3Fstatus%3Dready%2Cconfirmed,customers";
    let mut ws = app.connected(&format!("?topics={topics}")).await;
    let ack = ws.next_of("subscribed").await;
    assert_eq!(ack["topics"], json!(["orders?status=confirmed,ready", "customers"]), "{ack}");
    let order = app.order(customer, "confirmed", None, 100).await;
    let frame = ws.next().await;
    assert_eq!((frame["type"].as_str(), frame["id"].as_i64()), (Some("order_status_changed"), Some(order)), "{frame}");
}

/// The fields docs/protocol.md says each collection's topic may be filtered by.
const DOCUMENTED: &[(&str, &[&str])] = &[
    ("orders", &["customer_id", "status"]),
    ("customers", &["segment"]),
    ("employees", &["role", "department", "active"]),
    ("services", &["active"]),
    ("products", &["stock"]),
    ("invoices", &["kind", "customer_id", "status", "overdue"]),
    ("expenses", &["category", "employee_id"]),
    ("budgets", &["category", "period"]),
    ("drivers", &["status"]),
    ("deliveries", &["order_id", "driver_id", "status", "unassigned"]),
    ("transit-batches", &["status"]),
];

#[actix_web::test]
async fn the_documented_filter_fields_are_the_catalogues_and_each_has_a_case() {
    let app = TestApp::spawn().await;
    let catalog = app.get("/api/catalog").await.body;
    for entry in catalog["collections"].as_array().unwrap() {
        let name = entry["name"].as_str().unwrap();
        let eq = entry["fields"].as_array().unwrap().iter().filter(|field| field["filter"] == "eq");
        let special = entry["filters"].as_array().unwrap().iter();
        let mut declared: Vec<&str> = eq.chain(special).map(|field| field["name"].as_str().unwrap()).collect();
        let mut documented = DOCUMENTED.iter().find(|(collection, _)| *collection == name).unwrap().1.to_vec();
        declared.sort_unstable();
        documented.sort_unstable();
        assert_eq!(declared, documented, "{name}: the catalogue's filterable fields are the documented ones");
        for field in documented {
            let covered = CASES.iter().any(|case| {
                let (collection, query) = case.normalised.split_once('?').unwrap();
                collection == name && query.split('&').any(|term| term.starts_with(&format!("{field}=")))
            });
            assert!(covered, "{name}?{field}= has a case in CASES");
        }
    }
}
