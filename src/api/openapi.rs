//! The OpenAPI 3 document of the REST API, built from the code: the CRUD routes of every
//! resource come from the same list the router uses (`each_resource`) with the records', forms'
//! and filters' own schemas; the action, view and system routes from the table below. Served
//! at `GET /api/openapi.json`, browsable at `/api/docs`.

use std::sync::OnceLock;

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, PathsBuilder, Ref, RefOr, Required,
    ResponseBuilder,
};
use utoipa::{IntoParams, ToSchema};

use super::{each_resource, ResourceVisitor};
use crate::auth::permissions::Need;
use crate::entities::Resource;
use crate::routes::{self, Routes};

pub fn routes(routes: &mut Routes) {
    routes.add(routes::Endpoints::at("/openapi.json").get(Need::Authenticated, document));
    routes.add(routes::Endpoints::at("/docs").get(Need::Authenticated, docs_page));
}

async fn document() -> HttpResponse {
    static JSON: OnceLock<String> = OnceLock::new();
    let json = JSON.get_or_init(|| build().to_pretty_json().unwrap_or_default());
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

/// `{"status": …}` for the status actions.
#[derive(Serialize, ToSchema)]
pub struct StatusBody {
    pub status: String,
}

/// `{"lat": …, "lng": …}`: latitude in [-90, 90], longitude in [-180, 180].
#[derive(Serialize, ToSchema)]
pub struct LocationBody {
    pub lat: f64,
    pub lng: f64,
}

/// `{"driver_id": …}`.
#[derive(Serialize, ToSchema)]
pub struct AssignBody {
    pub driver_id: i64,
}

/// The body of a route in the table.
#[derive(Clone, Copy)]
enum Body {
    None,
    Status,
    Location,
    Assign,
}

/// The success answer of a route in the table.
#[derive(Clone, Copy)]
enum Answer {
    /// JSON described by this component schema.
    Schema(&'static str),
    /// `{"items":[…]}` of this component schema.
    ItemsOf(&'static str),
    /// A JSON object whose shape is not described.
    Object,
    /// An HTML page.
    Html,
}

/// An action, view or system route.
struct Route {
    method: HttpMethod,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    /// Optional string query parameters: name, description.
    query: &'static [(&'static str, &'static str)],
    body: Body,
    answer: Answer,
    errors: &'static [u16],
}

const ACTION_ERRORS: &[u16] = &[400, 404, 409, 412, 413, 415, 422];

const ROUTES: &[Route] = &[
    Route {
        method: HttpMethod::Post,
        path: "/api/orders/{id}/status",
        tag: "orders",
        summary: "Move an order through its states (pending, confirmed, in_progress, ready, out_for_delivery, delivered, cancelled); emits order_status_changed",
        query: &[],
        body: Body::Status,
        answer: Answer::Schema("Order"),
        errors: ACTION_ERRORS,
    },
    Route {
        method: HttpMethod::Post,
        path: "/api/customers/segments/recompute",
        tag: "customers",
        summary: "Re-derive every customer's segment from their orders; emits customer_segments_updated with the changed ids",
        query: &[],
        body: Body::None,
        answer: Answer::Schema("SegmentsRecomputed"),
        errors: &[],
    },
    Route {
        method: HttpMethod::Post,
        path: "/api/drivers/{id}/location",
        tag: "drivers",
        summary: "Record a driver's position; emits driver_location_updated",
        query: &[],
        body: Body::Location,
        answer: Answer::Schema("Driver"),
        errors: ACTION_ERRORS,
    },
    Route {
        method: HttpMethod::Post,
        path: "/api/drivers/{id}/status",
        tag: "drivers",
        summary: "Set a driver's status (offline, available, on_delivery, on_break); emits driver_status_updated",
        query: &[],
        body: Body::Status,
        answer: Answer::Schema("Driver"),
        errors: ACTION_ERRORS,
    },
    Route {
        method: HttpMethod::Post,
        path: "/api/deliveries/{id}/assign",
        tag: "deliveries",
        summary: "Assign (or reassign) a delivery's driver; emits delivery_driver_assigned",
        query: &[],
        body: Body::Assign,
        answer: Answer::Schema("Delivery"),
        errors: ACTION_ERRORS,
    },
    Route {
        method: HttpMethod::Post,
        path: "/api/deliveries/{id}/status",
        tag: "deliveries",
        summary: "Move a delivery through its states; emits delivery_status_updated",
        query: &[],
        body: Body::Status,
        answer: Answer::Schema("Delivery"),
        errors: ACTION_ERRORS,
    },
    Route {
        method: HttpMethod::Post,
        path: "/api/transit-batches/{id}/initiate",
        tag: "transit-batches",
        summary: "Send a planned batch on its way; emits transit_batch_initiated",
        query: &[],
        body: Body::None,
        answer: Answer::Schema("TransitBatch"),
        errors: &[404, 409, 412],
    },
    Route {
        method: HttpMethod::Post,
        path: "/api/transit-batches/{id}/complete",
        tag: "transit-batches",
        summary: "Mark a batch in transit as arrived; emits transit_batch_completed",
        query: &[],
        body: Body::None,
        answer: Answer::Schema("TransitBatch"),
        errors: &[404, 409, 412],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/inventory-items",
        tag: "views",
        summary: "Every product with its stock value and stock status",
        query: &[],
        body: Body::None,
        answer: Answer::ItemsOf("InventoryItem"),
        errors: &[],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/inventory-kpis",
        tag: "views",
        summary: "SKU count, units, stock value, low-stock and out-of-stock counts",
        query: &[],
        body: Body::None,
        answer: Answer::Schema("InventoryKpis"),
        errors: &[],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/accounts-receivable",
        tag: "views",
        summary: "Open receivables: totals, overdue, aging buckets, the open invoices",
        query: &[],
        body: Body::None,
        answer: Answer::Schema("AccountsSummary"),
        errors: &[],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/accounts-payable",
        tag: "views",
        summary: "Open payables: totals, overdue, aging buckets, the open invoices",
        query: &[],
        body: Body::None,
        answer: Answer::Schema("AccountsSummary"),
        errors: &[],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/budget-vs-actual",
        tag: "views",
        summary: "Per budget: budgeted, actual from expenses in its category and month, variance (?period=YYYY-MM)",
        query: &[("period", "Only the budgets of this month, YYYY-MM; 400 `bad_query` otherwise")],
        body: Body::None,
        answer: Answer::Schema("BudgetVsActual"),
        errors: &[400],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/live-tracking-orders",
        tag: "views",
        summary: "Orders out for delivery with their driver's last position",
        query: &[],
        body: Body::None,
        answer: Answer::ItemsOf("TrackedOrder"),
        errors: &[],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/live-tracking-drivers",
        tag: "views",
        summary: "Drivers on shift with their last position",
        query: &[("status", "Only drivers with this status; without it, every driver who is not offline")],
        body: Body::None,
        answer: Answer::ItemsOf("TrackedDriver"),
        errors: &[400],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/realtime/stats",
        tag: "system",
        summary: "The real-time layer's counters: sessions, topics, last delivered seq, slow sessions cut",
        query: &[],
        body: Body::None,
        answer: Answer::Schema("RealtimeStats"),
        errors: &[],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/openapi.json",
        tag: "system",
        summary: "This document (OpenAPI 3.1)",
        query: &[],
        body: Body::None,
        answer: Answer::Object,
        errors: &[],
    },
    Route {
        method: HttpMethod::Get,
        path: "/api/docs",
        tag: "system",
        summary: "This document as a browsable page",
        query: &[],
        body: Body::None,
        answer: Answer::Html,
        errors: &[],
    },
];

/// Collects paths and the schemas they refer to.
struct Doc {
    paths: PathsBuilder,
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

    fn add(&mut self, path: &str, method: HttpMethod, operation: OperationBuilder) {
        let paths = std::mem::take(&mut self.paths);
        self.paths = paths.path(path, PathItem::new(method, operation));
    }
}

fn json(schema: impl Into<RefOr<Schema>>) -> utoipa::openapi::Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

fn error_description(status: u16) -> &'static str {
    match status {
        400 => "Malformed JSON or query (`bad_json`, `bad_query`)",
        404 => "No such record or route (`not_found`)",
        405 => "Method not allowed",
        409 => "Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`…",
        412 => "If-Match names a version that is no longer current (`precondition_failed`)",
        413 => "Body over the configured limit (`payload_too_large`)",
        415 => "Body is not JSON (`unsupported_media_type`)",
        422 => "Validation failed; `details` names each bad field (`validation_failed`)",
        500 => "An unexpected failure, logged on the server (`internal`)",
        503 => "The database is unavailable",
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

fn query_parameter(name: &str, description: &str) -> utoipa::openapi::path::Parameter {
    typed_query_parameter(name, description, Type::Integer)
}

fn typed_query_parameter(name: &str, description: &str, kind: Type) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(SchemaType::new(kind))))
        .build()
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
            .property("total", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .required("total")
            .property("limit", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .required("limit")
            .property("offset", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .required("offset");

        let list = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("list_{}", R::ENTITY.singular())))
            .summary(Some(format!("List {collection} (newest first; limit defaults to 50, at most 500)")))
            .parameter(query_parameter("limit", "Page size, 1 to 500 (default 50)"))
            .parameter(query_parameter("offset", "Records to skip"))
            .parameters(Some(R::Filter::into_params(|| Some(ParameterIn::Query))))
            .response(
                "200",
                ResponseBuilder::new()
                    .description("One page; X-Switchboard-Seq names the seq it is consistent with")
                    .content("application/json", json(page)),
            );
        self.add(&list_path, HttpMethod::Get, with_errors(list, &[400]));

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
        self.add(&list_path, HttpMethod::Post, with_errors(create, &[400, 409, 413, 415, 422]));

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
        self.add(&item_path, HttpMethod::Get, with_errors(get, &[404]));

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
        self.add(&item_path, HttpMethod::Patch, with_errors(update, &[400, 404, 409, 412, 413, 415, 422]));

        let delete = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("delete_{}", R::ENTITY.singular())))
            .summary(Some(format!("Delete {a} {singular}; emits {}_deleted", R::ENTITY.singular())))
            .parameter(id_parameter())
            .parameter(if_match_parameter())
            .response("204", ResponseBuilder::new().description("Deleted"));
        self.add(&item_path, HttpMethod::Delete, with_errors(delete, &[404, 409, 412]));
    }
}

/// The whole document.
pub fn build() -> OpenApi {
    let mut doc = Doc { paths: PathsBuilder::new(), schemas: Vec::new() };
    doc.schema::<ErrorBody>();
    doc.schema::<super::customer_actions::SegmentsRecomputed>();
    doc.schema::<super::system::RealtimeStats>();
    doc.schema::<crate::entities::product::InventoryItem>();
    doc.schema::<crate::entities::product::InventoryKpis>();
    doc.schema::<crate::entities::budget::BudgetVsActual>();
    doc.schema::<super::views_finance::AccountsSummary>();
    doc.schema::<super::views_fleet::TrackedOrder>();
    doc.schema::<super::views_fleet::TrackedDriver>();
    // Schemas only the filters' query parameters refer to: `IntoParams` names them without
    // registering them, so they are added here (tests/openapi.rs checks every `$ref` resolves).
    doc.schema::<crate::entities::product::StockState>();
    let bodies = [
        (Body::Status, doc.schema::<StatusBody>()),
        (Body::Location, doc.schema::<LocationBody>()),
        (Body::Assign, doc.schema::<AssignBody>()),
    ];
    each_resource(&mut doc);
    for route in ROUTES {
        let mut operation = OperationBuilder::new().tag(route.tag).summary(Some(route.summary));
        if route.path.contains("{id}") {
            operation = operation.parameter(id_parameter()).parameter(if_match_parameter());
        }
        if let Some((_, schema)) =
            bodies.iter().find(|(body, _)| std::mem::discriminant(body) == std::mem::discriminant(&route.body))
        {
            operation = operation.request_body(Some(
                RequestBodyBuilder::new()
                    .content("application/json", json(schema.clone()))
                    .required(Some(Required::True))
                    .build(),
            ));
        }
        for (name, description) in route.query {
            operation = operation.parameter(typed_query_parameter(name, description, Type::String));
        }
        let (content_type, answer): (&str, RefOr<Schema>) = match route.answer {
            Answer::Schema(name) => ("application/json", Ref::from_schema_name(name).into()),
            Answer::ItemsOf(name) => (
                "application/json",
                ObjectBuilder::new()
                    .property("items", ArrayBuilder::new().items(Ref::from_schema_name(name)))
                    .required("items")
                    .into(),
            ),
            Answer::Object => ("application/json", ObjectBuilder::new().into()),
            Answer::Html => ("text/html", ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).into()),
        };
        operation =
            operation.response("200", ResponseBuilder::new().description("OK").content(content_type, json(answer)));
        doc.add(route.path, route.method.clone(), with_errors(operation, route.errors));
    }
    let mut components = ComponentsBuilder::new();
    for (name, schema) in doc.schemas {
        components = components.schema(name, schema);
    }
    OpenApiBuilder::new()
        .info(InfoBuilder::new().title("Switchboard").version(env!("CARGO_PKG_VERSION")).description(Some(
            "Back-office REST API. Every change is also pushed over the WebSocket at /ws (see the README). \
                     Errors are {\"error\":{\"code\",\"message\",\"details\"}}.",
        )))
        .paths(doc.paths)
        .components(Some(components.build()))
        .build()
}
