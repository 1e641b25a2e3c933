//! A customer's change history, for the Edit customer view's audit trail.

use domain::{AuditEntry, Role};
use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};

use super::ApiError;
use super::customers::path_segment;
use super::read::{json_value, member, optional, text};
use super::transport::{base, call_json};

/// `GET /customers/{id}/audit`: who changed what and when, newest first.
pub async fn customer_audit(id: &str) -> Result<Vec<AuditEntry>, ApiError> {
    let url = format!("{}/customers/{}/audit", base(), path_segment(id));
    let value = call_json(Request::get(&url), None)
        .await
        .map_err(ApiError::missing_customer)?;
    read_audit(&value)
        .map_err(|field| ApiError::Decode(format!("the history answer's {field} does not read")))
}

/// The history read from its parsed JSON by hand (see `read`). Err: the member that does not read.
fn read_audit(v: &JsValue) -> Result<Vec<AuditEntry>, &'static str> {
    let entries = v.dyn_ref::<js_sys::Array>().ok_or("list")?;
    entries.iter().map(|e| read_entry(&e)).collect()
}

/// One entry; `old` and `new` are any JSON (`null` for `created`), but must be there.
fn read_entry(e: &JsValue) -> Result<AuditEntry, &'static str> {
    let change = |name: &'static str| {
        let value = member(e, name);
        (!value.is_undefined())
            .then(|| json_value(&value))
            .ok_or(name)
    };
    Ok(AuditEntry {
        at: text(e, "at")?,
        actor: text(e, "actor")?,
        actor_sub: optional(e, "actor_sub", JsValue::as_string)?,
        actor_email: optional(e, "actor_email", JsValue::as_string)?,
        actor_role: optional(e, "actor_role", |r| Role::from_wire(&r.as_string()?))?,
        field: text(e, "field")?,
        old: change("old")?,
        new: change("new")?,
    })
}
