//! Extractors whose rejections are problem+json instead of axum's plain-text defaults.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest request body accepted (64 KiB); larger ones are answered 413.
pub const BODY_LIMIT: usize = 64 * 1024;

/// `Json<T>` with problem+json rejections: 415 without a JSON content type, 400 for malformed
/// JSON, 413 for a body over [`BODY_LIMIT`], 422 when the JSON does not fit `T` (e.g. an
/// unknown field).
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType(
            "Send the body as JSON with `Content-Type: application/json`.".to_owned(),
        ),
        JsonRejection::JsonSyntaxError(e) => ApiError::BadRequest(format!(
            "The body is not valid JSON: {}",
            inner_message(&e.body_text())
        )),
        JsonRejection::JsonDataError(e) => ApiError::Unprocessable {
            detail: format!(
                "The body does not match what this endpoint accepts: {}",
                inner_message(&e.body_text())
            ),
            code: Some("invalid_body"),
            errors: Vec::new(),
        },
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::PayloadTooLarge(format!(
                "The body is larger than the limit of {} KiB.",
                BODY_LIMIT / 1024
            ))
        }
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::PayloadTooLarge(format!(
                "The body is larger than the limit of {} KiB.",
                BODY_LIMIT / 1024
            ))
        }
        other => ApiError::BadRequest(format!("The body could not be read: {}", other.body_text())),
    }
}

/// Drops axum's generic prefix ("Failed to parse the request body as JSON: ") from a message.
fn inner_message(text: &str) -> String {
    match text.split_once(": ") {
        Some((prefix, rest)) if prefix.starts_with("Failed to") => rest.to_owned(),
        _ => text.to_owned(),
    }
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
