//! One module per view.

pub mod customers;
pub mod not_found;
