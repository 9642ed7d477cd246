//! The REST API under /api: generic list/get/create/update/delete handlers for every
//! `Resource`, the domain actions and derived views, and the shared plumbing (ETags, If-Match,
//! the seq header) they use.

pub mod auth;
pub mod body;
pub mod customer_actions;
pub mod fleet_actions;
pub mod json;
pub mod monitoring;
pub mod openapi;
pub mod order_actions;
pub mod system;
pub mod views_catalog;
pub mod views_finance;
pub mod views_fleet;

use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::AnyConnection;
use crate::domain::permissions::{Need, Op};
use crate::entities::totals::{self, Sums};
use crate::entities::write::{self, Written};
use crate::entities::{PageQuery, Resource};
use crate::error::ApiError;
use crate::query::Query;
use crate::routes::{self, Routes};
use crate::AppState;
use json::JsonBody;

/// The response header carrying the event `seq` a read is consistent with.
pub const SEQ_HEADER: &str = "X-Switchboard-Seq";

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

/// Declares every /api route but authentication's (see `crate::routes`).
pub fn routes(routes: &mut Routes) {
    system::routes(routes);
    openapi::routes(routes);
    customer_actions::routes(routes);
    order_actions::routes(routes);
    fleet_actions::routes(routes);
    views_catalog::routes(routes);
    views_finance::routes(routes);
    views_fleet::routes(routes);
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
        routes::Endpoints::at(format!("/{collection}"))
            .get(need(Op::Read), list::<R>)
            .post(need(Op::Create), create::<R>),
    );
    routes.add(
        routes::Endpoints::at(format!("/{collection}/{{id}}"))
            .get(need(Op::Read), get::<R>)
            .patch(need(Op::Update), update::<R>)
            .delete(need(Op::Delete), delete::<R>),
    );
}

/// 405 for a method `req`'s path does not have; `allow` lists those it has.
pub async fn method_not_allowed(req: HttpRequest, allow: String) -> HttpResponse {
    let error =
        ApiError::bad_request("method_not_allowed", format!("{} is not allowed on {}", req.method(), req.path()));
    let mut response = actix_web::ResponseError::error_response(&error);
    *response.status_mut() = actix_web::http::StatusCode::METHOD_NOT_ALLOWED;
    if let Ok(allow) = HeaderValue::from_str(&allow) {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    response
}

/// A view's answer to the caller, with the seq it is consistent with: the view's fields from
/// collections the caller's role may not read all of (`catalog::View::borrowed`) are left out,
/// wherever they occur in it. Every view answers through here.
pub fn view_response(req: &HttpRequest, name: &str, body: &impl Serialize, seq: i64) -> Result<HttpResponse, ApiError> {
    use actix_web::HttpMessage;
    let view = crate::domain::catalog::view(name);
    let role = req.extensions().get::<crate::auth::Principal>().map(|principal| principal.role);
    // Deny by default: a caller of unknown role sees none of the borrowed fields.
    let hidden = match role {
        Some(role) => view.hidden_from(role),
        None => view.borrowed.iter().flat_map(|borrowed| borrowed.fields.iter().copied()).collect(),
    };
    let mut response = HttpResponse::Ok();
    response.insert_header((SEQ_HEADER, seq.to_string()));
    if hidden.is_empty() {
        return Ok(response.json(body));
    }
    let mut answer = serde_json::to_value(body).map_err(|e| ApiError::Internal(format!("serializing a view: {e}")))?;
    omit(&mut answer, &hidden);
    Ok(response.json(answer))
}

/// Removes the keys `hidden` from every object in `value`, at any depth.
fn omit(value: &mut serde_json::Value, hidden: &[&str]) {
    match value {
        serde_json::Value::Object(fields) => {
            fields.retain(|key, _| !hidden.contains(&key.as_str()));
            fields.values_mut().for_each(|field| omit(field, hidden));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|item| omit(item, hidden)),
        _ => {}
    }
}

/// Refuses a query string carrying a NUL character (`%00`) with 400 `bad_query`: PostgreSQL text
/// cannot hold NUL, so a filter with one failed its whole query (500).
pub async fn refuse_nul_in_query(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<
    actix_web::dev::ServiceResponse<actix_web::body::EitherBody<impl actix_web::body::MessageBody>>,
    actix_web::Error,
> {
    if req.query_string().contains("%00") {
        // Named like any other bad parameter: the first whose name or value holds the NUL.
        let parameter = form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(name, value)| name.contains('\0') || value.contains('\0'))
            .map_or_else(|| "query".to_owned(), |(name, _)| name.replace('\0', "%00"));
        let error = ApiError::bad_query(&parameter, "must not contain NUL characters (%00)");
        let response = actix_web::ResponseError::error_response(&error);
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req).await.map(actix_web::dev::ServiceResponse::map_into_left_body)
}

pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!("route {} {}", req.method(), req.path())))
}

/// `"3"`: a record's ETag is its version.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("digits are a valid header value")
}

/// Answers 412 when `If-Match` names versions and none is the record's current one.
pub fn check_if_match(expected: &Option<Vec<String>>, current_version: i64) -> Result<(), ApiError> {
    match expected {
        Some(tags) if !tags.iter().any(|tag| tag == "*" || tag == &current_version.to_string()) => {
            Err(ApiError::PreconditionFailed { current_version })
        }
        _ => Ok(()),
    }
}

/// The versions an `If-Match` header names (`"3"`, `W/"3"`, `*`), or `None` without one.
pub fn if_match(headers: &HeaderMap) -> Option<Vec<String>> {
    let values: Vec<String> = headers
        .get_all(header::IF_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/").trim_matches('"').to_owned())
        .collect();
    (!values.is_empty()).then_some(values)
}

/// A record as a response: JSON with its ETag and the seq it is consistent with.
pub fn record_response<R: Resource>(
    response: &mut actix_web::HttpResponseBuilder,
    record: &R,
    seq: Option<i64>,
) -> HttpResponse {
    response.insert_header((header::ETAG, etag(record.version())));
    if let Some(seq) = seq {
        response.insert_header((SEQ_HEADER, seq.to_string()));
    }
    response.json(record)
}

pub fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>().map_err(|_| ApiError::NotFound(format!("record {raw:?}")))
}

/// For a caller who may reach only their own driver's records (the driver role): that driver.
pub fn driver_scope(req: &HttpRequest) -> Option<i64> {
    use actix_web::HttpMessage;
    let extensions = req.extensions();
    match extensions.get::<crate::auth::Grant>() {
        Some(crate::auth::Grant::OwnDriver) => {
            extensions.get::<crate::auth::Principal>().and_then(|principal| principal.own_driver())
        }
        _ => None,
    }
}

/// A record outside the caller's reach answers 404, as if it did not exist.
pub fn check_scope<R: Resource>(scope: Option<i64>, record: &R) -> Result<(), ApiError> {
    match scope {
        Some(driver) if record.owner_driver() != Some(driver) => {
            Err(ApiError::NotFound(format!("{} {}", R::ENTITY.singular().replace('_', " "), record.id())))
        }
        _ => Ok(()),
    }
}

async fn list<R: Resource>(
    state: web::Data<AppState>,
    req: HttpRequest,
    page: Query<PageQuery>,
    filter: Query<R::Filter>,
) -> Result<HttpResponse, ApiError> {
    let page = page.into_inner().page(R::ENTITY)?;
    let mut filter = filter.into_inner();
    let reachable = driver_scope(&req).is_none_or(|driver| R::restrict_to_driver(&mut filter, driver));
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

async fn create<R: Resource>(state: web::Data<AppState>, body: JsonBody<R::New>) -> Result<HttpResponse, ApiError> {
    let record = state.write(R::ENTITY, move |conn| write::create::<R>(conn, body.0)).await?;
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
        .write(R::ENTITY, move |conn| {
            let current = R::find(conn, id)?;
            check_scope(scope, &current)?;
            check_if_match(&expected, current.version())?;
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
        .write(R::ENTITY, move |conn| {
            let current = R::find(conn, id)?;
            check_scope(scope, &current)?;
            check_if_match(&expected, current.version())?;
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
    let expected = if_match(req.headers());
    let scope = driver_scope(req);
    let record = state
        .write(R::ENTITY, move |conn| {
            let current = R::find(conn, id)?;
            check_scope(scope, &current)?;
            check_if_match(&expected, current.version())?;
            change(conn, current)
        })
        .await?;
    Ok(record_response(&mut HttpResponse::Ok(), &record, None))
}
