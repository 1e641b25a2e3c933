//! A customer's usage history and its forecast, for the Edit customer view's chart.

use domain::usage::{CustomerUsage, UsagePoint};
use gloo_net::http::Request;
use wasm_bindgen::JsValue;

use super::ApiError;
use super::customers::path_segment;
use super::read::{MAX_SAFE, array, member, text, whole};
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

/// The usage answer read from its parsed JSON by hand (see `read`). The forecast is read with
/// the decoder the list uses. Err: the member that does not read.
fn read_usage(v: &JsValue) -> Result<CustomerUsage, &'static str> {
    let (max_u16, max_u32) = (u64::from(u16::MAX), u64::from(u32::MAX));
    let samples = array(v, "samples")?;
    let samples = samples
        .iter()
        .map(|s| -> Result<UsagePoint, &'static str> {
            Ok(UsagePoint {
                date: text(&s, "date")?,
                used_storage_bytes: whole(&s, "used_storage_bytes", MAX_SAFE)?,
                active_users: whole(&s, "active_users", max_u32)? as u32,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let runs_out_days = member(v, "runs_out_days");
    Ok(CustomerUsage {
        customer_id: text(v, "customer_id")?,
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
