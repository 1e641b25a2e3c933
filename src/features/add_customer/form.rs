//! The Add customer form: six fields, each checked by its own domain rule as it is typed, and
//! the whole draft on Save. The frame, checks and save chain are `crate::form`'s.

use domain::{Customer, CustomerDraft, Field as DomainField, NewCustomer, Report, StorageType};
use leptos::html;
use leptos::prelude::*;

use crate::api::{ApiError, new_idempotency_key};
use crate::form::checked_field::CheckedField;
use crate::form::checks::FormChecks;
use crate::form::customer_fields::{LicensesField, StorageField};
use crate::form::frame::{FormActions, FormFrame};
use crate::form::guard::UnsavedChangesGuard;
use crate::form::save::{SaveState, focus_soon};
use crate::i18n::{Texts, storage_type_label, use_i18n};
use crate::ui::chips::{EmailChips, add_chips};
use crate::ui::inputs::{RadioGroup, StorageAmount, TextInput};

/// The mark before the legend that explains the required-field asterisk.
const REQUIRED_MARK: &str = "* ";

/// What Save sends: the new customer and the submission's `Idempotency-Key`.
pub type CreateInput = (NewCustomer, String);

/// The Add customer form. Each field is checked on its own as it is typed
/// (`CustomerDraft::check_*`), Save checks the whole draft with `CustomerDraft::validate`; it
/// sends through `save` (so tests pass an action that never answers or fails) and shows the
/// answer: busy state, field errors from the server, a failure with Retry. The page reacts to
/// success.
#[component]
pub fn CustomerForm(
    /// Creates the customer: input is the payload and its `Idempotency-Key`, reused when the
    /// same payload is sent again (Retry after a timeout can never create two customers).
    save: Action<CreateInput, Result<Customer, ApiError>>,
) -> impl IntoView {
    let organization = RwSignal::new(String::new());
    let domain_text = RwSignal::new(String::new());
    let licenses = RwSignal::new(String::new());
    let storage = RwSignal::new(StorageAmount::default());
    let chips = RwSignal::new(Vec::<String>::new());
    let pending_email = RwSignal::new(String::new());
    let storage_type = RwSignal::new(None::<String>);

    // Notify Users as the draft has it: the chips and what is typed after them.
    let notify_text = move || {
        let mut emails = chips.get();
        emails.push(pending_email.get());
        emails.join("; ")
    };
    let chosen_type = move || {
        storage_type
            .get()
            .as_deref()
            .and_then(StorageType::from_wire)
    };
    let draft = move || CustomerDraft {
        organization_name: organization.get(),
        domain: domain_text.get(),
        user_licenses: licenses.get(),
        extra_storage: storage.with(StorageAmount::as_text),
        notify_emails: notify_text(),
        storage_type: chosen_type(),
    };
    let state = SaveState::new(save, |_| true);
    let SaveState {
        pending,
        saved,
        failure,
        busy,
        ..
    } = state;
    // Each field registers in form order with its own rule: a keystroke re-checks one field.
    let checks = FormChecks::new(state.server.into());
    let register = |field, check: fn(&str) -> Report, text: RwSignal<String>| {
        checks.register(field, Memo::new(move |_| text.with(|t| check(t))))
    };
    let org = register(
        DomainField::OrganizationName,
        |t| CustomerDraft::check_organization_name(t).report,
        organization,
    );
    let domain = register(
        DomainField::Domain,
        |t| CustomerDraft::check_domain(t).report,
        domain_text,
    );
    let licenses_check = register(
        DomainField::UserLicenses,
        |t| CustomerDraft::check_user_licenses(t).report,
        licenses,
    );
    let storage_check = checks.register(
        DomainField::ExtraStorageGb,
        Memo::new(move |_| {
            storage.with(|s| CustomerDraft::check_extra_storage(&s.as_text()).report)
        }),
    );
    let notify = checks.register(
        DomainField::NotifyEmails,
        Memo::new(move |_| CustomerDraft::check_notify_emails(&notify_text()).report),
    );
    let kind = checks.register(
        DomainField::StorageType,
        Memo::new(move |_| CustomerDraft::check_storage_type(chosen_type()).report),
    );
    // Anything typed or chosen (the draft differs from an empty one).
    let dirty = Memo::new(move |_| {
        !saved.get()
            && (organization.with(|t| !t.is_empty())
                || domain_text.with(|t| !t.is_empty())
                || licenses.with(|t| !t.is_empty())
                || storage.with(|s| !s.as_text().is_empty())
                || chips.with(|c| !c.is_empty())
                || pending_email.with(|t| !t.is_empty())
                || storage_type.with(|t| t.as_deref().and_then(StorageType::from_wire).is_some()))
    });

    let summary_ref = NodeRef::<html::Div>::new();
    let last_sent = StoredValue::new(None::<CreateInput>);

    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        // Whatever is typed in Notify Users becomes chips, as it would on leaving the field.
        let typed = pending_email.get_untracked();
        if !typed.trim().is_empty() {
            chips.update(|c| add_chips(c, &typed));
            pending_email.set(String::new());
        }
        checks.check_all();
        let Some(customer) = draft().validate().value else {
            focus_soon(summary_ref);
            return;
        };
        let key = match last_sent.get_value() {
            Some((sent, key)) if sent == customer => key,
            _ => new_idempotency_key(),
        };
        last_sent.set_value(Some((customer.clone(), key.clone())));
        checks.sent();
        save.dispatch((customer, key));
    };

    state.retry_on_new_token(submit);
    state.focus_after_answer(summary_ref, || false);

    let i = use_i18n();
    let text =
        move |text: fn(&Texts) -> &'static str| Signal::derive(move || text(i.t()).to_owned());
    let storage_options = StorageType::ALL
        .iter()
        .map(|&t| {
            let label = Signal::derive(move || storage_type_label(i.t(), t).to_owned());
            (t.as_str(), label)
        })
        .collect::<Vec<_>>();

    view! {
        <FormFrame
            checks
            summary_ref
            pending
            on_submit=move || submit()
            failure
            failure_what=text(|t| t.not_created)
            retry_note=text(|t| t.retry_safe_create)
            on_retry=move || submit()
        >
            <p class="cm-form__legend">
                <span aria-hidden="true">{REQUIRED_MARK}</span>{move || i.t().required_legend}
            </p>

            <CheckedField check=org required=true readonly=busy>
                <TextInput value=organization autocomplete="organization"/>
            </CheckedField>

            <CheckedField check=domain hint=|t| t.hint_domain readonly=busy>
                <TextInput value=domain_text autocomplete="off"/>
            </CheckedField>

            <LicensesField value=licenses check=licenses_check readonly=busy/>
            <StorageField value=storage check=storage_check readonly=busy/>

            <CheckedField check=notify hint=|t| t.hint_notify required=true readonly=busy>
                <EmailChips chips pending=pending_email/>
            </CheckedField>

            <CheckedField
                check=kind
                hint=|t| t.hint_storage_type
                required=true
                group=true
                readonly=busy
            >
                <RadioGroup value=storage_type options=storage_options/>
            </CheckedField>

            <FormActions pending disabled=busy saving_status=text(|t| t.saving_customer)/>
            <UnsavedChangesGuard when=dirty/>
        </FormFrame>
    }
}
