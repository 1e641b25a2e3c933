//! The OpenAPI 3.1 document.

/// `GET /api/openapi.json`
pub async fn serve() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({}))
}

/// The document as pretty JSON.
pub fn document_json() -> String {
    "{}".to_owned()
}
