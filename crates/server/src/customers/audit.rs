//! `GET /api/v1/customers/{id}/audit`: what changed, when and by whom, newest first.

use axum::extract::{Path, State};
use domain::AuditEntry;

use crate::AppState;
use crate::customers::not_found;
use crate::http::ApiError;
use crate::http::identity::Auth;

#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/audit",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id")),
    responses(
        (status = 200, description = "Changes, newest first; the creation is an entry with field `created`", body = Vec<domain::AuditEntry>),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 404, response = crate::http::openapi::NoSuchCustomer),
    )
)]
/// `GET /api/v1/customers/{id}/audit`
pub async fn audit_log(
    State(state): State<AppState>,
    Auth(identity): Auth,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<AuditEntry>>, ApiError> {
    let records = state
        .store
        .audit(&identity.reseller.id, &id)
        .await?
        .ok_or_else(|| not_found(&id))?;
    Ok(axum::Json(
        records
            .into_iter()
            .map(|r| AuditEntry {
                at: r.at,
                actor: r.actor.display,
                actor_sub: r.actor.sub,
                actor_email: r.actor.email,
                actor_role: r.actor.role,
                field: r.field,
                old: r.old,
                new: r.new,
            })
            .collect(),
    ))
}
