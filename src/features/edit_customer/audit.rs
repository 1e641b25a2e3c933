//! The customer's change history under the Edit form: who (and in which role) changed what and
//! when.

use domain::{AuditEntry, Field as DomainField, Role};
use leptos::prelude::*;

use super::form::change_line;
use crate::i18n::format::{self, date_time};
use crate::i18n::{Texts, use_i18n};

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
                        <td>
                            {e.actor.clone()}
                            {e.actor_role.map(|role| view! { " "<span class="cm-muted">"("{role_name(t, role)}")"</span> })}
                        </td>
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

/// A role as the history names it after the person: "manager", "viewer".
fn role_name(t: &Texts, role: Role) -> &'static str {
    match role {
        Role::Manager => t.role_manager,
        Role::Viewer => t.role_viewer,
        Role::UsageWriter => t.role_usage_writer,
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
