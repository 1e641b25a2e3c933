//! Components shared by several views.

pub mod confirm_modal;
pub mod customer_form;
pub mod edit_customer_form;
pub mod email_chips;
mod error_panel;
pub mod fields;
pub mod form_frame;
pub mod host_events;
pub mod next_steps;
mod toast;
pub mod unsaved_guard;

pub use confirm_modal::ConfirmModal;
pub use customer_form::CustomerForm;
pub use error_panel::ErrorPanel;
pub use next_steps::NextStepsPanel;
pub use toast::{Notices, Toasts};
pub use unsaved_guard::UnsavedChangesGuard;
