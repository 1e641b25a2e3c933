//! `POST /api/v1/customers/{id}/activation-email`: queues another activation email, at most one
//! a minute per customer.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::{Code, Field, Issue};

use crate::AppState;
use crate::customers::not_found;
use crate::http::ApiError;
use crate::http::identity::Manager;
use crate::outbox::wording::activation_email;
use crate::store::{ResendActivation, ResendOutcome};
use crate::util::{format_time, parse_time};

/// At most one activation email per customer in this many seconds.
pub const ACTIVATION_INTERVAL_SECS: i64 = 60;

#[utoipa::path(
    post,
    path = "/api/v1/customers/{id}/activation-email",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id")),
    security(("bearer" = ["manager"]), ("session" = ["manager"])),
    responses(
        (status = 202, description = "A new activation email is queued to the notify addresses", body = domain::ActivationQueued),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 404, response = crate::http::openapi::NoSuchCustomer),
        (status = 429, description = "One was sent less than a minute ago", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `POST /api/v1/customers/{id}/activation-email`
pub async fn resend_activation(
    State(state): State<AppState>,
    Manager(identity): Manager,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let customer = state
        .store
        .get_customer(&identity.reseller.id, &id)
        .await?
        .ok_or_else(|| not_found(&id))?;
    if customer.notify_emails.is_empty() {
        return Err(ApiError::validation(vec![Issue::new(
            Field::NotifyEmails,
            Code::Required,
        )]));
    }
    let now = state.clock.now();
    let interval = time::Duration::seconds(ACTIVATION_INTERVAL_SECS);
    let outcome = state
        .store
        .resend_activation(ResendActivation {
            reseller_id: identity.reseller.id.clone(),
            customer_id: customer.id.clone(),
            email: activation_email(&identity.reseller, &customer, &state.settings.public_url),
            at: format_time(now),
            not_after: format_time(now - interval),
        })
        .await?;
    match outcome {
        ResendOutcome::Queued => {
            state.outbox_wakeup.notify_one();
            let queued = domain::ActivationQueued {
                queued: true,
                recipients: customer.notify_emails,
            };
            Ok((StatusCode::ACCEPTED, axum::Json(queued)).into_response())
        }
        ResendOutcome::TooSoon { last } => {
            let next = parse_time(&last).map_or(now + interval, |t| t + interval);
            let wait = (next - now).as_seconds_f64().ceil().max(1.0) as u64;
            Err(ApiError::TooManyRequests {
                retry_after: wait,
                detail: format!(
                    "An activation email was sent to this customer less than a minute ago; you can \
                     send another in {wait} s (at {}).",
                    format_time(next)
                ),
            })
        }
        ResendOutcome::NotFound => Err(not_found(&id)),
    }
}
