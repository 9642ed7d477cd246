//! `POST /api/customers/segments/recompute`: re-derives every customer's segment from their
//! order history and tells every subscriber which customers changed.

use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::event::EntityEvent;
use crate::domain::{Action, Entity};
use crate::entities::customer::{recompute_segments, Customer};
use crate::error::ApiError;
use crate::routes::Routes;
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.action(Entity::Customer, "recompute", recompute);
}

/// What a recompute changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct SegmentsRecomputed {
    /// The ids of the customers whose segment changed.
    pub changed_ids: Vec<i64>,
    /// Those customers as they are now.
    pub customers: Vec<Customer>,
}

/// Always emits one `customer_segments_updated` event (its `ids` may be empty when nothing
/// changed), so every open customer list knows the recompute ran.
pub async fn recompute(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let result = state
        .write(|conn| {
            let customers = recompute_segments(conn)?;
            let changed_ids: Vec<i64> = customers.iter().map(|c| c.id).collect();
            let result = SegmentsRecomputed { changed_ids, customers };
            let event = EntityEvent {
                entity: Entity::Customer,
                action: Action::SegmentsUpdated,
                ids: result.changed_ids.clone(),
                data: serde_json::value::to_raw_value(&result)?,
                drivers: Vec::new(),
            };
            Ok((result, vec![event]))
        })
        .await?;
    Ok(HttpResponse::Ok().json(result))
}
