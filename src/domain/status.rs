//! The statuses of the records that have one, one enum per collection: each status's name is
//! written here and nowhere else (the wire, the database's TEXT column and the catalogue use it).

use serde::{Deserialize, Serialize};

/// What every status enum offers.
pub trait Status: Copy + PartialEq + std::fmt::Display + 'static {
    const ALL: &'static [Self];
    /// The names, in the same order, as a status filter or a form offers them.
    const NAMES: &'static [&'static str];
    fn as_str(self) -> &'static str;
    /// The status called `text`, if any.
    fn parse(text: &str) -> Option<Self>;
}

/// Declares a status enum whose variants are written as their names in JSON and in the database
/// (a TEXT column on both backends; `crate::entities::status_sql` converts).
macro_rules! statuses {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[derive(diesel::AsExpression, diesel::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl Status for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)+];
            const NAMES: &'static [&'static str] = &[$($text,)+];

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

statuses! {
    /// Where an order stands: `pending → … → delivered`, or `cancelled`.
    OrderStatus {
        Pending = "pending",
        Confirmed = "confirmed",
        InProgress = "in_progress",
        Ready = "ready",
        OutForDelivery = "out_for_delivery",
        Delivered = "delivered",
        Cancelled = "cancelled",
    }
}

statuses! {
    /// Where a delivery stands.
    DeliveryStatus {
        Pending = "pending",
        Assigned = "assigned",
        PickedUp = "picked_up",
        InTransit = "in_transit",
        Delivered = "delivered",
        Failed = "failed",
        Cancelled = "cancelled",
    }
}

statuses! {
    /// Where a transit batch stands.
    TransitBatchStatus {
        Planned = "planned",
        InTransit = "in_transit",
        Completed = "completed",
    }
}

statuses! {
    /// What a driver is doing.
    DriverStatus {
        Offline = "offline",
        Available = "available",
        OnDelivery = "on_delivery",
        OnBreak = "on_break",
    }
}

statuses! {
    /// Where an invoice stands; set by an update.
    InvoiceStatus {
        Draft = "draft",
        Open = "open",
        Paid = "paid",
        Void = "void",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_written_as_its_name() {
        assert_eq!(serde_json::to_value(OrderStatus::OutForDelivery).unwrap(), "out_for_delivery");
        assert_eq!(serde_json::from_str::<DeliveryStatus>("\"picked_up\"").unwrap(), DeliveryStatus::PickedUp);
        assert_eq!(TransitBatchStatus::parse("in_transit"), Some(TransitBatchStatus::InTransit));
        assert_eq!(DriverStatus::parse("on-break"), None);
        assert_eq!(InvoiceStatus::NAMES, ["draft", "open", "paid", "void"]);
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(status.as_str()), Some(*status));
        }
    }
}
