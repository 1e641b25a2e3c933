//! A customer's usage history and its forecast, for the Edit customer view's chart.

use domain::usage::CustomerUsage;
use gloo_net::http::Request;

use super::ApiError;
use super::customers::path_segment;
use super::transport::{base, call};

/// `GET /customers/{id}/usage?days=`: the samples of the latest `days` days (oldest first), the
/// stored forecast and the allocation it ran against.
pub async fn customer_usage(id: &str, days: u16) -> Result<CustomerUsage, ApiError> {
    let url = format!("{}/customers/{}/usage", base(), path_segment(id));
    call(Request::get(&url).query([("days", days.to_string())]), None)
        .await
        .map_err(ApiError::missing_customer)
}
