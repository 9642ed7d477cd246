//! `POST /api/customers/segments/recompute`: re-derives every customer's segment from their
//! order history and tells every subscriber which customers changed.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::domain::Entity;
use crate::entities::actions;
use crate::error::ApiError;
use crate::routes::Routes;
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.action(Entity::Customer, "recompute", recompute);
}

/// Answers `entities::actions::SegmentsRecomputed`.
pub async fn recompute(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let result = state.write(super::shared::author(&req)?, Entity::Customer, actions::recompute_segments).await?;
    Ok(HttpResponse::Ok().json(result))
}
