//! The HTTP API: the routes of every collection (collections.rs, their CSV export csv.rs), the
//! domain actions (one record or, in bulk_actions.rs, many) and the derived views, a record's
//! history and the audit trail (audit.rs), log-in and tokens, the OpenAPI document, the health
//! checks and the metrics; what their handlers share (shared.rs); and here, the table of every
//! route the server answers, in the order they are declared.

pub mod audit;
pub mod auth;
pub mod body;
pub mod bulk_actions;
pub mod collections;
pub mod csv;
pub mod customer_actions;
pub mod fleet_actions;
pub mod health;
pub mod json;
pub mod monitoring;
pub mod openapi;
pub mod order_actions;
pub mod shared;
pub mod system;
pub mod views_catalog;
pub mod views_finance;
pub mod views_fleet;

use crate::domain::permissions::Need;
use crate::routes::{Declared, Endpoints, Routes};

/// Every route outside /api: the health checks, the metrics, the WebSocket, the web app.
pub fn root_routes(routes: &mut Routes) {
    health::routes(routes);
    routes.add(Endpoints::at("/metrics").get(Need::Metrics, monitoring::scrape));
    routes.add(Endpoints::at("/ws").get(Need::Socket, crate::realtime::connect));
    routes.add(Endpoints::at("/sse").get(Need::Socket, crate::realtime::sse::stream));
    crate::web_app::routes(routes);
}

/// Every route under /api.
pub fn api_routes(routes: &mut Routes) {
    auth::routes(routes);
    system::routes(routes);
    audit::routes(routes);
    openapi::routes(routes, table);
    bulk_actions::routes(routes);
    customer_actions::routes(routes);
    order_actions::routes(routes);
    fleet_actions::routes(routes);
    views_catalog::routes(routes);
    views_finance::routes(routes);
    views_fleet::routes(routes);
    collections::routes(routes);
}

/// Every route the server answers, with its need, in the order declared.
pub fn table() -> Vec<Declared> {
    let mut root = Routes::listing("");
    root_routes(&mut root);
    let mut api = Routes::listing("/api");
    api_routes(&mut api);
    root.declared().into_iter().chain(api.declared()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog;
    use actix_web::http::Method;

    #[test]
    fn every_action_and_view_of_the_catalogue_has_its_route() {
        let table = table();
        for action in catalog::ACTIONS {
            let path = format!("/api{}", action.path);
            let found = table.iter().find(|e| e.path == path && e.method == Method::POST);
            assert_eq!(found.map(|e| e.need), Some(action.need()), "{path}");
        }
        for view in catalog::VIEWS {
            let path = format!("/api/{}", view.name);
            let found = table.iter().find(|e| e.path == path && e.method == Method::GET);
            assert_eq!(found.map(|e| e.need), Some(view.need()), "{path}");
        }
        for bulk in catalog::BULK_ACTIONS {
            let path = format!("/api{}", bulk.path);
            let found = table.iter().find(|e| e.path == path && e.method == Method::POST);
            assert_eq!(found.map(|e| e.need), Some(bulk.need()), "{path}");
        }
    }

    #[test]
    fn every_method_of_every_path_is_declared_once() {
        let table = table();
        let mut seen = std::collections::HashSet::new();
        for endpoint in &table {
            assert!(seen.insert((endpoint.method.clone(), endpoint.path.clone())), "{endpoint:?} twice");
        }
        assert!(table.iter().any(|e| e.path == "/api/tokens" && e.need == Need::Admin));
    }
}
