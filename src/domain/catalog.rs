//! The catalogue: the collections, their domain actions and the derived views, each with its
//! route, the access it needs and the query keys its events invalidate. The router registers
//! actions and views from these tables (`crate::routes`), the permission check uses the needs
//! they give, and `GET /api/catalog` serves all of it to the web app and other clients.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::fields::{Declaration, Field, Kind, SpecialFilter};
use super::machine::{self, DeliveryRules, Machine, OrderRules, TransitBatchRules};
use super::permissions::{grant, Grant, Need, Op, Role};
use super::status::{DeliveryStatus, DriverStatus, InvoiceStatus, OrderStatus, Status, TransitBatchStatus};
use super::{Action, Entity};

/// A domain action: `POST /api{path}`, one write that logs one kind of event.
#[derive(Debug, Clone, Copy)]
pub struct DomainAction {
    pub entity: Entity,
    /// The name the permission table knows it by (`Op::Action(name)`).
    pub name: &'static str,
    /// Under /api, with `{id}` for the record.
    pub path: &'static str,
    /// What its event says happened.
    pub event: Action,
}

impl DomainAction {
    pub fn need(&self) -> Need {
        Need::Collection(self.entity, Op::Action(self.name))
    }
}

/// The domain actions, in the order the API document lists them.
pub const ACTIONS: [DomainAction; 8] = [
    DomainAction { entity: Entity::Order, name: "status", path: "/orders/{id}/status", event: Action::StatusChanged },
    DomainAction {
        entity: Entity::Customer,
        name: "recompute",
        path: "/customers/segments/recompute",
        event: Action::SegmentsUpdated,
    },
    DomainAction {
        entity: Entity::Driver,
        name: "location",
        path: "/drivers/{id}/location",
        event: Action::LocationUpdated,
    },
    DomainAction { entity: Entity::Driver, name: "status", path: "/drivers/{id}/status", event: Action::StatusUpdated },
    DomainAction {
        entity: Entity::Delivery,
        name: "assign",
        path: "/deliveries/{id}/assign",
        event: Action::DriverAssigned,
    },
    DomainAction {
        entity: Entity::Delivery,
        name: "status",
        path: "/deliveries/{id}/status",
        event: Action::StatusUpdated,
    },
    DomainAction {
        entity: Entity::TransitBatch,
        name: "initiate",
        path: "/transit-batches/{id}/initiate",
        event: Action::Initiated,
    },
    DomainAction {
        entity: Entity::TransitBatch,
        name: "complete",
        path: "/transit-batches/{id}/complete",
        event: Action::Completed,
    },
];

/// The action `name` on `entity`. Panics for one the catalogue does not list: a route for an
/// action must be declared here first.
pub fn action(entity: Entity, name: &str) -> &'static DomainAction {
    ACTIONS
        .iter()
        .find(|action| action.entity == entity && action.name == name)
        .unwrap_or_else(|| panic!("{} has no action {name:?} in the catalogue", entity.collection()))
}

/// A bulk action: `POST /api{path}` with `{"ids":[…], …}`, the single write `op` on each of the
/// records named, all in one transaction (all or none), one event per record.
#[derive(Debug, Clone, Copy)]
pub struct BulkAction {
    pub entity: Entity,
    /// Its name among the collection's bulk actions (`status`, `assign`).
    pub name: &'static str,
    /// Under /api, beside the collection's routes (`/orders/bulk/status`).
    pub path: &'static str,
    /// The operation it does to each record: a caller needs exactly what that one needs.
    pub op: Op,
    /// What each record's event says happened.
    pub event: Action,
}

impl BulkAction {
    pub fn need(&self) -> Need {
        Need::Collection(self.entity, self.op)
    }
}

/// The most records one bulk action may name: as many as one page of a list holds.
pub const MAX_BULK_IDS: usize = 500;

/// The bulk actions: each the single write of its `op`, on many records at once.
pub const BULK_ACTIONS: [BulkAction; 3] = [
    BulkAction {
        entity: Entity::Order,
        name: "status",
        path: "/orders/bulk/status",
        op: Op::Action("status"),
        event: Action::StatusChanged,
    },
    BulkAction {
        entity: Entity::Delivery,
        name: "assign",
        path: "/deliveries/bulk/assign",
        op: Op::Action("assign"),
        event: Action::DriverAssigned,
    },
    // An invoice's status is a field (no machine): marking invoices paid is their `PATCH`.
    BulkAction {
        entity: Entity::Invoice,
        name: "status",
        path: "/invoices/bulk/status",
        op: Op::Update,
        event: Action::Updated,
    },
];

/// The bulk action `name` on `entity`. Panics for one the catalogue does not list.
pub fn bulk_action(entity: Entity, name: &str) -> &'static BulkAction {
    BULK_ACTIONS
        .iter()
        .find(|bulk| bulk.entity == entity && bulk.name == name)
        .unwrap_or_else(|| panic!("{} has no bulk action {name:?} in the catalogue", entity.collection()))
}

/// A derived view: `GET /api/{name}`, computed from a whole collection.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub name: &'static str,
    /// The collection it is computed from: seeing it needs read access to all of that.
    pub source: Entity,
    /// The collections whose events change it (its query key is invalidated with theirs).
    pub invalidated_by: &'static [Entity],
    /// Its fields that come from other collections than `source`. Every other field of the view
    /// (at any depth of its answer) comes from `source`.
    pub borrowed: &'static [Borrowed],
}

/// Fields of a view taken from another collection: its answer carries them only to a role that
/// may read all of that collection, and omits them (the keys are absent) for any other.
#[derive(Debug, Clone, Copy)]
pub struct Borrowed {
    pub from: Entity,
    /// Keys of the view's answer, wherever they occur in it (a row, or a totals object).
    pub fields: &'static [&'static str],
}

impl View {
    pub fn need(&self) -> Need {
        Need::View(self.source)
    }

    /// The fields of this view `role` may not see: those from a collection it may not read all of.
    pub fn hidden_from(&self, role: Role) -> Vec<&'static str> {
        self.borrowed
            .iter()
            .filter(|borrowed| grant(role, borrowed.from, Op::Read) != Grant::All)
            .flat_map(|borrowed| borrowed.fields.iter().copied())
            .collect()
    }
}

/// The derived views.
pub const VIEWS: [View; 7] = [
    View { name: "inventory-items", source: Entity::Product, invalidated_by: &[Entity::Product], borrowed: &[] },
    View { name: "inventory-kpis", source: Entity::Product, invalidated_by: &[Entity::Product], borrowed: &[] },
    // An invoice's `counterparty` is its own field (a copy of the customer's name when made).
    View { name: "accounts-receivable", source: Entity::Invoice, invalidated_by: &[Entity::Invoice], borrowed: &[] },
    View { name: "accounts-payable", source: Entity::Invoice, invalidated_by: &[Entity::Invoice], borrowed: &[] },
    // Not in the seed's table, but an expense changes the actuals of its budget.
    View {
        name: "budget-vs-actual",
        source: Entity::Budget,
        invalidated_by: &[Entity::Budget, Entity::Expense],
        borrowed: &[Borrowed {
            from: Entity::Expense,
            fields: &["actual_cents", "variance_cents", "utilization", "over_budget"],
        }],
    },
    View {
        name: "live-tracking-orders",
        source: Entity::Order,
        invalidated_by: &[Entity::Order, Entity::Delivery],
        borrowed: &[
            Borrowed { from: Entity::Customer, fields: &["customer_name"] },
            // The address is the delivery's (the order's while it has none): it says where the
            // delivery goes, so it goes with the delivery's other fields.
            Borrowed { from: Entity::Delivery, fields: &["delivery_id", "delivery_status", "delivery_address"] },
            Borrowed {
                from: Entity::Driver,
                fields: &["driver_id", "driver_name", "lat", "lng", "location_updated_at"],
            },
        ],
    },
    View { name: "live-tracking-drivers", source: Entity::Driver, invalidated_by: &[Entity::Driver], borrowed: &[] },
];

/// The view called `name`. Panics for one the catalogue does not list.
pub fn view(name: &str) -> &'static View {
    VIEWS.iter().find(|view| view.name == name).unwrap_or_else(|| panic!("no view {name:?} in the catalogue"))
}

/// `GET /api/catalog`: everything above, and what each role may do, as JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct Catalog {
    pub collections: Vec<CollectionEntry>,
    pub actions: Vec<ActionEntry>,
    pub views: Vec<ViewEntry>,
    pub roles: Vec<RoleEntry>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CollectionEntry {
    /// The REST path segment and /ws topic (`transit-batches`).
    pub name: &'static str,
    /// Its events are `{event_prefix}_created`, `…_updated`, …
    pub event_prefix: &'static str,
    /// The query key of one record (`["transit-batch", id]`).
    pub item_key: &'static str,
    pub label: &'static str,
    pub plural_label: &'static str,
    /// The query keys every event about its records invalidates: the collection's, then its
    /// views'. An event's `invalidate` is these, with `["{item_key}", id]` for each of its
    /// records after the first.
    #[schema(value_type = Vec<String>)]
    pub invalidates: Vec<&'static str>,
    /// For records with a status: every status it may have (what a status filter offers).
    #[schema(value_type = Option<Vec<String>>)]
    pub statuses: Option<&'static [&'static str]>,
    /// For records whose status moves by actions and rules: its statuses and every step, each
    /// with the action (or the rule and the event setting it off) that takes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<MachineSchema>)]
    pub status_machine: Option<StatusMachine>,
    /// What each status allows besides its steps (editing, deleting, cancelling).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<BTreeMap<String, Vec<String>>>)]
    pub state_rules: Option<StateRules>,
    /// The field that names one of its records; `null` for a collection known by number.
    #[schema(value_type = Option<String>)]
    pub display: Option<&'static str>,
    /// Every field its records carry, as its `#[collection]` declares it.
    #[schema(value_type = Vec<Field>)]
    pub fields: &'static [Field],
    /// Its list filters that are not one field's.
    #[schema(value_type = Vec<SpecialFilter>)]
    pub filters: &'static [SpecialFilter],
    /// The fields its list may be sorted by (`?sort=field`, `?sort=-field`), with their kinds.
    pub sortable: Vec<SortField>,
    /// The money fields its list answer sums over every record that matches (`sums`).
    #[schema(value_type = Vec<String>)]
    pub summed: Vec<&'static str>,
    /// Its bulk actions (`BULK_ACTIONS`): where a list may offer to act on several records.
    pub bulk: Vec<BulkEntry>,
}

/// A bulk action as served: `POST {path}` with `{"ids":[…], …}`; each record's event is `event`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkEntry {
    pub name: &'static str,
    pub method: &'static str,
    pub path: String,
    pub event: String,
    /// At most this many ids.
    pub max_ids: usize,
}

/// A field a list may be sorted by. A `nullable` one lists its records without a value last,
/// whichever the direction.
#[derive(Debug, Serialize, ToSchema)]
pub struct SortField {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
}

/// One of the status machines, whatever its status type.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum StatusMachine {
    Order(&'static Machine<OrderStatus>),
    Delivery(&'static Machine<DeliveryStatus>),
    TransitBatch(&'static Machine<TransitBatchStatus>),
    Driver(&'static Machine<DriverStatus>),
}

/// A status machine as served, described for the API document (the machines themselves are
/// generic over their status types, so they cannot describe themselves).
#[derive(ToSchema)]
#[allow(dead_code)]
struct MachineSchema {
    statuses: Vec<String>,
    /// An action that may set any status from any other, besides the steps.
    set_by: Option<String>,
    steps: Vec<StepSchema>,
}

/// One step of a status machine: `from` → `to`, `by` an action's name or `rule`.
#[derive(ToSchema)]
#[allow(dead_code)]
struct StepSchema {
    from: String,
    to: String,
    /// The action that takes the step, or `rule`.
    by: String,
    /// For a rule: the event that sets it off (`delivery_status_updated`).
    when: Option<String>,
}

/// One collection's rules of what each status allows.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum StateRules {
    Order(&'static OrderRules),
    Delivery(&'static DeliveryRules),
    TransitBatch(&'static TransitBatchRules),
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActionEntry {
    pub collection: &'static str,
    pub name: &'static str,
    pub method: &'static str,
    pub path: String,
    pub event: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ViewEntry {
    pub name: &'static str,
    pub path: String,
    pub source: &'static str,
    #[schema(value_type = Vec<String>)]
    pub invalidated_by: Vec<&'static str>,
    /// Its fields from other collections: collection → fields, omitted for a role that may not
    /// read all of that collection.
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub borrowed: BTreeMap<&'static str, &'static [&'static str]>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleEntry {
    pub name: &'static str,
    /// Tokens and system routes.
    pub admin: bool,
    /// For each collection it may reach: how much of it, per operation (`all` or `own`).
    pub collections: Vec<RoleGrants>,
    /// The views it may see.
    #[schema(value_type = Vec<String>)]
    pub views: Vec<&'static str>,
    /// For each of those views with fields it may not see: which (absent from its answers).
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub hidden_view_fields: BTreeMap<&'static str, Vec<&'static str>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleGrants {
    pub collection: &'static str,
    pub read: Grant,
    pub create: Grant,
    pub update: Grant,
    pub delete: Grant,
    /// Its actions the role may use, with how much of the collection.
    #[schema(value_type = BTreeMap<String, Grant>)]
    pub actions: BTreeMap<&'static str, Grant>,
    /// Its bulk actions the role may use (each needs what its single write needs).
    #[schema(value_type = BTreeMap<String, Grant>)]
    pub bulk: BTreeMap<&'static str, Grant>,
}

/// The catalogue as served, with each collection's fields as `declared` gives them (the
/// declarations live with the records, in `crate::entities`).
pub fn catalog(declared: impl Fn(Entity) -> Declaration) -> Catalog {
    let collections = Entity::ALL
        .into_iter()
        .map(|entity| (entity, declared(entity)))
        .map(|(entity, declaration)| CollectionEntry {
            name: entity.collection(),
            event_prefix: entity.singular(),
            item_key: entity.item_key(),
            label: entity.label(),
            plural_label: entity.plural_label(),
            invalidates: entity.invalidates().collect(),
            statuses: match entity {
                Entity::Order => Some(OrderStatus::NAMES),
                Entity::Delivery => Some(DeliveryStatus::NAMES),
                Entity::TransitBatch => Some(TransitBatchStatus::NAMES),
                Entity::Driver => Some(DriverStatus::NAMES),
                Entity::Invoice => Some(InvoiceStatus::NAMES),
                _ => None,
            },
            status_machine: match entity {
                Entity::Order => Some(StatusMachine::Order(&machine::ORDER)),
                Entity::Delivery => Some(StatusMachine::Delivery(&machine::DELIVERY)),
                Entity::TransitBatch => Some(StatusMachine::TransitBatch(&machine::TRANSIT_BATCH)),
                Entity::Driver => Some(StatusMachine::Driver(&machine::DRIVER)),
                _ => None,
            },
            state_rules: match entity {
                Entity::Order => Some(StateRules::Order(&machine::ORDER_RULES)),
                Entity::Delivery => Some(StateRules::Delivery(&machine::DELIVERY_RULES)),
                Entity::TransitBatch => Some(StateRules::TransitBatch(&machine::TRANSIT_BATCH_RULES)),
                _ => None,
            },
            display: declaration.display,
            fields: declaration.fields,
            filters: declaration.filters,
            sortable: declaration
                .sortable()
                .map(|field| SortField { name: field.name, kind: field.kind, nullable: field.nullable })
                .collect(),
            summed: declaration.summed().map(|field| field.name).collect(),
            bulk: BULK_ACTIONS
                .iter()
                .filter(|bulk| bulk.entity == entity)
                .map(|bulk| BulkEntry {
                    name: bulk.name,
                    method: "POST",
                    path: format!("/api{}", bulk.path),
                    event: format!("{}_{}", entity.singular(), bulk.event.suffix()),
                    max_ids: MAX_BULK_IDS,
                })
                .collect(),
        })
        .collect();
    let actions = ACTIONS
        .iter()
        .map(|action| ActionEntry {
            collection: action.entity.collection(),
            name: action.name,
            method: "POST",
            path: format!("/api{}", action.path),
            event: format!("{}_{}", action.entity.singular(), action.event.suffix()),
        })
        .collect();
    let views = VIEWS
        .iter()
        .map(|view| ViewEntry {
            name: view.name,
            path: format!("/api/{}", view.name),
            source: view.source.collection(),
            invalidated_by: view.invalidated_by.iter().map(|entity| entity.collection()).collect(),
            borrowed: view.borrowed.iter().map(|borrowed| (borrowed.from.collection(), borrowed.fields)).collect(),
        })
        .collect();
    let roles = Role::ALL.into_iter().map(role_entry).collect();
    Catalog { collections, actions, views, roles }
}

fn role_entry(role: Role) -> RoleEntry {
    let collections = Entity::ALL
        .into_iter()
        .map(|entity| RoleGrants {
            collection: entity.collection(),
            read: grant(role, entity, Op::Read),
            create: grant(role, entity, Op::Create),
            update: grant(role, entity, Op::Update),
            delete: grant(role, entity, Op::Delete),
            actions: ACTIONS
                .iter()
                .filter(|action| action.entity == entity)
                .map(|action| (action.name, grant(role, entity, Op::Action(action.name))))
                .filter(|(_, grant)| *grant != Grant::None)
                .collect(),
            bulk: BULK_ACTIONS
                .iter()
                .filter(|bulk| bulk.entity == entity)
                .map(|bulk| (bulk.name, grant(role, entity, bulk.op)))
                .filter(|(_, grant)| *grant != Grant::None)
                .collect(),
        })
        .filter(|grants| grants.read != Grant::None || !grants.actions.is_empty())
        .collect();
    let seen: Vec<&View> = VIEWS.iter().filter(|view| grant(role, view.source, Op::Read) == Grant::All).collect();
    let hidden_view_fields =
        seen.iter().map(|view| (view.name, view.hidden_from(role))).filter(|(_, hidden)| !hidden.is_empty()).collect();
    let views = seen.iter().map(|view| view.name).collect();
    RoleEntry { name: role.as_str(), admin: role == Role::Admin, collections, views, hidden_view_fields }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use serde_json::value::to_raw_value;

    use super::*;

    #[test]
    fn a_views_borrowed_fields_are_hidden_from_roles_that_may_not_read_their_collection() {
        let tracking = view("live-tracking-orders");
        assert_eq!(
            tracking.hidden_from(Role::Accountant),
            [
                "delivery_id",
                "delivery_status",
                "delivery_address",
                "driver_id",
                "driver_name",
                "lat",
                "lng",
                "location_updated_at"
            ]
        );
        assert!(tracking.hidden_from(Role::Dispatcher).is_empty());
        assert!(view("budget-vs-actual").hidden_from(Role::Accountant).is_empty());
    }

    #[test]
    fn every_event_carries_the_keys_the_catalogue_serves_for_its_collection() {
        // Walks what `GET /api/catalog` serves: each collection's events (its three writes and
        // its actions), about one record and about several, against the frame the event makes.
        use super::super::event::EntityEvent;
        let served =
            serde_json::to_value(catalog(|_| Declaration { display: None, fields: &[], filters: &[] })).unwrap();
        let served_actions = served["actions"].as_array().unwrap();
        let mut checked = 0;
        for entry in served["collections"].as_array().unwrap() {
            let name = entry["name"].as_str().unwrap();
            let entity = Entity::from_collection(name).unwrap();
            let mut events = vec![Action::Created, Action::Updated, Action::Deleted];
            for action in ACTIONS.iter().filter(|action| action.entity == entity) {
                let served_event = served_actions
                    .iter()
                    .find(|served| served["collection"] == name && served["name"] == action.name)
                    .map(|served| served["event"].clone());
                assert_eq!(
                    served_event,
                    Some(json!(format!("{}_{}", entry["event_prefix"].as_str().unwrap(), action.event.suffix())))
                );
                events.push(action.event);
            }
            let keys = entry["invalidates"].as_array().unwrap();
            assert_eq!(keys[0], name, "{name}: the collection's own key comes first");
            for action in events {
                for ids in [vec![41], vec![41, 42]] {
                    let event = EntityEvent {
                        entity,
                        action,
                        ids: ids.clone(),
                        data: to_raw_value(&json!({})).unwrap(),
                        drivers: vec![],
                        revisions: vec![],
                    };
                    let by = crate::domain::event::By {
                        token_id: 3,
                        name: "Dispatch desk".into(),
                        role: crate::domain::permissions::Role::Dispatcher,
                    };
                    let frame: serde_json::Value = serde_json::from_str(&event.to_frame(9, &by).unwrap()).unwrap();
                    assert_eq!(frame["by"], json!({"token_id": 3, "name": "Dispatch desk", "role": "dispatcher"}));
                    assert_eq!(frame["entity"], name);
                    assert_eq!(
                        frame["type"],
                        format!("{}_{}", entry["event_prefix"].as_str().unwrap(), action.suffix())
                    );
                    let mut expected = vec![json!([keys[0]])];
                    expected.extend(ids.iter().map(|id| json!([entry["item_key"], id])));
                    expected.extend(keys[1..].iter().map(|key| json!([key])));
                    assert_eq!(frame["invalidate"], json!(expected), "{} about {ids:?}", frame["type"]);
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 2 * (3 * Entity::ALL.len() + ACTIONS.len()), "every collection's and action's event");
    }

    #[test]
    fn every_event_of_a_collection_invalidates_its_views() {
        let undeclared = |_| Declaration { display: None, fields: &[], filters: &[] };
        let orders = catalog(undeclared).collections.into_iter().find(|c| c.name == "orders").unwrap();
        assert_eq!(orders.invalidates, ["orders", "live-tracking-orders"]);
        let expenses = catalog(undeclared).collections.into_iter().find(|c| c.name == "expenses").unwrap();
        assert_eq!(expenses.invalidates, ["expenses", "budget-vs-actual"]);
    }
}
