//! The HTTP layer every resource uses: problem+json errors, extractors, authentication,
//! conditional requests, idempotency keys, health, overload limits, static files, request ids and
//! the access log, the metrics endpoint, and the OpenAPI schemas it owns.

pub mod auth;
pub mod conditional;
pub mod error;
pub mod extract;
pub mod health;
pub mod idempotency;
pub mod identity;
pub mod limits;
pub mod metrics;
pub mod observe;
pub mod openapi;
pub mod static_files;

use axum::extract::OriginalUri;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub use error::{ApiError, problem};

/// The fallback for `/api/*` paths no route matched.
pub async fn api_not_found(OriginalUri(uri): OriginalUri) -> Response {
    problem(
        StatusCode::NOT_FOUND,
        &format!("There is no API endpoint at {}.", uri.path()),
    )
}

/// The answer to a method a route does not take.
pub async fn method_not_allowed(
    method: axum::http::Method,
    OriginalUri(uri): OriginalUri,
) -> Response {
    problem(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("{method} is not allowed on {}.", uri.path()),
    )
}

/// A panicking handler's response: logged, answered with a generic 500 problem.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = what, "a request handler panicked");
    let mut response = problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side. Try again; if it keeps happening, contact support.",
    );
    response.headers_mut().insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response.into_response()
}
