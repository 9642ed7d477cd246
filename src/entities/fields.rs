//! The schemas of form fields whose values are one of a list (statuses, roles, kinds), built
//! from the same constants their validation uses, for `#[schema(schema_with = …)]` on the forms.

use serde_json::Value;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

use super::{customer, delivery, driver, employee, invoice};
use crate::domain::permissions::Role;

fn one_of(values: &[&str], nullable: bool, description: &str) -> Object {
    let mut allowed: Vec<Value> = values.iter().map(|value| Value::from(*value)).collect();
    let kind = if nullable {
        allowed.push(Value::Null);
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    ObjectBuilder::new().schema_type(kind).enum_values(Some(allowed)).description(Some(description)).build()
}

// A record's own status: one of its statuses, as a record carries it.

pub fn order_status_value() -> Object {
    one_of(
        <crate::domain::status::OrderStatus as crate::domain::status::Status>::NAMES,
        false,
        "Where the order stands; moved by the status action and the rules",
    )
}

pub fn delivery_status_value() -> Object {
    one_of(delivery::STATUSES, false, "Where the delivery stands; moved by the assign and status actions and the rules")
}

pub fn transit_batch_status_value() -> Object {
    one_of(
        <crate::domain::status::TransitBatchStatus as crate::domain::status::Status>::NAMES,
        false,
        "Where the batch stands; moved by the initiate and complete actions",
    )
}

pub fn driver_status_value() -> Object {
    one_of(driver::STATUSES, false, "What the driver is doing; set by the status action and the rules")
}

pub fn order_status() -> Object {
    one_of(
        <crate::domain::status::OrderStatus as crate::domain::status::Status>::NAMES,
        false,
        "The status to move to; 409 `illegal_transition` unless the current one may move there",
    )
}

pub fn driver_status() -> Object {
    one_of(driver::STATUSES, false, "A driver's status")
}

pub fn delivery_status() -> Object {
    one_of(
        delivery::STATUSES,
        false,
        "The status to move to; 409 `illegal_transition` unless the current one may move there",
    )
}

pub fn employee_role() -> Object {
    one_of(employee::ROLES, false, "`staff` when omitted")
}

pub fn invoice_kind() -> Object {
    one_of(invoice::KINDS, false, "What is owed to whom")
}

pub fn invoice_status() -> Object {
    one_of(invoice::STATUSES, false, "Where the invoice stands")
}

pub fn new_invoice_status() -> Object {
    one_of(invoice::STATUSES, true, "`draft` when omitted or null")
}

pub fn token_role() -> Object {
    one_of(&Role::ALL.map(Role::as_str), false, "What the token may do; a driver token needs `driver_id`")
}

/// The budget-vs-actual view's `period`: a month, or empty for every month.
pub fn month_or_empty() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::String))
        .pattern(Some("^([0-9]{4}-(0[1-9]|1[0-2]))?$"))
        .description(Some("A month, `YYYY-MM`; empty for every month"))
        .build()
}

/// A budget's period, as `crate::entities::budget::month_bounds` accepts it.
pub fn month() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::String))
        .pattern(Some("^[0-9]{4}-(0[1-9]|1[0-2])$"))
        .description(Some("A month, `YYYY-MM`"))
        .build()
}

// The list filters that take one value of a list (anything else is a 400 `bad_query`).

pub fn order_status_filter() -> Object {
    one_of(
        <crate::domain::status::OrderStatus as crate::domain::status::Status>::NAMES,
        false,
        "Only orders in this status",
    )
}

pub fn delivery_status_filter() -> Object {
    one_of(delivery::STATUSES, false, "Only deliveries in this status")
}

pub fn driver_status_filter() -> Object {
    one_of(driver::STATUSES, false, "Only drivers in this status")
}

pub fn transit_batch_status_filter() -> Object {
    one_of(
        <crate::domain::status::TransitBatchStatus as crate::domain::status::Status>::NAMES,
        false,
        "Only transit batches in this status",
    )
}

pub fn invoice_status_filter() -> Object {
    one_of(invoice::STATUSES, false, "Only invoices in this status")
}

pub fn invoice_kind_filter() -> Object {
    one_of(invoice::KINDS, false, "Only receivable or only payable invoices")
}

pub fn customer_segment_filter() -> Object {
    one_of(customer::SEGMENTS, false, "Only customers in this segment")
}

pub fn employee_role_filter() -> Object {
    one_of(employee::ROLES, false, "Only employees with this role")
}
