//! The Edit customer form: User Licenses and Extra Storage (the same fields and domain rules as
//! Add), the customer's fixed details beside them, current usage, a confirmation with the change
//! summary, and a conflict view when someone else saved first. Presentation only: the page
//! loads the customer and passes the save action, so tests mount it with given data.

use domain::{Customer, CustomerChanges, EditDraft, Field as DomainField, format_storage};
use leptos::html;
use leptos::prelude::*;

use super::confirm_modal::ConfirmModal;
use super::customer_form::{
    ErrorSummary, FormChecks, LicensesField, SaveFailure, StorageField, field_issues, focus_soon,
};
use super::fields::{ReadOnlyValue, StorageAmount};
use super::next_steps::HelpLink;
use super::unsaved_guard::UnsavedChangesGuard;
use crate::api::{ApiError, AuditEntry};
use crate::config::AppConfig;
use crate::format;

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

/// One line per changed field: "User Licenses 250 → 300", "Extra Storage 2 TB → 3 TB".
pub fn change_lines(before: &Customer, changes: &CustomerChanges) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(n) = changes.user_licenses {
        lines.push(format!(
            "{} {} → {}",
            DomainField::UserLicenses.label(),
            format::count(before.user_licenses.into()),
            format::count(n.into())
        ));
    }
    if let Some(gb) = changes.extra_storage_gb {
        lines.push(format!(
            "{} {} → {}",
            DomainField::ExtraStorageGb.label(),
            format_storage(before.extra_storage_gb),
            format_storage(gb)
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

/// A timestamp in the user's local time: "28 Nov 2026, 10:42"; the input if it is not a date.
pub fn date_time(timestamp: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(timestamp));
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    format!(
        "{} {} {}, {:02}:{:02}",
        date.get_date(),
        MONTHS[date.get_month() as usize % 12],
        date.get_full_year(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// "212 licenses in use".
fn licenses_in_use(c: &Customer) -> String {
    match c.licenses_in_use {
        1 => "1 license in use".to_owned(),
        n => format!("{} licenses in use", format::count(n.into())),
    }
}

/// "1.4 TB of 2 TB used (as of 28 Nov 2026, 10:42)".
fn storage_in_use(c: &Customer) -> String {
    format!(
        "{} of {} used (as of {})",
        format::storage(c.storage_used_gb),
        format::storage(c.extra_storage_gb),
        date_time(&c.usage_updated_at)
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
        Signal::derive(move || validated.with(|v| v.value.as_ref().is_none_or(|c| !c.is_empty())));

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
        Signal::derive(move || failure.get().map(|e| field_issues(&e)).unwrap_or_default());
    let checks = FormChecks::new(
        Signal::derive(move || validated.with(|v| v.report.clone())),
        server,
    );
    let busy = Signal::derive(move || pending.get() || saved.get());
    let dirty = Signal::derive(move || changed.get() && !saved.get());

    let submitted = RwSignal::new(false);
    let confirm_open = RwSignal::new(false);
    let info = RwSignal::new(None::<&'static str>);
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
    // Save: check everything, then confirm the change summary.
    let review = move || {
        if busy.get_untracked() {
            return;
        }
        info.set(None);
        submitted.set(true);
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
            info.set(Some(
                "The customer already has your values: there is nothing left to save.",
            ));
        }
    };
    let discard_mine = move |current: Customer| {
        let (l, s) = form_values(&current);
        base.set(current);
        licenses.set(l);
        storage.set(s);
        info.set(Some(
            "Your changes were discarded: the form shows the latest values.",
        ));
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
        let lines = validated.with(|v| {
            v.value
                .as_ref()
                .map(|c| base.with(|b| change_lines(b, c)))
                .unwrap_or_default()
        });
        let warnings = validated.with(|v| {
            v.report
                .warnings
                .iter()
                .map(domain::message)
                .collect::<Vec<_>>()
        });
        view! {
            <ul class="cm-change-list">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            {warnings
                .into_iter()
                .map(|w| view! { <p class="cm-field__warning"><span class="cm-visually-hidden">"Warning: "</span>{w}</p> })
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
            None => view! { <span class="cm-muted">"Not registered"</span> }.into_any(),
        };
        view! {
            <dl class="cm-readonly" aria-label="Customer details that cannot be changed here">
                <ReadOnlyValue label="Organization name">{c.organization_name.clone()}</ReadOnlyValue>
                <ReadOnlyValue label="Domain">{domain}</ReadOnlyValue>
                <ReadOnlyValue label="Notify Users"><ul>{notify}</ul></ReadOnlyValue>
                <ReadOnlyValue label="Status">{c.status.label()}</ReadOnlyValue>
                <ReadOnlyValue label="Storage Type">
                    {c.storage_type.label()}
                    <p>
                        "A wrong Storage Type can only be corrected by support, and only before backups are configured. "
                        <a href=config.support_url.clone()>"Contact support"</a>
                    </p>
                </ReadOnlyValue>
            </dl>
        }
    };

    let conflict_view = move || {
        let current = conflict.get()?;
        let before = base.get();
        let (licenses_touched, storage_touched) = touched();
        let yours = |touched: bool, text: String| {
            if touched {
                view! { <td>{text}</td> }.into_any()
            } else {
                view! { <td class="cm-muted">"not changed"</td> }.into_any()
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
                <h2 id="cm-conflict-title">"Someone else changed this customer"</h2>
                <p>
                    "While you were editing, " {current.organization_name.clone()}
                    " was saved by someone else (" {date_time(&current.updated_at)}
                    "). Nothing you typed has been saved, and nothing has been lost."
                </p>
                <table class="cm-table">
                    <caption class="cm-visually-hidden">"Values when you opened the customer, now on the server, and yours"</caption>
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">"When you opened it"</th>
                            <th scope="col">"Now on the server"</th>
                            <th scope="col">"Yours"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">"User Licenses"</th>
                            <td>{format::count(before.user_licenses.into())}</td>
                            <td>{format::count(current.user_licenses.into())}</td>
                            {mine_licenses}
                        </tr>
                        <tr>
                            <th scope="row">"Extra Storage"</th>
                            <td>{format_storage(before.extra_storage_gb)}</td>
                            <td>{format_storage(current.extra_storage_gb)}</td>
                            {mine_storage}
                        </tr>
                    </tbody>
                </table>
                <div class="cm-conflict__actions">
                    <button type="button" class="cm-button cm-button--primary" on:click=move |_| apply_mine(apply.clone())>
                        "Apply my changes to the new version"
                    </button>
                    <button type="button" class="cm-button" on:click=move |_| discard_mine(discard.clone())>
                        "Discard my changes"
                    </button>
                </div>
            </div>
        })
    };

    let licenses_aside = Signal::derive(move || Some(base.with(licenses_in_use)));
    let storage_aside = Signal::derive(move || Some(base.with(storage_in_use)));
    let entra_order = config.entra_id_order_url.clone();
    let entra_marketplace = config.entra_id_marketplace_url.clone();
    let title = format!("Save changes to {}?", customer.organization_name);

    view! {
        <form
            class="cm-form"
            id="cm-form"
            novalidate
            aria-busy=move || pending.get().to_string()
            on:submit=move |ev| {
                ev.prevent_default();
                review();
            }
        >
            <ErrorSummary
                errors=Signal::derive(move || checks.errors())
                visible=Signal::derive(move || submitted.get() || !server.with(Vec::is_empty))
                node_ref=summary_ref
            />
            <SaveFailure
                error=failure
                what="The changes were not saved."
                retry_note="Retrying is safe: it only saves if nobody else changed the customer meanwhile."
                on_retry=move || send()
            />
            {conflict_view}
            {move || info.get().map(|text| view! { <p class="cm-info" role="status">{text}</p> })}

            {details}

            <LicensesField value=licenses checks readonly=busy aside=licenses_aside/>
            <StorageField value=storage checks readonly=busy aside=storage_aside/>

            <aside class="cm-note" aria-labelledby="cm-entra-title">
                <h2 id="cm-entra-title">"Entra ID backup"</h2>
                <p>
                    "To back up this customer's Entra ID as well, order Entra ID backup "
                    <HelpLink href=entra_order>"from Nexetic"</HelpLink>
                    " or "
                    <HelpLink href=entra_marketplace>"from the ALSO Cloud Marketplace"</HelpLink>
                    "."
                </p>
            </aside>

            <div class="cm-form__actions">
                <button
                    type="submit"
                    class="cm-button cm-button--primary"
                    class:cm-button--busy=move || pending.get()
                    disabled=move || busy.get() || !changed.get() || conflict.with(Option::is_some)
                    // Keep focus where it is on press: the blur would show that field's messages
                    // and move Save down before the button is released, losing the click.
                    on:mousedown=|ev: web_sys::MouseEvent| ev.prevent_default()
                >
                    {move || if pending.get() {
                        view! { <span class="cm-spinner" aria-hidden="true"></span>"Saving…" }.into_any()
                    } else {
                        "Save".into_any()
                    }}
                </button>
                <a class="cm-button" href="/customers">"Cancel"</a>
                <p class="cm-visually-hidden" role="status">
                    {move || pending.get().then_some("Saving the changes…")}
                </p>
            </div>
            <ConfirmModal
                open=confirm_open
                title=title
                confirm_label="Save changes"
                cancel_label="Keep editing"
                focus_confirm=true
                on_confirm=move || send()
            >
                {summary_lines}
            </ConfirmModal>
            <UnsavedChangesGuard when=dirty/>
        </form>
    }
}

/// Who changed what and when, newest first (no fetching: the page passes the entries).
#[component]
pub fn AuditTrail(
    /// The entries, newest first.
    entries: Vec<AuditEntry>,
) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="cm-muted">"No changes yet."</p> }.into_any();
    }
    let rows = entries
        .into_iter()
        .map(|e| {
            let change = audit_change(&e);
            view! {
                <tr>
                    <td>{date_time(&e.at)}</td>
                    <td>{e.actor}</td>
                    <td>{change}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="cm-table-wrap">
            <table class="cm-table">
                <caption class="cm-visually-hidden">"Changes to this customer, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"Change"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// "User Licenses 250 → 300", "Customer created", …
fn audit_change(e: &AuditEntry) -> String {
    let number = |v: &serde_json::Value| v.as_u64();
    match e.field.as_str() {
        "created" => "Customer created".to_owned(),
        "user_licenses" => match (number(&e.old), number(&e.new)) {
            (Some(old), Some(new)) => format!(
                "User Licenses {} → {}",
                format::count(old),
                format::count(new)
            ),
            _ => format!("User Licenses {} → {}", e.old, e.new),
        },
        "extra_storage_gb" => match (number(&e.old), number(&e.new)) {
            (Some(old), Some(new)) => format!(
                "Extra Storage {} → {}",
                format_storage(old),
                format_storage(new)
            ),
            _ => format!("Extra Storage {} → {}", e.old, e.new),
        },
        other => format!("{other}: {} → {}", e.old, e.new),
    }
}
