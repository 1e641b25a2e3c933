//! Generic widgets: fields and inputs, email chips, dialog, downloads, toasts, error panel, help links.
//! They know nothing of the API or of any view.

pub mod chips;
pub mod dialog;
pub mod download;
pub mod error_panel;
pub mod field;
pub mod help_link;
pub mod inputs;
pub mod toast;
