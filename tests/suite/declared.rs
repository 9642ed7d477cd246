//! The fields each collection declares, as `GET /api/catalog` serves them, against what the API
//! does: every record carries exactly its declared fields, each of its kind and within its limits;
//! the writable fields of a record make a valid new one; and each declared limit, value list and
//! reference is enforced, field by field, as a 422 naming the field. Nothing here is written per
//! collection: the tests walk the catalogue (a new collection is covered the day it is declared).

use std::collections::BTreeSet;

use actix_web::http::StatusCode;
use serde_json::{json, Map, Value};

use crate::common::{assert_invalid, TestApp};

/// The demo's data and the catalogue's collections.
async fn demo() -> (TestApp, Vec<Value>) {
    let app = TestApp::spawn().await;
    app.seed_demo().await.expect("demo data loads");
    let catalog = app.get("/api/catalog").await;
    assert_eq!(catalog.status, StatusCode::OK);
    let collections = catalog.body["collections"].as_array().expect("the catalogue lists collections").clone();
    assert!(!collections.is_empty());
    (app, collections)
}

fn fields(collection: &Value) -> &Vec<Value> {
    collection["fields"].as_array().unwrap_or_else(|| panic!("{} declares its fields", collection["name"]))
}

fn is_day(text: &str) -> bool {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() && text.len() == 10
}

/// What is wrong with `value` as a value of `field`, if anything (references are checked apart).
fn misfit(field: &Value, value: &Value) -> Option<String> {
    if value.is_null() {
        return (!field["nullable"].as_bool().unwrap()).then(|| "is null but not nullable".to_owned());
    }
    let kind = field["kind"].as_str().unwrap();
    let fits = match kind {
        "id" | "integer" | "money" | "reference" => value.is_i64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "text" | "long_text" | "email" | "phone" => value
            .as_str()
            .is_some_and(|text| field["max_length"].as_u64().is_none_or(|max| text.chars().count() as u64 <= max)),
        "date" => value.as_str().is_some_and(is_day),
        "month" => value.as_str().is_some_and(|text| is_day(&format!("{text}-01")) && text.len() == 7),
        "timestamp" => value.as_str().is_some_and(|text| chrono::DateTime::parse_from_rfc3339(text).is_ok()),
        "enum" => field["values"].as_array().unwrap().contains(value),
        "references" => value.as_array().is_some_and(|ids| ids.iter().all(Value::is_i64)),
        "lines" => value.as_array().is_some_and(|lines| lines.iter().all(Value::is_object)),
        other => return Some(format!("has a kind the test does not know: {other}")),
    };
    let minimum = field["minimum"].as_i64();
    let in_range = value.as_i64().is_none_or(|number| {
        minimum.is_none_or(|min| number >= min) && field["maximum"].as_i64().is_none_or(|max| number <= max)
    });
    (!fits || !in_range).then(|| format!("{value} is not a {kind} within its limits"))
}

#[actix_web::test]
async fn every_record_carries_exactly_its_declared_fields_each_of_its_kind() {
    let (app, collections) = demo().await;
    let mut checked = 0;
    for collection in &collections {
        let name = collection["name"].as_str().unwrap();
        let declared: BTreeSet<&str> = fields(collection).iter().map(|field| field["name"].as_str().unwrap()).collect();
        assert_eq!(fields(collection)[0]["name"], "id", "{name}: id comes first");
        let list = app.get(&format!("/api/{name}?limit=20")).await;
        assert_eq!(list.status, StatusCode::OK, "{name}: {}", list.body);
        let items = list.body["items"].as_array().unwrap();
        assert!(!items.is_empty(), "the demo has {name}");
        for item in items {
            let carried: BTreeSet<&str> = item.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(carried, declared, "{name}: a record carries exactly its declared fields");
            for field in fields(collection) {
                let value = &item[field["name"].as_str().unwrap()];
                if let Some(problem) = misfit(field, value) {
                    panic!("{name}.{}: {problem}", field["name"]);
                }
                let target = field["references"].as_str();
                let ids: Vec<i64> = match field["kind"].as_str().unwrap() {
                    "reference" => value.as_i64().into_iter().collect(),
                    "references" => value.as_array().unwrap().iter().filter_map(Value::as_i64).collect(),
                    _ => vec![],
                };
                for id in ids {
                    let target = target.unwrap_or_else(|| panic!("{name}.{} names its collection", field["name"]));
                    let found = app.get(&format!("/api/{target}/{id}")).await;
                    assert_eq!(
                        found.status,
                        StatusCode::OK,
                        "{name}.{} = {id} points at a {target} record",
                        field["name"]
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "the demo's records were checked field by field ({checked})");
}

/// A create body from `record`'s writable fields, each text changed a little (so what must be
/// unique stays unique) and an order's lines as a client sends them.
fn copy_of(collection: &Value, record: &Value) -> Value {
    let mut body = Map::new();
    for field in fields(collection) {
        if field["writable"] == "never" {
            continue;
        }
        let name = field["name"].as_str().unwrap();
        let value = &record[name];
        let copied = match (field["kind"].as_str().unwrap(), value) {
            (_, Value::Null) => continue,
            ("text" | "long_text", Value::String(text)) => {
                json!(format!("{} 2", text.chars().take(1990).collect::<String>()))
            }
            ("email", Value::String(text)) => json!(format!("copy.{text}")),
            ("lines", Value::Array(lines)) => Value::Array(
                lines
                    .iter()
                    .map(|line| {
                        json!({
                            "service_id": line["service_id"],
                            "product_id": line["product_id"],
                            "description": line["description"],
                            "quantity": line["quantity"],
                            "unit_price_cents": line["unit_price_cents"],
                        })
                    })
                    .collect(),
            ),
            _ => value.clone(),
        };
        body.insert(name.to_owned(), copied);
    }
    Value::Object(body)
}

/// A create body for `name` from the writable fields of its first record (`copy_of`), its
/// references pointing at new copies of theirs (so no rule about the records they point at, such
/// as one live delivery per order, stands in the way): the record copied and the body.
fn fresh_body<'a>(
    app: &'a TestApp,
    collections: &'a [Value],
    name: &'a str,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = (Value, Value)> + 'a>> {
    Box::pin(async move {
        let collection = collections.iter().find(|collection| collection["name"] == name).unwrap();
        let list = app.get(&format!("/api/{name}?limit=1")).await;
        let record = list.body["items"][0].clone();
        let mut body = copy_of(collection, &record);
        for field in fields(collection) {
            let field_name = field["name"].as_str().unwrap();
            if field["kind"] == "reference" && !body[field_name].is_null() {
                let target = field["references"].as_str().unwrap();
                body[field_name] = copied(app, collections, target).await.2["id"].clone();
            }
        }
        (record, body)
    })
}

/// A new record of `name` made by `fresh_body`: the record copied, the body, the new record.
fn copied<'a>(
    app: &'a TestApp,
    collections: &'a [Value],
    name: &'a str,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = (Value, Value, Value)> + 'a>> {
    Box::pin(async move {
        let (record, body) = fresh_body(app, collections, name).await;
        let created = app.post(&format!("/api/{name}"), body.clone()).await;
        assert_eq!(
            created.status,
            StatusCode::CREATED,
            "{name}: a copy of a record's writable fields {body}: {}",
            created.body
        );
        (record, body, created.body)
    })
}

#[actix_web::test]
async fn a_field_left_out_or_null_on_create_gets_its_declared_default() {
    let (app, collections) = demo().await;
    let mut defaulted = 0;
    for collection in &collections {
        let name = collection["name"].as_str().unwrap();
        let with_default =
            fields(collection).iter().filter(|field| !field["default"].is_null() && field["writable"] != "never");
        for field in with_default {
            let field_name = field["name"].as_str().unwrap();
            for null in [false, true] {
                let (_, mut body) = fresh_body(&app, &collections, name).await;
                let body = body.as_object_mut().unwrap();
                body.remove(field_name);
                if null {
                    body.insert(field_name.to_owned(), Value::Null);
                }
                let created = app.post(&format!("/api/{name}"), Value::Object(body.clone())).await;
                let sent = if null { "null" } else { "left out" };
                assert_eq!(created.status, StatusCode::CREATED, "{name}.{field_name} {sent}: {}", created.body);
                assert_eq!(created.body[field_name], field["default"], "{name}.{field_name} {sent} is its default");
                defaulted += 1;
            }
        }
    }
    assert!(defaulted >= 10, "the declared defaults were tried ({defaulted})");
}

/// Values `field` must refuse (a 422 naming it), as its declaration says.
fn refused(field: &Value) -> Vec<Value> {
    let mut values = Vec::new();
    let kind = field["kind"].as_str().unwrap();
    if let Some(max) = field["max_length"].as_u64() {
        values.push(json!("x".repeat(max as usize + 1)));
    }
    match kind {
        "text" | "long_text" | "phone" if !field["nullable"].as_bool().unwrap() => values.push(json!("   ")),
        "email" => values.push(json!("not an address")),
        "month" => values.push(json!("2026-13")),
        "date" => values.push(json!("2026-02-30")),
        "enum" => values.push(json!("not-one-of-them")),
        "reference" => values.push(json!(i64::MAX)),
        "boolean" => values.push(json!("yes")),
        "lines" => values.push(json!([])),
        _ => {}
    }
    if let Some(min) = field["minimum"].as_i64() {
        values.push(json!(min - 1));
    }
    if let Some(max) = field["maximum"].as_i64() {
        values.push(json!(max + 1));
    }
    if !field["nullable"].as_bool().unwrap() && kind != "lines" {
        values.push(Value::Null);
    }
    values
}

/// `field = value` is refused with a 422 naming the field: added to `body` in a create (unless
/// `body` is null), and alone in a change of record `patch` when given.
async fn refuse(app: &TestApp, collection: &str, body: &Value, patch: Option<i64>, field: &str, value: &Value) {
    if let Some(body) = body.as_object() {
        let mut bad = body.clone();
        bad.insert(field.to_owned(), value.clone());
        let reply = app.post(&format!("/api/{collection}"), Value::Object(bad)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{collection}: create with {field} = {value}: {}",
            reply.body
        );
        assert_invalid(&reply, field);
    }
    if let Some(id) = patch {
        let reply = app.patch(&format!("/api/{collection}/{id}"), json!({ field: value })).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{collection} {id}: change {field} to {value}: {}",
            reply.body
        );
        assert_invalid(&reply, field);
    }
}

#[actix_web::test]
async fn a_records_writable_fields_make_a_new_one_and_each_declared_limit_is_a_422_naming_its_field() {
    let (app, collections) = demo().await;
    let mut refusals = 0;
    for collection in &collections {
        let name = collection["name"].as_str().unwrap();
        let (record, body, created) = copied(&app, &collections, name).await;
        let id = created["id"].as_i64().unwrap();
        for field in fields(collection) {
            let field_name = field["name"].as_str().unwrap();
            let (creates, changes) = match field["writable"].as_str().unwrap() {
                // Set by the server: no form takes it, whatever the value.
                "never" => {
                    refuse(&app, name, &body, Some(id), field_name, &record[field_name]).await;
                    refusals += 1;
                    continue;
                }
                "create" => (true, false),
                _ => (true, true),
            };
            for value in refused(field) {
                // A field the server fills in when it is left out may be sent as null on create.
                let create = creates && (!value.is_null() || field["required"].as_bool().unwrap());
                let patch = changes.then_some(id);
                if create {
                    refuse(&app, name, &body, patch, field_name, &value).await;
                } else if let Some(id) = patch {
                    refuse(&app, name, &Value::Null, Some(id), field_name, &value).await;
                }
                refusals += 1;
            }
        }
        let after = app.get(&format!("/api/{name}/{id}")).await;
        assert_eq!(after.body["version"], created["version"], "{name}: no refused change was written");
    }
    assert!(refusals > 100, "every declared limit was tried ({refusals})");
}
