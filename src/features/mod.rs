//! One folder per view, with everything only that view uses.

pub mod add_customer;
pub mod customers_list;
pub mod edit_customer;
pub mod import_customers;
