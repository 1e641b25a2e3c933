//! The User Licenses and Extra Storage fields, which the Add and Edit forms both have.

use leptos::prelude::*;

use super::checked_field::CheckedField;
use super::checks::FieldCheck;
use crate::i18n::use_i18n;
use crate::ui::inputs::{StorageAmount, StorageInput, TextInput};

/// User Licenses, as Add and Edit show it.
#[component]
pub fn LicensesField(
    /// The number as typed.
    value: RwSignal<String>,
    /// The field's checks (registered by the form).
    check: FieldCheck,
    /// Context beside the input, e.g. "212 licenses in use".
    #[prop(optional, into)]
    aside: MaybeProp<String>,
    /// Read-only while saving.
    #[prop(into)]
    readonly: Signal<bool>,
) -> impl IntoView {
    view! {
        <CheckedField check hint=|t| t.hint_licenses required=true aside readonly>
            <TextInput
                value
                inputmode="numeric"
                autocomplete="off"
                class="cm-input--number"
            />
        </CheckedField>
    }
}

/// Extra Storage (number and GB/TB), as Add and Edit show it.
#[component]
pub fn StorageField(
    /// The amount and unit as chosen.
    value: RwSignal<StorageAmount>,
    /// The field's checks (registered by the form).
    check: FieldCheck,
    /// Context beside the input, e.g. "1.4 TB of 2 TB used".
    #[prop(optional, into)]
    aside: MaybeProp<String>,
    /// Read-only while saving.
    #[prop(into)]
    readonly: Signal<bool>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <CheckedField check hint=|t| t.hint_storage required=true aside readonly>
            <StorageInput
                value
                unit_label=Signal::derive(move || i.t().storage_unit_label.to_owned())
            />
        </CheckedField>
    }
}
