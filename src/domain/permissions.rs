//! Who may do what: the one permission table, in code. Every REST route declares the `Need` it
//! is checked against where it is registered (`crate::routes`); every /ws topic is checked
//! against `grant`.
//!
//! | Role | Full access | Read only | Own records only |
//! |---|---|---|---|
//! | admin | everything, tokens and system routes included | | |
//! | manager | all eleven collections, their actions and views | | |
//! | dispatcher | orders, deliveries, drivers, transit batches | customers, services, products | |
//! | accountant | invoices, expenses, budgets | customers, orders | |
//! | driver | | | its driver record (read, edit, location, status), its deliveries (read, status) |
//!
//! Views need read access to the collection they are computed from; their fields from other
//! collections reach only roles that may read those (`catalog::View::borrowed`).

use std::fmt;

use super::Entity;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Need {
    /// Anyone: the health check, the web app's page and assets, log-in.
    Public,
    /// Any valid credentials (who am I, log-out, a WebSocket ticket, the API docs).
    Authenticated,
    /// The WebSocket handshake: any valid credentials, a one-time ticket included; with the
    /// session cookie only from an allowed origin.
    Socket,
    /// Tokens and system counters.
    Admin,
    /// The Prometheus metrics: without credentials from the addresses the operator allows
    /// (checked by the gate, which knows the setting); with credentials, admins only.
    Metrics,
    /// Access to a collection.
    Collection(Entity, Op),
    /// A view computed from a whole collection: needs read access to all of it.
    View(Entity),
}

impl Need {
    /// How the API document names it: `public`, `authenticated`, `admin`, `orders: read`,
    /// `deliveries: assign`, `orders: read all` (a view).
    pub fn label(&self) -> String {
        match self {
            Need::Public => "public".to_owned(),
            Need::Authenticated => "authenticated".to_owned(),
            Need::Socket => "socket".to_owned(),
            Need::Admin => "admin".to_owned(),
            Need::Metrics => "metrics".to_owned(),
            Need::Collection(entity, op) => {
                let op = match op {
                    Op::Read => "read",
                    Op::Create => "create",
                    Op::Update => "update",
                    Op::Delete => "delete",
                    Op::Action(name) => name,
                };
                format!("{}: {op}", entity.collection())
            }
            Need::View(entity) => format!("{}: read all", entity.collection()),
        }
    }

    /// The roles it lets through, and how much of the collection each reaches (none for
    /// `Public`: it asks for no credentials).
    pub fn roles(&self) -> Vec<(Role, Grant)> {
        let admitted = |role: Role| match self {
            Need::Public => Grant::None,
            Need::Authenticated | Need::Socket => Grant::All,
            Need::Admin | Need::Metrics => {
                if role == Role::Admin {
                    Grant::All
                } else {
                    Grant::None
                }
            }
            Need::Collection(entity, op) => grant(role, *entity, *op),
            Need::View(entity) => match grant(role, *entity, Op::Read) {
                Grant::All => Grant::All,
                _ => Grant::None,
            },
        };
        Role::ALL.into_iter().map(|role| (role, admitted(role))).filter(|(_, grant)| *grant != Grant::None).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drivers_reach_only_their_own_records() {
        assert_eq!(grant(Role::Driver, Entity::Driver, Op::Action("location")), Grant::OwnDriver);
        assert_eq!(grant(Role::Driver, Entity::Delivery, Op::Action("assign")), Grant::None);
        assert_eq!(grant(Role::Driver, Entity::Order, Op::Read), Grant::None);
        assert_eq!(grant(Role::Accountant, Entity::Order, Op::Read), Grant::All);
        assert_eq!(grant(Role::Accountant, Entity::Order, Op::Create), Grant::None);
    }
}
