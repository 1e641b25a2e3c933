//! The one error type of the API (storage errors are mapped into it here): every failure becomes an RFC 9457 `application/problem+json`
//! response. Internal errors are logged with their details and answered with a generic text.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::identity::auth_codes;
use domain::{Code, Customer, Field, Issue};
use serde::Serialize;

use crate::store::{StoreError, constraints};

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Every way a request can fail.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the request is malformed (bad JSON, bad query parameter).
    BadRequest(String),
    /// 401: no valid credentials; the code says which refusal (`domain::identity::auth_codes`).
    Unauthenticated(&'static str),
    /// 403: the credentials' role may not do this.
    Forbidden(String),
    /// 404: no such resource for this reseller (or no such path).
    NotFound(String),
    /// 409: a unique value is already taken (the issues name the fields).
    Conflict(Vec<Issue>),
    /// 412: `If-Match` named an old version; carries the current resource.
    PreconditionFailed(Box<Customer>),
    /// 413: the body is larger than the limit.
    PayloadTooLarge(String),
    /// 415: the body is not JSON.
    UnsupportedMediaType(String),
    /// 422: the request is well-formed but not acceptable.
    Unprocessable {
        detail: String,
        code: Option<&'static str>,
        errors: Vec<Issue>,
    },
    /// 428: a conditional header is required.
    PreconditionRequired(String),
    /// 429: try again after `retry_after` seconds.
    TooManyRequests { retry_after: u64, detail: String },
    /// 503: JWTs cannot be checked: no key of the portal's JWKS has been fetched yet.
    IdentityUnavailable,
    /// 503: the database is unavailable (logged); the client may retry.
    Unavailable(anyhow::Error),
    /// 503: the request took longer than `--request-timeout-secs`.
    Timeout,
    /// 503: `--max-in-flight` requests are already being served by this process.
    Overloaded,
    /// 503: readiness: this process should get no new traffic; `code` says why (`draining` or
    /// `not-ready`).
    NotReady { code: &'static str, detail: String },
    /// 500: logged, never shown.
    Internal(anyhow::Error),
}

impl ApiError {
    /// An internal error (logged when turned into a response).
    pub fn internal(e: anyhow::Error) -> Self {
        ApiError::Internal(e)
    }

    /// A 422 for domain validation errors.
    pub fn validation(errors: Vec<Issue>) -> Self {
        let detail = match errors.len() {
            1 => format!(
                "The request is not valid: {}",
                crate::messages::message(&errors[0])
            ),
            n => format!("The request is not valid: {n} problems, see `errors`."),
        };
        ApiError::Unprocessable {
            detail,
            code: Some("validation_failed"),
            errors,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_)
            | ApiError::IdentityUnavailable
            | ApiError::Timeout
            | ApiError::Overloaded
            | ApiError::NotReady { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Storage errors as HTTP: unique constraints by name as 409 field errors, an unreachable
/// database as 503, anything else as 500.
impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unique { constraint } => match constraint {
                constraints::CUSTOMERS_NAME_UNIQUE => {
                    ApiError::Conflict(vec![Issue::new(Field::OrganizationName, Code::Duplicate)])
                }
                constraints::CUSTOMERS_DOMAIN_UNIQUE => {
                    ApiError::Conflict(vec![Issue::new(Field::Domain, Code::Duplicate)])
                }
                other => ApiError::Internal(anyhow::anyhow!("unique constraint {other} violated")),
            },
            StoreError::Unavailable(e) => ApiError::Unavailable(e),
            StoreError::Other(e) => ApiError::Internal(e),
        }
    }
}

impl From<crate::identity::limits::Limited> for ApiError {
    fn from(l: crate::identity::limits::Limited) -> Self {
        ApiError::TooManyRequests {
            retry_after: l.retry_after,
            detail: l.detail,
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        ApiError::Internal(e)
    }
}

/// One issue as the API reports it: the domain issue plus its English message.
#[derive(Debug, Serialize)]
pub struct IssueBody<'a> {
    #[serde(flatten)]
    pub issue: &'a Issue,
    pub message: String,
}

impl<'a> IssueBody<'a> {
    pub fn new(issue: &'a Issue) -> Self {
        IssueBody {
            issue,
            message: crate::messages::message(issue),
        }
    }
}

/// The RFC 9457 body.
#[derive(Serialize)]
struct Problem<'a> {
    r#type: &'static str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<IssueBody<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    current: Option<&'a Customer>,
    /// The request's id (as in `x-request-id`), for a support request to quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
}

/// A problem response with no extension members.
pub fn problem(status: StatusCode, detail: &str) -> Response {
    problem_response(status, detail, None, None, None, HeaderMap::new())
}

fn problem_response(
    status: StatusCode,
    detail: &str,
    code: Option<&str>,
    errors: Option<&[Issue]>,
    current: Option<&Customer>,
    mut headers: HeaderMap,
) -> Response {
    let body = Problem {
        r#type: "about:blank",
        title: status.canonical_reason().unwrap_or("Error"),
        status: status.as_u16(),
        detail,
        code,
        errors: errors.map(|e| e.iter().map(IssueBody::new).collect()),
        current,
        request_id: crate::http::observe::current_request_id(),
    };
    let json = serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec());
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    (status, headers, json).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut headers = HeaderMap::new();
        match &self {
            ApiError::BadRequest(d)
            | ApiError::NotFound(d)
            | ApiError::PayloadTooLarge(d)
            | ApiError::UnsupportedMediaType(d) => {
                problem_response(status, d, None, None, None, headers)
            }
            ApiError::Unauthenticated(code) => {
                crate::metrics::auth_failure(code);
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                problem_response(
                    status,
                    unauthenticated_detail(code),
                    Some(code),
                    None,
                    None,
                    headers,
                )
            }
            ApiError::Forbidden(d) => {
                problem_response(status, d, Some(auth_codes::FORBIDDEN), None, None, headers)
            }
            ApiError::IdentityUnavailable => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
                problem_response(
                    status,
                    "Sign-in cannot be checked right now: the identity provider's keys are not \
                     available. Try again shortly.",
                    Some("identity-unavailable"),
                    None,
                    None,
                    headers,
                )
            }
            ApiError::Conflict(errors) => {
                let detail = match errors.first() {
                    Some(issue) => crate::messages::message(issue),
                    None => "The request conflicts with another customer.".to_owned(),
                };
                problem_response(
                    status,
                    &detail,
                    Some("duplicate"),
                    Some(errors),
                    None,
                    headers,
                )
            }
            ApiError::PreconditionFailed(current) => problem_response(
                status,
                &format!(
                    "The customer was changed by someone else (it is now at version {}); review `current` and \
                     try again with `If-Match: \"{}\"`.",
                    current.version, current.version
                ),
                Some("stale_version"),
                None,
                Some(current),
                headers,
            ),
            ApiError::Unprocessable {
                detail,
                code,
                errors,
            } => {
                let errors = (!errors.is_empty()).then_some(errors.as_slice());
                problem_response(status, detail, *code, errors, None, headers)
            }
            ApiError::PreconditionRequired(d) => problem_response(
                status,
                d,
                Some("precondition_required"),
                None,
                None,
                headers,
            ),
            ApiError::TooManyRequests {
                retry_after,
                detail,
            } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
                problem_response(status, detail, Some("rate_limited"), None, None, headers)
            }
            ApiError::Unavailable(e) => {
                tracing::error!(error = ?e, "the database is unavailable");
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
                problem_response(
                    status,
                    "The service is briefly unavailable. Try again in a few seconds.",
                    Some("unavailable"),
                    None,
                    None,
                    headers,
                )
            }
            ApiError::Timeout => {
                tracing::warn!("a request passed --request-timeout-secs and was cut off");
                problem_response(
                    status,
                    "The request took too long and was stopped. Try again; a smaller page or \
                     export may help.",
                    Some("timeout"),
                    None,
                    None,
                    headers,
                )
            }
            ApiError::Overloaded => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                problem_response(
                    status,
                    "The server is busy with other requests. Try again in a second.",
                    Some("overloaded"),
                    None,
                    None,
                    headers,
                )
            }
            ApiError::NotReady { code, detail } => {
                problem_response(status, detail, Some(code), None, None, headers)
            }
            ApiError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                problem_response(
                    status,
                    "Something went wrong on our side. Try again; if it keeps happening, contact support.",
                    None,
                    None,
                    None,
                    headers,
                )
            }
        }
    }
}

/// What a 401 says, by its code: never which part of a token failed beyond that.
fn unauthenticated_detail(code: &str) -> &'static str {
    match code {
        auth_codes::TOKEN_EXPIRED => "The token has expired: sign in again.",
        auth_codes::TOKEN_REVOKED => "The token was revoked: ask for a new one.",
        auth_codes::INVALID_TOKEN => "The token is not valid here: sign in again.",
        auth_codes::UNKNOWN_RESELLER => "The token names no reseller of this service.",
        _ => "Sign in first: send `Authorization: Bearer <token>`.",
    }
}
