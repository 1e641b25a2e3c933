//! `GET /me`: who the credentials name and what they may do.

use domain::Me;
use gloo_net::http::Request;

use super::ApiError;
use super::transport::{base, call};

/// `GET /me`: the signed-in person, their reseller and their role. The shell asks once at
/// start-up (and again for each new token), alongside the first list request, never before it.
pub async fn me() -> Result<Me, ApiError> {
    call(Request::get(&format!("{}/me", base())), None).await
}
