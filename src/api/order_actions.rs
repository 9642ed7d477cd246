//! The order workflow: `POST /api/orders/{id}/status` moves an order along its state machine
//! (see `domain::machine::ORDER`) and tells every subscriber with one
//! `order_status_changed` event.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::collections::act;
use super::json::JsonBody;
use crate::domain::status::OrderStatus;
use crate::domain::Entity;
use crate::entities::{actions, parse_status};
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
    #[schema(schema_with = crate::entities::schemas::order_status)]
    pub status: String,
}

async fn change_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<StatusChange>,
) -> Result<HttpResponse, ApiError> {
    let status: OrderStatus = parse_status("status", &body.0.status)?;
    act(&state, &req, &id, move |conn, current| actions::order_status(conn, current, status)).await
}
