//! The Edit customer form: User Licenses and Extra Storage (the same fields and domain rules as
//! Add), the customer's fixed details beside them, current usage, a confirmation with the change
//! summary, and a conflict view when someone else saved first. Presentation only: the page
//! loads the customer and passes the save action, so tests mount it with given data.

use domain::{Customer, CustomerChanges, EditDraft, Field as DomainField};
use leptos::html;
use leptos::prelude::*;

use super::confirm_modal::ConfirmModal;
use super::customer_form::{FormChecks, LicensesField, StorageField, field_issues};
use super::fields::{ReadOnlyValue, StorageAmount};
use super::form_frame::{FormActions, FormFrame, focus_soon, retry_on_new_token};
use super::next_steps::HelpLink;
use super::unsaved_guard::UnsavedChangesGuard;
use crate::api::{ApiError, AuditEntry};
use crate::config::AppConfig;
use crate::format;
use crate::i18n::{Texts, status_label, storage_type_label, use_i18n};

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
fn change_line(t: &Texts, field: DomainField, old: &str, new: &str) -> String {
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

/// What changed between two versions of a customer, as `{field: {old, new}}` for host events.
pub fn change_detail(before: &Customer, after: &Customer) -> serde_json::Value {
    let mut detail = serde_json::Map::new();
    if before.user_licenses != after.user_licenses {
        detail.insert(
            "user_licenses".into(),
            serde_json::json!({ "old": before.user_licenses, "new": after.user_licenses }),
        );
    }
    if before.extra_storage_gb != after.extra_storage_gb {
        detail.insert(
            "extra_storage_gb".into(),
            serde_json::json!({ "old": before.extra_storage_gb, "new": after.extra_storage_gb }),
        );
    }
    serde_json::Value::Object(detail)
}

/// A timestamp in the user's local time: "28 Nov 2026, 10:42" ("28.11.2026 klo 10.42"); the
/// input if it is not a date.
pub fn date_time(t: &Texts, timestamp: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(timestamp));
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    (t.date_time)(
        date.get_date(),
        date.get_month(),
        date.get_full_year(),
        date.get_hours(),
        date.get_minutes(),
    )
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
    // Each field's part of the report: a keystroke in one field leaves the other's messages be.
    let report = move |field| Memo::new(move |_| validated.with(|v| v.report.for_field(field)));
    let reports = [
        (DomainField::UserLicenses, report(DomainField::UserLicenses)),
        (
            DomainField::ExtraStorageGb,
            report(DomainField::ExtraStorageGb),
        ),
    ];
    // Something to save, or something typed that is not valid yet (Save then shows why).
    let changed =
        Memo::new(move |_| validated.with(|v| v.value.as_ref().is_none_or(|c| !c.is_empty())));

    let pending = save.pending();
    let result = save.value();
    let saved = Signal::derive(move || matches!(result.get(), Some(Ok(_))));
    let conflict = Signal::derive(move || match result.get() {
        Some(Err(ApiError::Conflict { current })) if !pending.get() => {
            (current.version != base.with(|b| b.version)).then_some(*current)
        }
        _ => None,
    });
    let failure = Signal::derive(move || match result.get() {
        Some(Err(e)) if !pending.get() && !matches!(e, ApiError::Conflict { .. }) => Some(e),
        _ => None,
    });
    let server =
        Memo::new(move |_| failure.with(|e| e.as_ref().map(field_issues).unwrap_or_default()));
    let checks = FormChecks::new(&reports, server.into());
    let busy = Memo::new(move |_| pending.get() || saved.get());
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
    retry_on_new_token(failure, send);

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
    Effect::new(move |previous: Option<usize>| {
        let version = save.version().get();
        if previous.is_some_and(|p| p != version) {
            if conflict.with_untracked(Option::is_some) {
                focus_soon(conflict_ref);
            } else if !server.with_untracked(Vec::is_empty) {
                focus_soon(summary_ref);
            }
        }
        version
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
                .map(|w| (t.issue)(w))
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
        let t = i.t();
        let current = conflict.get()?;
        let before = base.get();
        let (licenses_touched, storage_touched) = touched();
        let yours = |touched: bool, text: String| {
            if touched {
                view! { <td>{text}</td> }.into_any()
            } else {
                view! { <td class="cm-muted">{t.not_changed}</td> }.into_any()
            }
        };
        let mine_licenses = yours(licenses_touched, licenses.get());
        let mine_storage = yours(storage_touched, storage.with(StorageAmount::as_text));
        let apply = current.clone();
        let discard = current.clone();
        Some(view! {
            <div
                node_ref=conflict_ref
                class="cm-conflict"
                role="alert"
                tabindex="-1"
                aria-labelledby="cm-conflict-title"
            >
                <h2 id="cm-conflict-title">{t.conflict_title}</h2>
                <p>
                    {(t.conflict_body)(&current.organization_name, &date_time(t, &current.updated_at))}
                </p>
                <table class="cm-table">
                    <caption class="cm-visually-hidden">{t.conflict_caption}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">{t.when_opened}</th>
                            <th scope="col">{t.now_on_server}</th>
                            <th scope="col">{t.yours}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">{(t.field_label)(DomainField::UserLicenses)}</th>
                            <td>{format::count(before.user_licenses.into())}</td>
                            <td>{format::count(current.user_licenses.into())}</td>
                            {mine_licenses}
                        </tr>
                        <tr>
                            <th scope="row">{(t.field_label)(DomainField::ExtraStorageGb)}</th>
                            <td>{format::storage(before.extra_storage_gb)}</td>
                            <td>{format::storage(current.extra_storage_gb)}</td>
                            {mine_storage}
                        </tr>
                    </tbody>
                </table>
                <div class="cm-conflict__actions">
                    <button type="button" class="cm-button cm-button--primary" on:click=move |_| apply_mine(apply.clone())>
                        {t.apply_mine}
                    </button>
                    <button type="button" class="cm-button" on:click=move |_| discard_mine(discard.clone())>
                        {t.discard_mine}
                    </button>
                </div>
            </div>
        })
    };

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

            {details}

            <LicensesField value=licenses checks readonly=busy aside=licenses_aside/>
            <StorageField value=storage checks readonly=busy aside=storage_aside/>

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

            <FormActions
                pending
                disabled=Signal::derive(move || {
                    busy.get() || !changed.get() || conflict.with(Option::is_some)
                })
                saving_status=text(|t| t.saving_changes)
            />
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

/// Who changed what and when, newest first (no fetching: the page passes the entries).
#[component]
pub fn AuditTrail(
    /// The entries, newest first.
    entries: Vec<AuditEntry>,
) -> impl IntoView {
    let i = use_i18n();
    move || {
        let t = i.t();
        if entries.is_empty() {
            return view! { <p class="cm-muted">{t.no_changes_yet}</p> }.into_any();
        }
        let rows = entries
            .iter()
            .map(|e| {
                view! {
                    <tr>
                        <td>{date_time(t, &e.at)}</td>
                        <td>{e.actor.clone()}</td>
                        <td>{audit_change(t, e)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="cm-table-wrap">
                <table class="cm-table">
                    <caption class="cm-visually-hidden">{t.history_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.col_when}</th>
                            <th scope="col">{t.col_who}</th>
                            <th scope="col">{t.col_change}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

/// "User Licenses 250 → 300", "Customer created", …
fn audit_change(t: &Texts, e: &AuditEntry) -> String {
    let number = |v: &serde_json::Value| v.as_u64();
    let raw = |field| change_line(t, field, &e.old.to_string(), &e.new.to_string());
    match e.field.as_str() {
        "created" => t.customer_created.to_owned(),
        "user_licenses" => match (number(&e.old), number(&e.new)) {
            (Some(old), Some(new)) => change_line(
                t,
                DomainField::UserLicenses,
                &format::count(old),
                &format::count(new),
            ),
            _ => raw(DomainField::UserLicenses),
        },
        "extra_storage_gb" => match (number(&e.old), number(&e.new)) {
            (Some(old), Some(new)) => change_line(
                t,
                DomainField::ExtraStorageGb,
                &format::storage(old),
                &format::storage(new),
            ),
            _ => raw(DomainField::ExtraStorageGb),
        },
        other => format!("{other}: {} → {}", e.old, e.new),
    }
}
