//! The request schemas of every write route, read from /api/openapi.json: what the bodies
//! are built from.

use crate::common::TestApp;
use actix_web::http::Method;
use serde_json::Value;

#[derive(Clone, Debug)]
pub(super) enum Ty {
    Int,
    Num,
    Str,
    Bool,
    Array(Box<Shape>),
    Object(Vec<Prop>),
    Any,
}

#[derive(Clone, Debug)]
pub(super) struct Shape {
    pub(super) ty: Ty,
    pub(super) nullable: bool,
    pub(super) format: Option<String>,
}

#[derive(Clone, Debug)]
pub(super) struct Prop {
    pub(super) name: String,
    pub(super) shape: Shape,
    pub(super) required: bool,
}

/// A documented write route.
#[derive(Clone, Debug)]
pub(super) struct Endpoint {
    pub(super) method: Method,
    /// As documented: `/api/orders/{id}/status`.
    pub(super) template: String,
    /// `orders`
    pub(super) collection: String,
    /// `status` for `/api/orders/{id}/status`; `None` for the CRUD routes.
    pub(super) action: Option<String>,
    /// The request body's properties, when the route takes a body.
    pub(super) body: Option<Vec<Prop>>,
}

impl Endpoint {
    pub(super) fn has_id(&self) -> bool {
        self.template.contains("{id}")
    }

    pub(super) fn label(&self) -> String {
        format!("{} {}", self.method, self.template)
    }
}

pub(super) fn resolve(doc: &Value, schema: &Value, depth: usize) -> Shape {
    assert!(depth < 20, "the schemas nest too deeply: {schema}");
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(target.is_object(), "{reference} resolves");
        return resolve(doc, target, depth + 1);
    }
    for combinator in ["oneOf", "anyOf", "allOf"] {
        if let Some(options) = schema.get(combinator).and_then(Value::as_array) {
            let mut nullable = false;
            let mut chosen = None;
            for option in options {
                if option.get("type").and_then(Value::as_str) == Some("null") {
                    nullable = true;
                } else if chosen.is_none() {
                    chosen = Some(resolve(doc, option, depth + 1));
                }
            }
            let mut shape = chosen.unwrap_or(Shape { ty: Ty::Any, nullable: true, format: None });
            shape.nullable |= nullable;
            return shape;
        }
    }
    let (kind, nullable) = match &schema["type"] {
        Value::String(kind) => (kind.clone(), false),
        Value::Array(kinds) => {
            let names: Vec<&str> = kinds.iter().filter_map(Value::as_str).collect();
            let kind = names.iter().find(|k| **k != "null").copied().unwrap_or("null");
            (kind.to_owned(), names.contains(&"null"))
        }
        _ if schema.get("properties").is_some() => ("object".to_owned(), false),
        _ => ("any".to_owned(), true),
    };
    let format = schema.get("format").and_then(Value::as_str).map(str::to_owned);
    let ty = match kind.as_str() {
        "integer" => Ty::Int,
        "number" => Ty::Num,
        "string" => Ty::Str,
        "boolean" => Ty::Bool,
        "array" => Ty::Array(Box::new(resolve(doc, &schema["items"], depth + 1))),
        "object" => {
            let required: Vec<&str> =
                schema["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let props = schema["properties"]
                .as_object()
                .map(|props| {
                    props
                        .iter()
                        .map(|(name, prop)| Prop {
                            name: name.clone(),
                            shape: resolve(doc, prop, depth + 1),
                            required: required.contains(&name.as_str()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Ty::Object(props)
        }
        _ => Ty::Any,
    };
    Shape { ty, nullable, format }
}

/// Every POST, PATCH and DELETE on a collection the document lists, with its body schema.
pub(super) async fn write_endpoints(app: &TestApp) -> Vec<Endpoint> {
    let doc = app.get("/api/openapi.json").await.body;
    let mut endpoints = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("the document lists paths") {
        for (name, method) in [("post", Method::POST), ("patch", Method::PATCH), ("delete", Method::DELETE)] {
            let Some(operation) = item.get(name) else { continue };
            let rest = path.strip_prefix("/api/").expect("every route is under /api");
            let segments: Vec<&str> = rest.split('/').collect();
            // The collections' writes; authentication's (log-in, tokens) are not records the
            // model follows, and revoking tokens would cut the fuzzer off.
            if !switchboard::domain::Entity::ALL.iter().any(|entity| entity.collection() == segments[0]) {
                continue;
            }
            let action = match segments.as_slice() {
                [_, "{id}", action] => Some(action.to_string()),
                [_, a, b] => Some(format!("{a}/{b}")),
                _ => None,
            };
            let body =
                operation.pointer("/requestBody/content/application~1json/schema").map(|schema| {
                    match resolve(&doc, schema, 0).ty {
                        Ty::Object(props) => props,
                        other => panic!("{path}: a request body that is not an object: {other:?}"),
                    }
                });
            endpoints.push(Endpoint {
                method,
                template: path.clone(),
                collection: segments[0].to_owned(),
                action,
                body,
            });
        }
    }
    endpoints.sort_by_key(Endpoint::label);
    endpoints
}
