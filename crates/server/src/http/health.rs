//! `GET /api/health`: whether the process answers (no credentials needed).

use utoipa::ToSchema;

/// The health answer's schema.
#[derive(ToSchema)]
#[schema(as = Health)]
#[allow(dead_code)]
pub struct HealthDoc {
    #[schema(example = "ok")]
    status: String,
}

/// `GET /api/health`: the server is up.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "system",
    security(()),
    responses((status = 200, description = "The server is up", body = HealthDoc))
)]
pub async fn health() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}
