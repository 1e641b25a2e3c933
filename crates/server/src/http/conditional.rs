//! Conditional requests: the strong `ETag` of a customer's version and what `If-Match` asks for.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Customer;

use crate::http::error::ApiError;

/// The strong ETag of a version.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("an ETag is header-safe")
}

/// A customer as JSON with its ETag.
pub fn with_etag(status: StatusCode, customer: &Customer) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::ETAG, etag(customer.version));
    (status, headers, axum::Json(customer)).into_response()
}

/// What `If-Match` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: any version.
    Any,
    /// One of these versions (the ETags without quotes or `W/`).
    Versions(Vec<String>),
}

impl IfMatch {
    /// Whether a resource at `version` passes.
    pub fn matches(&self, version: i64) -> bool {
        match self {
            IfMatch::Any => true,
            IfMatch::Versions(tags) => tags.iter().any(|t| *t == version.to_string()),
        }
    }
}

/// The request's `If-Match` (none: absent); a malformed one is a 400.
pub fn parse_if_match(headers: &HeaderMap) -> Result<Option<IfMatch>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::BadRequest("`If-Match` must be an ETag such as \"3\".".into()))?
        .trim();
    if value == "*" {
        return Ok(Some(IfMatch::Any));
    }
    let tags: Vec<String> = value
        .split(',')
        .map(|t| {
            let t = t.trim();
            let t = t.strip_prefix("W/").unwrap_or(t);
            t.trim_matches('"').to_owned()
        })
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return Err(ApiError::BadRequest(
            "`If-Match` must be an ETag such as \"3\".".into(),
        ));
    }
    Ok(Some(IfMatch::Versions(tags)))
}
