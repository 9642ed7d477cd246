//! The OpenAPI document and the page that browses it: the document describes every route the
//! router serves (and nothing else), its references resolve, its error answers name the one
//! error body; `/api/docs` serves the page and its script.

mod common;

use std::collections::BTreeSet;

use actix_web::http::StatusCode;
// The eleven collections, each with `/api/{c}` (GET, POST) and `/api/{c}/{id}` (GET, PATCH, DELETE).
use common::{Reply, TestApp, COLLECTIONS};
use serde_json::{json, Value};

/// The domain actions.
const ACTIONS: &[&str] = &[
    "/api/orders/{id}/status",
    "/api/customers/segments/recompute",
    "/api/drivers/{id}/location",
    "/api/drivers/{id}/status",
    "/api/deliveries/{id}/assign",
    "/api/deliveries/{id}/status",
    "/api/transit-batches/{id}/initiate",
    "/api/transit-batches/{id}/complete",
];

/// The derived, read-only views.
const VIEWS: &[&str] = &[
    "/api/inventory-items",
    "/api/inventory-kpis",
    "/api/budget-vs-actual",
    "/api/accounts-receivable",
    "/api/accounts-payable",
    "/api/live-tracking-orders",
    "/api/live-tracking-drivers",
];

/// What the `routes` functions of src/api/*.rs register besides the CRUD routes and the
/// tables above: system::routes and openapi::routes.
const SYSTEM: &[&str] = &["/api/realtime/stats", "/api/openapi.json", "/api/docs"];

/// Every (method, path) the router registers under /api, compiled by hand from the `routes`
/// functions of src/api/*.rs.
fn registered_routes() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    let mut add = |method: &str, path: &str| routes.insert((method.to_owned(), path.to_owned()));
    for collection in COLLECTIONS {
        add("get", &format!("/api/{collection}"));
        add("post", &format!("/api/{collection}"));
        add("get", &format!("/api/{collection}/{{id}}"));
        add("patch", &format!("/api/{collection}/{{id}}"));
        add("delete", &format!("/api/{collection}/{{id}}"));
    }
    for action in ACTIONS {
        add("post", action);
    }
    for view in VIEWS.iter().chain(SYSTEM) {
        add("get", view);
    }
    routes
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
        assert!(documented.contains(&("post".to_owned(), action.to_string())), "POST {action} is documented");
    }
    for view in VIEWS {
        assert!(documented.contains(&("get".to_owned(), view.to_string())), "GET {view} is documented");
    }
    assert_eq!(COLLECTIONS.len(), 11);
    assert_eq!(ACTIONS.len(), 8);
    assert_eq!(VIEWS.len(), 7);
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
    let used: BTreeSet<&str> = found.iter().filter_map(|t| t.strip_prefix("#/components/schemas/")).collect();
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
