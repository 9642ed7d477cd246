//! What a collection's fields are, as data: each collection declares its fields once
//! (`#[collection]` on its record in `crate::entities`), and that declaration is served by the
//! catalogue, so clients build their tables, filters and forms from it (docs/architecture.md).

use serde::{Serialize, Serializer};

use super::Entity;

/// Everything a collection declares about its fields.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Declaration {
    /// The field that names a record in a cell, picker or toast; `None` when a record is known by
    /// its number ("Order #12").
    pub display: Option<&'static str>,
    /// Every field a record carries, in the order a table shows them.
    pub fields: &'static [Field],
    /// Filters that are not one field's (`overdue`, `low_stock`).
    pub filters: &'static [SpecialFilter],
}

impl Declaration {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// The fields a list may be sorted by.
    pub fn sortable(&self) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(|field| field.sortable)
    }

    /// The money fields a list answer sums.
    pub fn summed(&self) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(|field| field.summed)
    }

    /// `name` and `-name` for every sortable field: what `?sort=` accepts.
    pub fn sort_values(&self) -> Vec<String> {
        self.sortable().flat_map(|field| [field.name.to_owned(), format!("-{}", field.name)]).collect()
    }
}

/// One field of a collection's records.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Field {
    pub name: &'static str,
    /// What a column header or form label says.
    pub label: &'static str,
    pub kind: Kind,
    /// Must be given when creating: no default, and no value the server fills in.
    pub required: bool,
    /// A record may carry `null` for it.
    pub nullable: bool,
    pub writable: Writable,
    /// What the server stores when a create leaves it out.
    pub default: Option<Value>,
    /// Text: at most this many characters.
    pub max_length: Option<usize>,
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    /// An enum's values, in order.
    #[schema(value_type = Option<Vec<String>>)]
    pub values: Option<&'static [&'static str]>,
    /// A reference's collection.
    #[serde(serialize_with = "collection_name")]
    #[schema(value_type = Option<String>)]
    pub references: Option<Entity>,
    pub sortable: bool,
    pub filter: Option<FilterKind>,
    /// `?q=` looks in it (for a reference: in the display name of the record it points to).
    pub searchable: bool,
    /// Money summed in the list answer's `sums`.
    pub summed: bool,
}

/// What a field holds, and so how it is shown, entered and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Id,
    /// One line.
    Text,
    /// Several lines: notes, descriptions, addresses.
    LongText,
    Email,
    Phone,
    /// Integer cents.
    Money,
    Integer,
    /// A float (a latitude).
    Number,
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM`.
    Month,
    /// RFC 3339.
    Timestamp,
    /// One of `values`.
    Enum,
    /// The id of a record of `references`.
    Reference,
    /// Ids of records of `references`.
    References,
    /// An order's lines: a form of their own.
    Lines,
}

/// Who may set a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Writable {
    /// On create and on PATCH.
    Always,
    /// Only on create.
    Create,
    /// Only the server (ids, versions, derived fields, statuses moved by actions).
    Never,
}

/// How a list filters by a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FilterKind {
    /// `?name=value`: only records with that value.
    Eq,
    /// `?from=YYYY-MM-DD&to=YYYY-MM-DD`: only records whose day is within, both ends included.
    Range,
}

/// A list filter that is not one field's.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct SpecialFilter {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    #[schema(value_type = Option<Vec<String>>)]
    pub values: Option<&'static [&'static str]>,
}

/// A default value, as JSON has it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
#[schema(as = DefaultValue)]
pub enum Value {
    Text(&'static str),
    Integer(i64),
    Boolean(bool),
}

fn collection_name<S: Serializer>(entity: &Option<Entity>, serializer: S) -> Result<S::Ok, S::Error> {
    entity.map(Entity::collection).serialize(serializer)
}
