//! The Add customer form, and the pieces the Edit customer form shares with it: the User
//! Licenses and Extra Storage fields and when messages show ([`FormChecks`]); the frame around
//! both forms (error summary, save failure, Save row) is [`super::form_frame`]. Every rule is
//! `crates/domain`; this module only decides when and where its messages appear.

use domain::{
    Customer, CustomerDraft, Field as DomainField, Issue, NewCustomer, Report, StorageType,
};
use leptos::html;
use leptos::prelude::*;

use super::email_chips::{EmailChips, add_chips};
use super::fields::{Field, FieldMessages, RadioGroup, StorageAmount, StorageInput, TextInput};
use super::form_frame::{FormActions, FormFrame, focus_soon, retry_on_new_token};
use super::unsaved_guard::UnsavedChangesGuard;
use crate::api::ApiError;
use crate::i18n::{storage_type_label, use_i18n};

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

/// When a form shows its messages: a field's errors and warnings appear once it has been left
/// (blur) and then update as the user types; Save shows all of them. Errors the server returned
/// show at their field until that field is edited.
///
/// Everything is per field: each field has its own report (its domain rule's result), whether
/// it was checked or edited, and a memo of the messages it shows, so a keystroke in one field
/// re-runs and re-renders that field only. The error summary's list is those fields' shown
/// errors put together.
#[derive(Clone, Copy)]
pub struct FormChecks {
    reports: [Option<Memo<Report>>; FIELDS],
    checked: [RwSignal<bool>; FIELDS],
    edited: [RwSignal<bool>; FIELDS],
    messages: [Memo<FieldMessages>; FIELDS],
    errors: Memo<Vec<Issue>>,
    submitted: RwSignal<bool>,
    server: Signal<Vec<Issue>>,
}

/// How many fields [`FIELD_ORDER`] has.
const FIELDS: usize = FIELD_ORDER.len();

impl FormChecks {
    /// Checks over each field's own domain `reports` (the fields the form has, in any order) and
    /// the field errors of the last save (`server`).
    pub fn new(reports: &[(DomainField, Memo<Report>)], server: Signal<Vec<Issue>>) -> Self {
        let i18n = use_i18n();
        let reports: [Option<Memo<Report>>; FIELDS] = std::array::from_fn(|k| {
            reports
                .iter()
                .find(|(f, _)| *f == FIELD_ORDER[k])
                .map(|(_, r)| *r)
        });
        let checked: [RwSignal<bool>; FIELDS] = std::array::from_fn(|_| RwSignal::new(false));
        let edited: [RwSignal<bool>; FIELDS] = std::array::from_fn(|_| RwSignal::new(false));
        let shown: [Memo<Vec<Issue>>; FIELDS] = std::array::from_fn(|k| {
            let (field, report, checked, edited) =
                (FIELD_ORDER[k], reports[k], checked[k], edited[k]);
            Memo::new(move |_| {
                let mut errors = match report {
                    Some(report) if checked.get() => report.with(|r| r.errors.clone()),
                    _ => Vec::new(),
                };
                if !edited.get() {
                    server.with(|s| {
                        for issue in s.iter().filter(|i| i.field == field) {
                            if !errors.contains(issue) {
                                errors.push(issue.clone());
                            }
                        }
                    });
                }
                errors
            })
        });
        let messages: [Memo<FieldMessages>; FIELDS] = std::array::from_fn(|k| {
            let (report, checked, shown) = (reports[k], checked[k], shown[k]);
            Memo::new(move |_| {
                let t = i18n.t();
                let mut messages = FieldMessages::default();
                shown.with(|errors| {
                    for text in errors.iter().map(|i| (t.issue)(i)) {
                        if !messages.errors.contains(&text) {
                            messages.errors.push(text);
                        }
                    }
                });
                if let Some(report) = report {
                    let checked = checked.get();
                    report.with(|r| {
                        if checked {
                            messages.warnings = r.warnings.iter().map(|i| (t.issue)(i)).collect();
                        }
                        if messages.errors.is_empty() {
                            messages.notes = r.notes.iter().map(|i| (t.issue)(i)).collect();
                        }
                    });
                }
                messages
            })
        });
        let errors = Memo::new(move |_| {
            shown
                .iter()
                .flat_map(|field| field.get())
                .collect::<Vec<_>>()
        });
        FormChecks {
            reports,
            checked,
            edited,
            messages,
            errors,
            submitted: RwSignal::new(false),
            server,
        }
    }

    /// The user left `field`: show its messages from now on.
    pub fn check(&self, field: DomainField) {
        if let Some(checked) = slot(&self.checked, field)
            && !checked.get_untracked()
        {
            checked.set(true);
        }
    }

    /// Save was pressed: show every field's messages, and the error summary from now on.
    pub fn check_all(&self) {
        for field in FIELD_ORDER {
            self.check(field);
        }
        if !self.submitted.get_untracked() {
            self.submitted.set(true);
        }
    }

    /// The user changed `field`: the server's verdict on its old value no longer applies.
    pub fn edit(&self, field: DomainField) {
        if let Some(edited) = slot(&self.edited, field)
            && !edited.get_untracked()
        {
            edited.set(true);
        }
    }

    /// A save was sent: its answer is about the values as they are now.
    pub fn sent(&self) {
        for edited in self.edited {
            if edited.get_untracked() {
                edited.set(false);
            }
        }
    }

    /// Every error to show now, in form order: each field's own errors (once checked), then the
    /// server's for it.
    pub fn errors(&self) -> Memo<Vec<Issue>> {
        self.errors
    }

    /// Whether the error summary shows: after the first Save, or when the server rejected
    /// fields.
    pub fn summary_visible(&self) -> Signal<bool> {
        let (submitted, server) = (self.submitted, self.server);
        Signal::derive(move || submitted.get() || !server.with(Vec::is_empty))
    }

    /// Whether the values as typed have errors (whether shown yet or not).
    pub fn has_client_errors(&self) -> bool {
        self.reports
            .iter()
            .flatten()
            .any(|r| r.with_untracked(|r| !r.is_ok()))
    }

    /// The messages to show at `field`.
    pub fn messages(&self, field: DomainField) -> Signal<FieldMessages> {
        match slot(&self.messages, field) {
            Some(messages) => messages.into(),
            None => Signal::stored(FieldMessages::default()),
        }
    }
}

/// The entry for `field` in a per-field array (`None` for `Other`, which no control has).
fn slot<T: Copy>(items: &[T; FIELDS], field: DomainField) -> Option<T> {
    FIELD_ORDER
        .iter()
        .position(|f| *f == field)
        .map(|k| items[k])
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
    // One memo per field, each running only its own rule: a keystroke re-checks one field.
    let report = |check: fn(&str) -> Report, text: RwSignal<String>| {
        Memo::new(move |_| text.with(|t| check(t)))
    };
    let reports = [
        (
            DomainField::OrganizationName,
            report(
                |t| CustomerDraft::check_organization_name(t).report,
                organization,
            ),
        ),
        (
            DomainField::Domain,
            report(|t| CustomerDraft::check_domain(t).report, domain_text),
        ),
        (
            DomainField::UserLicenses,
            report(|t| CustomerDraft::check_user_licenses(t).report, licenses),
        ),
        (
            DomainField::ExtraStorageGb,
            Memo::new(move |_| {
                storage.with(|s| CustomerDraft::check_extra_storage(&s.as_text()).report)
            }),
        ),
        (
            DomainField::NotifyEmails,
            Memo::new(move |_| CustomerDraft::check_notify_emails(&notify_text()).report),
        ),
        (
            DomainField::StorageType,
            Memo::new(move |_| CustomerDraft::check_storage_type(chosen_type()).report),
        ),
    ];

    let pending = save.pending();
    let result = save.value();
    let saved = Memo::new(move |_| result.with(|r| matches!(r, Some(Ok(_)))));
    let failure = Signal::derive(move || match result.get() {
        Some(Err(e)) if !pending.get() => Some(e),
        _ => None,
    });
    let server =
        Memo::new(move |_| failure.with(|e| e.as_ref().map(field_issues).unwrap_or_default()));
    let checks = FormChecks::new(&reports, server.into());
    let busy = Memo::new(move |_| pending.get() || saved.get());
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

    retry_on_new_token(failure, submit);

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

            <FormActions pending disabled=busy saving_status=text(|t| t.saving_customer)/>
            <UnsavedChangesGuard when=dirty/>
        </FormFrame>
    }
}
