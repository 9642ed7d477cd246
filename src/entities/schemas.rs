//! The OpenAPI schemas of values that are one of a list (`#[collection]` makes its enum fields'
//! with `one_of`) or of a shape utoipa cannot say with attributes (a month).

use serde_json::Value;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

use crate::domain::permissions::Role;
use crate::domain::status::{DeliveryStatus, DriverStatus, InvoiceStatus, OrderStatus, Status};

pub fn one_of(values: &[&str], nullable: bool, description: &str) -> Object {
    let mut allowed: Vec<Value> = values.iter().map(|value| Value::from(*value)).collect();
    let kind = if nullable {
        allowed.push(Value::Null);
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    ObjectBuilder::new().schema_type(kind).enum_values(Some(allowed)).description(Some(description)).build()
}

/// The status an order action moves to.
pub fn order_status() -> Object {
    one_of(
        OrderStatus::NAMES,
        false,
        "The status to move to; 409 `illegal_transition` unless the current one may move there",
    )
}

/// The status a delivery action moves to.
pub fn delivery_status() -> Object {
    one_of(
        DeliveryStatus::NAMES,
        false,
        "The status to move to; 409 `illegal_transition` unless the current one may move there",
    )
}

/// The status a bulk change sets each invoice to (as its `PATCH` would).
pub fn invoice_status() -> Object {
    one_of(InvoiceStatus::NAMES, false, "The status each invoice gets, as a `PATCH` of its `status` would set it")
}

pub fn driver_status() -> Object {
    one_of(DriverStatus::NAMES, false, "A driver's status")
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

/// A collection's name, as `/api/{collection}` and the audit trail write it.
pub fn collection() -> Object {
    let names: Vec<&str> = crate::domain::Entity::ALL.iter().map(|entity| entity.collection()).collect();
    one_of(&names, false, "A collection")
}

/// An id: a record's, a token's or an audit entry's.
pub fn id() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::Integer))
        .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Int64)))
        .minimum(Some(1))
        .build()
}

/// A day, `YYYY-MM-DD` (UTC).
pub fn day() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::String))
        .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Date)))
        .build()
}
