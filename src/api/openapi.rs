//! The OpenAPI 3 document of the REST API, built from the code: the CRUD routes of every
//! resource come from the same list the router uses (`each_resource`) with the records', forms'
//! and filters' own schemas; the action, view and system routes from the table below. Served
//! at `GET /api/openapi.json`, browsable at `/api/docs`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::openapi::extensions::ExtensionsBuilder;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{
    AllOfBuilder, AnyOfBuilder, ArrayBuilder, KnownFormat, Object, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat,
    SchemaType, Type,
};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, PathsBuilder, Ref, RefOr, Required,
    ResponseBuilder,
};
use utoipa::{IntoParams, ToSchema};

use super::collections::{each_resource, ResourceVisitor};
use crate::domain::permissions::{Grant, Need};
use crate::entities::Resource;
use crate::routes::{self, Routes};

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

/// Registers a schema and answers a reference to it (`Doc::schema::<T>`).
type SchemaOf = fn(&mut Doc) -> RefOr<Schema>;

/// The success answer of a route in the table.
#[derive(Clone, Copy)]
enum Answer {
    /// 200 with JSON described by this schema.
    Schema(SchemaOf),
    /// 200 with `{"items":[…]}` of this schema.
    ItemsOf(SchemaOf),
    /// 201 with JSON described by this schema; Location names the new record.
    Created(SchemaOf),
    /// 200 with a JSON object whose shape is not described here.
    Object(&'static str),
    /// 200 with an HTML page.
    Html,
    /// 204 without a body.
    NoContent(&'static str),
}

/// An optional query parameter: name, description, schema.
type QueryParameter = (&'static str, &'static str, fn() -> Object);

/// The documentation of one route that is not a resource's CRUD route, found by its method and
/// path in `api::table()`.
struct Route {
    method: &'static str,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    query: &'static [QueryParameter],
    body: Option<SchemaOf>,
    answer: Answer,
    errors: &'static [u16],
}

const ACTION_ERRORS: &[u16] = &[400, 404, 409, 412, 413, 415, 422];

const ROUTES: &[Route] = &[
    Route {
        method: "POST",
        path: "/api/login",
        tag: "auth",
        summary: "Log in with an API token: answers the HttpOnly session cookie the web app uses",
        query: &[],
        body: Some(Doc::schema::<crate::api::auth::LoginForm>),
        answer: Answer::NoContent("Logged in; Set-Cookie carries the session"),
        errors: &[400, 401, 413, 415, 422, 429],
    },
    Route {
        method: "POST",
        path: "/api/logout",
        tag: "auth",
        summary: "End the browser session (its WebSockets close) and clear the cookie",
        query: &[],
        body: None,
        answer: Answer::NoContent("Logged out; Set-Cookie clears the session"),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/me",
        tag: "auth",
        summary: "Who the credentials are: token, role, and for drivers the driver",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::auth::Principal>),
        errors: &[],
    },
    Route {
        method: "POST",
        path: "/api/ws-ticket",
        tag: "auth",
        summary: "A one-time ticket for /ws?ticket=…, for WebSocket clients that can send neither headers nor cookies",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::api::auth::Ticket>),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/tokens",
        tag: "auth",
        summary: "Every API token, never its secret",
        query: &[],
        body: None,
        answer: Answer::ItemsOf(Doc::schema::<crate::auth::Token>),
        errors: &[],
    },
    Route {
        method: "POST",
        path: "/api/tokens",
        tag: "auth",
        summary: "Create an API token: the answer carries its secret, shown this once",
        query: &[],
        body: Some(Doc::schema::<crate::auth::NewToken>),
        answer: Answer::Created(Doc::schema::<crate::auth::CreatedToken>),
        errors: &[400, 413, 415, 422],
    },
    Route {
        method: "GET",
        path: "/api/tokens/{id}",
        tag: "auth",
        summary: "One API token, never its secret",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::auth::Token>),
        errors: &[404],
    },
    Route {
        method: "DELETE",
        path: "/api/tokens/{id}",
        tag: "auth",
        summary: "Revoke an API token: its sessions and WebSockets close",
        query: &[],
        body: None,
        answer: Answer::NoContent("Revoked"),
        errors: &[404],
    },
    Route {
        method: "POST",
        path: "/api/orders/{id}/status",
        tag: "orders",
        summary: "Move an order through its states (pending, confirmed, in_progress, ready, out_for_delivery, delivered, cancelled); emits order_status_changed",
        query: &[],
        body: Some(Doc::schema::<super::order_actions::StatusChange>),
        answer: Answer::Schema(Doc::schema::<crate::entities::order::Order>),
        errors: ACTION_ERRORS,
    },
    Route {
        method: "POST",
        path: "/api/customers/segments/recompute",
        tag: "customers",
        summary: "Re-derive every customer's segment from their orders; emits customer_segments_updated with the changed ids",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::entities::actions::SegmentsRecomputed>),
        errors: &[],
    },
    Route {
        method: "POST",
        path: "/api/drivers/{id}/location",
        tag: "drivers",
        summary: "Record a driver's position; emits driver_location_updated",
        query: &[],
        body: Some(Doc::schema::<crate::entities::driver::LocationForm>),
        answer: Answer::Schema(Doc::schema::<crate::entities::driver::Driver>),
        errors: ACTION_ERRORS,
    },
    Route {
        method: "POST",
        path: "/api/drivers/{id}/status",
        tag: "drivers",
        summary: "Set a driver's status (offline, available, on_delivery, on_break); emits driver_status_updated",
        query: &[],
        body: Some(Doc::schema::<crate::entities::driver::DriverStatusForm>),
        answer: Answer::Schema(Doc::schema::<crate::entities::driver::Driver>),
        errors: ACTION_ERRORS,
    },
    Route {
        method: "POST",
        path: "/api/deliveries/{id}/assign",
        tag: "deliveries",
        summary: "Assign (or reassign) a delivery's driver; emits delivery_driver_assigned",
        query: &[],
        body: Some(Doc::schema::<crate::entities::delivery::AssignForm>),
        answer: Answer::Schema(Doc::schema::<crate::entities::delivery::Delivery>),
        errors: ACTION_ERRORS,
    },
    Route {
        method: "POST",
        path: "/api/deliveries/{id}/status",
        tag: "deliveries",
        summary: "Move a delivery through its states; emits delivery_status_updated",
        query: &[],
        body: Some(Doc::schema::<crate::entities::delivery::DeliveryStatusForm>),
        answer: Answer::Schema(Doc::schema::<crate::entities::delivery::Delivery>),
        errors: ACTION_ERRORS,
    },
    Route {
        method: "POST",
        path: "/api/transit-batches/{id}/initiate",
        tag: "transit-batches",
        summary: "Send a planned batch on its way; emits transit_batch_initiated",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::entities::transit_batch::TransitBatch>),
        errors: &[404, 409, 412],
    },
    Route {
        method: "POST",
        path: "/api/transit-batches/{id}/complete",
        tag: "transit-batches",
        summary: "Mark a batch in transit as arrived; emits transit_batch_completed",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::entities::transit_batch::TransitBatch>),
        errors: &[404, 409, 412],
    },
    Route {
        method: "GET",
        path: "/api/inventory-items",
        tag: "views",
        summary: "Every product with its stock value and stock status",
        query: &[],
        body: None,
        answer: Answer::ItemsOf(Doc::schema::<crate::entities::product::InventoryItem>),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/inventory-kpis",
        tag: "views",
        summary: "SKU count, units, stock value, low-stock and out-of-stock counts",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::entities::product::InventoryKpis>),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/accounts-receivable",
        tag: "views",
        summary: "Open receivables: totals, overdue, aging buckets, the open invoices",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::entities::accounts::AccountsSummary>),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/accounts-payable",
        tag: "views",
        summary: "Open payables: totals, overdue, aging buckets, the open invoices",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::entities::accounts::AccountsSummary>),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/budget-vs-actual",
        tag: "views",
        summary: "Per budget: budgeted, actual from expenses in its category and month, variance (?period=YYYY-MM)",
        query: &[("period", "Only the budgets of this month; 400 `bad_query` otherwise", crate::entities::fields::month_or_empty)],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::entities::budget::BudgetVsActual>),
        errors: &[400],
    },
    Route {
        method: "GET",
        path: "/api/live-tracking-orders",
        tag: "views",
        summary: "Orders out for delivery with their driver's last position",
        query: &[],
        body: None,
        answer: Answer::ItemsOf(Doc::schema::<crate::entities::tracking::TrackedOrder>),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/live-tracking-drivers",
        tag: "views",
        summary: "Drivers on shift with their last position",
        query: &[("status", "Only drivers with this status; without it, every driver who is not offline", crate::entities::fields::driver_status)],
        body: None,
        answer: Answer::ItemsOf(Doc::schema::<crate::entities::tracking::TrackedDriver>),
        errors: &[400],
    },
    Route {
        method: "GET",
        path: "/api/catalog",
        tag: "system",
        summary: "The catalogue: collections, actions, views, each role's grants and the query keys events invalidate",
        query: &[],
        body: None,
        answer: Answer::Object("The catalogue (see src/domain/catalog.rs)"),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/realtime/stats",
        tag: "system",
        summary: "The real-time layer's counters: sessions, topics, last delivered seq, slow sessions cut",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<super::system::RealtimeStats>),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/openapi.json",
        tag: "system",
        summary: "This document (OpenAPI 3.1)",
        query: &[],
        body: None,
        answer: Answer::Object("This document"),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/docs",
        tag: "system",
        summary: "This document as a browsable page",
        query: &[],
        body: None,
        answer: Answer::Html,
        errors: &[],
    },
];

/// The documented operations, by method and path, and the schemas they refer to.
struct Doc {
    operations: BTreeMap<(String, String), OperationBuilder>,
    schemas: Vec<(String, RefOr<Schema>)>,
}

impl Doc {
    /// A reference to `T`'s schema, registering it (and the schemas it uses).
    fn schema<T: ToSchema>(&mut self) -> RefOr<Schema> {
        let name = T::name().into_owned();
        if !self.schemas.iter().any(|(known, _)| *known == name) {
            self.schemas.push((name.clone(), T::schema()));
            T::schemas(&mut self.schemas);
        }
        Ref::from_schema_name(name).into()
    }

    fn add(&mut self, method: &str, path: &str, operation: OperationBuilder) {
        let previous = self.operations.insert((method.to_owned(), path.to_owned()), operation);
        assert!(previous.is_none(), "{method} {path} is documented twice");
    }
}
fn json(schema: impl Into<RefOr<Schema>>) -> utoipa::openapi::Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

fn error_description(status: u16) -> &'static str {
    match status {
        400 => "Malformed JSON or query (`bad_json`, `bad_query`)",
        401 => "No valid credentials, or (log-in) a token that is not valid (`unauthorized`)",
        403 => "The caller's role may not do this (`forbidden`)",
        404 => "No such record or route (`not_found`)",
        405 => "Method not allowed",
        409 => "Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`…",
        412 => "If-Match names a version that is no longer current (`precondition_failed`)",
        413 => "Body over the configured limit (`payload_too_large`)",
        415 => "Body is not JSON (`unsupported_media_type`)",
        422 => "Validation failed; `details` names each bad field (`validation_failed`)",
        429 => "Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`)",
        500 => "An unexpected failure, logged on the server (`internal`)",
        503 => "The database is unavailable (`unavailable`), or the server is shutting down (`shutting_down`)",
        _ => "Error",
    }
}

fn with_errors(mut operation: OperationBuilder, statuses: &[u16]) -> OperationBuilder {
    for status in statuses.iter().chain(&[500, 503]) {
        let error = Ref::from_schema_name("ErrorBody");
        operation = operation.response(
            status.to_string(),
            ResponseBuilder::new().description(error_description(*status)).content("application/json", json(error)),
        );
    }
    operation
}

fn id_parameter() -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name("id")
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .schema(Some(ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer))))
        .build()
}

fn if_match_parameter() -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name("If-Match")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some("The version (ETag) the change is based on; 412 if the record changed since"))
        .schema(Some(ObjectBuilder::new().schema_type(SchemaType::new(Type::String))))
        .build()
}

fn query_parameter(name: &str, description: &str, schema: Object) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

/// An integer of at least `minimum`, as `PageQuery::page` accepts `limit` and `offset`.
fn integer_from(minimum: i64) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::Integer))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(minimum))
        .build()
}

/// The list answer's `sums`: each of the collection's summed money fields, in cents.
fn sums_schema(summed: &[&str]) -> ObjectBuilder {
    summed
        .iter()
        .fold(ObjectBuilder::new(), |object, field| {
            object
                .property(
                    *field,
                    ObjectBuilder::new()
                        .schema_type(SchemaType::new(Type::Integer))
                        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64))),
                )
                .required(*field)
        })
        .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
        .description(Some(
            "Its money fields (cents) added up over every record that matches the filters, not just this \
             page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a \
             collection without money",
        ))
}

impl ResourceVisitor for Doc {
    fn visit<R: Resource>(&mut self) {
        let collection = R::ENTITY.collection();
        let singular = R::ENTITY.singular().replace('_', " ");
        let a = if singular.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
        let record = self.schema::<R>();
        let new = self.schema::<R::New>();
        let changes = self.schema::<R::Changes>();
        let list_path = format!("/api/{collection}");
        let item_path = format!("/api/{collection}/{{id}}");
        let page = ObjectBuilder::new()
            .property("items", ArrayBuilder::new().items(record.clone()))
            .required("items")
            .property(
                "total",
                ObjectBuilder::new()
                    .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
                    .description(Some("How many match in all; null on an `after` page without `count=exact`")),
            )
            .required("total")
            .property("sums", sums_schema(R::ENTITY.summed()))
            .required("sums")
            .property("limit", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .required("limit")
            .property("offset", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .required("offset")
            .property("after", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .property(
                "next_after",
                ObjectBuilder::new()
                    .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
                    .description(Some("The `after` of the next page; null on the last one")),
            )
            .required("next_after");

        let list = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("list_{}", R::ENTITY.singular())))
            .summary(Some(format!(
                "List {collection} (newest first unless `sort` says; limit defaults to 50, at most 500)"
            )))
            .parameter(query_parameter("limit", "Page size (default 50); above 500 counts as 500", integer_from(1)))
            .parameter(query_parameter("offset", "Records to skip (not with `after`)", integer_from(0)))
            .parameter(query_parameter(
                "after",
                "Keyset paging: the records listed after the one with this id (the previous page's \
                 `next_after`); as fast deep in the list as at its start",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::Integer))
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                    .build(),
            ))
            .parameter(query_parameter(
                "count",
                "`exact`: count every match for `total` (the default on offset pages)",
                ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).enum_values(Some(["exact"])).build(),
            ))
            .parameter(query_parameter(
                "ids",
                "Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the \
                 records on a screen in one request",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::String))
                    .pattern(Some(r"^[0-9]+(,[0-9]+)*$"))
                    .build(),
            ))
            .parameter(query_parameter(
                "sort",
                "Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; \
                 records without a value last either way); `after` then continues in this order",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::String))
                    .enum_values(Some(R::ENTITY.sort_values()))
                    .build(),
            ))
            .parameters(Some(R::Filter::into_params(|| Some(ParameterIn::Query))))
            .response(
                "200",
                ResponseBuilder::new()
                    .description("One page; X-Switchboard-Seq names the seq it is consistent with")
                    .content("application/json", json(page)),
            );
        self.add("GET", &list_path, with_errors(list, &[400]));

        let create = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("create_{}", R::ENTITY.singular())))
            .summary(Some(format!("Create {a} {singular}; emits {}_created", R::ENTITY.singular())))
            .request_body(Some(
                RequestBodyBuilder::new().content("application/json", json(new)).required(Some(Required::True)).build(),
            ))
            .response(
                "201",
                ResponseBuilder::new()
                    .description("Created; Location names it, ETag is its version")
                    .content("application/json", json(record.clone())),
            );
        self.add("POST", &list_path, with_errors(create, &[400, 409, 413, 415, 422]));

        let get = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("get_{}", R::ENTITY.singular())))
            .summary(Some(format!("One {singular}")))
            .parameter(id_parameter())
            .response(
                "200",
                ResponseBuilder::new()
                    .description("The record; ETag is its version")
                    .content("application/json", json(record.clone())),
            );
        self.add("GET", &item_path, with_errors(get, &[404]));

        let update = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("update_{}", R::ENTITY.singular())))
            .summary(Some(format!("Change some fields of {a} {singular}; emits {}_updated", R::ENTITY.singular())))
            .parameter(id_parameter())
            .parameter(if_match_parameter())
            .request_body(Some(
                RequestBodyBuilder::new()
                    .content("application/json", json(changes))
                    .required(Some(Required::True))
                    .build(),
            ))
            .response(
                "200",
                ResponseBuilder::new().description("The changed record").content("application/json", json(record)),
            );
        self.add("PATCH", &item_path, with_errors(update, &[400, 404, 409, 412, 413, 415, 422]));

        let delete = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("delete_{}", R::ENTITY.singular())))
            .summary(Some(format!("Delete {a} {singular}; emits {}_deleted", R::ENTITY.singular())))
            .parameter(id_parameter())
            .parameter(if_match_parameter())
            .response("204", ResponseBuilder::new().description("Deleted"));
        self.add("DELETE", &item_path, with_errors(delete, &[404, 409, 412]));
    }
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
    let mut doc = Doc { operations: BTreeMap::new(), schemas: Vec::new() };
    doc.schema::<ErrorBody>();
    // Schemas only the filters' query parameters refer to: `IntoParams` names them without
    // registering them, so they are added here (tests/suite/openapi.rs checks every `$ref` resolves).
    doc.schema::<crate::entities::product::StockState>();
    each_resource(&mut doc);
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
             Every change is also pushed over the WebSocket at /ws (see the README). \
             Errors are {\"error\":{\"code\",\"message\",\"details\"}}. Dates are `YYYY-MM-DD` with a year \
             from 0001 to 9999; timestamps are RFC 3339 in UTC. Each operation's `x-switchboard-access` \
             names the permission it is checked against and the roles it admits.",
        )))
        .paths(paths)
        .components(Some(components.build()))
        .build())
}

fn http_method(method: &str) -> Option<HttpMethod> {
    Some(match method {
        "GET" => HttpMethod::Get,
        "POST" => HttpMethod::Post,
        "PUT" => HttpMethod::Put,
        "PATCH" => HttpMethod::Patch,
        "DELETE" => HttpMethod::Delete,
        _ => return None,
    })
}

/// The operation of a route in `ROUTES`.
fn route_operation(doc: &mut Doc, route: &Route) -> OperationBuilder {
    let mut operation = OperationBuilder::new().tag(route.tag).summary(Some(route.summary));
    if route.path.contains("{id}") {
        operation = operation.parameter(id_parameter());
    }
    if route.path.contains("{id}/") {
        operation = operation.parameter(if_match_parameter());
    }
    if let Some(body) = route.body {
        operation = operation.request_body(Some(
            RequestBodyBuilder::new()
                .content("application/json", json(body(doc)))
                .required(Some(Required::True))
                .build(),
        ));
    }
    for (name, description, schema) in route.query {
        operation = operation.parameter(query_parameter(name, description, schema()));
    }
    let items_of = |schema: RefOr<Schema>| -> RefOr<Schema> {
        ObjectBuilder::new().property("items", ArrayBuilder::new().items(schema)).required("items").into()
    };
    let (status, description, answer) = match route.answer {
        Answer::Schema(schema) => ("200", "OK", Some(("application/json", schema(doc)))),
        Answer::ItemsOf(schema) => ("200", "OK", Some(("application/json", items_of(schema(doc))))),
        Answer::Created(schema) => ("201", "Created; Location names it", Some(("application/json", schema(doc)))),
        Answer::Object(description) => ("200", description, Some(("application/json", ObjectBuilder::new().into()))),
        Answer::Html => {
            ("200", "OK", Some(("text/html", ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).into())))
        }
        Answer::NoContent(description) => ("204", description, None),
    };
    let mut response = ResponseBuilder::new().description(description);
    if let Some((content_type, schema)) = answer {
        response = response.content(content_type, json(schema));
    }
    with_errors(operation.response(status, response), route.errors)
}

/// Which fields a form needs depends on which others it has, as its validation says; the derive
/// cannot state that, so this table does: form, whether exactly one alternative holds (`oneOf`)
/// or at least one (`anyOf`), the fields each alternative requires, and a description.
const CHOICES: &[(&str, Choice, &[&[&str]], &str)] = &[
    // `resolve_lines` in src/entities/order.rs.
    (
        "NewOrderItem",
        Choice::ExactlyOne,
        &[&["service_id"], &["product_id"], &["description", "unit_price_cents"]],
        "A service's line, a product's line, or a custom line with its own description and unit price",
    ),
    // `Invoice::create` in src/entities/invoice.rs: the counterparty defaults to the customer's name.
    (
        "NewInvoice",
        Choice::AtLeastOne,
        &[&["counterparty"], &["customer_id"]],
        "An invoice names its counterparty, or a customer whose name it takes",
    ),
];

#[derive(Clone, Copy)]
enum Choice {
    ExactlyOne,
    AtLeastOne,
}

/// Applies `CHOICES`; a form it names that the document does not have is a problem.
fn with_choices(doc: &mut Doc, problems: &mut Vec<String>) {
    for (form, choice, alternatives, description) in CHOICES {
        let alternatives = alternatives
            .iter()
            .map(|fields| fields.iter().fold(ObjectBuilder::new(), |object, field| object.required(*field)).build());
        let rule: Schema = match choice {
            Choice::ExactlyOne => alternatives.fold(OneOfBuilder::new(), OneOfBuilder::item).into(),
            Choice::AtLeastOne => alternatives.fold(AnyOfBuilder::new(), AnyOfBuilder::item).into(),
        };
        let mut found = false;
        // Each form that uses it registered it: change every copy.
        for (_, schema) in doc.schemas.iter_mut().filter(|(name, _)| name == form) {
            found = true;
            *schema =
                AllOfBuilder::new().item(schema.clone()).item(rule.clone()).description(Some(*description)).into();
        }
        if !found {
            problems.push(format!("CHOICES names {form}, which no documented operation uses"));
        }
    }
}

/// `operation` with the security `need` asks for: none for public routes, else a bearer token or
/// the session cookie; and `x-switchboard-access` naming the need and the roles it admits.
fn with_access(operation: OperationBuilder, need: Need) -> OperationBuilder {
    let roles: Vec<String> = need
        .roles()
        .into_iter()
        .map(|(role, grant)| match grant {
            Grant::OwnDriver => format!("{role} (own records)"),
            _ => role.to_string(),
        })
        .collect();
    let access = ExtensionsBuilder::new()
        .add("x-switchboard-access", serde_json::json!({ "need": need.label(), "roles": roles }))
        .build();
    let operation = operation.extensions(Some(access));
    if need == Need::Public {
        return operation.securities(Some(Vec::new()));
    }
    let operation = with_errors(operation, &[401, 403, 429]);
    operation
        .security(SecurityRequirement::new("bearer", Vec::<String>::new()))
        .security(SecurityRequirement::new("session", Vec::<String>::new()))
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
