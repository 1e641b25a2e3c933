//! `POST /api/v1/customers`: validated by the domain crate, created with its audit entry and
//! activation email in one transaction, replayed for a repeated `Idempotency-Key`.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::NewCustomer;

use super::write::{RowAnswer, RowRequest, create_rows};
use crate::AppState;
use crate::http::ApiError;
use crate::http::extract::ApiJson;
use crate::http::idempotency::{idempotency_key, key_reused, stored_response};
use crate::http::identity::Manager;

#[utoipa::path(
    post,
    path = "/api/v1/customers",
    tag = "customers",
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeating a request with the same key and body replays the first response and creates nothing; the same key with another body is 422 idempotency_key_reused. A key is kept for 24 hours, then it is new again")),
    request_body(content = domain::NewCustomer, content_type = "application/json"),
    security(("bearer" = ["manager"]), ("session" = ["manager"])),
    responses(
        (status = 201, description = "Created (status pending_activation, version 1); the activation email is queued", body = domain::Customer,
         headers(("Location" = String, description = "/api/v1/customers/{id}"), ("ETag" = String, description = "\"1\""))),
        (status = 400, description = "Malformed JSON or Idempotency-Key", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 409, description = "The organization name or domain is taken (errors name the field, code duplicate)", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 413, response = crate::http::openapi::BodyTooLarge),
        (status = 415, response = crate::http::openapi::NotJson),
        (status = 422, description = "Validation errors (errors), an unknown field, or a reused Idempotency-Key", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `POST /api/v1/customers`: a batch of one through the shared write path.
pub async fn create(
    State(state): State<AppState>,
    Manager(identity): Manager,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewCustomer>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let row = RowRequest { key, body };
    let mut answers = create_rows(&state, &identity, vec![row]).await?;
    match answers.pop().expect("one answer per row") {
        RowAnswer::Created(response) => Ok(stored_response(response, false).into_response()),
        RowAnswer::Replayed(stored) => Ok(stored_response(stored, true)),
        RowAnswer::Taken(issues) => Err(ApiError::Conflict(issues)),
        RowAnswer::Invalid(issues) => Err(ApiError::validation(issues)),
        RowAnswer::KeyReused => Err(key_reused()),
    }
}
