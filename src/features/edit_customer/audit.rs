//! The customer's change history under the Edit form: who (and in which role) changed what and
//! when.

use domain::{AuditEntry, Field as DomainField, Role};
use leptos::prelude::*;
use serde_json::Value;

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
    let number = |v: &Value| v.as_u64();
    let raw = |field| change_line(t, field, &json_text(&e.old), &json_text(&e.new));
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
        other => format!("{other}: {} → {}", json_text(&e.old), json_text(&e.new)),
    }
}

/// A value as compact JSON, as serde_json writes it (`to_string`), without serde_json's writer
/// in the Edit chunk (its float printer's tables alone are kilobytes). A float is written as
/// Rust prints it, which differs from serde_json only past 1e16 or below 1e-5: the server stores
/// whole numbers, which JSON.parse gives as integers.
fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, value);
    out
}

/// Appends `value` to `out` as compact JSON.
fn write_json(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.to_string(),
            (None, Some(i)) => i.to_string(),
            _ => n.as_f64().unwrap_or_default().to_string(),
        }),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (n, (key, item)) in map.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_json(out, item);
            }
            out.push('}');
        }
    }
}

/// A JSON string with serde_json's escapes (quote, backslash, the short control escapes, `\u00xx`).
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[c as usize >> 4]));
                out.push(char::from(HEX[c as usize & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::json_text;

    #[test]
    fn json_text_is_what_serde_json_writes() {
        let values = [
            json!(null),
            json!(true),
            json!(300),
            json!(-7),
            json!(1.5),
            json!(u64::MAX),
            json!("Contoso \"Oy\" \\ / ä € \u{1} \u{1f} \u{7f} \n\r\t\u{8}\u{c}"),
            json!([1, "a", null, [], {}]),
            json!({"b": 1, "a": {"c": [true, false]}, "": ""}),
        ];
        for value in values {
            assert_eq!(json_text(&value), value.to_string());
        }
    }
}
