//! What a valid customer is and how the app and the API talk about customers: wire types, the
//! list query contract, and the validation rules. The SPA calls the rules as the user types and
//! on submit; the API server calls them on every write, so the two can never disagree. Issues
//! carry codes and parameters only: the SPA's catalogues and the server word them. [`import`]
//! reads and checks a CSV file of new customers with the same rules.

mod batch;
pub mod identity;
pub mod import;
mod issues;
mod list;
mod rules;
mod types;
pub mod usage;

pub use batch::*;
pub use identity::{Me, MeReseller, Person, Role};
pub use issues::{Code, Field, Issue, Report};
pub use list::*;
pub use rules::*;
pub use types::*;
pub use usage::{Forecast, RunsOut};
