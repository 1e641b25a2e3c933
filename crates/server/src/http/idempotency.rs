//! `Idempotency-Key` on creates: the key's syntax, the hash of the request it guards, and the
//! stored response a repeat replays (honoured for a day; the retention job deletes older ones).

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::http::error::ApiError;
use crate::store::IdempotentResponse;

/// The longest `Idempotency-Key` accepted.
pub const IDEMPOTENCY_KEY_MAX: usize = 255;
pub use crate::store::IDEMPOTENCY_KEY_TTL_SECS;

/// The request's key (none: absent); a malformed one is a 400.
pub fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().map(str::trim).unwrap_or("");
    if !is_valid_key(key) {
        return Err(ApiError::BadRequest(format!(
            "`Idempotency-Key` must be 1 to {IDEMPOTENCY_KEY_MAX} visible ASCII characters (e.g. a UUID)."
        )));
    }
    Ok(Some(key.to_owned()))
}

/// Whether `key` is 1 to [`IDEMPOTENCY_KEY_MAX`] visible ASCII characters.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= IDEMPOTENCY_KEY_MAX && key.bytes().all(|b| b.is_ascii_graphic())
}

/// SHA-256 (hex) of a request body's canonical JSON.
pub fn request_hash(canonical_json: &[u8]) -> String {
    hex::encode(Sha256::digest(canonical_json))
}

/// The time before which keys stored are expired, at `now`.
pub fn expired_before(now: time::OffsetDateTime) -> String {
    crate::util::format_time(now - time::Duration::seconds(IDEMPOTENCY_KEY_TTL_SECS))
}

/// The 422 for a key used before with another request.
pub fn key_reused() -> ApiError {
    ApiError::Unprocessable {
        detail: "This Idempotency-Key was already used with a different request body; use a \
                 new key for a new request."
            .into(),
        code: Some("idempotency_key_reused"),
        errors: Vec::new(),
    }
}

/// A stored response as sent (`replayed`: marked `Idempotent-Replayed: true`).
pub fn stored_response(stored: IdempotentResponse, replayed: bool) -> Response {
    let mut response = Response::new(axum::body::Body::from(stored.body));
    *response.status_mut() = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    for (name, value) in stored.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            headers.insert(name, value);
        }
    }
    if replayed {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}
