//! The document being built (`Doc`: its operations by method and path, and the schemas they
//! refer to), and what every operation is made of: parameters, error answers, access.

use std::collections::BTreeMap;

use utoipa::openapi::extensions::ExtensionsBuilder;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};
use utoipa::ToSchema;

use crate::domain::permissions::{Grant, Need};

/// The documented operations, by method and path, and the schemas they refer to.
pub(super) struct Doc {
    pub(super) operations: BTreeMap<(String, String), OperationBuilder>,
    pub(super) schemas: Vec<(String, RefOr<Schema>)>,
    /// The `<Record>Event` schemas registered so far (frames.rs), for the `Event` union.
    pub(super) events: Vec<String>,
}

impl Doc {
    /// A reference to `T`'s schema, registering it (and the schemas it uses).
    pub(super) fn schema<T: ToSchema>(&mut self) -> RefOr<Schema> {
        let name = T::name().into_owned();
        if !self.schemas.iter().any(|(known, _)| *known == name) {
            self.schemas.push((name.clone(), T::schema()));
            T::schemas(&mut self.schemas);
        }
        Ref::from_schema_name(name).into()
    }

    pub(super) fn add(&mut self, method: &str, path: &str, operation: OperationBuilder) {
        let previous = self.operations.insert((method.to_owned(), path.to_owned()), operation);
        assert!(previous.is_none(), "{method} {path} is documented twice");
    }
}
pub(super) fn json(schema: impl Into<RefOr<Schema>>) -> utoipa::openapi::Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

pub(super) fn error_description(status: u16) -> &'static str {
    match status {
        400 => "Malformed JSON or query (`bad_json`, `bad_query`)",
        401 => "No valid credentials, or (log-in) a token that is not valid (`unauthorized`)",
        403 => "The caller's role may not do this (`forbidden`)",
        404 => "No such record or route (`not_found`)",
        405 => "Method not allowed",
        409 => "Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`…",
        412 => "If-Match names a version that is no longer current (`precondition_failed`)",
        413 => "Body over the configured limit (`payload_too_large`)",
        415 => "Body is not JSON (`unsupported_media_type`)",
        422 => "Validation failed; `details` names each bad field (`validation_failed`)",
        429 => "Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`)",
        500 => "An unexpected failure, logged on the server (`internal`)",
        503 => {
            "The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it \
             is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says \
             when to try again"
        }
        _ => "Error",
    }
}

pub(super) fn with_errors(mut operation: OperationBuilder, statuses: &[u16]) -> OperationBuilder {
    for status in statuses.iter().chain(&[500, 503]) {
        let error = Ref::from_schema_name("ErrorBody");
        operation = operation.response(
            status.to_string(),
            ResponseBuilder::new().description(error_description(*status)).content("application/json", json(error)),
        );
    }
    operation
}

pub(super) fn id_parameter() -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name("id")
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .schema(Some(ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer))))
        .build()
}

pub(super) fn if_match_parameter() -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name("If-Match")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some("The version (ETag) the change is based on; 412 if the record changed since"))
        .schema(Some(ObjectBuilder::new().schema_type(SchemaType::new(Type::String))))
        .build()
}

pub(super) fn query_parameter(name: &str, description: &str, schema: Object) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

/// An integer of at least `minimum`, as `PageQuery::page` accepts `limit` and `offset`.
pub(super) fn integer_from(minimum: i64) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::Integer))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(minimum))
        .build()
}

pub(super) fn http_method(method: &str) -> Option<HttpMethod> {
    Some(match method {
        "GET" => HttpMethod::Get,
        "POST" => HttpMethod::Post,
        "PUT" => HttpMethod::Put,
        "PATCH" => HttpMethod::Patch,
        "DELETE" => HttpMethod::Delete,
        _ => return None,
    })
}

/// `operation` with the security `need` asks for: none for public routes, else a bearer token or
/// the session cookie; and `x-switchboard-access` naming the need and the roles it admits.
pub(super) fn with_access(operation: OperationBuilder, need: Need) -> OperationBuilder {
    let roles: Vec<String> = need
        .roles()
        .into_iter()
        .map(|(role, grant)| match grant {
            Grant::OwnDriver => format!("{role} (own records)"),
            _ => role.to_string(),
        })
        .collect();
    let access = ExtensionsBuilder::new()
        .add("x-switchboard-access", serde_json::json!({ "need": need.label(), "roles": roles }))
        .build();
    let operation = operation.extensions(Some(access));
    if need == Need::Public {
        return operation.securities(Some(Vec::new()));
    }
    let operation = with_errors(operation, &[401, 403, 429]);
    operation
        .security(SecurityRequirement::new("bearer", Vec::<String>::new()))
        .security(SecurityRequirement::new("session", Vec::<String>::new()))
}
