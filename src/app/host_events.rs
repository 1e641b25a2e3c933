//! DOM events for a host page embedding the app (`customer-created`, `customer-updated`):
//! dispatched on the app's root element, bubbling, so the mount element and the document see
//! them.

use wasm_bindgen::JsCast;

/// Dispatches `name` with `detail` (as a plain JS object) from the app's root element, or from
/// the document when the app has no root in the page (tests).
pub fn emit(name: &str, detail: &serde_json::Value) {
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
