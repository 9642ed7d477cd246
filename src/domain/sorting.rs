//! Which fields each collection's list may be sorted by (`?sort=field`, `?sort=-field`) and of
//! what kind: declared once here; the list's parsing, its OpenAPI parameter and the catalogue follow.

use serde::Serialize;

use super::Entity;

/// What a sortable field holds, and so how it compares: text byte by byte (the same on both
/// databases), numbers and money as numbers, dates and timestamps in time, `false` before `true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Integer,
    /// Cents.
    Money,
    Date,
    Timestamp,
    Boolean,
    /// The id of a record of another collection.
    Reference,
}

/// One field a list may be sorted by. A `nullable` one lists its records without a value last,
/// whichever the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SortField {
    pub name: &'static str,
    pub kind: FieldKind,
    pub nullable: bool,
}

// Macros, not functions, so that each collection's list is a constant (a `&'static` slice).
macro_rules! field {
    ($name:literal, $kind:ident) => {
        SortField { name: $name, kind: FieldKind::$kind, nullable: false }
    };
}

macro_rules! optional {
    ($name:literal, $kind:ident) => {
        SortField { name: $name, kind: FieldKind::$kind, nullable: true }
    };
}

const ID: SortField = field!("id", Integer);
const CREATED_AT: SortField = field!("created_at", Timestamp);
const UPDATED_AT: SortField = field!("updated_at", Timestamp);

impl Entity {
    /// The fields its list may be sorted by; every collection's starts with `id`.
    pub const fn sortable(self) -> &'static [SortField] {
        match self {
            Entity::Order => &[
                ID,
                field!("customer_id", Reference),
                field!("status", Text),
                field!("total_cents", Money),
                CREATED_AT,
                UPDATED_AT,
            ],
            Entity::Customer => &[
                ID,
                field!("name", Text),
                field!("email", Text),
                optional!("phone", Text),
                field!("segment", Text),
                CREATED_AT,
                UPDATED_AT,
            ],
            Entity::Employee => &[
                ID,
                field!("name", Text),
                field!("email", Text),
                field!("role", Text),
                optional!("department", Text),
                field!("active", Boolean),
                CREATED_AT,
            ],
            Entity::Service => &[
                ID,
                field!("name", Text),
                field!("price_cents", Money),
                optional!("duration_minutes", Integer),
                field!("active", Boolean),
                CREATED_AT,
            ],
            Entity::Product => &[
                ID,
                field!("sku", Text),
                field!("name", Text),
                field!("price_cents", Money),
                field!("cost_cents", Money),
                field!("stock_quantity", Integer),
                field!("reorder_level", Integer),
                CREATED_AT,
            ],
            Entity::Invoice => &[
                ID,
                field!("number", Text),
                field!("kind", Text),
                optional!("customer_id", Reference),
                field!("counterparty", Text),
                field!("amount_cents", Money),
                field!("issue_date", Date),
                field!("due_date", Date),
                field!("status", Text),
                CREATED_AT,
            ],
            Entity::Expense => &[
                ID,
                field!("category", Text),
                field!("amount_cents", Money),
                field!("expense_date", Date),
                optional!("vendor", Text),
                optional!("employee_id", Reference),
                CREATED_AT,
            ],
            Entity::Budget => {
                &[ID, field!("category", Text), field!("period", Text), field!("amount_cents", Money), CREATED_AT]
            }
            Entity::Driver => &[
                ID,
                field!("name", Text),
                optional!("vehicle", Text),
                field!("status", Text),
                optional!("location_updated_at", Timestamp),
                CREATED_AT,
            ],
            Entity::Delivery => &[
                ID,
                field!("order_id", Reference),
                optional!("driver_id", Reference),
                field!("status", Text),
                field!("address", Text),
                CREATED_AT,
            ],
            Entity::TransitBatch => &[
                ID,
                field!("code", Text),
                field!("origin", Text),
                field!("destination", Text),
                field!("status", Text),
                optional!("initiated_at", Timestamp),
                optional!("completed_at", Timestamp),
                CREATED_AT,
            ],
        }
    }

    /// What `?sort=` accepts for its list: each sortable field, ascending and then descending
    /// (`name`, `-name`).
    pub fn sort_values(self) -> Vec<String> {
        self.sortable().iter().flat_map(|field| [field.name.to_owned(), format!("-{}", field.name)]).collect()
    }
}
