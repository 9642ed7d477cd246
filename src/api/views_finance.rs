//! The finance views: `GET /api/accounts-receivable` and `GET /api/accounts-payable`, the open
//! invoices of one kind with their totals and aging by days past due. Summed in Rust, not SQL
//! (SUM is Numeric on PostgreSQL), over one snapshot, with the seq it is consistent with.

use actix_web::{web, HttpRequest, HttpResponse};

use super::shared::view_response;
use crate::entities::accounts::load_summary;
use crate::error::ApiError;
use crate::routes::Routes;
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.view("accounts-receivable", accounts_receivable);
    routes.view("accounts-payable", accounts_payable);
}

async fn summary(
    state: web::Data<AppState>,
    req: HttpRequest,
    view: &'static str,
    kind: &'static str,
) -> Result<HttpResponse, ApiError> {
    let (summary, seq) = state.read(move |conn| load_summary(conn, kind)).await?;
    view_response(&req, view, &summary, seq)
}

async fn accounts_receivable(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    summary(state, req, "accounts-receivable", "receivable").await
}

async fn accounts_payable(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    summary(state, req, "accounts-payable", "payable").await
}
