//! The customers API: every URL, header and JSON decode the app uses lives here. Every call
//! returns `Result<T, ApiError>` and nothing else: the caller decides what the user sees and what
//! the host page is told.

mod audit;
mod customers;
mod error;
mod me;
mod preload;
mod read;
mod transport;
mod usage;

pub use audit::customer_audit;
pub use customers::{
    create_customer, export_csv, export_csv_url, get_customer, import_batch, list_customers,
    lookup_customers, new_idempotency_key, query_string, resend_activation, update_customer,
};
pub use domain::{ActivationQueued, AuditEntry, ListQuery, Me, Role};
pub use error::{ApiError, Problem};
pub use me::me;
pub use transport::{DEFAULT_API_BASE, configure, set_token};
pub use usage::customer_usage;
