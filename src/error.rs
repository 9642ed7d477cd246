//! The one error type every handler returns, and its JSON form:
//! `{"error":{"code":"…","message":"…","details":{…}}}`. Causes go to the log, never to the client.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;

/// Field name → what is wrong with it.
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("{0} not found")]
    NotFound(String),
    /// 400 `bad_query`: the query-string parameter `parameter` is wrong; the details name it.
    #[error("{parameter}: {problem}")]
    BadQuery { parameter: String, problem: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A 409 whose details say which other record stands in the way (`{"delivery_id": 7, …}`).
    #[error("{message}")]
    ConflictWith { code: &'static str, message: String, details: serde_json::Value },
    /// `details` carries the version, the record as it now is, and who changed it last.
    #[error("{message}")]
    PreconditionFailed { message: String, details: serde_json::Value },
    #[error("request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("request body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("too many requests: try again in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("the database is busy, try again")]
    Unavailable,
    /// The database could not serve the request, and why (refused, busy, locked, too slow).
    #[error("{0}")]
    Database(DbUnavailable),
    #[error("the server is shutting down and did not process this request: send it again")]
    ShuttingDown,
    #[error("internal error")]
    Internal(String),
    #[error("the request body did not arrive within {secs} s; the connection is closed")]
    BodyTimeout { secs: f64 },
    #[error("the server is reading as many request bodies as it may at once: send it again shortly")]
    Overloaded,
    /// As many CSV exports are streaming as may at once (`api::csv::MAX_EXPORTS`).
    #[error("as many CSV exports are running as may at once: try again shortly")]
    ExportsBusy,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<serde_json::Value>,
}

impl ApiError {
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Conflict { code, message: message.into() }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::BadRequest { code, message: message.into() }
    }

    /// A 400 `bad_query` for the query-string parameter `parameter`.
    pub fn bad_query(parameter: &str, problem: impl Into<String>) -> Self {
        ApiError::BadQuery { parameter: parameter.to_owned(), problem: problem.into() }
    }

    /// A 422 for one field.
    pub fn invalid(field: &str, problem: impl Into<String>) -> Self {
        ApiError::Validation(FieldErrors::from([(field.to_owned(), problem.into())]))
    }

    pub fn code(&self) -> &str {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::ConflictWith { code, .. } => code,
            ApiError::BadQuery { .. } => "bad_query",
            ApiError::NotFound(_) => "not_found",
            ApiError::PreconditionFailed { .. } => "precondition_failed",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::Validation(_) => "validation_failed",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::TooManyRequests { .. } => "rate_limited",
            ApiError::Unavailable | ApiError::Database(_) => "unavailable",
            ApiError::ShuttingDown => "shutting_down",
            ApiError::Internal(_) => "internal",
            ApiError::BodyTimeout { .. } => "body_timeout",
            ApiError::Overloaded | ApiError::ExportsBusy => "overloaded",
        }
    }

    fn details(&self) -> Option<serde_json::Value> {
        match self {
            ApiError::Validation(fields) => serde_json::to_value(fields).ok(),
            ApiError::BadQuery { parameter, problem } => Some(serde_json::json!({ parameter.as_str(): problem })),
            ApiError::ConflictWith { details, .. } => Some(details.clone()),
            ApiError::PreconditionFailed { details, .. } => Some(details.clone()),
            _ => None,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } | ApiError::BadQuery { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } | ApiError::ConflictWith { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable | ApiError::Database(_) | ApiError::ShuttingDown => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ApiError::Overloaded | ApiError::ExportsBusy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!("internal error: {cause}");
        }
        let body =
            ErrorBody { error: ErrorDetail { code: self.code(), message: self.to_string(), details: self.details() } };
        let mut response = HttpResponse::build(self.status_code());
        match self {
            ApiError::TooManyRequests { retry_after_secs } => {
                response.insert_header(("Retry-After", retry_after_secs.to_string()));
            }
            ApiError::Unauthorized(_) => {
                response.insert_header(("WWW-Authenticate", "Bearer"));
            }
            ApiError::ShuttingDown | ApiError::Overloaded | ApiError::ExportsBusy | ApiError::Database(_) => {
                response.insert_header(("Retry-After", "1"));
            }
            // The rest of the body may still come: the connection cannot carry another request.
            ApiError::BodyTimeout { .. } => {
                response.force_close();
            }
            _ => {}
        }
        response.json(body)
    }
}

impl From<DieselError> for ApiError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => ApiError::NotFound("record".into()),
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => ApiError::conflict(
                "duplicate",
                format!("a record with the same {} already exists", unique_columns(info.as_ref())),
            ),
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                ApiError::conflict("in_use", "other records still refer to this one")
            }
            // SQLite enforces `ON DELETE RESTRICT` with an internal trigger, so that violation
            // comes as SQLITE_CONSTRAINT_TRIGGER (diesel: `Unknown`), not as a foreign key one.
            DieselError::DatabaseError(DatabaseErrorKind::Unknown, info)
                if info.message() == "FOREIGN KEY constraint failed" =>
            {
                ApiError::conflict("in_use", "other records still refer to this one")
            }
            DieselError::DatabaseError(DatabaseErrorKind::CheckViolation, info) => {
                ApiError::Validation(FieldErrors::from([("record".to_owned(), info.message().to_owned())]))
            }
            other => match DbUnavailable::of(&other) {
                Some(cause) => {
                    tracing::warn!("the database declined a request: {other}");
                    ApiError::Database(cause)
                }
                None => ApiError::Internal(other.to_string()),
            },
        }
    }
}

/// The column(s) a unique violation names, from either backend's message.
fn unique_columns(info: &dyn diesel::result::DatabaseErrorInformation) -> String {
    if let Some(column) = info.column_name() {
        return column.to_owned();
    }
    // SQLite: "UNIQUE constraint failed: customers.email"; PostgreSQL: "... Key (email)=(…) ...".
    let message = info.details().unwrap_or_else(|| info.message());
    if let Some(columns) = message.strip_prefix("UNIQUE constraint failed: ") {
        return columns.split(", ").map(|c| c.rsplit('.').next().unwrap_or(c)).collect::<Vec<_>>().join(", ");
    }
    if let Some(start) = message.find("Key (") {
        if let Some(end) = message[start + 5..].find(')') {
            return message[start + 5..start + 5 + end].to_owned();
        }
    }
    "key".to_owned()
}

impl From<DbUnavailable> for ApiError {
    fn from(cause: DbUnavailable) -> Self {
        ApiError::Database(cause)
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(error.to_string())
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(error: serde_json::Error) -> Self {
        ApiError::Internal(format!("serializing an event: {error}"))
    }
}

/// Why the database could not serve a request: each is a 503 `unavailable` whose message says
/// which, so a caller (and an operator) can tell an outage from load from a lock.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DbUnavailable {
    #[error("the database refused the connection or could not be reached; try again")]
    Unreachable,
    #[error("the database is busy: every connection was in use; try again")]
    Busy,
    #[error("the database is busy: too many writes are queued for the event log; try again")]
    WritesQueued,
    #[error(
        "the database is busy: the {0} table is locked by another session and the lock was not \
         granted in time; try again"
    )]
    TableLocked(&'static str),
    #[error("the database is busy: a lock the request needed was not granted in time; try again")]
    LockNotGranted,
    #[error("the database is busy: the request's query ran past the statement timeout and was cancelled")]
    StatementTimeout,
    #[error("the database is busy: the request collided with another one and was rolled back; try again")]
    Deadlock,
}

/// What PostgreSQL says on a connection it is closing or cannot serve yet: a restart or a
/// shutdown, which the pool's next connection waits out (503, not 500).
const GOING_AWAY: &[&str] = &[
    "terminating connection due to administrator command",
    "the database system is shutting down",
    "the database system is starting up",
    "server closed the connection unexpectedly",
];

impl DbUnavailable {
    /// The cause of `error` when it is the database declining to serve (a timeout, a deadlock, a
    /// lost connection) rather than something wrong with the request.
    ///
    /// diesel does not expose PostgreSQL's SQLSTATE, only the message, so these are matched by
    /// the server's (English) messages for 55P03 lock_not_available, 57014 query_canceled and
    /// 40P01 deadlock_detected.
    pub fn of(error: &diesel::result::Error) -> Option<DbUnavailable> {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => Some(DbUnavailable::Unreachable),
            Error::DatabaseError(DatabaseErrorKind::Unknown, info) => match info.message() {
                // SQLite's busy timeout ran out (another process held the write lock).
                "canceling statement due to lock timeout" | "database is locked" => Some(DbUnavailable::LockNotGranted),
                "canceling statement due to statement timeout" => Some(DbUnavailable::StatementTimeout),
                "deadlock detected" => Some(DbUnavailable::Deadlock),
                // A lock asked for with NOWAIT (`db::claim_now_statement`).
                message if message.starts_with("could not obtain lock on") => Some(DbUnavailable::LockNotGranted),
                // PostgreSQL stopping or restarting under an open connection.
                message if GOING_AWAY.iter().any(|going| message.contains(going)) => Some(DbUnavailable::Unreachable),
                _ => None,
            },
            // A connection lost in a transaction, which could then not be rolled back.
            Error::BrokenTransactionManager => Some(DbUnavailable::Unreachable),
            _ => None,
        }
    }
}
