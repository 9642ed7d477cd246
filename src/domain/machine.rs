//! The status machines (every step with the action or rule that takes it) and what each status
//! allows, declared once: the server's checks and rules read them, and the catalogue serves them
//! (`status_machine`, `state_rules`), so the web app's buttons and locks follow the same facts.

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use super::status::{DeliveryStatus, DriverStatus, OrderStatus, Status, TransitBatchStatus};
use super::{Action, Entity};

/// What takes a record from one status to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// A domain action of the record's collection (`catalog::ACTIONS`), by its name.
    Action(&'static str),
    /// A rule (`crate::entities::rules`) set off by another record's event of this kind.
    Rule(Entity, Action),
}

impl By {
    pub fn is_action(self, name: &str) -> bool {
        matches!(self, By::Action(action) if action == name)
    }

    /// The name of the event that sets off a rule (`delivery_status_updated`).
    pub fn event(self) -> Option<String> {
        match self {
            By::Action(_) => None,
            By::Rule(entity, action) => Some(format!("{}_{}", entity.singular(), action.suffix())),
        }
    }
}

/// One step: `from` → `to`, taken `by` an action or a rule.
#[derive(Debug, Clone, Copy)]
pub struct Step<S: 'static> {
    pub from: S,
    pub to: S,
    pub by: By,
}

/// Served as `{"from","to","by":<action>}`, or `{"from","to","by":"rule","when":<event>}`.
impl<S: Serialize> Serialize for Step<S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let event = self.by.event();
        let mut step = serializer.serialize_struct("Step", if event.is_some() { 4 } else { 3 })?;
        step.serialize_field("from", &self.from)?;
        step.serialize_field("to", &self.to)?;
        match (self.by, event) {
            (By::Action(name), _) => step.serialize_field("by", name)?,
            (By::Rule(..), event) => {
                step.serialize_field("by", "rule")?;
                step.serialize_field("when", &event)?;
            }
        }
        step.end()
    }
}

/// The statuses a record may have and every step between them; a status no step leaves is final.
#[derive(Debug, Serialize)]
pub struct Machine<S: 'static> {
    pub statuses: &'static [S],
    /// An action that may set any status from any other (a driver's `status`), besides the steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_by: Option<&'static str>,
    pub steps: &'static [Step<S>],
}

impl<S: Copy + PartialEq> Machine<S> {
    /// Whether the action called `action` may take a record from `from` to `to`.
    pub fn allows(&self, from: S, to: S, action: &str) -> bool {
        self.set_by == Some(action)
            || self.steps.iter().any(|step| step.from == from && step.to == to && step.by.is_action(action))
    }

    /// The statuses the rule set off by `cause` moves to `to`.
    pub fn moved_by_rule(&self, to: S, cause: (Entity, Action)) -> Vec<S> {
        let rule = By::Rule(cause.0, cause.1);
        self.steps.iter().filter(|step| step.to == to && step.by == rule).map(|step| step.from).collect()
    }
}

/// `pending or cancelled`: statuses in a message.
pub fn either<S: std::fmt::Display>(statuses: &[S]) -> String {
    let names: Vec<String> = statuses.iter().map(|status| status.to_string().replace('_', " ")).collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

const fn step<S>(from: S, to: S, by: By) -> Step<S> {
    Step { from, to, by }
}

use DeliveryStatus as D;
use OrderStatus as O;

/// The order's status action.
const ORDER_STATUS: By = By::Action("status");
/// A delivery's status moved (by its status action, or by its order's cancel).
const DELIVERY_MOVED: By = By::Rule(Entity::Delivery, Action::StatusUpdated);

/// Orders: `pending → … → delivered` by the status action, or `cancelled` from any status
/// before `delivered`; their delivery and their transit batch move them too.
pub const ORDER: Machine<OrderStatus> = Machine {
    statuses: OrderStatus::ALL,
    set_by: None,
    steps: &[
        step(O::Pending, O::Confirmed, ORDER_STATUS),
        step(O::Pending, O::Cancelled, ORDER_STATUS),
        step(O::Confirmed, O::InProgress, ORDER_STATUS),
        step(O::Confirmed, O::Cancelled, ORDER_STATUS),
        step(O::InProgress, O::Ready, ORDER_STATUS),
        step(O::InProgress, O::Cancelled, ORDER_STATUS),
        step(O::Ready, O::OutForDelivery, ORDER_STATUS),
        step(O::Ready, O::Cancelled, ORDER_STATUS),
        step(O::OutForDelivery, O::Delivered, ORDER_STATUS),
        step(O::OutForDelivery, O::Cancelled, ORDER_STATUS),
        // Its delivery picked up or in transit.
        step(O::Pending, O::OutForDelivery, DELIVERY_MOVED),
        step(O::Confirmed, O::OutForDelivery, DELIVERY_MOVED),
        step(O::InProgress, O::OutForDelivery, DELIVERY_MOVED),
        step(O::Ready, O::OutForDelivery, DELIVERY_MOVED),
        // Its delivery delivered.
        step(O::Pending, O::Delivered, DELIVERY_MOVED),
        step(O::Confirmed, O::Delivered, DELIVERY_MOVED),
        step(O::InProgress, O::Delivered, DELIVERY_MOVED),
        step(O::Ready, O::Delivered, DELIVERY_MOVED),
        step(O::OutForDelivery, O::Delivered, DELIVERY_MOVED),
        // Its delivery failed: to be sent again.
        step(O::OutForDelivery, O::Ready, DELIVERY_MOVED),
        step(O::Confirmed, O::InProgress, By::Rule(Entity::TransitBatch, Action::Initiated)),
        step(O::InProgress, O::Ready, By::Rule(Entity::TransitBatch, Action::Completed)),
    ],
};

/// Deliveries: `assigned` only by assigning a driver (again, to change driver), then on by the
/// status action; a pending or assigned one is cancelled with its order.
pub const DELIVERY: Machine<DeliveryStatus> = Machine {
    statuses: DeliveryStatus::ALL,
    set_by: None,
    steps: &[
        step(D::Pending, D::Assigned, By::Action("assign")),
        step(D::Assigned, D::Assigned, By::Action("assign")),
        step(D::Pending, D::Cancelled, By::Action("status")),
        step(D::Assigned, D::PickedUp, By::Action("status")),
        step(D::Assigned, D::Cancelled, By::Action("status")),
        step(D::PickedUp, D::InTransit, By::Action("status")),
        step(D::PickedUp, D::Failed, By::Action("status")),
        step(D::InTransit, D::Delivered, By::Action("status")),
        step(D::InTransit, D::Failed, By::Action("status")),
        step(D::Pending, D::Cancelled, By::Rule(ORDER_CANCELLED_CAUSE.0, ORDER_CANCELLED_CAUSE.1)),
        step(D::Assigned, D::Cancelled, By::Rule(ORDER_CANCELLED_CAUSE.0, ORDER_CANCELLED_CAUSE.1)),
    ],
};

/// The event whose rule cancels an order's open delivery with it (an order cancelled).
pub const ORDER_CANCELLED_CAUSE: (Entity, Action) = (Entity::Order, Action::StatusChanged);

/// Transit batches: initiate, then complete.
pub const TRANSIT_BATCH: Machine<TransitBatchStatus> = Machine {
    statuses: TransitBatchStatus::ALL,
    set_by: None,
    steps: &[
        step(TransitBatchStatus::Planned, TransitBatchStatus::InTransit, By::Action("initiate")),
        step(TransitBatchStatus::InTransit, TransitBatchStatus::Completed, By::Action("complete")),
    ],
};

/// Drivers: a driver (or a dispatcher) sets any status; the rules move `available` ↔
/// `on_delivery` as deliveries are assigned and end.
pub const DRIVER: Machine<DriverStatus> = Machine {
    statuses: DriverStatus::ALL,
    set_by: Some("status"),
    steps: &[
        step(DriverStatus::Available, DriverStatus::OnDelivery, By::Rule(Entity::Delivery, Action::DriverAssigned)),
        // Once none of their deliveries is open any more: one ended, was deleted, or was
        // given to another driver.
        step(DriverStatus::OnDelivery, DriverStatus::Available, By::Rule(Entity::Delivery, Action::StatusUpdated)),
        step(DriverStatus::OnDelivery, DriverStatus::Available, By::Rule(Entity::Delivery, Action::Deleted)),
        step(DriverStatus::OnDelivery, DriverStatus::Available, By::Rule(Entity::Delivery, Action::DriverAssigned)),
    ],
};

/// What an order's status allows besides its steps.
#[derive(Debug, Serialize)]
pub struct OrderRules {
    /// Statuses in which its customer, address and lines may change; in the others only its notes.
    pub editable: &'static [OrderStatus],
    pub deletable: &'static [OrderStatus],
    /// Statuses in which no delivery can be made for it any more.
    pub closed: &'static [OrderStatus],
    /// Its delivery's statuses in which it cannot be cancelled (the delivery can no longer be).
    pub cancel_refused_while_delivery: &'static [DeliveryStatus],
}

pub const ORDER_RULES: OrderRules = OrderRules {
    editable: &[O::Pending, O::Confirmed],
    deletable: &[O::Pending, O::Cancelled],
    closed: &[O::Delivered, O::Cancelled],
    cancel_refused_while_delivery: &[D::PickedUp, D::InTransit],
};

/// What a delivery's status allows besides its steps.
#[derive(Debug, Serialize)]
pub struct DeliveryRules {
    /// The record of what happened to its order: it cannot be deleted.
    pub kept: &'static [DeliveryStatus],
    /// No longer its order's delivery: the order may have another.
    pub ended: &'static [DeliveryStatus],
    /// Its driver is busy with it.
    pub busy: &'static [DeliveryStatus],
}

pub const DELIVERY_RULES: DeliveryRules = DeliveryRules {
    kept: &[D::Delivered, D::Failed],
    ended: &[D::Failed, D::Cancelled],
    busy: &[D::Assigned, D::PickedUp, D::InTransit],
};

/// What a transit batch's status allows besides its steps.
#[derive(Debug, Serialize)]
pub struct TransitBatchRules {
    /// Statuses in which its orders may change.
    pub orders_editable: &'static [TransitBatchStatus],
    pub deletable: &'static [TransitBatchStatus],
}

pub const TRANSIT_BATCH_RULES: TransitBatchRules =
    TransitBatchRules { orders_editable: &[TransitBatchStatus::Planned], deletable: &[TransitBatchStatus::Planned] };

#[cfg(test)]
mod tests {
    use super::super::catalog::ACTIONS;
    use super::*;

    /// Every step's action is one of the collection's actions in the catalogue, and every rule's
    /// cause an event that collection's actions or writes emit.
    fn check<S: Copy + PartialEq + std::fmt::Debug>(entity: Entity, machine: &Machine<S>) {
        let is_action = |name: &str| ACTIONS.iter().any(|action| action.entity == entity && action.name == name);
        if let Some(name) = machine.set_by {
            assert!(is_action(name), "{name}");
        }
        for step in machine.steps {
            assert!(machine.statuses.contains(&step.from) && machine.statuses.contains(&step.to), "{step:?}");
            match step.by {
                By::Action(name) => assert!(is_action(name), "{step:?}: no action {name} on {entity:?}"),
                By::Rule(cause, action) => assert!(
                    matches!(action, Action::Deleted)
                        || ACTIONS.iter().any(|known| known.entity == cause && known.event == action),
                    "{step:?}: no action emits its cause"
                ),
            }
        }
    }

    #[test]
    fn every_step_is_taken_by_a_catalogued_action_or_a_rule_between_known_statuses() {
        check(Entity::Order, &ORDER);
        check(Entity::Delivery, &DELIVERY);
        check(Entity::TransitBatch, &TRANSIT_BATCH);
        check(Entity::Driver, &DRIVER);
    }

    #[test]
    fn every_status_is_in_its_machine() {
        assert_eq!(ORDER.statuses, OrderStatus::ALL);
        assert_eq!(DELIVERY.statuses, DeliveryStatus::ALL);
        assert_eq!(TRANSIT_BATCH.statuses, TransitBatchStatus::ALL);
        assert_eq!(DRIVER.statuses, DriverStatus::ALL);
        // Every status but the first is reached by some step.
        for status in &OrderStatus::ALL[1..] {
            assert!(ORDER.steps.iter().any(|step| step.to == *status), "{status}");
        }
        for status in &DeliveryStatus::ALL[1..] {
            assert!(DELIVERY.steps.iter().any(|step| step.to == *status), "{status}");
        }
    }

    #[test]
    fn the_steps_answer_by_action_and_by_rule() {
        assert!(ORDER.allows(O::Ready, O::OutForDelivery, "status"));
        assert!(!ORDER.allows(O::Delivered, O::Cancelled, "status"));
        assert!(!ORDER.allows(O::Pending, O::Delivered, "status"));
        assert!(!DELIVERY.allows(D::Pending, D::Assigned, "status"));
        assert!(DELIVERY.allows(D::Pending, D::Assigned, "assign"));
        assert!(!DELIVERY.allows(D::Delivered, D::Failed, "status"));
        assert!(DRIVER.allows(DriverStatus::Offline, DriverStatus::OnBreak, "status"));
        assert_eq!(
            ORDER.moved_by_rule(O::OutForDelivery, (Entity::Delivery, Action::StatusUpdated)),
            [O::Pending, O::Confirmed, O::InProgress, O::Ready]
        );
        assert_eq!(DELIVERY.moved_by_rule(D::Cancelled, ORDER_CANCELLED_CAUSE), [D::Pending, D::Assigned]);
    }

    #[test]
    fn an_order_is_cancelled_with_its_delivery_or_refused_never_both() {
        let cancelled_with_order = DELIVERY.moved_by_rule(D::Cancelled, ORDER_CANCELLED_CAUSE);
        for status in DeliveryStatus::ALL {
            let open = !DELIVERY_RULES.ended.contains(status) && !DELIVERY_RULES.kept.contains(status);
            let refused = ORDER_RULES.cancel_refused_while_delivery.contains(status);
            assert_eq!(open, cancelled_with_order.contains(status) || refused, "{status}");
            assert!(!(refused && cancelled_with_order.contains(status)), "{status}");
        }
    }
}
