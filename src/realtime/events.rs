//! Events are part of the domain (`crate::domain::event`); this name stays for the modules
//! that still import it from here.

pub use crate::domain::event::*;
pub use crate::domain::{Action, Entity};
