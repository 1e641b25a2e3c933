//! The labelled field of a registered check, which supplies its id, label, messages and triggers.

use leptos::prelude::*;

use super::checks::FieldCheck;
use crate::i18n::{Texts, use_i18n};
use crate::ui::field::Field;

/// A [`Field`] for the field `check` registered: the id and label are the checked field's, the
/// messages are the check's, and the control's edits and blurs run the check.
#[component]
pub fn CheckedField(
    /// The field's checks (registered by the form): its id, label and messages.
    check: FieldCheck,
    /// Picks the hint from the texts of the current language; no hint without it.
    #[prop(optional)]
    hint: Option<fn(&Texts) -> &'static str>,
    /// The value must be given (see [`Field`]).
    #[prop(optional)]
    required: bool,
    /// Context beside the control, e.g. "212 licenses in use".
    #[prop(optional, into)]
    aside: MaybeProp<String>,
    /// A group of controls (radio buttons) under a `legend` (see [`Field`]).
    #[prop(optional)]
    group: bool,
    /// Read-only while saving.
    #[prop(optional, into)]
    readonly: Signal<bool>,
    /// The control, which takes its ids from the field.
    children: Children,
) -> impl IntoView {
    let field = check.field();
    let i = use_i18n();
    view! {
        <Field
            id=check.id()
            label=Signal::derive(move || (i.t().field_label)(field).to_owned())
            hint=Signal::derive(move || hint.map(|hint| hint(i.t()).to_owned()))
            required
            messages=check.messages()
            aside
            group
            readonly
            on_input=move || check.edit()
            on_blur=move || check.check()
        >
            {children()}
        </Field>
    }
}
