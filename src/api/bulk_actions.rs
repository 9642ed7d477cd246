//! The bulk actions of `catalog::BULK_ACTIONS`: one record's write (an order's status, a
//! delivery's driver, an invoice's status) on up to 500 records in one transaction, all or none.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::JsonBody;
use super::shared::{check_scope, driver_scope};
use crate::db::AnyConnection;
use crate::domain::status::{InvoiceStatus, OrderStatus};
use crate::domain::Entity;
use crate::entities::delivery::{AssignForm, Delivery};
use crate::entities::invoice::{Invoice, InvoiceChanges};
use crate::entities::order::Order;
use crate::entities::write::{self, Written};
use crate::entities::{actions, bulk, parse_status, Resource};
use crate::error::ApiError;
use crate::routes::Routes;
use crate::AppState;

/// Declared before the collections' `/{collection}/{id}/…` routes, so `bulk` is never an id.
pub fn routes(routes: &mut Routes) {
    routes.bulk(Entity::Order, "status", orders_status);
    routes.bulk(Entity::Delivery, "assign", deliveries_assign);
    routes.bulk(Entity::Invoice, "status", invoices_status);
}

/// The body of `POST /api/orders/bulk/status`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrdersBulkStatus {
    /// The orders, each once: 1 to 500 of them.
    #[schema(min_items = 1, max_items = 500)]
    pub ids: Vec<i64>,
    /// The status every one of them moves to, as `POST /api/orders/{id}/status` would.
    #[schema(schema_with = crate::entities::schemas::order_status)]
    pub status: String,
}

/// The body of `POST /api/deliveries/bulk/assign`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveriesBulkAssign {
    /// The deliveries, each once: 1 to 500 of them.
    #[schema(min_items = 1, max_items = 500)]
    pub ids: Vec<i64>,
    /// The driver every one of them is assigned, as `POST /api/deliveries/{id}/assign` would.
    pub driver_id: i64,
}

/// The body of `POST /api/invoices/bulk/status`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoicesBulkStatus {
    /// The invoices, each once: 1 to 500 of them.
    #[schema(min_items = 1, max_items = 500)]
    pub ids: Vec<i64>,
    /// The status every one of them gets, as a `PATCH` of its `status` would set it.
    #[schema(schema_with = crate::entities::schemas::invoice_status)]
    pub status: String,
}

/// A bulk action's answer: every record as `GET` answers it, in the order of `ids`.
#[derive(Debug, Serialize)]
pub struct Changed<R> {
    pub items: Vec<R>,
}

/// `{"ids":[…],"status":"confirmed"}` → one `order_status_changed` per order (and the events of
/// the rules a cancel sets off).
async fn orders_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<OrdersBulkStatus>,
) -> Result<HttpResponse, ApiError> {
    let OrdersBulkStatus { ids, status } = body.0;
    bulk::check_ids(&ids)?;
    let status: OrderStatus = parse_status("status", &status)?;
    let what = format!("become {status}");
    on_each(&state, &req, ids, what, move |conn, current: Order| actions::order_status(conn, current, status)).await
}

/// `{"ids":[…],"driver_id":5}` → one `delivery_driver_assigned` per delivery (and the drivers'
/// status events the assignments set off).
async fn deliveries_assign(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<DeliveriesBulkAssign>,
) -> Result<HttpResponse, ApiError> {
    let DeliveriesBulkAssign { ids, driver_id } = body.0;
    bulk::check_ids(&ids)?;
    let what = format!("be assigned driver {driver_id}");
    on_each(&state, &req, ids, what, move |conn, current: Delivery| {
        actions::assign_delivery(conn, current, AssignForm { driver_id })
    })
    .await
}

/// `{"ids":[…],"status":"paid"}` → one `invoice_updated` per invoice: what a `PATCH` of its
/// `status` does to each.
async fn invoices_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<InvoicesBulkStatus>,
) -> Result<HttpResponse, ApiError> {
    let InvoicesBulkStatus { ids, status } = body.0;
    bulk::check_ids(&ids)?;
    let status: InvoiceStatus = parse_status("status", &status)?;
    let what = format!("become {status}");
    on_each(&state, &req, ids, what, move |conn, current: Invoice| {
        let changes = InvoiceChanges { status: Some(status.to_string()), ..InvoiceChanges::default() };
        write::update(conn, current, changes)
    })
    .await
}

/// `change` on each record of `R` named by `ids`, in one write: each found (and within a
/// driver's reach) as the single action finds it, then changed; answers them all, or the one
/// 409 naming every record refused.
async fn on_each<R, F>(
    state: &AppState,
    req: &HttpRequest,
    ids: Vec<i64>,
    what: String,
    mut change: F,
) -> Result<HttpResponse, ApiError>
where
    R: Resource,
    F: FnMut(&mut AnyConnection, R) -> Result<Written<R>, ApiError> + Send + 'static,
{
    let scope = driver_scope(req);
    let items = state
        .write(super::shared::author(req)?, R::ENTITY, move |conn| {
            bulk::each(conn, &ids, &what, |conn, id| {
                let current = R::find(conn, id)?;
                check_scope(scope, &current)?;
                change(conn, current)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(Changed { items }))
}
