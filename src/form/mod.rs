//! Forms: when each field's checks show ([`checks`]), the field a check labels
//! ([`checked_field`]), the frame with its error summary and save failure ([`frame`]), the save
//! chain Add and Edit share ([`save`]), the customer fields both forms have, and the
//! unsaved-changes guard.

pub mod checked_field;
pub mod checks;
pub mod customer_fields;
pub mod frame;
pub mod guard;
pub mod save;
