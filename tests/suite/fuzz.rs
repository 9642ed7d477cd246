//! A deterministic fuzz of every write endpoint and of /ws.
//!
//! REST: every POST, PATCH and DELETE route the OpenAPI document lists (collections, `{id}`
//! paths with ids that exist and ids that do not, and the domain actions) gets random and
//! malformed bodies built from the route's own request schema: truncated JSON, wrong types for
//! each known field, huge numbers, floats for integers, negative money, unknown fields, nested
//! junk, deep nesting, very long strings, invalid UTF-8, empty bodies, wrong Content-Types and
//! valid bodies. No answer may be a 5xx; every 4xx is the JSON error shape; and nothing is
//! half-written: the event log grows by exactly the number of 2xx writes, and every record's
//! `version` is what the successful changes made it.
//!
//! /ws: random and malformed frames (bad JSON, unknown types, wrong field types, random topics,
//! huge topic lists, odd `since` values, binary and fragmented frames, oversized frames); every
//! answer is an ack, a pong, an event or an error frame, and the session stays usable unless
//! it is closed with a documented close code.
//!
//! Deterministic: a seeded xorshift64* drives everything. `FUZZ_SEED` and `FUZZ_CASES` override
//! the seed and the number of REST cases (the /ws fuzz runs a third as many); a failure prints
//! the seed to rerun it with.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::common::{TestApp, WsClient, WsEnd, COLLECTIONS};
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use awc::ws;
use serde_json::{json, Map, Value};

const DEFAULT_CASES: usize = 1500;

// ---------------------------------------------------------------------------------------------
// The generator.

/// xorshift64*: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 spreads nearby seeds apart; a zero state would stay zero.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)).max(1))
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next_u64() % (high - low + 1) as u64) as i64
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self) -> String {
        const WORDS: &[&str] = &[
            "alpha",
            "north",
            "crate",
            "van",
            "blue",
            "river",
            "office",
            "Zoë",
            "déjà",
            "東京",
            "🚚",
            "o'brien",
            "drop table",
            "%_%",
            "\\",
            "\"quoted\"",
            "tab\there",
            "line\nbreak",
            "\u{0}nul",
        ];
        self.pick(WORDS).to_string()
    }

    /// A string of `len` random characters, some of them far outside ASCII.
    fn chars(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| match self.below(10) {
                0 => char::from_u32(self.range(0x80, 0x7FF) as u32).unwrap_or('x'),
                1 => char::from_u32(self.range(0x4E00, 0x9FFF) as u32).unwrap_or('x'),
                2 => char::from_u32(self.range(0x1F300, 0x1F5FF) as u32).unwrap_or('x'),
                3 => char::from_u32(self.range(0, 31) as u32).unwrap_or('x'),
                _ => char::from_u32(self.range(32, 126) as u32).unwrap_or('x'),
            })
            .collect()
    }
}

/// The seed and the case count, from the environment or the defaults.
fn settings() -> (u64, usize) {
    // The default is fixed, so every run without FUZZ_SEED is the same run.
    let seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0x5EED_F00D);
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(DEFAULT_CASES);
    (seed, cases)
}

/// Prints how to replay the run if the test fails.
struct SeedReport {
    test: &'static str,
    seed: u64,
    cases: usize,
}

impl Drop for SeedReport {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "\n*** {} failed: rerun with FUZZ_SEED={} FUZZ_CASES={} cargo test --test fuzz {}\n",
                self.test, self.seed, self.cases, self.test
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The request schemas, read from /api/openapi.json.

#[derive(Clone, Debug)]
enum Ty {
    Int,
    Num,
    Str,
    Bool,
    Array(Box<Shape>),
    Object(Vec<Prop>),
    Any,
}

#[derive(Clone, Debug)]
struct Shape {
    ty: Ty,
    nullable: bool,
    format: Option<String>,
}

#[derive(Clone, Debug)]
struct Prop {
    name: String,
    shape: Shape,
    required: bool,
}

/// A documented write route.
#[derive(Clone, Debug)]
struct Endpoint {
    method: Method,
    /// As documented: `/api/orders/{id}/status`.
    template: String,
    /// `orders`
    collection: String,
    /// `status` for `/api/orders/{id}/status`; `None` for the CRUD routes.
    action: Option<String>,
    /// The request body's properties, when the route takes a body.
    body: Option<Vec<Prop>>,
}

impl Endpoint {
    fn has_id(&self) -> bool {
        self.template.contains("{id}")
    }

    fn label(&self) -> String {
        format!("{} {}", self.method, self.template)
    }
}

fn resolve(doc: &Value, schema: &Value, depth: usize) -> Shape {
    assert!(depth < 20, "the schemas nest too deeply: {schema}");
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(target.is_object(), "{reference} resolves");
        return resolve(doc, target, depth + 1);
    }
    for combinator in ["oneOf", "anyOf", "allOf"] {
        if let Some(options) = schema.get(combinator).and_then(Value::as_array) {
            let mut nullable = false;
            let mut chosen = None;
            for option in options {
                if option.get("type").and_then(Value::as_str) == Some("null") {
                    nullable = true;
                } else if chosen.is_none() {
                    chosen = Some(resolve(doc, option, depth + 1));
                }
            }
            let mut shape = chosen.unwrap_or(Shape { ty: Ty::Any, nullable: true, format: None });
            shape.nullable |= nullable;
            return shape;
        }
    }
    let (kind, nullable) = match &schema["type"] {
        Value::String(kind) => (kind.clone(), false),
        Value::Array(kinds) => {
            let names: Vec<&str> = kinds.iter().filter_map(Value::as_str).collect();
            let kind = names.iter().find(|k| **k != "null").copied().unwrap_or("null");
            (kind.to_owned(), names.contains(&"null"))
        }
        _ if schema.get("properties").is_some() => ("object".to_owned(), false),
        _ => ("any".to_owned(), true),
    };
    let format = schema.get("format").and_then(Value::as_str).map(str::to_owned);
    let ty = match kind.as_str() {
        "integer" => Ty::Int,
        "number" => Ty::Num,
        "string" => Ty::Str,
        "boolean" => Ty::Bool,
        "array" => Ty::Array(Box::new(resolve(doc, &schema["items"], depth + 1))),
        "object" => {
            let required: Vec<&str> =
                schema["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let props = schema["properties"]
                .as_object()
                .map(|props| {
                    props
                        .iter()
                        .map(|(name, prop)| Prop {
                            name: name.clone(),
                            shape: resolve(doc, prop, depth + 1),
                            required: required.contains(&name.as_str()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Ty::Object(props)
        }
        _ => Ty::Any,
    };
    Shape { ty, nullable, format }
}

/// Every POST, PATCH and DELETE on a collection the document lists, with its body schema.
async fn write_endpoints(app: &TestApp) -> Vec<Endpoint> {
    let doc = app.get("/api/openapi.json").await.body;
    let mut endpoints = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("the document lists paths") {
        for (name, method) in [("post", Method::POST), ("patch", Method::PATCH), ("delete", Method::DELETE)] {
            let Some(operation) = item.get(name) else { continue };
            let rest = path.strip_prefix("/api/").expect("every route is under /api");
            let segments: Vec<&str> = rest.split('/').collect();
            // The collections' writes; authentication's (log-in, tokens) are not records the
            // model follows, and revoking tokens would cut the fuzzer off.
            if !switchboard::domain::Entity::ALL.iter().any(|entity| entity.collection() == segments[0]) {
                continue;
            }
            let action = match segments.as_slice() {
                [_, "{id}", action] => Some(action.to_string()),
                [_, a, b] => Some(format!("{a}/{b}")),
                _ => None,
            };
            let body =
                operation.pointer("/requestBody/content/application~1json/schema").map(|schema| {
                    match resolve(&doc, schema, 0).ty {
                        Ty::Object(props) => props,
                        other => panic!("{path}: a request body that is not an object: {other:?}"),
                    }
                });
            endpoints.push(Endpoint {
                method,
                template: path.clone(),
                collection: segments[0].to_owned(),
                action,
                body,
            });
        }
    }
    endpoints.sort_by_key(Endpoint::label);
    endpoints
}

// ---------------------------------------------------------------------------------------------
// What the fuzzer knows of the database.

#[derive(Debug, Clone)]
struct Rec {
    version: i64,
    /// For expenses: the employee they belong to (deleting the employee detaches them, which
    /// is a change to the expense).
    employee_id: Option<i64>,
    /// Its status, where it has one: the fuzzer mostly asks for a legal next one.
    status: Option<String>,
}

#[derive(Default)]
struct Model {
    records: BTreeMap<String, BTreeMap<i64, Rec>>,
    deleted: Vec<(String, i64)>,
    /// Events a successful write caused besides its own (an employee's delete updates each of
    /// their expenses, and says so with an `expense_updated` each; a delivery's action moves its
    /// driver and order).
    side_events: i64,
}

impl Model {
    fn ids(&self, collection: &str) -> Vec<i64> {
        self.records.get(collection).map(|r| r.keys().copied().collect()).unwrap_or_default()
    }

    fn rec(record: &Value) -> Rec {
        Rec {
            version: record["version"].as_i64().expect("records carry a version"),
            employee_id: record.get("employee_id").and_then(Value::as_i64),
            status: record.get("status").and_then(Value::as_str).map(str::to_owned),
        }
    }
}

async fn load_model(app: &TestApp, endpoints: &[Endpoint]) -> Model {
    let mut model = Model::default();
    let mut collections: Vec<&str> = endpoints.iter().map(|e| e.collection.as_str()).collect();
    collections.dedup();
    for collection in collections {
        let mut offset = 0;
        let map = model.records.entry(collection.to_owned()).or_default();
        loop {
            let page = app.get(&format!("/api/{collection}?limit=500&offset={offset}")).await;
            assert_eq!(page.status, StatusCode::OK, "listing {collection}: {}", page.body);
            let items = page.body["items"].as_array().expect("a page has items").clone();
            for item in &items {
                map.insert(item["id"].as_i64().unwrap(), Model::rec(item));
            }
            offset += items.len();
            if items.is_empty() || offset as i64 >= page.body["total"].as_i64().unwrap() {
                break;
            }
        }
    }
    model
}

// ---------------------------------------------------------------------------------------------
// Bodies.

const ORDER_STATUSES: &[&str] =
    &["pending", "confirmed", "in_progress", "ready", "out_for_delivery", "delivered", "cancelled"];
const DELIVERY_STATUSES: &[&str] =
    &["pending", "assigned", "picked_up", "in_transit", "delivered", "failed", "cancelled"];
const DRIVER_STATUSES: &[&str] = &["offline", "available", "on_delivery", "on_break"];
const INVOICE_STATUSES: &[&str] = &["draft", "open", "paid", "void"];
const BATCH_STATUSES: &[&str] = &["planned", "in_transit", "completed"];
const ROLES: &[&str] = &["admin", "manager", "dispatcher", "accountant", "driver", "staff"];

struct Fuzzer {
    rng: Rng,
    /// The status of the record the request is about, if known.
    target_status: Option<String>,
    /// Makes unique names, emails, SKUs.
    counter: u64,
}

/// A request body: its bytes and the Content-Type to send (none when `None`).
struct Body {
    bytes: Vec<u8>,
    content_type: Option<&'static str>,
    /// What kind of body it is, for failure messages.
    kind: &'static str,
}

impl Fuzzer {
    fn unique(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    fn existing(&mut self, model: &Model, collection: &str) -> Value {
        let ids = model.ids(collection);
        if ids.is_empty() || self.rng.chance(5) {
            json!(self.rng.range(1, 5000))
        } else {
            json!(*self.rng.pick(&ids))
        }
    }

    /// A value that a careful client would send for this field.
    fn plausible(&mut self, model: &Model, collection: &str, prop: &Prop) -> Value {
        let name = prop.name.as_str();
        if prop.shape.nullable && self.rng.chance(10) {
            return Value::Null;
        }
        match name {
            "email" => return json!(format!("fuzz{}@example.com", self.unique())),
            "sku" | "code" | "number" => return json!(format!("FZ-{}", self.unique())),
            "name" | "category" => return json!(format!("{} {}", self.rng.word(), self.unique())),
            "period" => return json!(format!("20{}-{:02}", self.rng.range(20, 40), self.rng.range(1, 12))),
            "kind" => return json!(self.rng.pick(&["receivable", "payable"])),
            "role" => return json!(self.rng.pick(ROLES)),
            "lat" => return json!(self.rng.range(-90_000, 90_000) as f64 / 1000.0),
            "lng" => return json!(self.rng.range(-180_000, 180_000) as f64 / 1000.0),
            "quantity" => return json!(self.rng.range(1, 5)),
            "stock_quantity" | "reorder_level" if self.rng.chance(5) => return json!(i64::MAX),
            "stock_quantity" | "reorder_level" => return json!(self.rng.range(0, 200)),
            "duration_minutes" => return json!(self.rng.range(5, 240)),
            "customer_id" => return self.existing(model, "customers"),
            "employee_id" => return self.existing(model, "employees"),
            "order_id" => return self.existing(model, "orders"),
            "driver_id" => return self.existing(model, "drivers"),
            "service_id" => return self.existing(model, "services"),
            "product_id" => return self.existing(model, "products"),
            "order_ids" => {
                let n = self.rng.below(3);
                return Value::Array((0..n).map(|_| self.existing(model, "orders")).collect());
            }
            "items" => {
                let n = self.rng.range(1, 3);
                return Value::Array((0..n).map(|_| self.order_line(model)).collect());
            }
            "status" => {
                let next: &[&str] = match (collection, self.target_status.as_deref()) {
                    ("orders", Some("pending")) => &["confirmed", "cancelled"],
                    ("orders", Some("confirmed")) => &["in_progress", "cancelled"],
                    ("orders", Some("in_progress")) => &["ready", "cancelled"],
                    ("orders", Some("ready")) => &["out_for_delivery", "cancelled"],
                    ("orders", Some("out_for_delivery")) => &["delivered", "cancelled"],
                    ("deliveries", Some("pending")) => &["cancelled"],
                    ("deliveries", Some("assigned")) => &["picked_up", "cancelled"],
                    ("deliveries", Some("picked_up")) => &["in_transit", "failed"],
                    ("deliveries", Some("in_transit")) => &["delivered", "failed"],
                    _ => &[],
                };
                if !next.is_empty() && self.rng.chance(70) {
                    return json!(self.rng.pick(next));
                }
                let statuses = match collection {
                    "orders" => ORDER_STATUSES,
                    "deliveries" => DELIVERY_STATUSES,
                    "drivers" => DRIVER_STATUSES,
                    "invoices" => INVOICE_STATUSES,
                    _ => BATCH_STATUSES,
                };
                return json!(self.rng.pick(statuses));
            }
            _ => {}
        }
        if name.ends_with("_cents") {
            // Now and then the largest amount there is: totals and sums must hold it.
            return json!(if self.rng.chance(8) { i64::MAX } else { self.rng.range(0, 500_000) });
        }
        if name.ends_with("_date") || prop.shape.format.as_deref() == Some("date") {
            return json!(format!("2026-{:02}-{:02}", self.rng.range(1, 12), self.rng.range(1, 28)));
        }
        self.of_shape(&prop.shape, 0)
    }

    fn order_line(&mut self, model: &Model) -> Value {
        let quantity = self.rng.range(1, 3);
        match self.rng.below(3) {
            0 => json!({"service_id": self.existing(model, "services"), "quantity": quantity}),
            1 => json!({"product_id": self.existing(model, "products"), "quantity": quantity}),
            _ => json!({
                "description": format!("custom {}", self.rng.word()),
                "unit_price_cents": self.rng.range(0, 20_000),
                "quantity": quantity,
            }),
        }
    }

    /// Any value of the shape's type.
    fn of_shape(&mut self, shape: &Shape, depth: usize) -> Value {
        match &shape.ty {
            Ty::Int => json!(self.rng.range(0, 1000)),
            Ty::Num => json!(self.rng.range(0, 100_000) as f64 / 1000.0),
            Ty::Str => json!(format!("{} {}", self.rng.word(), self.rng.word())),
            Ty::Bool => json!(self.rng.chance(50)),
            Ty::Array(item) if depth < 3 => {
                let n = self.rng.below(3);
                Value::Array((0..n).map(|_| self.of_shape(item, depth + 1)).collect())
            }
            Ty::Object(props) if depth < 3 => {
                let mut map = Map::new();
                for prop in props {
                    if prop.required || self.rng.chance(50) {
                        map.insert(prop.name.clone(), self.of_shape(&prop.shape, depth + 1));
                    }
                }
                Value::Object(map)
            }
            _ => Value::Null,
        }
    }

    /// A body a client following the schema would send: for POST every required field and some
    /// optional ones; for PATCH a few fields.
    /// With `all`, every field a POST takes.
    fn valid_body(&mut self, model: &Model, endpoint: &Endpoint, props: &[Prop], all: bool) -> Map<String, Value> {
        let patch = endpoint.method == Method::PATCH;
        let mut map = Map::new();
        for prop in props {
            let wanted = if patch && !all { self.rng.chance(30) } else { all || prop.required || self.rng.chance(50) };
            if wanted {
                map.insert(prop.name.clone(), self.plausible(model, &endpoint.collection, prop));
            }
        }
        map
    }

    /// A value of the wrong type for `shape`.
    fn wrong_type(&mut self, shape: &Shape) -> Value {
        if matches!(shape.ty, Ty::Any) {
            // Every type is right for it: a structure, then.
            return json!({"nested": [self.rng.chance(50)]});
        }
        let candidates: Vec<Value> = vec![
            json!("12"),
            json!(""),
            json!(42),
            json!(-7),
            json!(1.5),
            json!(true),
            json!([]),
            json!([1, "two", null]),
            json!({}),
            json!({"nested": {"deeper": [1, 2, {"x": null}]}}),
        ];
        loop {
            let value = self.rng.pick(&candidates).clone();
            let same = match (&shape.ty, &value) {
                (Ty::Int, Value::Number(n)) => n.is_i64(),
                (Ty::Num, Value::Number(_)) => true,
                (Ty::Str, Value::String(_)) => true,
                (Ty::Bool, Value::Bool(_)) => true,
                (Ty::Array(_), Value::Array(_)) => true,
                (Ty::Object(_), Value::Object(_)) => true,
                _ => false,
            };
            if !same {
                return value;
            }
        }
    }

    /// A value of the right JSON type but at or past an edge.
    fn extreme(&mut self, shape: &Shape) -> Value {
        match shape.ty {
            Ty::Int | Ty::Num => match self.rng.below(12) {
                0 | 10 | 11 => json!(i64::MAX),
                1 => json!(i64::MIN),
                2 => json!(-1),
                3 => json!(-self.rng.range(1, 1_000_000_000)),
                4 => json!(u64::MAX),
                5 => json!(1e308),
                6 => json!(-0.0),
                7 => json!(0.5),
                8 => json!(4_611_686_018_427_387_904i64),
                _ => json!(0),
            },
            Ty::Str => match self.rng.below(7) {
                0 => json!(""),
                1 => json!("   "),
                2 => json!("x".repeat(2_001)),
                3 => json!(self.rng.chars(3_000)),
                4 => json!(self.rng.chars(20)),
                5 => json!("9999-99-99"),
                _ => json!("\u{0}"),
            },
            _ => Value::Null,
        }
    }

    fn body(&mut self, model: &Model, endpoint: &Endpoint) -> Body {
        const JSON: Option<&str> = Some("application/json");
        let props = endpoint.body.clone().unwrap_or_default();
        let mut valid = self.valid_body(model, endpoint, &props, false);
        let json_body =
            |map: &Map<String, Value>, kind| Body { bytes: serde_json::to_vec(map).unwrap(), content_type: JSON, kind };
        let prop = if props.is_empty() { None } else { Some(self.rng.pick(&props).clone()) };
        match self.rng.below(100) {
            0..=29 => json_body(&valid, "valid"),
            30..=39 => match prop {
                Some(prop) => {
                    valid.insert(prop.name.clone(), self.wrong_type(&prop.shape));
                    json_body(&valid, "wrong type")
                }
                None => json_body(&valid, "valid"),
            },
            40..=44 => match prop {
                Some(prop) => {
                    valid.insert(prop.name.clone(), self.extreme(&prop.shape));
                    json_body(&valid, "extreme value")
                }
                None => json_body(&valid, "valid"),
            },
            45..=49 => {
                // Any field, nested ones too (`items[1].unit_price_cents`), at an edge.
                let mut value = Value::Object(valid);
                let leaves = leaves(&value);
                if !leaves.is_empty() {
                    let leaf = self.rng.pick(&leaves).clone();
                    let slot = value.pointer_mut(&leaf).expect("the leaf exists");
                    let shape = match slot {
                        Value::Number(n) if n.is_f64() => Shape { ty: Ty::Num, nullable: false, format: None },
                        Value::Number(_) => Shape { ty: Ty::Int, nullable: false, format: None },
                        Value::String(_) => Shape { ty: Ty::Str, nullable: false, format: None },
                        _ => Shape { ty: Ty::Any, nullable: true, format: None },
                    };
                    *slot = if self.rng.chance(75) { self.extreme(&shape) } else { self.wrong_type(&shape) };
                }
                Body { bytes: serde_json::to_vec(&value).unwrap(), content_type: JSON, kind: "nested edge" }
            }
            50..=53 => {
                let junk = self.rng.chars(8);
                valid.insert(format!("unknown_{junk}"), json!(1));
                json_body(&valid, "unknown field")
            }
            54..=57 => {
                // A field that should be a scalar gets a structure, or an item a scalar.
                let name = prop.map(|p| p.name).unwrap_or_else(|| "x".into());
                let junk = self.junk(0);
                valid.insert(name, json!({"a": [junk, {"b": {"c": [[[]]]}}]}));
                json_body(&valid, "nested junk")
            }
            58..=64 => {
                let mut bytes = serde_json::to_vec(&valid).unwrap();
                let cut = self.rng.below(bytes.len().max(1));
                bytes.truncate(cut);
                Body { bytes, content_type: JSON, kind: "truncated" }
            }
            65..=67 => {
                let bytes = match self.rng.below(3) {
                    0 => "[".repeat(10_000).into_bytes(),
                    1 => format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
                    _ => {
                        let name = prop.map(|p| p.name).unwrap_or_else(|| "x".into());
                        format!("{{\"{name}\":{}null{}}}", "{\"a\":".repeat(5_000), "}".repeat(5_000)).into_bytes()
                    }
                };
                Body { bytes, content_type: JSON, kind: "deep nesting" }
            }
            68..=70 => {
                // Past the 256 KiB body limit, or long but within it.
                let len = if self.rng.chance(40) { 300_000 } else { 100_000 };
                let name = prop.map(|p| p.name).unwrap_or_else(|| "notes".into());
                valid.insert(name, json!("y".repeat(len)));
                json_body(&valid, "very long string")
            }
            71..=75 => {
                let mut bytes = serde_json::to_vec(&valid).unwrap();
                let bad: &[&[u8]] = &[b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x28\x8c\xbc", b"\x80\x80"];
                let bad = self.rng.pick(bad).to_vec();
                // Inside a string when there is one, else anywhere.
                let at = bytes.iter().position(|b| *b == b'"').map(|p| p + 1).unwrap_or(0);
                let at = if self.rng.chance(70) { at } else { self.rng.below(bytes.len() + 1) };
                bytes.splice(at..at, bad);
                Body { bytes, content_type: JSON, kind: "invalid utf-8" }
            }
            76..=79 => Body { bytes: Vec::new(), content_type: JSON, kind: "empty body" },
            80..=85 => {
                let types: &[Option<&'static str>] = &[
                    None,
                    Some("text/plain"),
                    Some("application/x-www-form-urlencoded"),
                    Some("application/xml"),
                    Some("multipart/form-data; boundary=x"),
                    Some("application/json; charset=utf-8"),
                    Some("application/merge-patch+json"),
                    Some("json"),
                    Some("application/jsonx"),
                ];
                Body {
                    bytes: serde_json::to_vec(&valid).unwrap(),
                    content_type: *self.rng.pick(types),
                    kind: "other content type",
                }
            }
            86..=89 => {
                let top = ["null", "1", "\"x\"", "[]", "true", "[{}]", "-0", "1e999", "{}{}", "{} trailing"];
                Body { bytes: self.rng.pick(&top).as_bytes().to_vec(), content_type: JSON, kind: "not an object" }
            }
            90..=92 => {
                let n = self.rng.below(200);
                let bytes = (0..n).map(|_| self.rng.next_u64() as u8).collect();
                Body { bytes, content_type: JSON, kind: "random bytes" }
            }
            93..=95 => {
                let mut map = Map::new();
                for prop in &props {
                    if self.rng.chance(60) {
                        let junk = self.junk(0);
                        map.insert(prop.name.clone(), junk);
                    }
                }
                json_body(&map, "random values")
            }
            96..=97 => {
                // The same key twice: the second one a different type.
                let mut text = serde_json::to_string(&valid).unwrap();
                if let Some(prop) = prop {
                    text.insert_str(1, &format!("\"{}\":[1],", prop.name));
                }
                Body { bytes: text.into_bytes(), content_type: JSON, kind: "duplicate key" }
            }
            _ => {
                for prop in &props {
                    valid.insert(prop.name.clone(), Value::Null);
                }
                json_body(&valid, "all null")
            }
        }
    }

    /// A random JSON value.
    fn junk(&mut self, depth: usize) -> Value {
        match self.rng.below(if depth > 3 { 6 } else { 8 }) {
            0 => Value::Null,
            1 => json!(self.rng.chance(50)),
            2 => json!(self.rng.next_u64() as i64),
            3 => json!((self.rng.next_u64() as i64) as f64 / 7.0),
            4 => json!(self.rng.chars(12)),
            5 => json!(self.rng.word()),
            6 => Value::Array((0..self.rng.below(4)).map(|_| self.junk(depth + 1)).collect()),
            _ => {
                let mut map = Map::new();
                for _ in 0..self.rng.below(4) {
                    let key = self.rng.chars(5);
                    map.insert(key, self.junk(depth + 1));
                }
                Value::Object(map)
            }
        }
    }

    /// The `{id}` of a path: mostly a record that exists, sometimes one that does not or
    /// something that is no id at all.
    fn id(&mut self, model: &Model, collection: &str) -> String {
        let ids = model.ids(collection);
        if !ids.is_empty() && self.rng.chance(75) {
            return self.rng.pick(&ids).to_string();
        }
        if !model.deleted.is_empty() && self.rng.chance(30) {
            let (deleted_from, id) = self.rng.pick(&model.deleted).clone();
            if deleted_from == collection {
                return id.to_string();
            }
        }
        let odd = [
            "0",
            "-1",
            "999999",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "1.5",
            "1e3",
            "abc",
            "%FF",
            "%00",
            "%E2%82%AC",
            "0x10",
            "+1",
            "%20",
        ];
        self.rng.pick(&odd).to_string()
    }

    fn if_match(&mut self, model: &Model, collection: &str, id: &str) -> Option<String> {
        if !self.rng.chance(15) {
            return None;
        }
        let current = id.parse().ok().and_then(|id| model.records.get(collection)?.get(&id)).map(|r| r.version);
        Some(match self.rng.below(6) {
            0 | 1 => format!("\"{}\"", current.unwrap_or(1)),
            2 => format!("\"{}\"", current.unwrap_or(1) + 1),
            3 => "*".to_owned(),
            4 => format!("W/\"{}\"", current.unwrap_or(1)),
            _ => "garbage, \"\", \"-1\"".to_owned(),
        })
    }
}

/// JSON pointers to every scalar inside `value`.
fn leaves(value: &Value) -> Vec<String> {
    fn walk(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    walk(inner, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
                }
            }
            Value::Array(items) => {
                for (i, inner) in items.iter().enumerate() {
                    walk(inner, format!("{at}/{i}"), out);
                }
            }
            _ => out.push(at),
        }
    }
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Talking to the server.

async fn send(
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
fn assert_error_shape(what: &str, status: StatusCode, bytes: &Bytes) {
    let body: Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|_| panic!("{what}: a {status} answer that is not JSON: {:?}", String::from_utf8_lossy(bytes)));
    let error = &body["error"];
    assert!(
        error["code"].as_str().is_some_and(|c| !c.is_empty()) && error["message"].as_str().is_some(),
        "{what}: a {status} answer without the error shape: {body}"
    );
}

// ---------------------------------------------------------------------------------------------
// The REST fuzz.

#[actix_web::test]
async fn random_and_malformed_writes_never_fail_the_server_or_half_write() {
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
async fn read_everything(app: &TestApp, when: &str) {
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
fn edges() -> Vec<Value> {
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

fn known_status(model: &Model, endpoint: &Endpoint, id: Option<&str>) -> Option<String> {
    let id: i64 = id?.parse().ok()?;
    model.records.get(&endpoint.collection)?.get(&id)?.status.clone()
}

/// Brings the model's records of `collection` up to date with changes the fuzzer did not make
/// itself (the consequences of another record's action), counting each as a side event.
async fn catch_up(app: &TestApp, model: &mut Model, collection: &str) {
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
fn apply(model: &mut Model, endpoint: &Endpoint, id: Option<&str>, status: StatusCode, record: &Value, what: &str) {
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

// ---------------------------------------------------------------------------------------------
// The /ws fuzz.

/// The largest client frame the /ws fuzz server answers; over twice it closes with 1009.
const WS_MAX_FRAME: usize = 16 * 1024;

/// Topics besides `*` and the eleven collections: record topics, and malformed or unknown ones.
const OTHER_TOPICS: &[&str] = &[
    "orders:1",
    "customers:2",
    "drivers:3",
    "transit-batches:1",
    "order",
    "orders:",
    "orders:0",
    "orders:-1",
    "orders:x",
    ":",
    "",
    " ",
    "**",
    "orders:1:2",
    "ORDERS",
    "tokens",
    "orders:9223372036854775808",
];

/// One /ws fuzz case: the frames to send, and whether the server must close the session for
/// them (a frame past the hard limit: 1009).
/// Every topic the fuzz sends, well-formed or not.
fn topics() -> Vec<&'static str> {
    std::iter::once("*").chain(COLLECTIONS).chain(OTHER_TOPICS.iter().copied()).collect()
}

fn ws_case(rng: &mut Rng) -> (Vec<ws::Message>, &'static str, bool) {
    let topics = topics();
    let text = |value: String| vec![ws::Message::Text(value.into())];
    let topic = |rng: &mut Rng| -> Value {
        match rng.below(4) {
            0 => {
                let len = rng.below(20);
                json!(rng.chars(len))
            }
            1 => json!(format!("{}:{}", rng.pick(&COLLECTIONS), rng.next_u64() as i64)),
            _ => json!(rng.pick(&topics)),
        }
    };
    let since = |rng: &mut Rng| -> Value {
        match rng.below(12) {
            0 => json!(-1),
            1 => json!(i64::MIN),
            2 => json!(i64::MAX),
            3 => json!(u64::MAX),
            4 => json!(1.5),
            5 => json!("3"),
            6 => Value::Null,
            7 => json!(1e300),
            8 => json!([1]),
            9 => json!(0),
            _ => json!(rng.range(0, 60)),
        }
    };
    match rng.below(100) {
        0..=9 => {
            let good = json!({"type": "subscribe", "topics": ["orders"], "since": 0}).to_string();
            let cut = rng.below(good.len());
            (text(good[..cut].to_owned()), "truncated JSON", false)
        }
        10..=14 => {
            let len = rng.below(40);
            (text(rng.chars(len)), "random text", false)
        }
        15..=19 => {
            let kind = match rng.below(6) {
                0 => json!("dance"),
                1 => json!("SUBSCRIBE"),
                2 => json!(1),
                3 => Value::Null,
                4 => json!(["ping"]),
                _ => json!(rng.chars(6)),
            };
            (text(json!({"type": kind, "topics": ["orders"]}).to_string()), "unknown type", false)
        }
        20..=29 => {
            let topics = match rng.below(7) {
                0 => json!("orders"),
                1 => json!(7),
                2 => json!([1, 2]),
                3 => json!({"orders": true}),
                4 => Value::Null,
                5 => json!([["orders"]]),
                _ => json!([null]),
            };
            let kind = rng.pick(&["subscribe", "unsubscribe"]);
            (text(json!({"type": kind, "topics": topics}).to_string()), "wrong field types", false)
        }
        30..=49 => {
            let n = rng.below(5);
            let topics: Vec<Value> = (0..n).map(|_| topic(rng)).collect();
            let mut frame = json!({"type": "subscribe", "topics": topics});
            if rng.chance(60) {
                frame["since"] = since(rng);
            }
            (text(frame.to_string()), "random topics", false)
        }
        50..=54 => {
            let n = rng.range(200, 3000) as usize;
            let topics: Vec<Value> = if rng.chance(50) {
                (1..=n).map(|i| json!(format!("orders:{i}"))).collect()
            } else {
                (0..n).map(|_| topic(rng)).collect()
            };
            let kind = rng.pick(&["subscribe", "unsubscribe"]);
            (text(json!({"type": kind, "topics": topics}).to_string()), "huge topic list", false)
        }
        55..=64 => {
            let n = rng.below(4);
            let topics: Vec<Value> = (0..n).map(|_| topic(rng)).collect();
            (text(json!({"type": "unsubscribe", "topics": topics}).to_string()), "unsubscribe", false)
        }
        65..=69 => {
            let n = rng.below(64);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
            (vec![ws::Message::Binary(bytes.into())], "binary", false)
        }
        70..=72 => {
            // A text message in fragments, its bytes not even UTF-8.
            let first: Vec<u8> = b"{\"type\":\"pi\xff".to_vec();
            let frames = vec![
                ws::Message::Continuation(actix_http::ws::Item::FirstText(first.into())),
                ws::Message::Continuation(actix_http::ws::Item::Last(Bytes::from_static(b"ng\"}"))),
            ];
            (frames, "fragmented", false)
        }
        73..=76 => {
            let len = rng.range(WS_MAX_FRAME as i64 + 1, 2 * WS_MAX_FRAME as i64 - 64) as usize;
            let frame = json!({"type": "ping", "pad": "p".repeat(len)}).to_string();
            (text(frame), "frame over the limit", false)
        }
        77 => {
            let frame = json!({"type": "ping", "pad": "p".repeat(2 * WS_MAX_FRAME + 10)}).to_string();
            (text(frame), "frame past the hard limit", true)
        }
        78..=81 => {
            let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            let frame = if rng.chance(50) { deep } else { format!("{{\"type\":\"subscribe\",\"topics\":{deep}}}") };
            (text(frame), "deep nesting", false)
        }
        82..=85 => {
            let extra = json!({"type": "ping", "topics": 5, "since": "x", "extra": {"a": [1]}});
            (text(extra.to_string()), "ping with extra fields", false)
        }
        86..=89 => (vec![ws::Message::Ping(Bytes::from(rng.chars(10)))], "control ping", false),
        90..=92 => (text(String::new()), "empty frame", false),
        93..=95 => {
            let frame = format!(
                "{{\"type\":\"subscribe\",\"type\":\"ping\",\"topics\":[\"orders\"],\"since\":{}}}",
                since(rng)
            );
            (text(frame), "duplicate keys", false)
        }
        _ => (text(json!({"type": "ping"}).to_string()), "ping", false),
    }
}

/// Checks one server frame: an ack, a pong, a resync, an event or an error frame.
fn check_frame(frame: &Value, what: &str) {
    let kind = frame["type"].as_str().unwrap_or_else(|| panic!("{what}: a frame without a type: {frame}"));
    match kind {
        "welcome" => assert!(frame["seq"].is_i64(), "{what}: {frame}"),
        "subscribed" => assert!(frame["seq"].is_i64() && frame["topics"].is_array(), "{what}: {frame}"),
        "unsubscribed" => assert!(frame["topics"].is_array(), "{what}: {frame}"),
        "pong" => {}
        "resync" => assert!(frame["seq"].is_i64(), "{what}: {frame}"),
        "error" => assert!(
            frame["code"].as_str().is_some_and(|c| !c.is_empty()) && frame["message"].is_string(),
            "{what}: an error frame without a code: {frame}"
        ),
        event => assert!(
            event.contains('_') && frame["seq"].as_i64().is_some_and(|s| s > 0) && frame["entity"].is_string(),
            "{what}: an unexpected frame: {frame}"
        ),
    }
}

async fn ws_connected(app: &TestApp) -> WsClient {
    let mut ws = app.ws("").await;
    let welcome = ws.next().await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    ws
}

#[actix_web::test]
async fn random_and_malformed_frames_get_error_frames_and_the_session_goes_on() {
    let (seed, cases) = settings();
    let cases = (cases / 3).max(1);
    let _report =
        SeedReport { test: "random_and_malformed_frames_get_error_frames_and_the_session_goes_on", seed, cases };
    let started = std::time::Instant::now();
    let max_frame = format!("--ws-max-frame={WS_MAX_FRAME}");
    let app = TestApp::spawn_with(&["--rate-limit-per-min=0", "--ws-messages-per-sec=0", &max_frame]).await;
    app.seed_demo().await.expect("the demo data loads");
    // Some events in the log, for `since` to replay.
    for n in 0..20 {
        app.create("customers", json!({"name": format!("WS {n}"), "email": format!("ws{n}@example.com")})).await;
    }
    let mut rng = Rng::new(seed ^ 0x5753);
    let mut ws = ws_connected(&app).await;
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    let mut closes = 0;
    for case in 0..cases {
        let (frames, kind, closes_session) = ws_case(&mut rng);
        let what = format!("ws case {case} ({kind})");
        for frame in frames {
            ws.send_raw(frame).await;
        }
        if closes_session {
            // The only answer is the close frame.
            loop {
                match ws.next_within(Duration::from_secs(10)).await {
                    Ok(frame) => check_frame(&frame, &what),
                    Err(WsEnd::Closed(Some(reason))) => {
                        assert_eq!(u16::from(reason.code), 1009, "{what}: {reason:?}");
                        break;
                    }
                    Err(end) => panic!("{what}: expected a close with 1009, got {end:?}"),
                }
            }
            closes += 1;
            ws = ws_connected(&app).await;
            continue;
        }
        // Every frame before the pong answers the fuzz frame; the pong shows the session goes on.
        ws.send(json!({"type": "ping"})).await;
        loop {
            match ws.next_within(Duration::from_secs(10)).await {
                Ok(frame) if frame["type"] == "pong" => break,
                Ok(frame) => {
                    check_frame(&frame, &what);
                    if frame["type"] == "error" {
                        *errors.entry(frame["code"].as_str().unwrap().to_owned()).or_default() += 1;
                    }
                }
                Err(WsEnd::Closed(Some(reason))) if [1008, 1009].contains(&u16::from(reason.code)) => {
                    // Documented: the message rate (1008) or a frame too large (1009).
                    closes += 1;
                    ws = ws_connected(&app).await;
                    break;
                }
                Err(end) => panic!("{what}: the session did not go on: {end:?}"),
            }
        }
    }
    // Still a working session: it gets live events.
    ws.send(json!({"type": "unsubscribe", "topics": topics()})).await;
    ws.next_of("unsubscribed").await;
    ws.subscribe(&["customers"]).await;
    let created = app.create("customers", json!({"name": "After", "email": "after-ws@example.com"})).await;
    let event = ws.next_of("customer_created").await;
    assert_eq!(event["id"], created["id"]);
    println!(
        "ws fuzz: seed {seed}, {cases} cases, {closes} closes, error frames {errors:?}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(errors.contains_key("bad_json") && errors.contains_key("bad_frame"), "{errors:?}");
    app.stop();
}
