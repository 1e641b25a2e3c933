//! `GET /api/v1/customers/{id}/usage?days=90`: a customer's samples of its latest days (for the
//! chart on its Edit page) and its stored forecast.

use axum::Json;
use axum::extract::{Path, State};
use domain::usage::{CustomerUsage, DEFAULT_USAGE_DAYS, MAX_USAGE_DAYS};

use crate::AppState;
use crate::customers::not_found;
use crate::http::ApiError;
use crate::http::extract::QueryPairs;
use crate::http::identity::Auth;

/// `days`: 1 to [`MAX_USAGE_DAYS`], [`DEFAULT_USAGE_DAYS`] when absent; nothing else is accepted.
fn parse_days(pairs: &[(String, String)]) -> Result<u16, ApiError> {
    let mut days = None;
    for (name, value) in pairs {
        if name != "days" {
            return Err(ApiError::BadRequest(format!(
                "Unknown query parameter `{name}`; use `days`."
            )));
        }
        if days.is_some() {
            return Err(ApiError::BadRequest(
                "The query parameter `days` is given more than once.".to_owned(),
            ));
        }
        let n = value
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|n| (1..=MAX_USAGE_DAYS).contains(n));
        days = Some(n.ok_or_else(|| {
            ApiError::BadRequest(format!(
                "`days` must be a whole number from 1 to {MAX_USAGE_DAYS}, not “{value}”."
            ))
        })?);
    }
    Ok(days.unwrap_or(DEFAULT_USAGE_DAYS))
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/usage",
    tag = "usage",
    params(
        ("id" = String, Path, description = "The customer id"),
        ("days" = Option<u16>, Query, minimum = 1, maximum = 730,
         description = "How many days up to the latest sample (default 90)"),
    ),
    responses(
        (status = 200, description = "The customer's samples of those days, oldest first, and \
            its forecast", body = CustomerUsage),
        (status = 400, response = crate::http::openapi::BadQuery),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 404, response = crate::http::openapi::NoSuchCustomer),
    )
)]
/// `GET /api/v1/customers/{id}/usage`
pub async fn history(
    State(state): State<AppState>,
    Auth(identity): Auth,
    Path(id): Path<String>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Json<CustomerUsage>, ApiError> {
    let days = parse_days(&pairs)?;
    // No id has control characters (and PostgreSQL refuses NUL in text).
    if id.chars().any(char::is_control) {
        return Err(not_found(&id));
    }
    let (customer, samples) = state
        .store
        .usage_history(&identity.reseller.id, &id, days)
        .await?
        .ok_or_else(|| not_found(&id))?;
    Ok(Json(CustomerUsage {
        runs_out_days: customer.forecast.runs_out_days(),
        forecast: customer.forecast,
        customer_id: customer.id,
        days,
        samples,
        extra_storage_gb: customer.extra_storage_gb,
        user_licenses: customer.user_licenses,
    }))
}
