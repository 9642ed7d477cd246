//! Live tracking: where the drivers on duty are, and the orders out for delivery with the
//! driver carrying each. Read in one snapshot, answered with the seq it is consistent with.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::shared::view_response;
use crate::entities::tracking::{tracked_drivers, tracked_orders, TrackedDriverFilter};
use crate::error::ApiError;
use crate::routes::Routes;
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.view("live-tracking-drivers", live_tracking_drivers);
    routes.view("live-tracking-orders", live_tracking_orders);
}

#[derive(Debug, Serialize)]
struct Items<T> {
    items: Vec<T>,
}

/// `GET /api/live-tracking-drivers[?status=…]`.
async fn live_tracking_drivers(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: crate::query::Query<TrackedDriverFilter>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter.into_inner();
    // Like the drivers' list: a status no driver can have is a 400, not an empty list.
    crate::entities::check_filter(
        "status",
        filter.status.as_deref(),
        <crate::domain::status::DriverStatus as crate::domain::status::Status>::NAMES,
    )?;
    let (items, seq) = state.read(move |conn| tracked_drivers(conn, &filter)).await?;
    view_response(&req, "live-tracking-drivers", &Items { items }, seq)
}

/// `GET /api/live-tracking-orders`: an accountant gets the orders without their delivery and
/// driver (see the view's `borrowed` fields in the catalogue).
async fn live_tracking_orders(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let (items, seq) = state.read(tracked_orders).await?;
    view_response(&req, "live-tracking-orders", &Items { items }, seq)
}
