//! One module per view.

pub mod add_customer;
pub mod customers;
pub mod not_found;
