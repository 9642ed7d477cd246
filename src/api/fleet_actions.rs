//! The fleet's domain actions: a driver's location and status, assigning a delivery and moving
//! it along, and starting and finishing a transit batch. Each one is a single write that honours
//! `If-Match` and answers the record with its ETag; what it does and which events it emits is
//! the entity layer's (`entities::actions`).

use actix_web::{web, HttpRequest, HttpResponse};

use super::collections::{act, checked};
use super::json::JsonBody;
use super::shared::{author, check_scope, driver_scope, if_match, if_match_holds, parse_id, record_response};
use crate::domain::Entity;
use crate::entities::actions::{self, Fix};
use crate::entities::delivery::{AssignForm, DeliveryStatusForm};
use crate::entities::driver::{Driver, DriverStatusForm, LocationForm};
use crate::error::ApiError;
use crate::routes::Routes;
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.action(Entity::Driver, "location", driver_location);
    routes.action(Entity::Driver, "status", driver_status);
    routes.action(Entity::Delivery, "assign", delivery_assign);
    routes.action(Entity::Delivery, "status", delivery_status);
    routes.action(Entity::TransitBatch, "initiate", batch_initiate);
    routes.action(Entity::TransitBatch, "complete", batch_complete);
}

/// `POST /api/drivers/{id}/location` `{"lat":…,"lng":…}` → `driver_location_updated`. A fleet
/// sends these most: the group commit writes the fixes that queue together in one statement
/// (`group_commit::Fix`).
async fn driver_location(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<LocationForm>,
) -> Result<HttpResponse, ApiError> {
    let driver = parse_id(&id)?;
    let form = body.0;
    let (expected, scope) = (if_match(req.headers()), driver_scope(&req));
    let admit =
        move |current: &Driver| check_scope(scope, current).is_ok() && if_match_holds(&expected, current.version);
    let change = checked(&req, driver, move |conn, current| actions::driver_location(conn, current, form));
    let fix = Fix { driver, form, admit: Box::new(admit), change: Box::new(change) };
    let record = state.write_fix(author(&req)?, fix).await?;
    Ok(record_response(&mut HttpResponse::Ok(), &record, None))
}

/// `POST /api/drivers/{id}/status` `{"status":…}` → `driver_status_updated`.
async fn driver_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<DriverStatusForm>,
) -> Result<HttpResponse, ApiError> {
    act(&state, &req, &id, move |conn, current| actions::driver_status(conn, current, body.0)).await
}

/// `POST /api/deliveries/{id}/assign` `{"driver_id":…}` → `delivery_driver_assigned`, whose
/// data is the record plus `previous_driver_id` (so the driver it was taken from hears of it).
async fn delivery_assign(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<AssignForm>,
) -> Result<HttpResponse, ApiError> {
    act(&state, &req, &id, move |conn, current| actions::assign_delivery(conn, current, body.0)).await
}

/// `POST /api/deliveries/{id}/status` `{"status":…}` → `delivery_status_updated`.
async fn delivery_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<DeliveryStatusForm>,
) -> Result<HttpResponse, ApiError> {
    act(&state, &req, &id, move |conn, current| actions::delivery_status(conn, current, body.0)).await
}

/// `POST /api/transit-batches/{id}/initiate` (any body is ignored) → `transit_batch_initiated`.
async fn batch_initiate(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    act(&state, &req, &id, actions::initiate_batch).await
}

/// `POST /api/transit-batches/{id}/complete` (any body is ignored) → `transit_batch_completed`.
async fn batch_complete(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    act(&state, &req, &id, actions::complete_batch).await
}
