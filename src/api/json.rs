//! `JsonBody<T>`: the request-body extractor every write endpoint uses. It answers 415 for a body
//! that is not JSON, 413 over the configured limit, 400 for malformed JSON, and 422 naming the
//! field for JSON of the wrong shape (a missing field, an unknown one, a wrong type).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, FieldErrors};
use crate::AppState;

pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .mime_type()
            .ok()
            .flatten()
            .is_some_and(|mime| mime.subtype() == mime::JSON || mime.suffix() == Some(mime::JSON));
        let limit = req.app_data::<Data<AppState>>().map_or(256 * 1024, |state| state.config.body_limit);
        let declared = req
            .headers()
            .get(actix_web::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if declared.is_some_and(|length| length > limit) {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            let mut body = actix_web::web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(super::body::payload_error)?;
                if body.len() + chunk.len() > limit {
                    return Err(ApiError::PayloadTooLarge { limit });
                }
                body.extend_from_slice(&chunk);
            }
            parse(&body.freeze()).map(JsonBody)
        })
    }
}

/// Parses a JSON body, telling syntax errors (400) from shape errors (422, by field).
pub fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => value,
        // JSON Schema counts `442.0` as an integer, so a client generated from the OpenAPI
        // document may send one: read again with whole numbers written as integers. Only bodies
        // that failed on a float pay for the second reading.
        Err(error) if error.inner().to_string().starts_with("invalid type: floating point") => {
            let mut tree: serde_json::Value = serde_json::from_slice(body).map_err(|e| bad_json(&e))?;
            whole_numbers_as_integers(&mut tree);
            return parse_value(tree, body);
        }
        Err(error) => return Err(body_error(error)),
    };
    deserializer.end().map_err(|e| bad_json(&e))?;
    refuse_nul(body)?;
    Ok(value)
}

/// The second reading of [`parse`], from the already parsed `tree`.
fn parse_value<T: DeserializeOwned>(tree: serde_json::Value, body: &Bytes) -> Result<T, ApiError> {
    let value = serde_path_to_error::deserialize(tree).map_err(body_error)?;
    refuse_nul(body)?;
    Ok(value)
}

fn bad_json(error: &serde_json::Error) -> ApiError {
    ApiError::bad_request("bad_json", format!("the body is not valid JSON: {error}"))
}

fn body_error(error: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = error.path().to_string();
    let inner = error.into_inner();
    match inner.classify() {
        serde_json::error::Category::Data => shape_error(&path, &inner.to_string()),
        _ => bad_json(&inner),
    }
}

/// `442.0` → `442`, wherever it is in `value`; fractions and numbers beyond `i64` stay floats.
fn whole_numbers_as_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(number) => {
            if let Some(float) = number.as_f64().filter(|_| number.is_f64()) {
                // 2^63 is the first whole float beyond i64.
                if float.fract() == 0.0 && float.abs() < 9_223_372_036_854_775_808.0 {
                    *number = serde_json::Number::from(float as i64);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

fn refuse_nul(body: &Bytes) -> Result<(), ApiError> {
    // JSON may carry NUL as `\u0000`, but PostgreSQL text cannot hold it (it fails the whole
    // statement): refuse it here, on both backends alike. Only bodies with the escape are walked.
    if body.windows(6).any(|w| w == b"\\u0000") {
        if let Ok(tree) = serde_json::from_slice::<serde_json::Value>(body) {
            if let Some(field) = nul_at(&tree, "") {
                let field = if field.is_empty() { "body".to_owned() } else { field };
                return Err(ApiError::invalid(&field, "must not contain NUL characters (\\u0000)"));
            }
        }
    }
    Ok(())
}

/// The path of the first string (or key) in `value` that holds a NUL character.
fn nul_at(value: &serde_json::Value, path: &str) -> Option<String> {
    match value {
        serde_json::Value::String(text) => text.contains('\0').then(|| path.to_owned()),
        serde_json::Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| nul_at(item, &format!("{path}[{i}]")))
        }
        serde_json::Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            let at = join(path, key);
            if key.contains('\0') {
                Some(at)
            } else {
                nul_at(item, &at)
            }
        }),
        _ => None,
    }
}

fn shape_error(path: &str, message: &str) -> ApiError {
    // serde names missing and unknown fields in backquotes: "missing field `email`".
    let named = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_owned);
    let (field, problem) = if let Some(field) = named("missing field `") {
        (join(path, &field), "is required".to_owned())
    } else if let Some(field) = named("unknown field `") {
        // The path already ends at the unknown key: `items[0].colour`, not `items[0].colour.colour`.
        let at =
            if path == field || path.ends_with(&format!(".{field}")) { path.to_owned() } else { join(path, &field) };
        (at, "is not a field of this record".to_owned())
    } else {
        let problem = message.split(" at line ").next().unwrap_or(message).to_owned();
        (if path == "." { "body".to_owned() } else { path.to_owned() }, problem)
    };
    ApiError::Validation(FieldErrors::from([(field, problem)]))
}

fn join(path: &str, field: &str) -> String {
    if path == "." || path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}
