//! One module per view.

pub mod add_customer;
pub mod customers;
pub mod edit_customer;
pub mod not_found;
