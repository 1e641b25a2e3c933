//! A customer's usage history and its forecast, for the Edit customer view's chart.

use domain::usage::{CustomerUsage, UsagePoint};
use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};

use super::ApiError;
use super::customers::path_segment;
use super::transport::{base, call_json};

/// `GET /customers/{id}/usage?days=`: the samples of the latest `days` days (oldest first), the
/// stored forecast and the allocation it ran against.
pub async fn customer_usage(id: &str, days: u16) -> Result<CustomerUsage, ApiError> {
    let url = format!("{}/customers/{}/usage", base(), path_segment(id));
    let value = call_json(Request::get(&url).query([("days", days.to_string())]), None)
        .await
        .map_err(ApiError::missing_customer)?;
    read_usage(&value).ok_or_else(|| ApiError::Decode("the usage answer does not read".into()))
}

/// A member of a parsed JSON object.
fn member(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or_default()
}

/// A whole number from 0 up (as a JSON number; JSON.parse already made it an f64).
fn whole(object: &JsValue, name: &str) -> Option<u64> {
    let n = member(object, name).as_f64()?;
    (n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0).then_some(n as u64)
}

/// The usage answer read from its parsed JSON by hand: its `serde` derive would put a decoder
/// of its own (kilobytes) in the Edit chunk. The forecast is read with the one the list uses.
fn read_usage(v: &JsValue) -> Option<CustomerUsage> {
    let samples = member(v, "samples").dyn_into::<js_sys::Array>().ok()?;
    let samples = samples
        .iter()
        .map(|s| {
            Some(UsagePoint {
                date: member(&s, "date").as_string()?,
                used_storage_bytes: whole(&s, "used_storage_bytes")?,
                active_users: u32::try_from(whole(&s, "active_users")?).ok()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let runs_out_days = member(v, "runs_out_days");
    Some(CustomerUsage {
        customer_id: member(v, "customer_id").as_string()?,
        days: u16::try_from(whole(v, "days")?).ok()?,
        samples,
        forecast: serde_wasm_bindgen::from_value(member(v, "forecast")).ok()?,
        runs_out_days: if runs_out_days.is_null() || runs_out_days.is_undefined() {
            None
        } else {
            Some(u16::try_from(whole(v, "runs_out_days")?).ok()?)
        },
        extra_storage_gb: whole(v, "extra_storage_gb")?,
        user_licenses: u32::try_from(whole(v, "user_licenses")?).ok()?,
    })
}
