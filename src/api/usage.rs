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
    read_usage(&value)
        .map_err(|field| ApiError::Decode(format!("the usage answer's {field} does not read")))
}

/// A member of a parsed JSON object.
fn member(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or_default()
}

/// A whole number from 0 up to `max` (a JSON number; JSON.parse already made it an f64), or
/// the member's name.
fn whole(object: &JsValue, name: &'static str, max: u64) -> Result<u64, &'static str> {
    let n = member(object, name).as_f64().ok_or(name)?;
    let fits = n >= 0.0 && n.fract() == 0.0 && n <= max as f64;
    fits.then_some(n as u64).ok_or(name)
}

/// The usage answer read from its parsed JSON by hand: its `serde` derive would put a decoder
/// of its own (kilobytes) in the Edit chunk. The forecast is read with the one the list uses.
/// Err: the member that does not read.
fn read_usage(v: &JsValue) -> Result<CustomerUsage, &'static str> {
    const MAX_SAFE: u64 = 9_007_199_254_740_991;
    let (max_u16, max_u32) = (u64::from(u16::MAX), u64::from(u32::MAX));
    let samples = member(v, "samples")
        .dyn_into::<js_sys::Array>()
        .map_err(|_| "samples")?;
    let samples = samples
        .iter()
        .map(|s| -> Result<UsagePoint, &'static str> {
            Ok(UsagePoint {
                date: member(&s, "date").as_string().ok_or("date")?,
                used_storage_bytes: whole(&s, "used_storage_bytes", MAX_SAFE)?,
                active_users: whole(&s, "active_users", max_u32)? as u32,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let runs_out_days = member(v, "runs_out_days");
    Ok(CustomerUsage {
        customer_id: member(v, "customer_id").as_string().ok_or("customer_id")?,
        days: whole(v, "days", max_u16)? as u16,
        samples,
        forecast: serde_wasm_bindgen::from_value(member(v, "forecast")).map_err(|_| "forecast")?,
        runs_out_days: if runs_out_days.is_null() || runs_out_days.is_undefined() {
            None
        } else {
            Some(whole(v, "runs_out_days", max_u16)? as u16)
        },
        extra_storage_gb: whole(v, "extra_storage_gb", MAX_SAFE)?,
        user_licenses: whole(v, "user_licenses", max_u32)? as u32,
    })
}
