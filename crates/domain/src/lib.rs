//! What a valid customer is. The SPA calls this as the user types and on submit; the API server
//! calls it on every write, so the browser and the server can never disagree.

mod issues;
mod rules;
mod types;

pub use issues::{Code, Field, Issue, Report, message};
pub use rules::*;
pub use types::*;
