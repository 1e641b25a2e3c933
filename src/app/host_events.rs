//! DOM events for a host page embedding the app (`customer-created`, `customer-updated`,
//! `auth-required`): dispatched on the app's root element, bubbling, so the mount element and
//! the document see them. The views that call the API dispatch them; the client never does.

use domain::Customer;
use wasm_bindgen::JsCast;

use crate::api::ApiError;

/// Tells the host page to re-authenticate when `result` is a 401 (it then hands over a token
/// with `set-token`); passes `result` on unchanged.
pub fn on_unauthorized<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(ApiError::Unauthorized) = result {
        auth_required();
    }
    result
}

/// `auth-required` with the status. Kept out of the generic [`on_unauthorized`], which is
/// instantiated (and inlined) once per answer type: the event's JSON is built in one place.
fn auth_required() {
    emit("auth-required", &serde_json::json!({ "status": 401 }));
}

/// `customer-created` with the new customer's id and name.
pub fn customer_created(customer: &Customer) {
    emit(
        "customer-created",
        &serde_json::json!({
            "id": customer.id,
            "organization_name": customer.organization_name,
        }),
    );
}

/// `customer-updated` with the id, the name and what changed (`{field: {old, new}}`).
pub fn customer_updated(before: &Customer, after: &Customer) {
    emit(
        "customer-updated",
        &serde_json::json!({
            "id": after.id,
            "organization_name": after.organization_name,
            "changes": change_detail(before, after),
        }),
    );
}

/// What changed between two versions of a customer, as `{field: {old, new}}`.
fn change_detail(before: &Customer, after: &Customer) -> serde_json::Value {
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

/// Dispatches `name` with `detail` (as a plain JS object) from the app's root element, or from
/// the document when the app has no root in the page (tests).
fn emit(name: &str, detail: &serde_json::Value) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target: web_sys::EventTarget = match document.query_selector(".cm-app").ok().flatten() {
        Some(root) => root.unchecked_into(),
        None => document.unchecked_into(),
    };
    let detail = js_sys::JSON::parse(&detail.to_string()).unwrap_or(wasm_bindgen::JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
