//! The top layer, the only one that imports features/: start-up, router, routes, lazy views.

mod app;
pub mod lazy;
mod not_found;
mod start;

pub use app::App;
pub use start::start;
