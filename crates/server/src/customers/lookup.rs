//! `POST /api/v1/customers/lookup`: which of up to 500 organization names and 500 domains the
//! reseller's customers already have, so an import's preview flags clashes in one request per
//! batch instead of one per row.

use axum::Json;
use axum::extract::State;
use domain::import::{CustomerLookup, LOOKUP_MAX};
use domain::{Code, Field, Issue};

use crate::AppState;
use crate::http::ApiError;
use crate::http::extract::ApiJson;
use crate::http::identity::Manager;

#[utoipa::path(
    post,
    path = "/api/v1/customers/lookup",
    tag = "customers",
    request_body(content = domain::import::CustomerLookup, content_type = "application/json",
        description = "Names and domains to look for, at most 500 of each; names compare case-insensitively after normalisation (as the unique index does), domains after normalisation"),
    security(("bearer" = ["manager"]), ("session" = ["manager"])),
    responses(
        (status = 200, description = "Those an existing customer of the reseller has, as keys: names normalised and lower-cased, domains normalised", body = domain::import::CustomerLookup),
        (status = 400, response = crate::http::openapi::MalformedJson),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 413, response = crate::http::openapi::BodyTooLarge),
        (status = 415, response = crate::http::openapi::NotJson),
        (status = 422, description = "More than 500 names or domains (code too_many, max), or an unknown field", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `POST /api/v1/customers/lookup`
pub async fn lookup(
    State(state): State<AppState>,
    Manager(identity): Manager,
    ApiJson(body): ApiJson<CustomerLookup>,
) -> Result<Json<CustomerLookup>, ApiError> {
    let mut errors = Vec::new();
    for (field, count) in [
        (Field::OrganizationName, body.organization_names.len()),
        (Field::Domain, body.domains.len()),
    ] {
        if count > LOOKUP_MAX {
            errors.push(Issue::new(field, Code::TooMany).with("max", LOOKUP_MAX));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    // Invalid values cannot belong to a customer: they are simply not found.
    let mut keys = CustomerLookup {
        organization_names: body
            .organization_names
            .iter()
            .filter_map(|name| CustomerLookup::name_key(name))
            .collect(),
        domains: body
            .domains
            .iter()
            .filter_map(|domain| CustomerLookup::domain_key(domain))
            .collect(),
    };
    keys.organization_names.sort_unstable();
    keys.organization_names.dedup();
    keys.domains.sort_unstable();
    keys.domains.dedup();
    let mut found = state
        .store
        .existing_keys(&identity.reseller.id, &keys)
        .await?;
    found.organization_names.sort_unstable();
    found.domains.sort_unstable();
    Ok(Json(found))
}
