//! Who may do what: the one permission table, in code. Every REST route and every /ws topic
//! is checked against it (see `classify` for how a request maps onto it).
//!
//! | Role | Full access | Read only | Own records only |
//! |---|---|---|---|
//! | admin | everything, tokens and system routes included | | |
//! | manager | all eleven collections, their actions and views | | |
//! | dispatcher | orders, deliveries, drivers, transit batches | customers, services, products | |
//! | accountant | invoices, expenses, budgets | customers, orders | |
//! | driver | | | its driver record (read, edit, location, status), its deliveries (read, status) |
//!
//! Views need read access to the collection they are computed from.

use std::fmt;

use crate::realtime::events::Entity;

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Manager,
    Dispatcher,
    Accountant,
    Driver,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Manager, Role::Dispatcher, Role::Accountant, Role::Driver];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Dispatcher => "dispatcher",
            Role::Accountant => "accountant",
            Role::Driver => "driver",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == name)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a request does to a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// List, get, or a view computed from it; receiving its events.
    Read,
    Create,
    /// `PATCH`.
    Update,
    Delete,
    /// A domain action (`POST /api/{collection}/{id}/{action}` or segments recompute).
    Action(&'static str),
}

/// How much of a collection a role may reach with an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    None,
    All,
    /// Only the records of the caller's own driver.
    OwnDriver,
}

/// The table.
pub fn grant(role: Role, entity: Entity, op: Op) -> Grant {
    use Entity::*;
    let full = |allowed: bool| if allowed { Grant::All } else { Grant::None };
    match role {
        Role::Admin | Role::Manager => Grant::All,
        Role::Dispatcher => match entity {
            Order | Delivery | Driver | TransitBatch => Grant::All,
            Customer | Service | Product => full(op == Op::Read),
            _ => Grant::None,
        },
        Role::Accountant => match entity {
            Invoice | Expense | Budget => Grant::All,
            Customer | Order => full(op == Op::Read),
            _ => Grant::None,
        },
        Role::Driver => match (entity, op) {
            (Driver, Op::Read | Op::Update | Op::Action("location" | "status")) => Grant::OwnDriver,
            (Delivery, Op::Read | Op::Action("status")) => Grant::OwnDriver,
            _ => Grant::None,
        },
    }
}

/// What a request needs before its handler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anyone: the health check, the web app's page and assets, log-in.
    Public,
    /// Any valid credentials (who am I, log-out, a WebSocket ticket, the API docs, /ws).
    Authenticated,
    /// Tokens and system counters.
    Admin,
    /// Access to a collection.
    Collection(Entity, Op),
    /// A view computed from a whole collection: needs read access to all of it.
    View(Entity),
}

/// The derived views and the collection each is computed from.
pub const VIEWS: [(&str, Entity); 7] = [
    ("inventory-items", Entity::Product),
    ("inventory-kpis", Entity::Product),
    ("accounts-receivable", Entity::Invoice),
    ("accounts-payable", Entity::Invoice),
    ("budget-vs-actual", Entity::Budget),
    ("live-tracking-orders", Entity::Order),
    ("live-tracking-drivers", Entity::Driver),
];

/// Maps a request onto the table. Paths the server does not know need authentication, so an
/// anonymous caller learns nothing about them.
pub fn classify(method: &str, path: &str) -> Need {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] | ["healthz" | "readyz"] | ["assets", ..] => Need::Public,
        ["api", "login"] => Need::Public,
        ["ws"] | ["api", "me" | "logout" | "ws-ticket" | "openapi.json" | "docs"] => Need::Authenticated,
        ["api", "tokens", ..] | ["api", "realtime", ..] => Need::Admin,
        ["api", "customers", "segments", "recompute"] => Need::Collection(Entity::Customer, Op::Action("recompute")),
        ["api", name] => {
            if let Some((_, source)) = VIEWS.iter().find(|(view, _)| view == name) {
                return Need::View(*source);
            }
            match Entity::from_collection(name) {
                Some(entity) => Need::Collection(entity, if method == "GET" { Op::Read } else { Op::Create }),
                None => Need::Authenticated,
            }
        }
        ["api", name, _id] => match Entity::from_collection(name) {
            Some(entity) => Need::Collection(
                entity,
                match method {
                    "GET" | "HEAD" => Op::Read,
                    "DELETE" => Op::Delete,
                    _ => Op::Update,
                },
            ),
            None => Need::Authenticated,
        },
        ["api", name, _id, action] => match (Entity::from_collection(name), ACTIONS.iter().find(|a| a == &action)) {
            (Some(entity), Some(action)) => Need::Collection(entity, Op::Action(action)),
            _ => Need::Authenticated,
        },
        _ => Need::Authenticated,
    }
}

/// The names of the domain actions (`/api/{collection}/{id}/{action}`).
const ACTIONS: [&str; 5] = ["status", "location", "assign", "initiate", "complete"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_map_onto_the_table() {
        assert_eq!(classify("GET", "/healthz"), Need::Public);
        assert_eq!(classify("GET", "/readyz"), Need::Public);
        assert_eq!(classify("GET", "/"), Need::Public);
        assert_eq!(classify("GET", "/assets/js/app.js"), Need::Public);
        assert_eq!(classify("POST", "/api/login"), Need::Public);
        assert_eq!(classify("GET", "/ws"), Need::Authenticated);
        assert_eq!(classify("GET", "/api/orders"), Need::Collection(Entity::Order, Op::Read));
        assert_eq!(classify("POST", "/api/orders"), Need::Collection(Entity::Order, Op::Create));
        assert_eq!(classify("PATCH", "/api/orders/4"), Need::Collection(Entity::Order, Op::Update));
        assert_eq!(classify("DELETE", "/api/orders/4"), Need::Collection(Entity::Order, Op::Delete));
        assert_eq!(classify("POST", "/api/orders/4/status"), Need::Collection(Entity::Order, Op::Action("status")));
        assert_eq!(classify("GET", "/api/accounts-payable"), Need::View(Entity::Invoice));
        assert_eq!(classify("GET", "/api/tokens"), Need::Admin);
        assert_eq!(classify("GET", "/api/nothing/here/at/all"), Need::Authenticated);
    }

    #[test]
    fn drivers_reach_only_their_own_records() {
        assert_eq!(grant(Role::Driver, Entity::Driver, Op::Action("location")), Grant::OwnDriver);
        assert_eq!(grant(Role::Driver, Entity::Delivery, Op::Action("assign")), Grant::None);
        assert_eq!(grant(Role::Driver, Entity::Order, Op::Read), Grant::None);
        assert_eq!(grant(Role::Accountant, Entity::Order, Op::Read), Grant::All);
        assert_eq!(grant(Role::Accountant, Entity::Order, Op::Create), Grant::None);
    }
}
