//! Bodies: random and malformed, built from a route's own request schema.

use actix_web::http::Method;
use serde_json::{json, Map, Value};

use super::model::Model;
use super::rng::Rng;
use super::schemas::{Endpoint, Prop, Shape, Ty};

pub(super) const ORDER_STATUSES: &[&str] =
    &["pending", "confirmed", "in_progress", "ready", "out_for_delivery", "delivered", "cancelled"];
pub(super) const DELIVERY_STATUSES: &[&str] =
    &["pending", "assigned", "picked_up", "in_transit", "delivered", "failed", "cancelled"];
pub(super) const DRIVER_STATUSES: &[&str] = &["offline", "available", "on_delivery", "on_break"];
pub(super) const INVOICE_STATUSES: &[&str] = &["draft", "open", "paid", "void"];
pub(super) const BATCH_STATUSES: &[&str] = &["planned", "in_transit", "completed"];
pub(super) const ROLES: &[&str] = &["admin", "manager", "dispatcher", "accountant", "driver", "staff"];

pub(super) struct Fuzzer {
    pub(super) rng: Rng,
    /// The status of the record the request is about, if known.
    pub(super) target_status: Option<String>,
    /// Makes unique names, emails, SKUs.
    pub(super) counter: u64,
}

/// A request body: its bytes and the Content-Type to send (none when `None`).
pub(super) struct Body {
    pub(super) bytes: Vec<u8>,
    pub(super) content_type: Option<&'static str>,
    /// What kind of body it is, for failure messages.
    pub(super) kind: &'static str,
}

impl Fuzzer {
    pub(super) fn unique(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    pub(super) fn existing(&mut self, model: &Model, collection: &str) -> Value {
        let ids = model.ids(collection);
        if ids.is_empty() || self.rng.chance(5) {
            json!(self.rng.range(1, 5000))
        } else {
            json!(*self.rng.pick(&ids))
        }
    }

    /// A value that a careful client would send for this field.
    pub(super) fn plausible(&mut self, model: &Model, collection: &str, prop: &Prop) -> Value {
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

    pub(super) fn order_line(&mut self, model: &Model) -> Value {
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
    pub(super) fn of_shape(&mut self, shape: &Shape, depth: usize) -> Value {
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
    pub(super) fn valid_body(
        &mut self,
        model: &Model,
        endpoint: &Endpoint,
        props: &[Prop],
        all: bool,
    ) -> Map<String, Value> {
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
    pub(super) fn wrong_type(&mut self, shape: &Shape) -> Value {
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
    pub(super) fn extreme(&mut self, shape: &Shape) -> Value {
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

    pub(super) fn body(&mut self, model: &Model, endpoint: &Endpoint) -> Body {
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
    pub(super) fn junk(&mut self, depth: usize) -> Value {
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
    pub(super) fn id(&mut self, model: &Model, collection: &str) -> String {
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

    pub(super) fn if_match(&mut self, model: &Model, collection: &str, id: &str) -> Option<String> {
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
pub(super) fn leaves(value: &Value) -> Vec<String> {
    pub(super) fn walk(value: &Value, at: String, out: &mut Vec<String>) {
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
