//! What an event about a collection invalidates: the collection's query key and those of the
//! views computed from it (`catalog::VIEWS`). Apart from `Entity`'s declaration, which the
//! catalogue reads, so the two files do not read each other.

use super::catalog;
use super::Entity;

impl Entity {
    /// The query keys every event about this entity invalidates, besides each record's own
    /// (`[item_key, id]`): the collection's, then those of the views a change to it alters
    /// (`catalog::VIEWS`). The catalogue serves this list and events carry it: one fact.
    pub fn invalidates(self) -> impl Iterator<Item = &'static str> {
        let views = catalog::VIEWS.iter().filter(move |view| view.invalidated_by.contains(&self));
        std::iter::once(self.collection()).chain(views.map(|view| view.name))
    }
}
