//! The permission table lives with the rest of the domain (`crate::domain::permissions`).

pub use crate::domain::permissions::*;
