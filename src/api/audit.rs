//! Who changed what: `GET /api/{collection}/{id}/history` (one record's audit entries, for
//! whoever may read the record) and `GET /api/audit` (the whole trail, for admins).

use actix_web::{web, HttpRequest, HttpResponse};

use super::shared::{check_scope, driver_scope, parse_id};
use crate::domain::permissions::Need;
use crate::entities::audit::{self, AuditFilter, EntryPage};
use crate::entities::Resource;
use crate::error::ApiError;
use crate::query::Query;
use crate::routes::{Endpoints, Routes};
use crate::AppState;

pub fn routes(routes: &mut Routes) {
    routes.add(Endpoints::at("/audit").get(Need::Admin, search));
}

/// A record's entries, newest first. A deleted record's history stays readable to whoever may
/// read the collection as a whole; a driver reads only the history of a record that is theirs now.
pub async fn history<R: Resource>(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    page: Query<EntryPage>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let scope = driver_scope(&req);
    let page = page.into_inner();
    let (entries, _) = state
        .read(move |conn| {
            let exists = match R::find(conn, id) {
                Ok(record) => check_scope(scope, &record).map(|()| true)?,
                Err(ApiError::NotFound(_)) if scope.is_none() => false,
                Err(error) => return Err(error),
            };
            let entries = audit::history(conn, R::ENTITY, id, page)?;
            if !exists && entries.items.is_empty() && page.after.is_none() {
                return Err(ApiError::NotFound(format!("{} {id}", R::ENTITY.singular().replace('_', " "))));
            }
            Ok(entries)
        })
        .await?;
    Ok(HttpResponse::Ok().json(entries))
}

/// The audit trail, newest first, by collection, record, token and day.
async fn search(state: web::Data<AppState>, filter: Query<AuditFilter>) -> Result<HttpResponse, ApiError> {
    let filter = filter.into_inner();
    let (entries, _) = state.read(move |conn| audit::search(conn, &filter)).await?;
    Ok(HttpResponse::Ok().json(entries))
}
