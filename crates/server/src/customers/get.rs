//! `GET /api/v1/customers/{id}`: one customer with its ETag.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::AppState;
use crate::customers::not_found;
use crate::http::ApiError;
use crate::http::conditional::with_etag;
use crate::http::identity::Auth;

#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id")),
    responses(
        (status = 200, description = "The customer", body = domain::Customer,
         headers(("ETag" = String, description = "\"<version>\": send it back as If-Match to edit"))),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 404, response = crate::http::openapi::NoSuchCustomer),
    )
)]
/// `GET /api/v1/customers/{id}`
pub async fn get_one(
    State(state): State<AppState>,
    Auth(identity): Auth,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let customer = state
        .store
        .get_customer(&identity.reseller.id, &id)
        .await?
        .ok_or_else(|| not_found(&id))?;
    Ok(with_etag(StatusCode::OK, &customer))
}
