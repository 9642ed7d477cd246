//! The documentation of every route that is not a collection's own (log-in and tokens, the
//! domain actions, the views, the system routes): one `Route` each in `ROUTES`, and the
//! operation made from it.

use utoipa::openapi::path::OperationBuilder;
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{RefOr, Required, ResponseBuilder};

use super::doc::{id_parameter, if_match_parameter, json, query_parameter, with_errors, Doc};

/// Registers a schema and answers a reference to it (`Doc::schema::<T>`).
pub(super) type SchemaOf = fn(&mut Doc) -> RefOr<Schema>;

/// The success answer of a route in the table.
#[derive(Clone, Copy)]
pub(super) enum Answer {
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
pub(super) type QueryParameter = (&'static str, &'static str, fn() -> Object);

/// The documentation of one route that is not a resource's CRUD route, found by its method and
/// path in `api::table()`.
pub(super) struct Route {
    pub(super) method: &'static str,
    pub(super) path: &'static str,
    tag: &'static str,
    summary: &'static str,
    query: &'static [QueryParameter],
    body: Option<SchemaOf>,
    answer: Answer,
    errors: &'static [u16],
}

pub(super) const ACTION_ERRORS: &[u16] = &[400, 404, 409, 412, 413, 415, 422];

/// A bulk action's: a bad body, one or more records refused, too many ids (422) or bytes (413).
pub(super) const BULK_ERRORS: &[u16] = &[400, 409, 413, 415, 422];

pub(super) const ROUTES: &[Route] = &[
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
        body: Some(Doc::schema::<crate::api::order_actions::StatusChange>),
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
        method: "POST",
        path: "/api/orders/bulk/status",
        tag: "orders",
        summary: "Move up to 500 orders to one status in one transaction, all or none: 409 `bulk_refused` names every order that cannot (details.ids, details.reasons); emits order_status_changed for each",
        query: &[],
        body: Some(Doc::schema::<crate::api::bulk_actions::OrdersBulkStatus>),
        answer: Answer::ItemsOf(Doc::schema::<crate::entities::order::Order>),
        errors: BULK_ERRORS,
    },
    Route {
        method: "POST",
        path: "/api/deliveries/bulk/assign",
        tag: "deliveries",
        summary: "Assign one driver to up to 500 deliveries in one transaction, all or none: 409 `bulk_refused` names every delivery that cannot (details.ids, details.reasons); emits delivery_driver_assigned for each",
        query: &[],
        body: Some(Doc::schema::<crate::api::bulk_actions::DeliveriesBulkAssign>),
        answer: Answer::ItemsOf(Doc::schema::<crate::entities::delivery::Delivery>),
        errors: BULK_ERRORS,
    },
    Route {
        method: "POST",
        path: "/api/invoices/bulk/status",
        tag: "invoices",
        summary: "Set the status of up to 500 invoices (e.g. paid) in one transaction, all or none: 409 `bulk_refused` names every invoice that cannot (details.ids, details.reasons); emits invoice_updated for each",
        query: &[],
        body: Some(Doc::schema::<crate::api::bulk_actions::InvoicesBulkStatus>),
        answer: Answer::ItemsOf(Doc::schema::<crate::entities::invoice::Invoice>),
        errors: BULK_ERRORS,
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
        query: &[("period", "Only the budgets of this month; 400 `bad_query` otherwise", crate::entities::schemas::month_or_empty)],
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
        query: &[("status", "Only drivers with this status; without it, every driver who is not offline", crate::entities::schemas::driver_status)],
        body: None,
        answer: Answer::ItemsOf(Doc::schema::<crate::entities::tracking::TrackedDriver>),
        errors: &[400],
    },
    Route {
        method: "GET",
        path: "/api/audit",
        tag: "system",
        summary: "The audit trail, newest first: who changed which record, when, and each field before and after",
        query: &[
            ("collection", "Only records of this collection", crate::entities::schemas::collection),
            ("record", "Only this record (with `collection`)", crate::entities::schemas::id),
            ("token_id", "Only changes made with this token (or browser sessions made from it)", crate::entities::schemas::id),
            ("from", "Only changes on or after this day (UTC)", crate::entities::schemas::day),
            ("to", "Only changes on or before this day (UTC)", crate::entities::schemas::day),
            ("limit", "Entries on the page (default 50, at most 500)", crate::entities::schemas::id),
            ("after", "The previous page's `next_after`: the entries older than that one", crate::entities::schemas::id),
        ],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::entities::audit::Entries>),
        errors: &[400],
    },
    Route {
        method: "GET",
        path: "/api/catalog",
        tag: "system",
        summary: "The catalogue: collections, actions, views, each role's grants and the query keys events invalidate",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::domain::catalog::Catalog>),
        errors: &[],
    },
    Route {
        method: "GET",
        path: "/api/realtime/stats",
        tag: "system",
        summary: "The real-time layer's counters: sessions, topics, last delivered seq, slow sessions cut",
        query: &[],
        body: None,
        answer: Answer::Schema(Doc::schema::<crate::api::system::RealtimeStats>),
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

/// The operation of a route in `ROUTES`.
pub(super) fn route_operation(doc: &mut Doc, route: &Route) -> OperationBuilder {
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
