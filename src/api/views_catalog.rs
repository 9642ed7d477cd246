//! The catalog's derived views: read-only, each answered from one snapshot and carrying the
//! `X-Switchboard-Seq` it is consistent with, like the lists.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::shared::view_response;
use crate::entities::{budget, product};
use crate::error::ApiError;
use crate::routes::Routes;
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.view("inventory-items", inventory_items);
    routes.view("inventory-kpis", inventory_kpis);
    routes.view("budget-vs-actual", budget_vs_actual);
}

#[derive(Serialize)]
struct Items<T> {
    items: Vec<T>,
}

/// `GET /api/inventory-items`: every product with its stock value and state, by SKU.
async fn inventory_items(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let (items, seq) = state.read(product::inventory_items).await?;
    view_response(&req, "inventory-items", &Items { items }, seq)
}

/// `GET /api/inventory-kpis`: the inventory's totals.
async fn inventory_kpis(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let (kpis, seq) = state.read(product::inventory_kpis).await?;
    view_response(&req, "inventory-kpis", &kpis, seq)
}

#[derive(Debug, Deserialize)]
struct PeriodQuery {
    period: Option<String>,
}

/// `GET /api/budget-vs-actual[?period=YYYY-MM]`: each budget against its month's expenses.
async fn budget_vs_actual(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: crate::query::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let period = query.into_inner().period.filter(|p| !p.is_empty());
    if let Some(period) = &period {
        if budget::month_bounds(period).is_none() {
            return Err(ApiError::bad_query("period", "must be a month like 2026-11 (YYYY-MM, year 0001 to 9999)"));
        }
    }
    let (view, seq) = state.read(move |conn| budget::budget_vs_actual(conn, period.as_deref())).await?;
    view_response(&req, "budget-vs-actual", &view, seq)
}
