//! Components shared by several views.

mod error_panel;
mod toast;

pub use error_panel::ErrorPanel;
pub use toast::{Notices, Toasts};
