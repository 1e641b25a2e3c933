//! Components shared by several views.

mod error_panel;

pub use error_panel::ErrorPanel;
