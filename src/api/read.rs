//! Reading an answer's parsed JSON (`JSON.parse` in the browser) by hand, for the answers only a
//! lazy view reads: a `serde` derive would put a decoder of its own (kilobytes) in its chunk.

use wasm_bindgen::{JsCast, JsValue};

/// The largest whole number a JSON number (an f64 once parsed) holds exactly.
pub(super) const MAX_SAFE: u64 = 9_007_199_254_740_991;

/// A member of a parsed JSON object (`undefined` when absent).
pub(super) fn member(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or_default()
}

/// A whole number from 0 up to `max`, or the member's name.
pub(super) fn whole(object: &JsValue, name: &'static str, max: u64) -> Result<u64, &'static str> {
    let n = member(object, name).as_f64().ok_or(name)?;
    let fits = n >= 0.0 && n.fract() == 0.0 && n <= max as f64;
    fits.then_some(n as u64).ok_or(name)
}

/// A string member, or the member's name.
pub(super) fn text(object: &JsValue, name: &'static str) -> Result<String, &'static str> {
    member(object, name).as_string().ok_or(name)
}

/// A member that may be absent or `null` (`serde(default)`): `None` then, else what `read` makes
/// of it, or the member's name.
pub(super) fn optional<T>(
    object: &JsValue,
    name: &'static str,
    read: impl FnOnce(&JsValue) -> Option<T>,
) -> Result<Option<T>, &'static str> {
    let value = member(object, name);
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    read(&value).map(Some).ok_or(name)
}

/// An array member, or the member's name.
pub(super) fn array(object: &JsValue, name: &'static str) -> Result<js_sys::Array, &'static str> {
    member(object, name).dyn_into().map_err(|_| name)
}

/// Any JSON value as `serde_json::Value`, exactly as `serde_wasm_bindgen` gives it: a safe
/// integer is an integer, any other number a float (`null` when not finite).
pub(super) fn json_value(value: &JsValue) -> serde_json::Value {
    use serde_json::Value;
    if value.is_null() || value.is_undefined() {
        Value::Null
    } else if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = value.as_f64() {
        if js_sys::Number::is_safe_integer(value) {
            Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    } else if let Some(s) = value.as_string() {
        Value::String(s)
    } else if let Some(items) = value.dyn_ref::<js_sys::Array>() {
        Value::Array(items.iter().map(|item| json_value(&item)).collect())
    } else {
        // `Object.entries`, as serde_wasm_bindgen reads objects (no other glue in the first load).
        let mut map = serde_json::Map::new();
        for entry in js_sys::Object::entries(value.unchecked_ref::<js_sys::Object>()).iter() {
            let pair = entry.unchecked_into::<js_sys::Array>();
            if let Some(name) = pair.get(0).as_string() {
                map.insert(name, json_value(&pair.get(1)));
            }
        }
        Value::Object(map)
    }
}
