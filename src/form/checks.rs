//! When a form shows its messages. Each field registers with the form's [`FormChecks`] (its
//! domain rule's report as a memo) and gets a [`FieldCheck`]; the order of registration is the
//! form's order, which the error summary follows. Every rule is `crates/domain`; this module
//! only decides when and where its messages appear.

use domain::{Field as DomainField, Issue, Report};
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::ui::field::FieldMessages;

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

/// A form's checks: a field's errors and warnings appear once it has been left (blur) and then
/// update as the user types; Save shows all of them. Errors the server returned show at their
/// field until that field is edited.
///
/// Everything is per field: each registered field has its own report, whether it was checked
/// or edited, and a memo of the messages it shows, so a keystroke in one field re-runs and
/// re-renders that field only. The error summary's list is those fields' shown errors.
#[derive(Clone, Copy)]
pub struct FormChecks {
    fields: RwSignal<Vec<FieldCheck>>,
    errors: Memo<Vec<Issue>>,
    submitted: RwSignal<bool>,
    server: Signal<Vec<Issue>>,
}

/// One registered field's part of the checks: what its control calls on input and blur, and
/// the messages its [`crate::ui::field::Field`] shows.
#[derive(Clone, Copy)]
pub struct FieldCheck {
    field: DomainField,
    report: Memo<Report>,
    checked: RwSignal<bool>,
    edited: RwSignal<bool>,
    shown: Memo<Vec<Issue>>,
    messages: Memo<FieldMessages>,
}

impl FormChecks {
    /// Checks with no fields yet, over the field errors of the last save (`server`).
    pub fn new(server: Signal<Vec<Issue>>) -> Self {
        let fields = RwSignal::new(Vec::<FieldCheck>::new());
        let errors = Memo::new(move |_| {
            fields.with(|fields| fields.iter().flat_map(|f| f.shown.get()).collect())
        });
        FormChecks {
            fields,
            errors,
            submitted: RwSignal::new(false),
            server,
        }
    }

    /// Adds `field`, checked by its own domain rule's `report`, after the fields registered so
    /// far (the summary lists errors in this order).
    pub fn register(&self, field: DomainField, report: Memo<Report>) -> FieldCheck {
        let i18n = use_i18n();
        let server = self.server;
        let (checked, edited) = (RwSignal::new(false), RwSignal::new(false));
        let shown = Memo::new(move |_| {
            let mut errors = match checked.get() {
                true => report.with(|r| r.errors.clone()),
                false => Vec::new(),
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
        });
        let messages = Memo::new(move |_| {
            let t = i18n.t();
            let mut messages = FieldMessages::default();
            shown.with(|errors| {
                for text in errors.iter().map(|i| t.issue(i)) {
                    if !messages.errors.contains(&text) {
                        messages.errors.push(text);
                    }
                }
            });
            let checked = checked.get();
            report.with(|r| {
                if checked {
                    messages.warnings = r.warnings.iter().map(|i| t.issue(i)).collect();
                }
                if messages.errors.is_empty() {
                    messages.notes = r.notes.iter().map(|i| t.issue(i)).collect();
                }
            });
            messages
        });
        let check = FieldCheck {
            field,
            report,
            checked,
            edited,
            shown,
            messages,
        };
        self.fields.update(|fields| fields.push(check));
        check
    }

    /// Save was pressed: show every field's messages, and the error summary from now on.
    pub fn check_all(&self) {
        self.fields
            .with_untracked(|fields| fields.iter().for_each(FieldCheck::check));
        if !self.submitted.get_untracked() {
            self.submitted.set(true);
        }
    }

    /// A save was sent: its answer is about the values as they are now.
    pub fn sent(&self) {
        self.fields.with_untracked(|fields| {
            for f in fields.iter().filter(|f| f.edited.get_untracked()) {
                f.edited.set(false);
            }
        });
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
        self.fields.with_untracked(|fields| {
            fields
                .iter()
                .any(|f| f.report.with_untracked(|r| !r.is_ok()))
        })
    }
}

impl FieldCheck {
    /// The field this checks.
    pub fn field(&self) -> DomainField {
        self.field
    }

    /// The id of the field's control.
    pub fn id(&self) -> &'static str {
        field_id(self.field)
    }

    /// The user left the field: show its messages from now on.
    pub fn check(&self) {
        if !self.checked.get_untracked() {
            self.checked.set(true);
        }
    }

    /// The user changed the field: the server's verdict on its old value no longer applies.
    pub fn edit(&self) {
        if !self.edited.get_untracked() {
            self.edited.set(true);
        }
    }

    /// The messages to show at the field.
    pub fn messages(&self) -> Signal<FieldMessages> {
        self.messages.into()
    }
}
