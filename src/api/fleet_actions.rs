//! The fleet's domain actions: a driver's location and status, assigning a delivery and moving
//! it along, and starting and finishing a transit batch. Each one is a single write that honours
//! `If-Match`, answers the record with its ETag, and emits exactly one event with it.

use actix_web::{web, HttpRequest, HttpResponse};

use super::json::JsonBody;
use super::{check_if_match, if_match, parse_id, record_response};
use crate::db::AnyConnection;
use crate::domain::event::EntityEvent;
use crate::domain::Action;
use crate::domain::Entity;
use crate::entities::delivery::{AssignForm, Delivery, DeliveryStatusForm};
use crate::entities::driver::{Driver, DriverStatusForm, LocationForm};
use crate::entities::transit_batch::TransitBatch;
use crate::entities::{rules, Resource};
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

/// Runs `change` on the current record of `R` with id `raw_id` in one write: 404 without it,
/// 412 when `If-Match` names another version. `change` answers the new record, when the event
/// should carry more than the record the event's data, and the events of its consequences in
/// other collections (`entities::rules`), which follow the action's own.
/// What an action's change answers: the record, the event's data when it is more than the
/// record, and the events of the change's consequences.
type Changed<R> = (R, Option<serde_json::Value>, Vec<EntityEvent>);

async fn run<R, F>(
    state: &AppState,
    req: &HttpRequest,
    raw_id: &str,
    action: Action,
    change: F,
) -> Result<HttpResponse, ApiError>
where
    R: Resource,
    F: FnOnce(&mut AnyConnection, R) -> Result<Changed<R>, ApiError> + Send + 'static,
{
    let id = parse_id(raw_id)?;
    let expected = if_match(req.headers());
    let scope = super::driver_scope(req);
    let record = state
        .write(move |conn| {
            let current = R::find(conn, id)?;
            super::check_scope(scope, &current)?;
            check_if_match(&expected, current.version())?;
            let before = current.owner_driver();
            let (record, data, effects) = change(conn, current)?;
            let event = match data {
                Some(data) => EntityEvent::for_record(R::ENTITY, action, id, &data)?,
                None => EntityEvent::for_record(R::ENTITY, action, id, &record)?,
            };
            // The driver it concerned before hears of the change too (a delivery reassigned).
            let event = event.concerning([before, record.owner_driver()]);
            Ok((record, std::iter::once(event).chain(effects).collect()))
        })
        .await?;
    Ok(record_response(&mut HttpResponse::Ok(), &record, None))
}

/// `POST /api/drivers/{id}/location` `{"lat":…,"lng":…}` → `driver_location_updated`.
async fn driver_location(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<LocationForm>,
) -> Result<HttpResponse, ApiError> {
    run(&state, &req, &id, Action::LocationUpdated, move |conn, current| {
        Ok((Driver::set_location(conn, current, body.0)?, None, Vec::new()))
    })
    .await
}

/// `POST /api/drivers/{id}/status` `{"status":…}` → `driver_status_updated`.
async fn driver_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<DriverStatusForm>,
) -> Result<HttpResponse, ApiError> {
    run(&state, &req, &id, Action::StatusUpdated, move |conn, current| {
        Ok((Driver::set_status(conn, current, body.0)?, None, Vec::new()))
    })
    .await
}

/// `POST /api/deliveries/{id}/assign` `{"driver_id":…}` → `delivery_driver_assigned`, whose
/// data is the record plus `previous_driver_id` (so the driver it was taken from hears of it).
async fn delivery_assign(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<AssignForm>,
) -> Result<HttpResponse, ApiError> {
    run(&state, &req, &id, Action::DriverAssigned, move |conn, current: Delivery| {
        let previous = current.driver_id;
        let record = Delivery::assign(conn, current, body.0)?;
        let effects = rules::after_assign(conn, previous, &record)?;
        let mut data = serde_json::to_value(&record)?;
        data["previous_driver_id"] = serde_json::json!(previous);
        Ok((record, Some(data), effects))
    })
    .await
}

/// `POST /api/deliveries/{id}/status` `{"status":…}` → `delivery_status_updated`.
async fn delivery_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<DeliveryStatusForm>,
) -> Result<HttpResponse, ApiError> {
    run(&state, &req, &id, Action::StatusUpdated, move |conn, current| {
        let record = Delivery::set_status(conn, current, body.0)?;
        let effects = rules::after_delivery_status(conn, &record)?;
        Ok((record, None, effects))
    })
    .await
}

/// `POST /api/transit-batches/{id}/initiate` (any body is ignored) → `transit_batch_initiated`.
async fn batch_initiate(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    run(&state, &req, &id, Action::Initiated, |conn, current| {
        let record = TransitBatch::initiate(conn, current)?;
        let effects = rules::after_batch(conn, &record)?;
        Ok((record, None, effects))
    })
    .await
}

/// `POST /api/transit-batches/{id}/complete` (any body is ignored) → `transit_batch_completed`.
async fn batch_complete(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    run(&state, &req, &id, Action::Completed, |conn, current| {
        let record = TransitBatch::complete(conn, current)?;
        let effects = rules::after_batch(conn, &record)?;
        Ok((record, None, effects))
    })
    .await
}
