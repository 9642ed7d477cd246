//! The order workflow: `POST /api/orders/{id}/status` moves an order along its state machine
//! (see `domain::machine::ORDER`) and tells every subscriber with one
//! `order_status_changed` event.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::json::JsonBody;
use super::{check_if_match, if_match, parse_id, record_response};
use crate::domain::event::EntityEvent;
use crate::domain::{Action, Entity};
use crate::entities::order::{check_status, Order};
use crate::entities::Resource;
use crate::error::ApiError;
use crate::routes::Routes;
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.action(Entity::Order, "status", change_status);
}

/// The body of `POST /api/orders/{id}/status`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// The status to move to: one the current status may move to, else 409 `illegal_transition`.
    #[schema(schema_with = crate::entities::fields::order_status)]
    pub status: String,
}

async fn change_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<StatusChange>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let status = body.0.status;
    check_status(&status)?;
    let expected = if_match(req.headers());
    let order = state
        .write(move |conn| {
            let current = Order::find(conn, id)?;
            check_if_match(&expected, current.version)?;
            let order = Order::change_status(conn, current, &status)?;
            let event = EntityEvent::for_record(Entity::Order, Action::StatusChanged, id, &order)?;
            Ok((order, vec![event]))
        })
        .await?;
    Ok(record_response(&mut HttpResponse::Ok(), &order, None))
}
