//! The OpenAPI 3 document of the REST API, built from the code and checked against the route
//! table it is given: the CRUD routes of every resource come from the same list the router uses
//! (`each_resource`, collections.rs) with the records', forms' and filters' own schemas; the
//! action, view and system routes from the table in operations.rs; the forms' alternatives from
//! choices.rs; what every operation is made of from doc.rs. Served at `GET /api/openapi.json`,
//! browsable at `/api/docs`.

mod choices;
mod collections;
mod doc;
mod frames;
mod operations;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::openapi::path::PathItem;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ComponentsBuilder, InfoBuilder, OpenApi, OpenApiBuilder, PathsBuilder};
use utoipa::ToSchema;

use crate::api::collections::each_resource;
use crate::domain::permissions::Need;
use crate::routes::{self, Routes};

use choices::with_choices;
use doc::{http_method, with_access, Doc};
use operations::{route_operation, ROUTES};

/// The document's routes; it describes the routes `table` answers (`api::table`, which lists
/// these two as well).
pub fn routes(routes: &mut Routes, table: fn() -> Vec<routes::Declared>) {
    routes.add(routes::Endpoints::at("/openapi.json").get(Need::Authenticated, move || document(table)));
    routes.add(routes::Endpoints::at("/docs").get(Need::Authenticated, docs_page));
}

async fn document(table: fn() -> Vec<routes::Declared>) -> HttpResponse {
    static JSON: OnceLock<String> = OnceLock::new();
    let json = JSON.get_or_init(|| build(&table()).to_pretty_json().unwrap_or_default());
    HttpResponse::Ok().content_type("application/json").body(json.as_str())
}

async fn docs_page() -> Result<HttpResponse, crate::error::ApiError> {
    crate::web_app::serve("api-docs.html")
}

/// Every error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `validation_failed`, `not_found`, `duplicate`, …
    pub code: String,
    /// For people.
    pub message: String,
    /// For 422, the bad fields and what is wrong with each; for 412, `current_version`. Absent
    /// on other errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub details: Option<serde_json::Value>,
}

/// The whole document: every route of `table` (`api::table()`) under /api, each with its
/// documentation. Panics when one has none, or documentation names a route the table does not
/// have (`every_api_route_is_documented` below keeps that from reaching a server).
pub fn build(table: &[routes::Declared]) -> OpenApi {
    match document_of(table) {
        Ok(document) => document,
        Err(problems) => panic!("the API document does not match the route table: {}", problems.join("; ")),
    }
}

fn document_of(table: &[routes::Declared]) -> Result<OpenApi, Vec<String>> {
    let mut doc = Doc { operations: BTreeMap::new(), schemas: Vec::new(), events: Vec::new() };
    doc.schema::<ErrorBody>();
    // Schemas only the filters' query parameters refer to: `IntoParams` names them without
    // registering them, so they are added here (tests/suite/openapi.rs checks every `$ref` resolves).
    doc.schema::<crate::entities::product::StockState>();
    each_resource(&mut doc);
    let events = std::mem::take(&mut doc.events);
    frames::frames(&mut doc, &events);
    for route in ROUTES {
        let operation = route_operation(&mut doc, route);
        doc.add(route.method, route.path, operation);
    }
    let mut problems = Vec::new();
    with_choices(&mut doc, &mut problems);
    let mut paths = PathsBuilder::new();
    for declared in table.iter().filter(|declared| declared.path.starts_with("/api/")) {
        let key = (declared.method.as_str().to_owned(), declared.path.clone());
        let Some(operation) = doc.operations.remove(&key) else {
            problems.push(format!("{} {} has no documentation", key.0, key.1));
            continue;
        };
        let Some(method) = http_method(&key.0) else {
            problems.push(format!("{} {}: a method OpenAPI has no name for", key.0, key.1));
            continue;
        };
        paths = paths.path(&declared.path, PathItem::new(method, with_access(operation, declared.need)));
    }
    for (method, path) in doc.operations.keys() {
        problems.push(format!("{method} {path} is documented but not in the route table"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut components = ComponentsBuilder::new()
        .security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()))
        .security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::SESSION_COOKIE,
                "The browser session POST /api/login sets",
            ))),
        );
    for (name, schema) in doc.schemas {
        components = components.schema(name, schema);
    }
    Ok(OpenApiBuilder::new()
        .info(InfoBuilder::new().title("Switchboard").version(env!("CARGO_PKG_VERSION")).description(Some(
            "Back-office REST API: every route the server answers under /api, authentication included. \
             Every change is also pushed over the WebSocket at /ws (see the README), or as \
             Server-Sent Events at /sse (docs/sse.md). \
             Errors are {\"error\":{\"code\",\"message\",\"details\"}}. Dates are `YYYY-MM-DD` with a year \
             from 0001 to 9999; timestamps are RFC 3339 in UTC. Each operation's `x-switchboard-access` \
             names the permission it is checked against and the roles it admits.",
        )))
        .paths(paths)
        .components(Some(components.build()))
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_route_is_documented() {
        if let Err(problems) = document_of(&crate::api::table()) {
            panic!("{}", problems.join("\n"));
        }
    }

    #[test]
    fn a_route_without_documentation_is_refused() {
        let mut table = crate::api::table();
        table.push(routes::Declared {
            method: actix_web::http::Method::POST,
            path: "/api/undocumented".to_owned(),
            need: Need::Admin,
        });
        let problems = document_of(&table).err().unwrap_or_default();
        assert_eq!(problems, ["POST /api/undocumented has no documentation"]);
    }
}
