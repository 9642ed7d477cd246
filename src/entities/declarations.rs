//! Every collection's declaration (its `#[collection]`), by entity, and the catalogue served with
//! them: the one place that names every entity module, so none of them reaches back here.

use super::Resource;
use super::{budget, customer, delivery, driver, employee, expense, invoice, order, product, service, transit_batch};
use crate::domain::fields::Declaration;
use crate::domain::Entity;

/// The fields `entity` declares (its `#[collection]`).
pub fn declaration(entity: Entity) -> Declaration {
    match entity {
        Entity::Order => order::Order::DECLARATION,
        Entity::Customer => customer::Customer::DECLARATION,
        Entity::Employee => employee::Employee::DECLARATION,
        Entity::Service => service::Service::DECLARATION,
        Entity::Product => product::Product::DECLARATION,
        Entity::Invoice => invoice::Invoice::DECLARATION,
        Entity::Expense => expense::Expense::DECLARATION,
        Entity::Budget => budget::Budget::DECLARATION,
        Entity::Driver => driver::Driver::DECLARATION,
        Entity::Delivery => delivery::Delivery::DECLARATION,
        Entity::TransitBatch => transit_batch::TransitBatch::DECLARATION,
    }
}

/// The catalogue `GET /api/catalog` serves, with every collection's declared fields.
pub fn catalog() -> crate::domain::catalog::Catalog {
    crate::domain::catalog::catalog(declaration)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_browser_suites_copy_is_the_catalogue() {
        // tests/browser/mock-server.mjs serves this file; regenerate it with
        // `switchboard catalog > tests/browser/catalog.json`.
        let committed: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/browser/catalog.json")).expect("valid JSON");
        assert_eq!(committed, serde_json::to_value(super::catalog()).unwrap(), "tests/browser/catalog.json is stale");
    }

    use crate::domain::fields::{FilterKind, Kind};
    use crate::domain::Entity;

    #[test]
    fn every_declaration_holds_together() {
        for entity in Entity::ALL {
            let declared = super::declaration(entity);
            let name = entity.collection();
            assert_eq!(declared.fields.first().map(|field| field.name), Some("id"), "{name}");
            if let Some(display) = declared.display {
                let field = declared.field(display).unwrap_or_else(|| panic!("{name} displays a field it has"));
                // A picker finds a record by what it is called.
                assert!(field.searchable, "{name}.{display} names its records, so `q` searches it");
            }
            for field in declared.fields {
                let what = format!("{name}.{}", field.name);
                assert_eq!(field.summed, field.summed && field.kind == Kind::Money, "{what}: only money is summed");
                assert_eq!(
                    field.references.is_some(),
                    matches!(field.kind, Kind::Reference | Kind::References),
                    "{what}: a reference, and only a reference, names its collection"
                );
                assert_eq!(
                    field.values.is_some(),
                    field.kind == Kind::Enum,
                    "{what}: an enum, and only an enum, lists values"
                );
                if field.filter == Some(FilterKind::Range) {
                    assert!(matches!(field.kind, Kind::Date | Kind::Timestamp), "{what}: a range is of days");
                }
                assert!(!field.required || field.default.is_none(), "{what}: a field with a default is not required");
            }
            let ranges = declared.fields.iter().filter(|field| field.filter == Some(FilterKind::Range)).count();
            assert!(ranges <= 1, "{name}: `from`/`to` filter one field");
        }
    }
}
