//! DOM events for a host page embedding the app (`customer-created`, `customer-updated`,
//! `auth-required`): dispatched on the app's root element, bubbling, so the mount element and
//! the document see them. The views that call the API dispatch them; the client never does.

use std::cell::Cell;

use domain::Customer;
use wasm_bindgen::{JsCast, JsValue};

/// What [`on_unauthorized`] asks of a failure: whether it means the session is missing or
/// expired. The API's errors answer it and `Problem` builds on it; this layer names no error.
pub trait AuthFailure {
    /// The session is missing or expired (401).
    fn is_unauthorized(&self) -> bool;
    /// The 401 says the token has expired (code `token-expired`): the host needs a fresh one.
    fn is_expired(&self) -> bool {
        false
    }
}

/// Why the host page is asked to re-authenticate (`auth-required`'s `detail.reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthReason {
    /// A 401 other than an expired token (`detail.status` is 401).
    Unauthorized,
    /// A 401 with code `token-expired` (`detail.status` is 401).
    Expired,
    /// The token in use expires within a minute (no request failed yet).
    Expiring,
}

impl AuthReason {
    /// The wire name in `detail.reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthReason::Unauthorized => "unauthorized",
            AuthReason::Expired => "expired",
            AuthReason::Expiring => "expiring",
        }
    }
}

/// Tells the host page to re-authenticate when `result` is a 401 (it then hands over a token
/// with `set-token`); passes `result` on unchanged.
pub fn on_unauthorized<T, E: AuthFailure>(result: Result<T, E>) -> Result<T, E> {
    if let Err(error) = &result
        && error.is_unauthorized()
    {
        auth_required(if error.is_expired() {
            AuthReason::Expired
        } else {
            AuthReason::Unauthorized
        });
    }
    result
}

/// A reason is not sent again within this long of the last time (ms): the requests in flight
/// when a token expires all fail within it, and a later failure (a retry) asks again.
const ASK_AGAIN_AFTER_MS: f64 = 10_000.0;

thread_local! {
    /// When `auth-required` was last sent for each reason (ms since the epoch; 0: not yet).
    static ASKED_AT: Cell<[f64; 3]> = const { Cell::new([0.0; 3]) };
}

/// `auth-required` with the reason, and the status for a 401, once for a burst: not again for
/// the same reason within [`ASK_AGAIN_AFTER_MS`] unless a new token arrived. Kept out of the
/// generic [`on_unauthorized`], which is instantiated (and inlined) once per answer type: the
/// event's detail is built in one place.
pub fn auth_required(reason: AuthReason) {
    let (mut asked, now) = (ASKED_AT.get(), js_sys::Date::now());
    let at = &mut asked[reason as usize];
    if *at > 0.0 && now - *at < ASK_AGAIN_AFTER_MS {
        return;
    }
    *at = now;
    ASKED_AT.set(asked);
    let reason_value = ("reason", reason.as_str().into());
    let detail = match reason {
        AuthReason::Expiring => object(&[reason_value]),
        _ => object(&[("status", 401.into()), reason_value]),
    };
    emit("auth-required", &detail);
}

/// A new token is in use (start-up, `set-token`): each reason may be sent again at once.
pub fn token_replaced() {
    ASKED_AT.set([0.0; 3]);
}

/// `customer-created` with the new customer's id and name.
pub fn customer_created(customer: &Customer) {
    emit("customer-created", &named(customer));
}

/// `customer-updated` with the id, the name and what changed (`{field: {old, new}}`).
pub fn customer_updated(before: &Customer, after: &Customer) {
    let detail = named(after);
    let mut changes = Vec::new();
    if before.user_licenses != after.user_licenses {
        let change = [before.user_licenses, after.user_licenses].map(f64::from);
        changes.push(("user_licenses", change));
    }
    if before.extra_storage_gb != after.extra_storage_gb {
        // JS numbers: a u64 would become a BigInt, which JSON and most hosts do not expect.
        let change = [before.extra_storage_gb, after.extra_storage_gb].map(|gb| gb as f64);
        changes.push(("extra_storage_gb", change));
    }
    let changes: Vec<_> = changes
        .into_iter()
        .map(|(field, [old, new])| (field, object(&[("old", old.into()), ("new", new.into())])))
        .collect();
    let _ = js_sys::Reflect::set(&detail, &"changes".into(), &object(&changes));
    emit("customer-updated", &detail);
}

/// `{id, organization_name}` of a customer.
fn named(customer: &Customer) -> JsValue {
    object(&[
        ("id", customer.id.as_str().into()),
        (
            "organization_name",
            customer.organization_name.as_str().into(),
        ),
    ])
}

/// A plain JS object with these properties: what the host reads as `event.detail`. Built
/// directly rather than through serde_json, which would ship a JSON writer in the first load.
fn object(properties: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in properties {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), value);
    }
    object.into()
}

/// Dispatches `name` with `detail` (as a plain JS object) from the app's root element, or from
/// the document when the app has no root in the page (tests).
fn emit(name: &str, detail: &JsValue) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target: web_sys::EventTarget = match document.query_selector(".cm-app").ok().flatten() {
        Some(root) => root.unchecked_into(),
        None => document.unchecked_into(),
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
