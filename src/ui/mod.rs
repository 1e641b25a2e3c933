//! Generic widgets: fields and inputs, email chips, dialog, downloads, toasts, error panel, help links.
//! Of the API they know only how a failure is classified (`api::Problem`); of the views nothing.

pub mod chips;
pub mod dialog;
pub mod download;
pub mod error_panel;
pub mod field;
pub mod help_link;
pub mod inputs;
pub mod toast;
