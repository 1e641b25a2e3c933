//! The Add customer form, and the pieces the Edit customer form shares with it: the User
//! Licenses and Extra Storage fields, when messages show ([`FormChecks`]), the error summary
//! and the save-failure message with Retry. Every rule is `crates/domain`; this module only
//! decides when and where its messages appear.

use domain::{
    Customer, CustomerDraft, Field as DomainField, Issue, NewCustomer, Report, StorageType,
};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::email_chips::{EmailChips, add_chips};
use super::fields::{Field, FieldMessages, RadioGroup, StorageAmount, StorageInput, TextInput};
use super::unsaved_guard::UnsavedChangesGuard;
use crate::api::ApiError;
use crate::i18n::{I18n, api_error, storage_type_label, use_i18n};

/// The form fields in the order they appear; the error summary lists errors in this order.
pub const FIELD_ORDER: [DomainField; 6] = [
    DomainField::OrganizationName,
    DomainField::Domain,
    DomainField::UserLicenses,
    DomainField::ExtraStorageGb,
    DomainField::NotifyEmails,
    DomainField::StorageType,
];

/// The id of a field's control (what its label and the error summary's link point at).
pub fn field_id(field: DomainField) -> &'static str {
    match field {
        DomainField::OrganizationName => "cm-organization-name",
        DomainField::Domain => "cm-domain",
        DomainField::UserLicenses => "cm-user-licenses",
        DomainField::ExtraStorageGb => "cm-extra-storage",
        DomainField::NotifyEmails => "cm-notify-users",
        DomainField::StorageType => "cm-storage-type",
        DomainField::Other => "cm-form",
    }
}

fn order(field: DomainField) -> usize {
    FIELD_ORDER
        .iter()
        .position(|f| *f == field)
        .unwrap_or(FIELD_ORDER.len())
}

/// When a form shows its messages: a field's errors and warnings appear once it has been left
/// (blur) and then update as the user types; Save shows all of them. Errors the server returned
/// show at their field until that field is edited.
#[derive(Clone, Copy)]
pub struct FormChecks {
    report: Signal<Report>,
    server: Signal<Vec<Issue>>,
    checked: RwSignal<Vec<DomainField>>,
    edited: RwSignal<Vec<DomainField>>,
    i18n: I18n,
}

impl FormChecks {
    /// Checks over the domain `report` of what is typed and the field errors of the last save
    /// (`server`).
    pub fn new(report: Signal<Report>, server: Signal<Vec<Issue>>) -> Self {
        FormChecks {
            report,
            server,
            checked: RwSignal::new(Vec::new()),
            edited: RwSignal::new(Vec::new()),
            i18n: use_i18n(),
        }
    }

    /// The user left `field`: show its messages from now on.
    pub fn check(&self, field: DomainField) {
        if !self.checked.with_untracked(|c| c.contains(&field)) {
            self.checked.update(|c| c.push(field));
        }
    }

    /// Save was pressed: show every field's messages.
    pub fn check_all(&self) {
        self.checked.set(FIELD_ORDER.to_vec());
    }

    /// The user changed `field`: the server's verdict on its old value no longer applies.
    pub fn edit(&self, field: DomainField) {
        if !self.edited.with_untracked(|e| e.contains(&field)) {
            self.edited.update(|e| e.push(field));
        }
    }

    /// A save was sent: its answer is about the values as they are now.
    pub fn sent(&self) {
        self.edited.set(Vec::new());
    }

    /// The server's errors that still apply (their field was not edited since).
    fn server_issues(&self) -> Vec<Issue> {
        let edited = self.edited.get();
        self.server
            .get()
            .into_iter()
            .filter(|i| !edited.contains(&i.field))
            .collect()
    }

    /// Every error to show now, in form order: the checked fields' own errors, then the
    /// server's.
    pub fn errors(&self) -> Vec<Issue> {
        let checked = self.checked.get();
        let mut errors: Vec<Issue> = self.report.with(|r| {
            r.errors
                .iter()
                .filter(|i| checked.contains(&i.field))
                .cloned()
                .collect()
        });
        for issue in self.server_issues() {
            if !errors.contains(&issue) {
                errors.push(issue);
            }
        }
        errors.sort_by_key(|i| order(i.field));
        errors
    }

    /// Whether the values as typed have errors (whether shown yet or not).
    pub fn has_client_errors(&self) -> bool {
        self.report.with_untracked(|r| !r.is_ok())
    }

    /// The messages to show at `field`.
    pub fn messages(&self, field: DomainField) -> Signal<FieldMessages> {
        let this = *self;
        Signal::derive(move || {
            let checked = this.checked.with(|c| c.contains(&field));
            let t = this.i18n.t();
            let text = |issues: &[Issue]| -> Vec<String> {
                issues
                    .iter()
                    .filter(|i| i.field == field)
                    .map(|i| (t.issue)(i))
                    .collect()
            };
            let mut messages = this.report.with(|r| FieldMessages {
                errors: if checked { text(&r.errors) } else { Vec::new() },
                warnings: if checked {
                    text(&r.warnings)
                } else {
                    Vec::new()
                },
                notes: text(&r.notes),
            });
            for message in text(&this.server_issues()) {
                if !messages.errors.contains(&message) {
                    messages.errors.push(message);
                }
            }
            if !messages.errors.is_empty() {
                messages.notes.clear();
            }
            messages
        })
    }
}

/// The mark before the legend that explains the required-field asterisk.
const REQUIRED_MARK: &str = "* ";

/// The issues of a save's answer that belong at form fields (422, 409).
pub fn field_issues(error: &ApiError) -> Vec<Issue> {
    match error {
        ApiError::Rejected { errors, .. } => errors
            .iter()
            .filter(|i| i.field != DomainField::Other)
            .cloned()
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a failed save needs a message of its own (beyond errors at the fields).
fn needs_banner(error: &ApiError) -> bool {
    match error {
        ApiError::Rejected { errors, .. } => {
            errors.is_empty() || errors.iter().any(|i| i.field == DomainField::Other)
        }
        ApiError::Conflict { .. } => false,
        _ => true,
    }
}

pub use crate::config::app_href;

/// Moves focus to `target` once the pending render has happened.
pub fn focus_soon(target: NodeRef<html::Div>) {
    request_animation_frame(move || {
        if let Some(el) = target.get_untracked() {
            let _ = el.focus();
        }
    });
}

/// The list of errors at the top of a form after Save: each one a link that moves focus to its
/// field. Always in the page (a live region); filled only when `visible`.
#[component]
pub fn ErrorSummary(
    /// The errors to list, in form order.
    #[prop(into)]
    errors: Signal<Vec<Issue>>,
    /// Show the summary (after the first Save).
    #[prop(into)]
    visible: Signal<bool>,
    /// Where focus goes after a Save with errors.
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let i = use_i18n();
    let content = move || {
        let errors = errors.get();
        let t = i.t();
        (visible.get() && !errors.is_empty()).then(|| {
            let title = match errors.len() {
                1 => t.summary_one.to_owned(),
                n => (t.summary_many)(n),
            };
            let items = errors
                .into_iter()
                .map(|issue| {
                    let id = field_id(issue.field);
                    let text = (t.issue)(&issue);
                    if issue.field == DomainField::Other {
                        return view! { <li>{text}</li> }.into_any();
                    }
                    view! {
                        <li>
                            <a
                                href=format!("#{id}")
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    focus_by_id(id);
                                }
                            >
                                {text}
                            </a>
                        </li>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <div class="cm-error-summary">
                    <h2 class="cm-error-summary__title">{title}</h2>
                    <ul class="cm-error-summary__list">{items}</ul>
                </div>
            }
        })
    };
    view! {
        <div node_ref=node_ref class="cm-error-summary-region" role="alert" tabindex="-1">
            {content}
        </div>
    }
}

/// Focuses the element with `id` (a field's control) and brings its label into view.
pub fn focus_by_id(id: &str) {
    let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let _ = el.focus();
    if let Some(field) = el.closest(".cm-field").ok().flatten() {
        field.scroll_into_view();
    }
}

/// Why a save failed, when it is not about a field: what happened, that the input is kept, and
/// the way on: Retry (or "Try again" when it may not help), sign in in a new tab after a 401,
/// the list when the customer is gone.
#[component]
pub fn SaveFailure(
    /// The failure, if any.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// What failed, as the start of the message, e.g. "The customer was not created."
    #[prop(into)]
    what: Signal<String>,
    /// Why Retry is safe, shown with it.
    #[prop(into)]
    retry_note: Signal<String>,
    /// Sends the same save again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let sign_in = app_href("/");
    let i = use_i18n();
    move || {
        let t = i.t();
        let error = error.get().filter(needs_banner)?;
        let unauthorized = error == ApiError::Unauthorized;
        let retryable = error.is_retryable() || unauthorized;
        // The customer is gone: trying again cannot help, the list is the way on.
        let gone = error == ApiError::NotFound;
        let what = what.get();
        let retry_note = retry_note.get();
        Some(view! {
            <div class="cm-save-failure" role="alert">
                <p class="cm-save-failure__message">
                    <strong>{what}</strong>" "{api_error(t, &error)}
                </p>
                <p class="cm-save-failure__note">
                    {t.input_kept} {retryable.then_some(retry_note)}
                </p>
                <div class="cm-save-failure__actions">
                    {unauthorized.then(|| view! {
                        <a class="cm-button" href=sign_in.clone() target="_blank" rel="noopener">
                            {t.sign_in_again}<span class="cm-visually-hidden">{t.opens_in_new_tab}</span>
                        </a>
                    })}
                    {gone.then(|| view! { <a class="cm-button" href=app_href("/customers")>{t.go_to_customers}</a> })}
                    {(!gone).then(|| view! {
                        <button type="button" class="cm-button cm-button--primary" on:click=move |_| on_retry.run(())>
                            {if retryable { t.retry } else { t.try_again }}
                        </button>
                    })}
                </div>
            </div>
        })
    }
}

/// User Licenses, as Add and Edit show it.
#[component]
pub fn LicensesField(
    /// The number as typed.
    value: RwSignal<String>,
    /// When messages show.
    checks: FormChecks,
    /// Context beside the input, e.g. "212 licenses in use".
    #[prop(optional, into)]
    aside: MaybeProp<String>,
    /// Read-only while saving.
    #[prop(into)]
    readonly: Signal<bool>,
) -> impl IntoView {
    let field = DomainField::UserLicenses;
    let i = use_i18n();
    view! {
        <Field
            id=field_id(field)
            label=Signal::derive(move || (i.t().field_label)(field).to_owned())
            hint=Signal::derive(move || Some(i.t().hint_licenses.to_owned()))
            required=true
            messages=checks.messages(field)
            aside=aside
        >
            <TextInput
                value
                inputmode="numeric"
                autocomplete="off"
                class="cm-input--number"
                readonly
                on_input=move || checks.edit(field)
                on_blur=move || checks.check(field)
            />
        </Field>
    }
}

/// Extra Storage (number and GB/TB), as Add and Edit show it.
#[component]
pub fn StorageField(
    /// The amount and unit as chosen.
    value: RwSignal<StorageAmount>,
    /// When messages show.
    checks: FormChecks,
    /// Context beside the input, e.g. "1.4 TB of 2 TB used".
    #[prop(optional, into)]
    aside: MaybeProp<String>,
    /// Read-only while saving.
    #[prop(into)]
    readonly: Signal<bool>,
) -> impl IntoView {
    let field = DomainField::ExtraStorageGb;
    let i = use_i18n();
    view! {
        <Field
            id=field_id(field)
            label=Signal::derive(move || (i.t().field_label)(field).to_owned())
            hint=Signal::derive(move || Some(i.t().hint_storage.to_owned()))
            required=true
            messages=checks.messages(field)
            aside=aside
        >
            <StorageInput
                value
                unit_label=Signal::derive(move || i.t().storage_unit_label.to_owned())
                readonly
                on_input=move || checks.edit(field)
                on_blur=move || checks.check(field)
            />
        </Field>
    }
}

/// A fresh `Idempotency-Key`: a random (version 4) UUID from the browser's crypto RNG.
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto: Math.random is still unique enough to tell submissions apart.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// What Save sends: the new customer and the submission's `Idempotency-Key`.
pub type CreateInput = (NewCustomer, String);

/// The Add customer form. It validates with `CustomerDraft::validate`, sends through `save`
/// (so tests pass an action that never answers or fails) and shows the answer: busy state,
/// field errors from the server, a failure with Retry. The page reacts to success.
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

    let draft = Memo::new(move |_| {
        let mut emails = chips.get();
        emails.push(pending_email.get());
        CustomerDraft {
            organization_name: organization.get(),
            domain: domain_text.get(),
            user_licenses: licenses.get(),
            extra_storage: storage.with(StorageAmount::as_text),
            notify_emails: emails.join("; "),
            storage_type: storage_type
                .get()
                .as_deref()
                .and_then(StorageType::from_wire),
        }
    });
    let validated = Memo::new(move |_| draft.with(CustomerDraft::validate));

    let pending = save.pending();
    let result = save.value();
    let saved = Signal::derive(move || matches!(result.get(), Some(Ok(_))));
    let failure = Signal::derive(move || match result.get() {
        Some(Err(e)) if !pending.get() => Some(e),
        _ => None,
    });
    let server =
        Signal::derive(move || failure.get().map(|e| field_issues(&e)).unwrap_or_default());
    let checks = FormChecks::new(
        Signal::derive(move || validated.with(|v| v.report.clone())),
        server,
    );
    let busy = Signal::derive(move || pending.get() || saved.get());
    let dirty =
        Signal::derive(move || !saved.get() && draft.with(|d| *d != CustomerDraft::default()));

    let submitted = RwSignal::new(false);
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
        submitted.set(true);
        checks.check_all();
        let Some(customer) = validated.with_untracked(|v| v.value.clone()) else {
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

    // A fresh token from the host page (it got `auth-required`) retries a save refused with 401;
    // everything typed is still in the form.
    let session = use_context::<crate::Session>().unwrap_or_default();
    Effect::new(move |previous: Option<u32>| {
        let epoch = session.token_epoch.get();
        if previous.is_some_and(|p| p != epoch)
            && failure.get_untracked() == Some(ApiError::Unauthorized)
        {
            submit();
        }
        epoch
    });

    // A save the server rejected at fields: the summary lists those errors; take focus there.
    Effect::new(move |previous: Option<usize>| {
        let version = save.version().get();
        if previous.is_some_and(|p| p != version) && !server.with_untracked(Vec::is_empty) {
            focus_soon(summary_ref);
        }
        version
    });

    let i = use_i18n();
    let label = move |f: DomainField| Signal::derive(move || (i.t().field_label)(f).to_owned());
    let hint = move |text: fn(&crate::i18n::Texts) -> &'static str| {
        Signal::derive(move || Some(text(i.t()).to_owned()))
    };
    let text = move |text: fn(&crate::i18n::Texts) -> &'static str| {
        Signal::derive(move || text(i.t()).to_owned())
    };
    let field = |f: DomainField| (field_id(f), label(f), checks.messages(f));
    let (org_id, org_label, org_messages) = field(DomainField::OrganizationName);
    let (domain_id, domain_label, domain_messages) = field(DomainField::Domain);
    let (notify_id, notify_label, notify_messages) = field(DomainField::NotifyEmails);
    let (type_id, type_label, type_messages) = field(DomainField::StorageType);
    let storage_options = StorageType::ALL
        .iter()
        .map(|&t| {
            let label = Signal::derive(move || storage_type_label(i.t(), t).to_owned());
            (t.as_str(), label)
        })
        .collect::<Vec<_>>();

    view! {
        <form
            class="cm-form"
            id=field_id(DomainField::Other)
            novalidate
            aria-busy=move || pending.get().to_string()
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <ErrorSummary
                errors=Signal::derive(move || checks.errors())
                visible=Signal::derive(move || submitted.get() || !server.with(Vec::is_empty))
                node_ref=summary_ref
            />
            <SaveFailure
                error=failure
                what=text(|t| t.not_created)
                retry_note=text(|t| t.retry_safe_create)
                on_retry=move || submit()
            />
            <p class="cm-form__legend">
                <span aria-hidden="true">{REQUIRED_MARK}</span>{move || i.t().required_legend}
            </p>

            <Field id=org_id label=org_label required=true messages=org_messages>
                <TextInput
                    value=organization
                    autocomplete="organization"
                    readonly=busy
                    on_input=move || checks.edit(DomainField::OrganizationName)
                    on_blur=move || checks.check(DomainField::OrganizationName)
                />
            </Field>

            <Field
                id=domain_id
                label=domain_label
                hint=hint(|t| t.hint_domain)
                messages=domain_messages
            >
                <TextInput
                    value=domain_text
                    autocomplete="off"
                    readonly=busy
                    on_input=move || checks.edit(DomainField::Domain)
                    on_blur=move || checks.check(DomainField::Domain)
                />
            </Field>

            <LicensesField value=licenses checks readonly=busy/>
            <StorageField value=storage checks readonly=busy/>

            <Field
                id=notify_id
                label=notify_label
                hint=hint(|t| t.hint_notify)
                required=true
                messages=notify_messages
            >
                <EmailChips
                    chips
                    pending=pending_email
                    readonly=busy
                    on_input=move || checks.edit(DomainField::NotifyEmails)
                    on_blur=move || checks.check(DomainField::NotifyEmails)
                />
            </Field>

            <Field
                id=type_id
                label=type_label
                hint=hint(|t| t.hint_storage_type)
                required=true
                messages=type_messages
                group=true
            >
                <RadioGroup
                    value=storage_type
                    options=storage_options
                    readonly=busy
                    on_change=move || {
                        checks.edit(DomainField::StorageType);
                        checks.check(DomainField::StorageType);
                    }
                    on_blur=move || checks.check(DomainField::StorageType)
                />
            </Field>

            <div class="cm-form__actions">
                <button
                    type="submit"
                    class="cm-button cm-button--primary"
                    class:cm-button--busy=move || pending.get()
                    disabled=move || busy.get()
                    // Keep focus where it is on press: the blur would show that field's messages
                    // and move Save down before the button is released, losing the click.
                    on:mousedown=|ev: web_sys::MouseEvent| ev.prevent_default()
                >
                    {move || if pending.get() {
                        view! { <span class="cm-spinner" aria-hidden="true"></span>{i.t().saving} }.into_any()
                    } else {
                        i.t().save.into_any()
                    }}
                </button>
                <a class="cm-button" href=app_href("/customers")>{move || i.t().cancel}</a>
                <p class="cm-visually-hidden" role="status">
                    {move || pending.get().then_some(i.t().saving_customer)}
                </p>
            </div>
            <UnsavedChangesGuard when=dirty/>
        </form>
    }
}
