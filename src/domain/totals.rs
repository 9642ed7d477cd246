//! Which money fields each collection's list adds up over every record that matches its filters
//! (the list answer's `sums`): declared once here; the queries, the catalogue and the web app follow.

use super::Entity;

impl Entity {
    /// The money fields (cents) its list sums. Only amounts that mean something added together:
    /// not a service's or product's unit price (a sum of prices is no figure anyone uses; stock
    /// value is the inventory view's), and no collection without money.
    pub const fn summed(self) -> &'static [&'static str] {
        match self {
            Entity::Order => &["total_cents"],
            Entity::Invoice | Entity::Expense | Entity::Budget => &["amount_cents"],
            Entity::Customer
            | Entity::Employee
            | Entity::Service
            | Entity::Product
            | Entity::Driver
            | Entity::Delivery
            | Entity::TransitBatch => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::sorting::FieldKind;
    use crate::domain::Entity;

    /// A summed field is one of the collection's money fields (the sortable declaration names
    /// each with its kind), so the two declarations cannot disagree about what a field holds.
    #[test]
    fn every_summed_field_is_money() {
        for entity in Entity::ALL {
            for name in entity.summed() {
                let field = entity.sortable().iter().find(|field| field.name == *name);
                assert_eq!(field.map(|f| f.kind), Some(FieldKind::Money), "{}.{name}", entity.collection());
            }
        }
    }
}
