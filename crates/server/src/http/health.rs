//! Health for load balancers and orchestrators (no credentials needed): `GET /api/health/live`
//! (the process answers; `/api/health` is its alias) and `GET /api/health/ready` (the database
//! answers, its schema is this binary's, and the process is not draining).

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::State;
use utoipa::ToSchema;

use super::ApiError;
use crate::AppState;
use crate::store::SchemaStatus;

/// How long readiness waits for the database.
pub const READY_DB_TIMEOUT: Duration = Duration::from_secs(1);

/// The health answer's schema.
#[derive(ToSchema)]
#[schema(as = Health)]
#[allow(dead_code)]
pub struct HealthDoc {
    #[schema(example = "ok")]
    status: String,
}

/// `GET /api/health`: the alias of `/api/health/live`.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "system",
    security(()),
    responses((status = 200, description = "The process answers (the alias of /api/health/live)", body = HealthDoc))
)]
pub async fn health() -> axum::Json<serde_json::Value> {
    live().await
}

/// `GET /api/health/live`: the process answers (nothing else is checked).
#[utoipa::path(
    get,
    path = "/api/health/live",
    tag = "system",
    security(()),
    responses((status = 200, description = "The process answers", body = HealthDoc))
)]
pub async fn live() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}

/// `GET /api/health/ready`: whether this process should get traffic.
#[utoipa::path(
    get,
    path = "/api/health/ready",
    tag = "system",
    security(()),
    responses(
        (status = 200, description = "Ready: the database answered `SELECT 1` within 1 s, its \
            schema is this binary's, and the process is not draining", body = HealthDoc),
        (status = 503, description = "Not ready: `draining` (stopping after SIGTERM) or \
            `not-ready` (the database does not answer in time, or its schema is not this \
            binary's)", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn ready(
    State(state): State<AppState>,
) -> Result<axum::Json<serde_json::Value>, ApiError> {
    if state.draining.load(Ordering::Relaxed) {
        return Err(ApiError::NotReady {
            code: "draining",
            detail: "This process is stopping: send new requests to another.".to_owned(),
        });
    }
    let not_ready = |detail: String| ApiError::NotReady {
        code: "not-ready",
        detail,
    };
    let checked = tokio::time::timeout(READY_DB_TIMEOUT, async {
        state.store.ping().await?;
        state.store.schema_status().await
    })
    .await;
    match checked {
        Err(_) => Err(not_ready(format!(
            "The database did not answer within {} s.",
            READY_DB_TIMEOUT.as_secs()
        ))),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: the database does not answer");
            Err(not_ready("The database does not answer.".to_owned()))
        }
        Ok(Ok(SchemaStatus::Current { .. })) => {
            Ok(axum::Json(serde_json::json!({ "status": "ready" })))
        }
        Ok(Ok(status)) => Err(not_ready(format!(
            "The database schema is not this binary's: {}.",
            status.refusal().unwrap_or_default()
        ))),
    }
}
