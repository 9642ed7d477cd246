//! What every handler shares: the seq header, ETags and `If-Match`, record ids, a driver's reach,
//! a view's answer (without the fields the caller's role may not see), and the answers to a
//! query string with NUL in it and to a path no route matches.

use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::AnyConnection;
use crate::domain::event::By;
use crate::entities::Resource;
use crate::error::ApiError;

/// The response header carrying the event `seq` a read is consistent with.
pub const SEQ_HEADER: &str = "X-Switchboard-Seq";

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

/// Answers 412 when `If-Match` names versions and none is `current`'s, naming who changed it last
/// and when (from the audit trail), with the record as it now is, so the caller can set their
/// values beside it.
pub fn check_if_match<R: Resource>(
    conn: &mut AnyConnection,
    expected: &Option<Vec<String>>,
    current: &R,
) -> Result<(), ApiError> {
    let version = current.version();
    if if_match_holds(expected, version) {
        return Ok(());
    }
    let last = crate::entities::audit::last_change(conn, R::ENTITY, current.id())?;
    let by_whom = last.as_ref().map(|entry| format!(" by {}", entry.by.name)).unwrap_or_default();
    Err(ApiError::PreconditionFailed {
        message: format!("the record was changed{by_whom} since you read it (now at version {version})"),
        details: serde_json::json!({
            "current_version": version,
            "current": current,
            "changed_by": last.as_ref().map(|entry| &entry.by),
            "changed_at": last.as_ref().map(|entry| entry.at),
        }),
    })
}

/// Who the caller is, as the events and the audit trail of their writes tell it.
pub fn author(req: &HttpRequest) -> Result<By, ApiError> {
    use actix_web::HttpMessage;
    // Every write route is behind the access check, which puts the principal there.
    req.extensions()
        .get::<crate::auth::Principal>()
        .map(crate::auth::Principal::by)
        .ok_or_else(|| ApiError::Unauthorized("credentials are required".into()))
}

/// Whether `expected` (`If-Match`'s tags, if it was sent) lets a change to `version` through.
pub fn if_match_holds(expected: &Option<Vec<String>>, version: i64) -> bool {
    expected.as_ref().is_none_or(|tags| tags.iter().any(|tag| tag == "*" || tag == &version.to_string()))
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
