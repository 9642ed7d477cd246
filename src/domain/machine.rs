//! The status machines of the records whose status moves only by an action: one type for all
//! three, so the server's checks, the catalogue (and through it the web app's buttons) read the
//! same steps.

use serde::Serialize;

/// The statuses a record may have and the steps its actions may take.
#[derive(Debug, Serialize)]
pub struct Machine {
    pub statuses: &'static [&'static str],
    /// From each status, where an action may take it; a status without steps is final.
    pub steps: &'static [(&'static str, &'static [&'static str])],
}

impl Machine {
    /// Where a record in `from` may go.
    pub fn next(&self, from: &str) -> &'static [&'static str] {
        self.steps.iter().find(|(status, _)| *status == from).map_or(&[], |(_, next)| next)
    }

    pub fn allows(&self, from: &str, to: &str) -> bool {
        self.next(from).contains(&to)
    }
}

/// Orders: `pending → … → delivered`, or `cancelled` from any status before `delivered`.
pub const ORDER: Machine = Machine {
    statuses: &["pending", "confirmed", "in_progress", "ready", "out_for_delivery", "delivered", "cancelled"],
    steps: &[
        ("pending", &["confirmed", "cancelled"]),
        ("confirmed", &["in_progress", "cancelled"]),
        ("in_progress", &["ready", "cancelled"]),
        ("ready", &["out_for_delivery", "cancelled"]),
        ("out_for_delivery", &["delivered", "cancelled"]),
    ],
};

/// Deliveries, by the status action; `assigned` is reached only by assigning a driver.
pub const DELIVERY: Machine = Machine {
    statuses: &["pending", "assigned", "picked_up", "in_transit", "delivered", "failed", "cancelled"],
    steps: &[
        ("pending", &["cancelled"]),
        ("assigned", &["picked_up", "cancelled"]),
        ("picked_up", &["in_transit", "failed"]),
        ("in_transit", &["delivered", "failed"]),
    ],
};

/// Transit batches: initiate, then complete.
pub const TRANSIT_BATCH: Machine = Machine {
    statuses: &["planned", "in_transit", "completed"],
    steps: &[("planned", &["in_transit"]), ("in_transit", &["completed"])],
};

/// Drivers' statuses: a driver (or a dispatcher) sets any of them; the rules move
/// `available` ↔ `on_delivery` as deliveries are assigned and end.
pub const DRIVER_STATUSES: &[&str] = &["offline", "available", "on_delivery", "on_break"];

/// Invoices' statuses, set by an update.
pub const INVOICE_STATUSES: &[&str] = &["draft", "open", "paid", "void"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_goes_between_known_statuses() {
        for machine in [&ORDER, &DELIVERY, &TRANSIT_BATCH] {
            for (from, next) in machine.steps {
                assert!(machine.statuses.contains(from), "{from}");
                assert!(next.iter().all(|to| machine.statuses.contains(to)), "{next:?}");
            }
        }
        assert!(ORDER.allows("ready", "out_for_delivery"));
        assert!(!ORDER.allows("delivered", "cancelled"));
        assert!(DELIVERY.next("delivered").is_empty());
    }
}
