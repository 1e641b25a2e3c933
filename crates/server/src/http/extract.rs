//! Extractors whose rejections are problem+json instead of axum's plain-text defaults.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use crate::http::error::ApiError;

/// The largest request body accepted (64 KiB); larger ones are answered 413.
pub const BODY_LIMIT: usize = 64 * 1024;
/// The largest body of a batch create (1 MiB: 100 rows of up to about 10 KiB); its route sets
/// this limit in place of [`BODY_LIMIT`].
pub const BATCH_BODY_LIMIT: usize = 1024 * 1024;

/// `Json<T>` with problem+json rejections: 415 without a JSON content type, 400 for malformed
/// JSON, 413 for a body over [`BODY_LIMIT`], 422 when the JSON does not fit `T` (e.g. an
/// unknown field). `LIMIT` only words the 413: the route's `DefaultBodyLimit` enforces it.
pub struct ApiJson<T, const LIMIT: usize = BODY_LIMIT>(pub T);

impl<S, T, const LIMIT: usize> FromRequest<S> for ApiJson<T, LIMIT>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::UnsupportedMediaType(
                "Send the body as JSON with `Content-Type: application/json`.".to_owned(),
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge(format!(
                    "The body is larger than the limit of {} KiB.",
                    LIMIT / 1024
                ))
            } else {
                ApiError::BadRequest(format!("The body could not be read: {}", e.body_text()))
            }
        })?;
        // Syntax first (400), then shape (422), so a truncated body is never called a type error.
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| ApiError::BadRequest(format!("The body is not valid JSON: {e}")))?;
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(v) => Ok(ApiJson(v)),
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let detail = if path == "." {
                    format!("The body does not match what this endpoint accepts: {inner}")
                } else {
                    format!("The body does not match what this endpoint accepts: `{path}`: {inner}")
                };
                Err(ApiError::Unprocessable {
                    detail,
                    code: Some("invalid_body"),
                    errors: Vec::new(),
                })
            }
        }
    }
}

/// `application/json` or any `+json` type.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The query string as name/value pairs, in order; a malformed one is a 400 problem.
pub struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<Vec<(String, String)>>::from_request_parts(parts, state).await {
            Ok(Query(pairs)) => Ok(QueryPairs(pairs)),
            Err(e) => Err(query_rejection(e)),
        }
    }
}

fn query_rejection(e: QueryRejection) -> ApiError {
    ApiError::BadRequest(format!("The query string is malformed: {}", e.body_text()))
}
