//! What the back office is, declared once: its kinds of record, what can happen to them, who may
//! do what (`permissions`), and the catalogue of collections, actions and views with the routes
//! and query keys that follow from them (`catalog`). Every other module may use this one; it
//! uses none of them.

pub mod catalog;
pub mod event;
pub mod fields;
pub mod invalidation;
pub mod machine;
pub mod permissions;
pub mod status;

/// The eleven kinds of record the back office holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Order,
    Customer,
    Employee,
    Service,
    Product,
    Invoice,
    Expense,
    Budget,
    Driver,
    Delivery,
    TransitBatch,
}

impl Entity {
    pub const ALL: [Entity; 11] = [
        Entity::Order,
        Entity::Customer,
        Entity::Employee,
        Entity::Service,
        Entity::Product,
        Entity::Invoice,
        Entity::Expense,
        Entity::Budget,
        Entity::Driver,
        Entity::Delivery,
        Entity::TransitBatch,
    ];

    /// The REST path segment and topic name; also the seed's list query key.
    pub const fn collection(self) -> &'static str {
        match self {
            Entity::Order => "orders",
            Entity::Customer => "customers",
            Entity::Employee => "employees",
            Entity::Service => "services",
            Entity::Product => "products",
            Entity::Invoice => "invoices",
            Entity::Expense => "expenses",
            Entity::Budget => "budgets",
            Entity::Driver => "drivers",
            Entity::Delivery => "deliveries",
            Entity::TransitBatch => "transit-batches",
        }
    }

    /// The name in event types (`transit_batch_created`).
    pub fn singular(self) -> &'static str {
        match self {
            Entity::TransitBatch => "transit_batch",
            other => other.item_key(),
        }
    }

    /// The seed's query key for one record (`['transit-batch', id]`).
    pub fn item_key(self) -> &'static str {
        match self {
            Entity::Order => "order",
            Entity::Customer => "customer",
            Entity::Employee => "employee",
            Entity::Service => "service",
            Entity::Product => "product",
            Entity::Invoice => "invoice",
            Entity::Expense => "expense",
            Entity::Budget => "budget",
            Entity::Driver => "driver",
            Entity::Delivery => "delivery",
            Entity::TransitBatch => "transit-batch",
        }
    }

    /// How people call a record of this kind (`transit batch`).
    pub fn label(self) -> &'static str {
        match self {
            Entity::TransitBatch => "transit batch",
            other => other.item_key(),
        }
    }

    /// How people call the collection (`Transit batches`).
    pub fn plural_label(self) -> &'static str {
        match self {
            Entity::Order => "Orders",
            Entity::Customer => "Customers",
            Entity::Employee => "Employees",
            Entity::Service => "Services",
            Entity::Product => "Products",
            Entity::Invoice => "Invoices",
            Entity::Expense => "Expenses",
            Entity::Budget => "Budgets",
            Entity::Driver => "Drivers",
            Entity::Delivery => "Deliveries",
            Entity::TransitBatch => "Transit batches",
        }
    }

    pub fn from_collection(name: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|entity| entity.collection() == name)
    }
}

/// What happened to the record(s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Deleted,
    StatusChanged,
    SegmentsUpdated,
    LocationUpdated,
    StatusUpdated,
    DriverAssigned,
    Initiated,
    Completed,
}

impl Action {
    /// The end of the event type (`order_status_changed`).
    pub fn suffix(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Deleted => "deleted",
            Action::StatusChanged => "status_changed",
            Action::SegmentsUpdated => "segments_updated",
            Action::LocationUpdated => "location_updated",
            Action::StatusUpdated => "status_updated",
            Action::DriverAssigned => "driver_assigned",
            Action::Initiated => "initiated",
            Action::Completed => "completed",
        }
    }
}
