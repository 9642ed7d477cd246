//! How a route is declared: through [`Routes`], together with the access it needs, and with the
//! 405 its path answers to a method it does not have. There is no other way to register one:
//! modules get a `Routes`, never actix's `ServiceConfig`. The table of every route the server
//! answers is `api::table`, which declares them all through here.
//!
//! The access check runs as middleware on the route actix matched (each method of each path
//! carries its own [`Need`]), so the decision rests on what the router decided, never on a
//! string parsed again from the request: `/api/%74okens` is `/api/tokens` to the router, and so
//! to the check. A path the router does not know answers 401 without credentials and 404 with
//! them; a method a path does not have answers 405 to a signed-in caller.

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Next};
use actix_web::{guard, web, FromRequest, Handler, HttpRequest, HttpResponse, Responder, Route};

use crate::domain::catalog;
use crate::domain::permissions::Need;
use crate::domain::Entity;
use crate::error::ApiError;

/// One method on one path, and what a caller needs to use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub method: Method,
    /// The full path template, as the router matches it (`/api/orders/{id}`).
    pub path: String,
    pub need: Need,
}

/// The methods of one path, each with its handler and its need. `GET` routes answer `HEAD`
/// too, with the same need.
pub struct Endpoints {
    path: String,
    routes: Vec<(Method, Need, Route)>,
}

impl Endpoints {
    pub fn at(path: impl Into<String>) -> Endpoints {
        Endpoints { path: path.into(), routes: Vec::new() }
    }

    pub fn get<F, Args>(self, need: Need, handler: F) -> Endpoints
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let route = web::route().guard(guard::Any(guard::Get()).or(guard::Head())).to(handler);
        self.with(Method::GET, need, route)
    }

    pub fn post<F, Args>(self, need: Need, handler: F) -> Endpoints
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.with(Method::POST, need, web::post().to(handler))
    }

    pub fn patch<F, Args>(self, need: Need, handler: F) -> Endpoints
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.with(Method::PATCH, need, web::patch().to(handler))
    }

    pub fn delete<F, Args>(self, need: Need, handler: F) -> Endpoints
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.with(Method::DELETE, need, web::delete().to(handler))
    }

    fn with(mut self, method: Method, need: Need, route: Route) -> Endpoints {
        assert!(
            self.routes.iter().all(|(declared, _, _)| declared != method),
            "{method} {} is declared twice",
            self.path
        );
        self.routes.push((method, need, route));
        self
    }
}

/// Where routes are declared: registers each with actix behind its access check, and keeps the
/// list of what was declared.
pub struct Routes<'a> {
    cfg: Option<&'a mut web::ServiceConfig>,
    prefix: &'static str,
    declared: Vec<Declared>,
}

impl<'a> Routes<'a> {
    /// Routes registered on `cfg`, whose paths all start with `prefix` (the scope `cfg` is in).
    pub fn new(cfg: &'a mut web::ServiceConfig, prefix: &'static str) -> Routes<'a> {
        Routes { cfg: Some(cfg), prefix, declared: Vec::new() }
    }

    /// Only the list, registering nothing (to describe the routes: tests, the API document).
    pub fn listing(prefix: &'static str) -> Routes<'static> {
        Routes { cfg: None, prefix, declared: Vec::new() }
    }

    pub fn add(&mut self, resource: Endpoints) {
        let path = format!("{}{}", self.prefix, resource.path);
        let mut actix_resource = web::resource(resource.path.as_str());
        // The 405 names the methods the path has (RFC 9110 asks for `Allow`).
        let mut allowed: Vec<&str> = resource.routes.iter().map(|(method, _, _)| method.as_str()).collect();
        if allowed.contains(&"GET") {
            allowed.push("HEAD");
        }
        let allow = allowed.join(", ");
        for (method, need, route) in resource.routes {
            self.declared.push(Declared { method, path: path.clone(), need });
            actix_resource = actix_resource.route(route.wrap(gate(need)));
        }
        let rest =
            web::to(move |req: HttpRequest| method_not_allowed(req, allow.clone())).wrap(gate(Need::Authenticated));
        if let Some(cfg) = self.cfg.as_deref_mut() {
            cfg.service(actix_resource.default_service(rest));
        }
    }

    /// The catalogue's action `name` on `entity`, served by `handler`.
    pub fn action<F, Args>(&mut self, entity: Entity, name: &str, handler: F)
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let action = catalog::action(entity, name);
        self.add(Endpoints::at(action.path).post(action.need(), handler));
    }

    /// The catalogue's bulk action `name` on `entity` (`catalog::BULK_ACTIONS`), served by `handler`.
    pub fn bulk<F, Args>(&mut self, entity: Entity, name: &str, handler: F)
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let bulk = catalog::bulk_action(entity, name);
        self.add(Endpoints::at(bulk.path).post(bulk.need(), handler));
    }

    /// The catalogue's view `name`, served by `handler`.
    pub fn view<F, Args>(&mut self, name: &str, handler: F)
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let view = catalog::view(name);
        self.add(Endpoints::at(format!("/{}", view.name)).get(view.need(), handler));
    }

    pub fn declared(self) -> Vec<Declared> {
        self.declared
    }
}

/// The access check for routes that need `need`.
pub fn gate(
    need: Need,
) -> impl actix_web::dev::Transform<
    actix_service::boxed::BoxService<ServiceRequest, ServiceResponse, actix_web::Error>,
    ServiceRequest,
    Response = ServiceResponse<impl actix_web::body::MessageBody>,
    Error = actix_web::Error,
    InitError = (),
> {
    from_fn(move |req: ServiceRequest, next: Next<BoxBody>| crate::auth::middleware::admit(need, req, next))
}

/// 405 for a method `req`'s path does not have; `allow` lists those it has.
async fn method_not_allowed(req: HttpRequest, allow: String) -> HttpResponse {
    let error =
        ApiError::bad_request("method_not_allowed", format!("{} is not allowed on {}", req.method(), req.path()));
    let mut response = actix_web::ResponseError::error_response(&error);
    *response.status_mut() = actix_web::http::StatusCode::METHOD_NOT_ALLOWED;
    if let Ok(allow) = HeaderValue::from_str(&allow) {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    response
}
