//! The OpenAPI document and the page that browses it: the document describes every route the
//! router serves (and nothing else), its references resolve, its error answers name the one
//! error body; `/api/docs` serves the page and its script.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::http::StatusCode;
// The eleven collections, each with `/api/{c}` (GET, POST) and `/api/{c}/{id}` (GET, PATCH, DELETE).
use crate::common::{Reply, TestApp, COLLECTIONS};
use serde_json::{json, Map, Value};
use switchboard::api;
use switchboard::domain::catalog::{ACTIONS, VIEWS};
use switchboard::domain::Entity;

/// Every (method, path) the router registers under /api, as the route table declares them.
fn registered_routes() -> BTreeSet<(String, String)> {
    api::table()
        .into_iter()
        .filter(|declared| declared.path.starts_with("/api/"))
        .map(|declared| (declared.method.as_str().to_lowercase(), declared.path))
        .collect()
}

const METHODS: &[&str] = &["get", "post", "patch", "delete"];

async fn document(app: &TestApp) -> Value {
    let reply = app.get("/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(
        reply.header("content-type").unwrap_or_default().starts_with("application/json"),
        "content type {:?}",
        reply.header("content-type")
    );
    assert!(reply.body.is_object(), "the document is a JSON object: {}", reply.body);
    reply.body
}

/// Every (method, path) the document describes.
fn documented_routes(doc: &Value) -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths is an object") {
        for method in item.as_object().expect("a path item is an object").keys() {
            routes.insert((method.clone(), path.clone()));
        }
    }
    routes
}

/// Every `$ref` anywhere under `value`.
fn refs<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) => found.push(target),
                    _ => refs(child, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|child| refs(child, found)),
        _ => {}
    }
}

/// Sends `method path` through the harness: POST and PATCH with an empty JSON object.
async fn send(app: &TestApp, method: &str, path: &str) -> Reply {
    match method {
        "get" => app.get(path).await,
        "post" => app.post(path, json!({})).await,
        "patch" => app.patch(path, json!({})).await,
        "delete" => app.delete(path).await,
        other => panic!("the harness has no {other}"),
    }
}

/// The router's answer to a route it does not have: 405, or 404 `route …`.
fn is_unknown_route(reply: &Reply) -> bool {
    let route_not_found = reply.status == StatusCode::NOT_FOUND
        && reply.body["error"]["message"].as_str().is_some_and(|message| message.starts_with("route"));
    route_not_found || reply.status == StatusCode::METHOD_NOT_ALLOWED
}

#[actix_web::test]
async fn the_document_is_openapi_3_and_lists_every_collection_action_and_view() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;

    let version = doc["openapi"].as_str().expect("openapi is a string");
    assert!(version.starts_with("3."), "openapi {version}");
    assert!(!doc["info"]["title"].as_str().unwrap_or_default().is_empty(), "info.title");
    assert!(doc["info"]["version"].is_string(), "info.version");

    let documented = documented_routes(&doc);
    for collection in COLLECTIONS {
        let list = format!("/api/{collection}");
        let item = format!("/api/{collection}/{{id}}");
        for method in ["get", "post"] {
            assert!(documented.contains(&(method.to_owned(), list.clone())), "{method} {list} is documented");
        }
        for method in ["get", "patch", "delete"] {
            assert!(documented.contains(&(method.to_owned(), item.clone())), "{method} {item} is documented");
        }
        assert_eq!(doc["paths"][&list].as_object().unwrap().len(), 2, "{list} has exactly GET and POST");
        assert_eq!(doc["paths"][&item].as_object().unwrap().len(), 3, "{item} has exactly GET, PATCH, DELETE");
    }
    for action in ACTIONS {
        let path = format!("/api{}", action.path);
        assert!(documented.contains(&("post".to_owned(), path.clone())), "POST {path} is documented");
    }
    for view in VIEWS {
        let path = format!("/api/{}", view.name);
        assert!(documented.contains(&("get".to_owned(), path.clone())), "GET {path} is documented");
    }
    app.stop();
}

#[actix_web::test]
async fn every_operation_has_a_success_answer_and_errors_use_the_error_body() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let error_ref = "#/components/schemas/ErrorBody";
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object(), "ErrorBody is a component schema");

    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            let what = format!("{method} {path}");
            assert!(operation["summary"].as_str().is_some_and(|s| !s.is_empty()), "{what} has a summary");
            let tags = operation["tags"].as_array().map(Vec::len).unwrap_or_default();
            assert!(tags > 0, "{what} has a tag");
            let responses = operation["responses"].as_object().unwrap_or_else(|| panic!("{what} has responses"));
            assert!(responses.keys().any(|status| status.starts_with('2')), "{what} lists a 2xx answer");
            let mut errors = 0;
            for (status, response) in responses {
                assert!(response["description"].is_string(), "{what} {status} has a description");
                if status.starts_with('4') || status.starts_with('5') {
                    errors += 1;
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"], error_ref,
                        "{what} {status} answers the ErrorBody"
                    );
                }
            }
            assert!(errors > 0, "{what} lists its error answers");
            if path.contains("{id}") {
                let parameters = operation["parameters"].as_array().unwrap_or_else(|| panic!("{what} parameters"));
                assert!(
                    parameters.iter().any(|p| p["name"] == "id" && p["in"] == "path" && p["required"] == true),
                    "{what} documents its id"
                );
            }
        }
    }
    assert_eq!(operations, registered_routes().len());
    app.stop();
}

#[actix_web::test]
async fn every_reference_resolves_to_a_component_schema() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemas = doc["components"]["schemas"].as_object().expect("components.schemas");
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(found.len() > 50, "the document uses references ({} found)", found.len());
    for target in &found {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{target} points into components.schemas"));
        assert!(schemas.contains_key(name), "{target} resolves");
    }
    // Nothing in components goes unused (apart from what only other schemas use, which the
    // walk over the whole document, components included, already counts).
    let mut used: BTreeSet<&str> = found.iter().filter_map(|t| t.strip_prefix("#/components/schemas/")).collect();
    // The /ws frames' two roots, there for typed clients: no route answers them.
    used.extend(["ClientFrame", "ServerFrame"]);
    for name in schemas.keys() {
        assert!(used.contains(name.as_str()), "components.schemas.{name} is referenced");
    }
    app.stop();
}

#[actix_web::test]
async fn the_document_and_the_router_agree_both_ways() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let documented = documented_routes(&doc);

    // Every documented operation reaches a handler: no unknown-route 404, no 405, no 5xx.
    for (method, path) in &documented {
        let concrete = path.replace("{id}", "999999");
        let reply = send(&app, method, &concrete).await;
        assert!(
            !is_unknown_route(&reply),
            "{method} {path} is documented but the router does not serve it: {} {}",
            reply.status,
            reply.body
        );
        assert!(!reply.status.is_server_error(), "{method} {concrete}: {} {}", reply.status, reply.body);
    }

    // Every registered route is documented, and on a documented path no other method is served.
    let registered = registered_routes();
    let missing: Vec<_> = registered.difference(&documented).collect();
    assert!(missing.is_empty(), "registered but not documented: {missing:?}");
    let extra: Vec<_> = documented.difference(&registered).collect();
    assert!(extra.is_empty(), "documented but not in the registered list (update the list?): {extra:?}");
    let paths: BTreeSet<&String> = documented.iter().map(|(_, path)| path).collect();
    for path in paths {
        let concrete = path.replace("{id}", "999999");
        for method in METHODS {
            if documented.contains(&(method.to_string(), path.clone())) {
                continue;
            }
            let reply = send(&app, method, &concrete).await;
            assert!(
                is_unknown_route(&reply),
                "{method} {path} is served ({} {}) but not documented",
                reply.status,
                reply.body
            );
            if reply.status == StatusCode::METHOD_NOT_ALLOWED {
                let allow = reply.header("allow").unwrap_or_else(|| panic!("{method} {path}: 405 without Allow"));
                for documented_method in METHODS {
                    let listed = allow.split(", ").any(|m| m.eq_ignore_ascii_case(documented_method));
                    let has = documented.contains(&(documented_method.to_string(), path.clone()));
                    assert_eq!(listed, has, "{method} {path}: Allow {allow:?} and {documented_method}");
                }
            }
        }
    }
    app.stop();
}

#[actix_web::test]
async fn the_docs_page_and_its_script_are_served() {
    let app = TestApp::spawn().await;
    let page = app.get("/api/docs").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let content_type = page.header("content-type").unwrap_or_default();
    assert!(content_type.starts_with("text/html"), "content type {content_type}");
    let html = page.body.as_str().expect("an HTML page, not JSON");
    assert!(html.contains("/assets/js/api-docs.js"), "the page loads its script");
    // The Content-Security-Policy allows no inline script or style.
    assert!(!html.contains("<style"), "no inline <style>");
    assert!(!html.contains("style="), "no style attributes");
    for tag in html.split("<script").skip(1) {
        let open = tag.split('>').next().unwrap_or_default();
        assert!(open.contains("src="), "every <script> has a src: <script{open}>");
        assert!(tag.split_once('>').is_some_and(|(_, rest)| rest.trim_start().starts_with("</script")));
    }

    let script = app.get("/assets/js/api-docs.js").await;
    assert_eq!(script.status, StatusCode::OK, "{}", script.body);
    let content_type = script.header("content-type").unwrap_or_default();
    assert!(content_type.contains("javascript"), "the script's content type: {content_type}");
    assert!(script.body.as_str().is_some_and(|js| js.contains("/api/openapi.json")), "it reads the document");

    for stylesheet in html.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
        if stylesheet.ends_with(".css") {
            let reply = app.get(stylesheet).await;
            assert_eq!(reply.status, StatusCode::OK, "{stylesheet}");
            assert!(reply.header("content-type").unwrap_or_default().starts_with("text/css"), "{stylesheet}");
        }
    }
    app.stop();
}

#[actix_web::test]
async fn every_api_route_of_the_table_is_in_the_document_with_its_method() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let documented = documented_routes(&doc);
    let registered = registered_routes();
    let missing: Vec<_> = registered.difference(&documented).collect();
    assert!(missing.is_empty(), "in the route table but not in the document: {missing:?}");
    let extra: Vec<_> = documented.difference(&registered).collect();
    assert!(extra.is_empty(), "in the document but not in the route table: {extra:?}");
    // Authentication is part of the API like the rest.
    for (method, path) in [
        ("post", "/api/login"),
        ("post", "/api/logout"),
        ("get", "/api/me"),
        ("post", "/api/ws-ticket"),
        ("get", "/api/tokens"),
        ("post", "/api/tokens"),
        ("get", "/api/tokens/{id}"),
        ("delete", "/api/tokens/{id}"),
        ("get", "/api/catalog"),
        ("get", "/api/realtime/stats"),
    ] {
        assert!(documented.contains(&(method.to_owned(), path.to_owned())), "{method} {path} is documented");
    }
    app.stop();
}

#[actix_web::test]
async fn log_in_is_public_and_every_other_operation_names_its_credentials_and_access() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["session"]["name"], "switchboard_session");

    let login = &doc["paths"]["/api/login"]["post"];
    assert_eq!(login["security"], json!([]), "log-in needs no credentials");
    assert_eq!(login["x-switchboard-access"]["need"], "public");
    assert_eq!(login["requestBody"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/LoginForm");
    assert_eq!(doc["components"]["schemas"]["LoginForm"]["required"], json!(["token"]));

    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if path == "/api/login" {
                continue;
            }
            assert_eq!(
                operation["security"],
                json!([{"bearer": []}, {"session": []}]),
                "{method} {path} needs a bearer token or the session cookie"
            );
            assert!(operation["responses"]["401"].is_object(), "{method} {path} lists 401");
            assert!(operation["x-switchboard-access"]["need"].is_string(), "{method} {path} names its need");
        }
    }
    let access = |method: &str, path: &str| doc["paths"][path][method]["x-switchboard-access"].clone();
    assert_eq!(access("post", "/api/tokens"), json!({"need": "admin", "roles": ["admin"]}));
    assert_eq!(access("get", "/api/me")["need"], "authenticated");
    assert_eq!(
        access("post", "/api/drivers/{id}/location"),
        json!({"need": "drivers: location", "roles": ["admin", "manager", "dispatcher", "driver (own records)"]})
    );
    assert_eq!(access("get", "/api/orders")["need"], "orders: read");
    assert_eq!(access("get", "/api/budget-vs-actual")["need"], "budgets: read all");
    app.stop();
}

/// A form's object schema: the first part of an `allOf`, where a rule on which fields go
/// together is the second.
fn object_part(schema: &Value) -> &Value {
    schema.get("allOf").and_then(|parts| parts.get(0)).unwrap_or(schema)
}

#[actix_web::test]
async fn the_forms_carry_the_constraints_their_validation_enforces() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemas = &doc["components"]["schemas"];
    let body_schema = |method: &str, path: &str| {
        let reference = doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path} takes a named body"))
            .trim_start_matches("#/components/schemas/")
            .to_owned();
        object_part(&schemas[reference]).clone()
    };

    // As the README lists them.
    let order_status = body_schema("post", "/api/orders/{id}/status");
    assert_eq!(
        order_status["properties"]["status"]["enum"],
        json!(["pending", "confirmed", "in_progress", "ready", "out_for_delivery", "delivered", "cancelled"])
    );
    assert_eq!(
        body_schema("post", "/api/drivers/{id}/status")["properties"]["status"]["enum"],
        json!(["offline", "available", "on_delivery", "on_break"])
    );
    assert_eq!(
        body_schema("post", "/api/deliveries/{id}/status")["properties"]["status"]["enum"],
        json!(["pending", "assigned", "picked_up", "in_transit", "delivered", "failed", "cancelled"])
    );
    assert_eq!(
        body_schema("post", "/api/tokens")["properties"]["role"]["enum"],
        json!(["admin", "manager", "dispatcher", "accountant", "driver"])
    );
    let location = body_schema("post", "/api/drivers/{id}/location");
    assert_eq!(
        (location["properties"]["lat"]["minimum"].as_f64(), location["properties"]["lat"]["maximum"].as_f64()),
        (Some(-90.0), Some(90.0))
    );
    assert_eq!(
        (location["properties"]["lng"]["minimum"].as_f64(), location["properties"]["lng"]["maximum"].as_f64()),
        (Some(-180.0), Some(180.0))
    );
    assert_eq!(body_schema("post", "/api/deliveries/{id}/assign")["required"], json!(["driver_id"]));

    let invoice = body_schema("post", "/api/invoices");
    assert_eq!(invoice["properties"]["kind"]["enum"], json!(["receivable", "payable"]));
    assert_eq!(invoice["properties"]["issue_date"]["format"], "date");
    assert_eq!(invoice["properties"]["amount_cents"]["minimum"], 0);
    assert_eq!(invoice["properties"]["number"]["maxLength"], 64);
    assert_eq!(body_schema("post", "/api/budgets")["properties"]["period"]["pattern"], "^[0-9]{4}-(0[1-9]|1[0-2])$");
    assert_eq!(body_schema("post", "/api/customers")["properties"]["name"]["maxLength"], 2000);
    assert_eq!(
        schemas["NewInvoice"]["allOf"][1]["anyOf"],
        json!([{"type": "object", "required": ["counterparty"]}, {"type": "object", "required": ["customer_id"]}]),
        "an invoice names its counterparty or its customer"
    );
    assert_eq!(schemas["NewOrderItem"]["allOf"][1]["oneOf"].as_array().map(Vec::len), Some(3));

    // serde's deny_unknown_fields, on every request body.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(reference) = operation.pointer("/requestBody/content/application~1json/schema/$ref") else {
                continue;
            };
            let name = reference.as_str().unwrap().trim_start_matches("#/components/schemas/");
            assert_eq!(
                object_part(&schemas[name])["additionalProperties"],
                false,
                "{method} {path}: {name} refuses unknown fields"
            );
        }
    }
    // A PATCH field that may be left out but not cleared is not nullable.
    let changes = body_schema("patch", "/api/invoices/{id}");
    assert_eq!(changes["properties"]["amount_cents"]["type"], "integer");
    assert_eq!(changes["properties"]["customer_id"]["type"], json!(["integer", "null"]));
    app.stop();
}

// ---------------------------------------------------------------------------------------------
// Bodies generated from the document's request schemas.

/// Which bodies to generate: only the required fields, or those and every optional text field.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fill {
    Required,
    Text,
}

/// Makes a valid body from a schema: values within the schema's constraints, ids of records
/// made earlier for fields that name one (`customer_id`, `order_ids`).
struct Generator<'a> {
    doc: &'a Value,
    /// A record of each kind made so far, by its singular name (`transit_batch`).
    ids: BTreeMap<String, i64>,
    counter: u32,
}

impl Generator<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                self.resolve(&self.doc["components"]["schemas"][reference.trim_start_matches("#/components/schemas/")])
            }
            None => schema,
        }
    }

    /// An object schema's properties and required fields, `allOf` merged, the first choice of a
    /// `oneOf` or `anyOf` taken.
    fn flatten(&self, schema: &Value) -> (Map<String, Value>, Vec<String>) {
        let schema = self.resolve(schema);
        let mut properties = schema["properties"].as_object().cloned().unwrap_or_default();
        let mut required: Vec<String> =
            schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect();
        for part in schema["allOf"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(schema["oneOf"].as_array().and_then(|o| o.first()))
            .chain(schema["anyOf"].as_array().and_then(|o| o.first()))
        {
            let (more, needed) = self.flatten(part);
            properties.extend(more);
            required.extend(needed);
        }
        (properties, required)
    }

    /// The singular of the record a field names: `customer_id` → customer, `order_ids` → order.
    fn names_record(field: &str) -> Option<String> {
        let singular = field.strip_suffix("_ids").or_else(|| field.strip_suffix("_id"))?;
        Entity::ALL.into_iter().find(|entity| entity.singular() == singular).map(|e| e.singular().to_owned())
    }

    /// The records a body made with `fill` would name and that do not exist yet.
    fn missing(&self, schema: &Value, fill: Fill) -> Vec<String> {
        let (properties, required) = self.flatten(schema);
        let mut missing = Vec::new();
        for (name, property) in &properties {
            let wanted = required.contains(name) || (fill == Fill::Text && self.is_text(property));
            if let (true, Some(record)) = (wanted, Self::names_record(name)) {
                if !self.ids.contains_key(&record) {
                    missing.push(record);
                }
            }
            let items = &self.resolve(property)["items"];
            if wanted && items.is_object() {
                missing.extend(self.missing(items, fill));
            }
        }
        missing
    }

    fn is_text(&self, schema: &Value) -> bool {
        let schema = self.resolve(schema);
        let kinds = match &schema["type"] {
            Value::String(kind) => vec![kind.as_str()],
            Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        kinds.contains(&"string")
    }

    fn object(&mut self, schema: &Value, fill: Fill) -> Value {
        let (properties, required) = self.flatten(schema);
        let mut body = Map::new();
        for (name, property) in &properties {
            if required.contains(name) || (fill == Fill::Text && self.is_text(property)) {
                body.insert(name.clone(), self.value(name, property, fill));
            }
        }
        Value::Object(body)
    }

    fn value(&mut self, field: &str, schema: &Value, fill: Fill) -> Value {
        let schema = self.resolve(schema).clone();
        if let Some(first) = schema["enum"].as_array().and_then(|values| values.iter().find(|v| !v.is_null())) {
            return first.clone();
        }
        if schema.get("allOf").is_some() || schema.get("properties").is_some() {
            return self.object(&schema, fill);
        }
        let kind = match &schema["type"] {
            Value::String(kind) => kind.clone(),
            Value::Array(kinds) => {
                kinds.iter().filter_map(Value::as_str).find(|k| *k != "null").unwrap_or("null").to_owned()
            }
            _ => "null".to_owned(),
        };
        self.counter += 1;
        match kind.as_str() {
            "integer" => match Self::names_record(field) {
                Some(record) => json!(self.ids[&record]),
                None => json!(schema["minimum"]
                    .as_i64()
                    .unwrap_or(1)
                    .max(1)
                    .min(schema["maximum"].as_i64().unwrap_or(i64::MAX))),
            },
            "number" => json!(schema["minimum"].as_f64().unwrap_or(0.0)),
            "boolean" => json!(true),
            "string" => match (schema["format"].as_str(), schema["pattern"].as_str()) {
                (Some("date"), _) => json!("2026-11-29"),
                (Some("date-time"), _) => json!("2026-11-29T10:00:00Z"),
                (Some("email"), _) => json!(format!("person{}@example.com", self.counter)),
                (_, Some("^[0-9]{4}-(0[1-9]|1[0-2])$")) => json!("2026-11"),
                (_, Some(pattern)) if pattern != "\\S" => {
                    panic!("{field}: the generator knows no value for the pattern {pattern}")
                }
                _ => json!(format!("x{}", self.counter)),
            },
            "array" => {
                let count = schema["minItems"].as_u64().unwrap_or(0);
                Value::Array((0..count).map(|_| self.value(field, &schema["items"], fill)).collect())
            }
            other => panic!("{field}: the generator knows no value of type {other}"),
        }
    }
}

fn body_of(operation: &Value) -> Option<&Value> {
    operation.pointer("/requestBody/content/application~1json/schema")
}

/// A reply to a body the schema says is valid: done, or a domain answer about the records it
/// names (no such record, a conflict, a stale version, or for log-in a token that is not valid).
fn accepted_or_domain_error(reply: &Reply) -> bool {
    reply.status.is_success()
        || [StatusCode::UNAUTHORIZED, StatusCode::NOT_FOUND, StatusCode::CONFLICT, StatusCode::PRECONDITION_FAILED]
            .contains(&reply.status)
}

#[actix_web::test]
async fn bodies_made_from_each_request_schema_are_accepted_or_meet_a_domain_error() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let mut generator = Generator { doc: &doc, ids: BTreeMap::new(), counter: 0 };
    let paths = doc["paths"].as_object().unwrap();

    // Every collection's create form, filled in, in an order where the records a form names
    // exist: each must be created.
    let mut pending: Vec<&str> = COLLECTIONS.to_vec();
    while !pending.is_empty() {
        let before = pending.len();
        let mut waiting = Vec::new();
        for collection in pending {
            let list = format!("/api/{collection}");
            let schema = body_of(&paths[&list]["post"]).unwrap_or_else(|| panic!("POST {list} takes a body"));
            if !generator.missing(schema, Fill::Text).is_empty() {
                waiting.push(collection);
                continue;
            }
            let body = generator.object(schema, Fill::Text);
            let reply = app.post(&list, body.clone()).await;
            assert_eq!(reply.status, StatusCode::CREATED, "POST {list} {body}: {}", reply.body);
            let entity = Entity::ALL.into_iter().find(|e| e.collection() == collection).unwrap();
            generator.ids.insert(entity.singular().to_owned(), reply.body["id"].as_i64().unwrap());
        }
        assert!(waiting.len() < before, "no create form of {waiting:?} can be filled in");
        pending = waiting;
    }

    // Then every operation with a body, with only the required fields and with every text field.
    let mut tried = 0;
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let Some(schema) = body_of(operation) else { continue };
            let concrete = match path
                .split('/')
                .nth(2)
                .and_then(|collection| Entity::ALL.into_iter().find(|e| e.collection() == collection))
            {
                Some(entity) if path.contains("{id}") => {
                    path.replace("{id}", &generator.ids[entity.singular()].to_string())
                }
                _ => path.clone(),
            };
            for fill in [Fill::Required, Fill::Text] {
                assert!(generator.missing(schema, fill).is_empty(), "{method} {path} names a record of no collection");
                let body = generator.object(schema, fill);
                let reply = match method.as_str() {
                    "post" => app.post(&concrete, body.clone()).await,
                    "patch" => app.patch(&concrete, body.clone()).await,
                    other => panic!("{other} {path} takes a body"),
                };
                assert!(
                    accepted_or_domain_error(&reply),
                    "{method} {concrete} {body} ({fill:?}): {} {}",
                    reply.status,
                    reply.body
                );
                tried += 1;
            }
        }
    }
    // A create and an update per collection, 5 actions with a body, log-in and new tokens, the 3
    // bulk actions; twice each.
    assert_eq!(tried, 2 * (2 * COLLECTIONS.len() + 5 + 2 + 3));
    app.stop();
}

/// A list filter that takes one value of a list names the list in the document, and the server
/// takes exactly those: every listed value gives a 200, a value outside it a 400 `bad_query`.
#[actix_web::test]
async fn list_filters_name_the_values_they_take() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    // The filters the server checks against a list, written out: (collection, parameter).
    let expected: BTreeSet<(&str, &str)> = [
        ("orders", "status"),
        ("deliveries", "status"),
        ("drivers", "status"),
        ("transit-batches", "status"),
        ("invoices", "status"),
        ("invoices", "kind"),
        ("customers", "segment"),
        ("employees", "role"),
    ]
    .into_iter()
    // And every list's sort (tests/suite/sorting.rs sorts by each of its values), and its format
    // (json or csv: tests/suite/csv_export.rs).
    .chain(COLLECTIONS.iter().map(|collection| (*collection, "sort")))
    .chain(COLLECTIONS.iter().map(|collection| (*collection, "format")))
    .collect();
    let mut found = BTreeSet::new();
    for collection in COLLECTIONS {
        let parameters = doc["paths"][format!("/api/{collection}")]["get"]["parameters"].as_array().unwrap();
        for parameter in parameters {
            let Some(values) = parameter["schema"]["enum"].as_array() else { continue };
            let name = parameter["name"].as_str().unwrap();
            if name == "count" {
                continue; // paging, not a filter (tests/suite/paging.rs)
            }
            found.insert((collection.to_string(), name.to_owned()));
            assert!(!values.is_empty(), "{collection} {name}");
            for value in values {
                let value = value.as_str().unwrap();
                let reply = app.get(&format!("/api/{collection}?{name}={value}")).await;
                assert_eq!(reply.status, StatusCode::OK, "{collection}?{name}={value}: {}", reply.body);
            }
            let reply = app.get(&format!("/api/{collection}?{name}=not_a_listed_value")).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{collection}?{name}: {}", reply.body);
            assert_eq!(reply.code(), "bad_query");
        }
    }
    assert_eq!(found, expected.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect());
}

/// The event schema of `frame`'s collection: the one member of `Event` whose `entity` names it.
fn event_schema<'d>(schemas: &'d Map<String, Value>, entity: &str) -> &'d Value {
    let members: Vec<&Value> = schemas["Event"]["oneOf"]
        .as_array()
        .expect("Event is a oneOf")
        .iter()
        .map(|member| &schemas[member["$ref"].as_str().unwrap().trim_start_matches("#/components/schemas/")])
        .filter(|schema| schema["properties"]["entity"]["enum"] == json!([entity]))
        .collect();
    assert_eq!(members.len(), 1, "one event schema for {entity}");
    members[0]
}

/// The names `schema` requires that `value` lacks.
fn missing_required(schema: &Value, value: &Value) -> Vec<String> {
    let required = schema["required"].as_array().cloned().unwrap_or_default();
    required
        .iter()
        .filter_map(|name| name.as_str())
        .filter(|name| value.get(name).is_none())
        .map(str::to_owned)
        .collect()
}

#[actix_web::test]
async fn the_documented_frames_are_the_frames_the_socket_sends() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemas = doc["components"]["schemas"].as_object().expect("components.schemas");

    // Each collection's schema lists exactly the event types the catalogue names for it: the three
    // of every collection and one per domain action.
    let catalog = app.get("/api/catalog").await.body;
    for collection in catalog["collections"].as_array().unwrap() {
        let name = collection["name"].as_str().unwrap();
        let prefix = collection["event_prefix"].as_str().unwrap();
        let mut expected: BTreeSet<String> =
            ["created", "updated", "deleted"].iter().map(|action| format!("{prefix}_{action}")).collect();
        for action in catalog["actions"].as_array().unwrap().iter().filter(|a| a["collection"] == name) {
            expected.insert(action["event"].as_str().unwrap().to_owned());
        }
        let schema = event_schema(schemas, name);
        let documented: BTreeSet<String> = schema["properties"]["type"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(documented, expected, "{name}'s event types");
    }
    assert_eq!(schemas["Event"]["oneOf"].as_array().unwrap().len(), COLLECTIONS.len());

    // Real frames: each has what its schema requires, its type is one the schema lists, and its
    // data has every field the record's schema requires.
    let mut ws = app.connected("").await;
    assert_eq!(missing_required(&schemas["SubscribedFrame"], &json!({"type": "subscribed"})), ["topics", "seq"]);
    ws.send(json!({"type": "subscribe", "topics": ["*"]})).await;
    let subscribed = ws.next_of("subscribed").await;
    assert_eq!(missing_required(&schemas["SubscribedFrame"], &subscribed), Vec::<String>::new(), "{subscribed}");
    let customer = app.customer("Frames Ltd").await;
    let order = app.order(customer, "pending", None, 1_000).await;
    assert_eq!(app.post(&format!("/api/orders/{order}/status"), json!({"status": "confirmed"})).await.status, 200);
    let service = app.create("services", json!({"name": "Frames", "price_cents": 100})).await;
    assert_eq!(app.delete(&format!("/api/services/{}", service["id"])).await.status, 204);
    let mut seen = BTreeSet::new();
    for _ in 0..5 {
        let frame = ws.next().await;
        let entity = frame["entity"].as_str().unwrap_or_else(|| panic!("an event: {frame}"));
        let schema = event_schema(schemas, entity);
        assert_eq!(missing_required(schema, &frame), Vec::<String>::new(), "{frame}");
        assert!(schema["properties"]["type"]["enum"].as_array().unwrap().contains(&frame["type"]), "{frame}");
        // A customer's data is one of the record and the segments' answer; the record comes first.
        let data = &schema["properties"]["data"];
        let record = data["$ref"].as_str().or(data["oneOf"][0]["$ref"].as_str()).unwrap();
        let record = record.trim_start_matches("#/components/schemas/");
        assert_eq!(missing_required(&schemas[record], &frame["data"]), Vec::<String>::new(), "{frame}");
        seen.insert(frame["type"].as_str().unwrap().to_owned());
    }
    let expected: BTreeSet<String> =
        ["customer_created", "order_created", "order_status_changed", "service_created", "service_deleted"]
            .map(str::to_owned)
            .into();
    assert_eq!(seen, expected);
    app.stop();
}

/// The names `value` carries that `schema` does not describe.
fn undescribed(schema: &Value, value: &Value) -> Vec<String> {
    let properties = schema["properties"].as_object().cloned().unwrap_or_default();
    value.as_object().unwrap().keys().filter(|key| !properties.contains_key(*key)).cloned().collect()
}

#[actix_web::test]
async fn the_catalogue_is_what_its_schema_describes() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemas = doc["components"]["schemas"].as_object().expect("components.schemas");
    let catalog = app.get("/api/catalog").await.body;
    // Each object of the catalogue against the schema of its kind: every required key there, no
    // key the schema does not name (typed clients are generated from it).
    let mut checked = 0;
    let mut check = |kind: &str, value: &Value| {
        let schema = &schemas[kind];
        assert!(schema.is_object(), "components.schemas.{kind}");
        assert_eq!(missing_required(schema, value), Vec::<String>::new(), "{kind}: {value}");
        assert_eq!(undescribed(schema, value), Vec::<String>::new(), "{kind}: {value}");
        checked += 1;
    };
    check("Catalog", &catalog);
    for collection in catalog["collections"].as_array().unwrap() {
        check("CollectionEntry", collection);
        collection["fields"].as_array().unwrap().iter().for_each(|field| check("Field", field));
        collection["sortable"].as_array().unwrap().iter().for_each(|field| check("SortField", field));
        collection["bulk"].as_array().unwrap().iter().for_each(|bulk| check("BulkEntry", bulk));
        if let Some(machine) = collection.get("status_machine") {
            check("MachineSchema", machine);
            machine["steps"].as_array().unwrap().iter().for_each(|step| check("StepSchema", step));
        }
    }
    catalog["actions"].as_array().unwrap().iter().for_each(|action| check("ActionEntry", action));
    catalog["views"].as_array().unwrap().iter().for_each(|view| check("ViewEntry", view));
    for role in catalog["roles"].as_array().unwrap() {
        check("RoleEntry", role);
        role["collections"].as_array().unwrap().iter().for_each(|grants| check("RoleGrants", grants));
    }
    assert!(checked > 200, "{checked} objects checked");
    app.stop();
}
