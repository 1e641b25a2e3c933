//! The Edit customer form: User Licenses and Extra Storage (the same fields and domain rules as
//! Add), the customer's fixed details beside them, current usage, a confirmation with the change
//! summary, and the conflict view when someone else saved first. Presentation only: the page
//! loads the customer and passes the save action, so tests mount it with given data.

use domain::usage::Suggestion;
use domain::{Customer, CustomerChanges, EditDraft, Field as DomainField};
use leptos::html;
use leptos::prelude::*;

use super::conflict::ConflictView;
use super::suggest::SuggestButton;
use crate::api::ApiError;
use crate::context::AppConfig;
use crate::form::checks::FormChecks;
use crate::form::customer_fields::{LicensesField, StorageField};
use crate::form::frame::{FormActions, FormFrame};
use crate::form::guard::UnsavedChangesGuard;
use crate::form::save::{SaveState, focus_soon};
use crate::i18n::format::{self, date_time};
use crate::i18n::{Texts, status_label, storage_type_label, use_i18n};
use crate::ui::dialog::ConfirmModal;
use crate::ui::field::ReadOnlyValue;
use crate::ui::help_link::HelpLink;
use crate::ui::inputs::StorageAmount;

/// An edit to send: the customer as the user saw it (its `version` goes in `If-Match`) and
/// what changes.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateRequest {
    /// The version the changes apply to.
    pub before: Customer,
    /// Only the fields that differ from `before`.
    pub changes: CustomerChanges,
}

/// A saved edit: the customer before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Updated {
    /// The version the changes were applied to.
    pub before: Customer,
    /// The customer as the server saved it.
    pub after: Customer,
}

/// "User Licenses 250 → 300": a field's label, its old value and its new one.
pub(super) fn change_line(t: &Texts, field: DomainField, old: &str, new: &str) -> String {
    format!("{} {old} → {new}", (t.field_label)(field))
}

/// One line per changed field: "User Licenses 250 → 300", "Extra Storage 2 TB → 3 TB".
pub fn change_lines(t: &Texts, before: &Customer, changes: &CustomerChanges) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(n) = changes.user_licenses {
        lines.push(change_line(
            t,
            DomainField::UserLicenses,
            &format::count(before.user_licenses.into()),
            &format::count(n.into()),
        ));
    }
    if let Some(gb) = changes.extra_storage_gb {
        lines.push(change_line(
            t,
            DomainField::ExtraStorageGb,
            &format::storage(before.extra_storage_gb),
            &format::storage(gb),
        ));
    }
    lines
}

/// "212 licenses in use".
fn licenses_in_use(t: &Texts, c: &Customer) -> String {
    let n = u64::from(c.licenses_in_use);
    (t.licenses_in_use)(n, &format::count(n))
}

/// "1.4 TB of 2 TB used (as of 28 Nov 2026, 10:42)".
fn storage_in_use(t: &Texts, c: &Customer) -> String {
    (t.storage_in_use)(
        &format::storage(c.storage_used_gb),
        &format::storage(c.extra_storage_gb),
        &date_time(t, &c.usage_updated_at),
    )
}

/// The form text for a customer's current values.
fn form_values(c: &Customer) -> (String, StorageAmount) {
    let draft = EditDraft::from_customer(c);
    (
        draft.user_licenses,
        StorageAmount::from_formatted(&draft.extra_storage),
    )
}

/// The Edit customer form for a loaded customer.
#[component]
pub fn EditCustomerForm(
    /// The customer as loaded; its `version` is what the save sends in `If-Match`.
    customer: Customer,
    /// Saves the changes (`PATCH` with `If-Match`); a 412 answer opens the conflict view.
    save: Action<UpdateRequest, Result<Updated, ApiError>>,
    /// The person may only view (a viewer): the fields are read-only, there is no Save, and a
    /// line says who can make changes.
    #[prop(optional, into)]
    view_only: Signal<bool>,
    /// What Suggest fills in (from the usage trend); no Suggest without one, nor for a viewer.
    #[prop(optional, into)]
    suggestion: Signal<Option<Suggestion>>,
) -> impl IntoView {
    let config = use_context::<AppConfig>().unwrap_or_default();
    let i = use_i18n();
    let (licenses_text, storage_amount) = form_values(&customer);
    let base = RwSignal::new(customer.clone());
    let licenses = RwSignal::new(licenses_text);
    let storage = RwSignal::new(storage_amount);

    let draft = Memo::new(move |_| EditDraft {
        user_licenses: licenses.get(),
        extra_storage: storage.with(StorageAmount::as_text),
    });
    let validated = Memo::new(move |_| base.with(|b| draft.with(|d| d.validate(b))));
    // Something to save, or something typed that is not valid yet (Save then shows why).
    let changed =
        Memo::new(move |_| validated.with(|v| v.value.as_ref().is_none_or(|c| !c.is_empty())));

    // A conflict has a view of its own; every other failure is the frame's to explain.
    let state = SaveState::new(save, |e| !matches!(e, ApiError::Conflict { .. }));
    let SaveState {
        pending,
        saved,
        failure,
        busy,
        ..
    } = state;
    let result = save.value();
    let conflict = Signal::derive(move || match result.get() {
        Some(Err(ApiError::Conflict { current })) if !pending.get() => {
            (current.version != base.with(|b| b.version)).then_some(*current)
        }
        _ => None,
    });
    // Each field's part of the report: a keystroke in one field leaves the other's messages be.
    let checks = FormChecks::new(state.server.into());
    let report = move |field| Memo::new(move |_| validated.with(|v| v.report.for_field(field)));
    let licenses_check =
        checks.register(DomainField::UserLicenses, report(DomainField::UserLicenses));
    let storage_check = checks.register(
        DomainField::ExtraStorageGb,
        report(DomainField::ExtraStorageGb),
    );
    let dirty = Memo::new(move |_| changed.get() && !saved.get());

    let confirm_open = RwSignal::new(false);
    // An outcome to report, as its text in the current language.
    let info = RwSignal::new(None::<fn(&Texts) -> &'static str>);
    let summary_ref = NodeRef::<html::Div>::new();
    let conflict_ref = NodeRef::<html::Div>::new();

    let send = move || {
        let Some(changes) = validated.with_untracked(|v| v.value.clone()) else {
            return;
        };
        if changes.is_empty() || busy.get_untracked() {
            return;
        }
        checks.sent();
        save.dispatch(UpdateRequest {
            before: base.get_untracked(),
            changes,
        });
    };
    state.retry_on_new_token(send);

    // Save: check everything, then confirm the change summary.
    let review = move || {
        if busy.get_untracked() {
            return;
        }
        info.set(None);
        checks.check_all();
        if checks.has_client_errors() {
            focus_soon(summary_ref);
            return;
        }
        if validated.with_untracked(|v| v.value.as_ref().is_some_and(|c| !c.is_empty())) {
            confirm_open.set(true);
        }
    };
    // Which fields the user changed (against the version they started from): only those are
    // "theirs"; the others take the values now on the server.
    let touched = move || {
        let before = base.get_untracked();
        let (l, s) = form_values(&before);
        match validated.with_untracked(|v| v.value.clone()) {
            Some(changes) => (
                changes.user_licenses.is_some(),
                changes.extra_storage_gb.is_some(),
            ),
            None => (
                licenses.with_untracked(|t| t.trim() != l),
                storage.with_untracked(|t| t.as_text() != s.as_text()),
            ),
        }
    };
    let apply_mine = move |current: Customer| {
        let (licenses_touched, storage_touched) = touched();
        let (l, s) = form_values(&current);
        if !licenses_touched {
            licenses.set(l);
        }
        if !storage_touched {
            storage.set(s);
        }
        base.set(current);
        review();
        if !checks.has_client_errors() && !changed.get_untracked() {
            info.set(Some(|t| t.nothing_left_to_save));
        }
    };
    let discard_mine = move |current: Customer| {
        let (l, s) = form_values(&current);
        base.set(current);
        licenses.set(l);
        storage.set(s);
        info.set(Some(|t| t.changes_discarded));
    };

    // A 412 answer: move focus to the conflict view so the choice is announced and at hand.
    state.focus_after_answer(summary_ref, move || {
        let conflicted = conflict.with_untracked(Option::is_some);
        if conflicted {
            focus_soon(conflict_ref);
        }
        conflicted
    });

    let summary_lines = move || {
        let t = i.t();
        let lines = validated.with(|v| {
            v.value
                .as_ref()
                .map(|c| base.with(|b| change_lines(t, b, c)))
                .unwrap_or_default()
        });
        let warnings = validated.with(|v| {
            v.report
                .warnings
                .iter()
                .map(|w| t.issue(w))
                .collect::<Vec<_>>()
        });
        view! {
            <ul class="cm-change-list">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            {warnings
                .into_iter()
                .map(|w| view! { <p class="cm-field__warning"><span class="cm-visually-hidden">{t.warning_prefix}</span>{w}</p> })
                .collect_view()}
        }
    };

    let details = {
        let c = customer.clone();
        let notify = c
            .notify_emails
            .iter()
            .map(|e| view! { <li>{e.clone()}</li> })
            .collect_view();
        let domain = match c.domain.clone() {
            Some(d) => view! { <span>{d}</span> }.into_any(),
            None => {
                view! { <span class="cm-muted">{move || i.t().not_registered}</span> }.into_any()
            }
        };
        let label = move |f: DomainField| Signal::derive(move || (i.t().field_label)(f).to_owned());
        let (status, storage_type) = (c.status, c.storage_type);
        view! {
            <dl class="cm-readonly" aria-label=move || i.t().fixed_details>
                <ReadOnlyValue label=label(DomainField::OrganizationName)>{c.organization_name.clone()}</ReadOnlyValue>
                <ReadOnlyValue label=label(DomainField::Domain)>{domain}</ReadOnlyValue>
                <ReadOnlyValue label=label(DomainField::NotifyEmails)><ul>{notify}</ul></ReadOnlyValue>
                <ReadOnlyValue label=Signal::derive(move || i.t().status.to_owned())>
                    {move || status_label(i.t(), status)}
                </ReadOnlyValue>
                <ReadOnlyValue label=label(DomainField::StorageType)>
                    {move || storage_type_label(i.t(), storage_type)}
                    <p>
                        {move || i.t().storage_type_fixed}
                        <a href=config.support_url.clone()>{move || i.t().contact_support}</a>
                    </p>
                </ReadOnlyValue>
            </dl>
        }
    };

    let conflict_view = move || {
        // A language switch re-renders the view in the new language.
        i.locale();
        let current = conflict.get()?;
        let (licenses_touched, storage_touched) = touched();
        Some(view! {
            <ConflictView
                current
                before=base.get()
                mine_licenses=licenses_touched.then(|| licenses.get())
                mine_storage=storage_touched.then(|| storage.with(StorageAmount::as_text))
                on_apply=Callback::new(apply_mine)
                on_discard=Callback::new(discard_mine)
                node_ref=conflict_ref
            />
        })
    };

    // Nothing can be typed while a save is on its way, nor ever by a viewer.
    let fixed = Signal::derive(move || busy.get() || view_only.get());
    let licenses_aside = Signal::derive(move || Some(base.with(|c| licenses_in_use(i.t(), c))));
    let storage_aside = Signal::derive(move || Some(base.with(|c| storage_in_use(i.t(), c))));
    let entra_order = config.entra_id_order_url.clone();
    let entra_marketplace = config.entra_id_marketplace_url.clone();
    let organization_name = customer.organization_name.clone();
    let title = Signal::derive(move || (i.t().save_changes_to)(&organization_name));
    let text =
        move |text: fn(&Texts) -> &'static str| Signal::derive(move || text(i.t()).to_owned());

    view! {
        <FormFrame
            checks
            summary_ref
            pending
            on_submit=move || review()
            failure
            failure_what=text(|t| t.not_saved)
            retry_note=text(|t| t.retry_safe_update)
            on_retry=move || send()
        >
            {conflict_view}
            {move || info.get().map(|text| view! { <p class="cm-info" role="status">{text(i.t())}</p> })}
            {move || view_only.get().then(|| view! { <p class="cm-view-only">{move || i.t().view_only_customer}</p> })}

            {details}

            <LicensesField value=licenses check=licenses_check readonly=fixed aside=licenses_aside/>
            <StorageField value=storage check=storage_check readonly=fixed aside=storage_aside/>
            <Show when=move || !view_only.get()>
                // Suggest only fills the fields: the change summary and Save work as if typed.
                <SuggestButton suggestion licenses storage on_apply=Callback::new(move |()| info.set(None)) disabled=fixed/>
            </Show>

            <aside class="cm-note" aria-labelledby="cm-entra-title">
                <h2 id="cm-entra-title">{move || i.t().entra_title}</h2>
                <p>
                    {move || i.t().entra_before}
                    <HelpLink href=entra_order>{move || i.t().entra_from_nexetic}</HelpLink>
                    {move || i.t().entra_or}
                    <HelpLink href=entra_marketplace>{move || i.t().entra_from_marketplace}</HelpLink>
                    {move || i.t().entra_after}
                </p>
            </aside>

            <Show when=move || !view_only.get()>
                <FormActions
                    pending
                    disabled=Signal::derive(move || {
                        busy.get() || !changed.get() || conflict.with(Option::is_some)
                    })
                    saving_status=text(|t| t.saving_changes)
                />
            </Show>
            <ConfirmModal
                open=confirm_open
                title=title
                confirm_label=text(|t| t.save_changes)
                cancel_label=Signal::derive(move || Some(i.t().keep_editing.to_owned()))
                focus_confirm=true
                on_confirm=move || send()
            >
                // Built only while the dialog is open, not on every keystroke behind it.
                {move || confirm_open.get().then(summary_lines)}
            </ConfirmModal>
            <UnsavedChangesGuard when=dirty/>
        </FormFrame>
    }
}
