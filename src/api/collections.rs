//! The routes of every collection (list, also as CSV; read, create, update, delete; a record's
//! history), generic over the `Resource` trait and registered for each in `each_resource`, and
//! `act`, the one write a domain action on a record goes through.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::csv::{self, ExportQuery, Format};
use super::json::JsonBody;
use super::shared::{
    author, check_if_match, check_scope, driver_scope, if_match, parse_id, record_response, SEQ_HEADER,
};
use crate::db::AnyConnection;
use crate::domain::permissions::{Need, Op};
use crate::entities::totals::{self, Sums};
use crate::entities::write::{self, Written};
use crate::entities::{PageQuery, Resource};
use crate::error::ApiError;
use crate::query::Query;
use crate::routes::{Endpoints, Routes};
use crate::AppState;

/// One page of a collection.
#[derive(Debug, Serialize)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    /// How many records match in all; `null` on a page asked for with `after` and without
    /// `count=exact` (counting is a scan of every match).
    pub total: Option<i64>,
    /// The collection's money fields (`Entity::summed`) added up over every record that matches,
    /// like `total` (so `null` with it); `{}` for a collection without money.
    pub sums: Option<Sums>,
    pub limit: i64,
    /// Where the page starts: `offset` records in, or after the record `after`.
    pub offset: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<i64>,
    /// The `after` of the next page (the id of this page's last record), `null` on the last page.
    pub next_after: Option<i64>,
}

/// Declares the routes of every collection.
pub fn routes(routes: &mut Routes) {
    each_resource(&mut RegisterRoutes(routes));
}

/// Something done once for every resource: registering its routes, describing them.
pub trait ResourceVisitor {
    fn visit<R: Resource>(&mut self);
}

/// Every resource the API serves: the one list both the routes and the OpenAPI document
/// are built from.
pub fn each_resource(visitor: &mut impl ResourceVisitor) {
    use crate::entities::*;
    visitor.visit::<order::Order>();
    visitor.visit::<customer::Customer>();
    visitor.visit::<employee::Employee>();
    visitor.visit::<service::Service>();
    visitor.visit::<product::Product>();
    visitor.visit::<invoice::Invoice>();
    visitor.visit::<expense::Expense>();
    visitor.visit::<budget::Budget>();
    visitor.visit::<driver::Driver>();
    visitor.visit::<delivery::Delivery>();
    visitor.visit::<transit_batch::TransitBatch>();
}

struct RegisterRoutes<'a, 'b>(&'a mut Routes<'b>);

impl ResourceVisitor for RegisterRoutes<'_, '_> {
    fn visit<R: Resource>(&mut self) {
        resource::<R>(self.0);
    }
}

/// Declares the five CRUD routes of `R` under `/{collection}`.
pub fn resource<R: Resource>(routes: &mut Routes) {
    let entity = R::ENTITY;
    let collection = entity.collection();
    let need = |op| Need::Collection(entity, op);
    routes.add(
        Endpoints::at(format!("/{collection}")).get(need(Op::Read), list::<R>).post(need(Op::Create), create::<R>),
    );
    routes.add(
        Endpoints::at(format!("/{collection}/{{id}}"))
            .get(need(Op::Read), get::<R>)
            .patch(need(Op::Update), update::<R>)
            .delete(need(Op::Delete), delete::<R>),
    );
    routes.add(Endpoints::at(format!("/{collection}/{{id}}/history")).get(need(Op::Read), super::audit::history::<R>));
}

/// One page as JSON, or every record that matches as CSV (`?format=csv`, `Accept: text/csv`;
/// see `csv`), with the same filters, sort and driver scope.
async fn list<R: Resource>(
    state: web::Data<AppState>,
    req: HttpRequest,
    page: Query<PageQuery>,
    filter: Query<R::Filter>,
    export: Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let format = export.0.format(&req)?;
    let page = page.into_inner().page(&R::DECLARATION)?;
    let mut filter = filter.into_inner();
    let reachable = driver_scope(&req).is_none_or(|driver| R::restrict_to_driver(&mut filter, driver));
    if format == Format::Csv {
        return csv::export::<R>(state, filter, reachable, page, export.0.limit()).await;
    }
    let listed = page.clone();
    // In the read's one transaction: the page, its count and its sums are of the same snapshot.
    let ((items, total, sums), seq) = state
        .read(move |conn| {
            if !reachable {
                return Ok((
                    Vec::new(),
                    Some(0),
                    Some(totals::zero(&R::DECLARATION.summed().map(|field| field.name).collect::<Vec<_>>())),
                ));
            }
            let counted = listed.count.then(|| listed.clone());
            let (items, total) = R::list(conn, &filter, listed)?;
            let sums = counted.map(|page| R::sums(conn, &filter, &page)).transpose()?;
            Ok((items, total, sums))
        })
        .await?;
    let next_after = (items.len() as i64 == page.limit).then(|| items.last().map(Resource::id)).flatten();
    Ok(HttpResponse::Ok().insert_header((SEQ_HEADER, seq.to_string())).json(ListPage {
        items,
        total,
        sums,
        limit: page.limit,
        offset: page.offset,
        after: page.after,
        next_after,
    }))
}

async fn get<R: Resource>(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let scope = driver_scope(&req);
    let (record, seq) = state
        .read(move |conn| {
            let record = R::find(conn, id)?;
            check_scope(scope, &record)?;
            Ok(record)
        })
        .await?;
    Ok(record_response(&mut HttpResponse::Ok(), &record, Some(seq)))
}

async fn create<R: Resource>(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<R::New>,
) -> Result<HttpResponse, ApiError> {
    let record = state.write(author(&req)?, R::ENTITY, move |conn| write::create::<R>(conn, body.0)).await?;
    let location = format!("/api/{}/{}", R::ENTITY.collection(), record.id());
    Ok(record_response(HttpResponse::Created().insert_header((header::LOCATION, location)), &record, None))
}

async fn update<R: Resource>(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: JsonBody<R::Changes>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let expected = if_match(req.headers());
    let scope = driver_scope(&req);
    let record = state
        .write(author(&req)?, R::ENTITY, move |conn| {
            let current = R::find(conn, id)?;
            check_scope(scope, &current)?;
            check_if_match(conn, &expected, &current)?;
            write::update(conn, current, body.0)
        })
        .await?;
    Ok(record_response(&mut HttpResponse::Ok(), &record, None))
}

async fn delete<R: Resource>(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let expected = if_match(req.headers());
    let scope = driver_scope(&req);
    state
        .write(author(&req)?, R::ENTITY, move |conn| {
            let current = R::find(conn, id)?;
            check_scope(scope, &current)?;
            check_if_match(conn, &expected, &current)?;
            write::delete(conn, current)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Runs a domain action on the record of `R` with id `raw_id`, in one write: 404 without it (or
/// outside a driver's reach), 412 when `If-Match` names another version; answers the record
/// with its ETag. `change` is the entity layer's action, which answers the events too.
pub async fn act<R, F>(state: &AppState, req: &HttpRequest, raw_id: &str, change: F) -> Result<HttpResponse, ApiError>
where
    R: Resource,
    F: FnOnce(&mut AnyConnection, R) -> Result<Written<R>, ApiError> + Send + 'static,
{
    let id = parse_id(raw_id)?;
    let record = state.write(author(req)?, R::ENTITY, checked(req, id, change)).await?;
    Ok(record_response(&mut HttpResponse::Ok(), &record, None))
}

/// `change` to the record of `R` with id `id`, once found and checked: 404 without it (or outside
/// a driver's reach), 412 when `If-Match` names another version.
pub fn checked<R, F>(
    req: &HttpRequest,
    id: i64,
    change: F,
) -> impl FnOnce(&mut AnyConnection) -> Result<Written<R>, ApiError> + Send + 'static
where
    R: Resource,
    F: FnOnce(&mut AnyConnection, R) -> Result<Written<R>, ApiError> + Send + 'static,
{
    let expected = if_match(req.headers());
    let scope = driver_scope(req);
    move |conn| {
        let current = R::find(conn, id)?;
        check_scope(scope, &current)?;
        check_if_match(conn, &expected, &current)?;
        change(conn, current)
    }
}
