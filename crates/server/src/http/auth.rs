//! The demo session: the `session` cookie (accepted in demo mode only, see `http::identity`) and
//! the demo sign-in that sets it.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::AppState;
use crate::demo::demo_token;
use crate::http::error::ApiError;

/// The name of the demo session cookie.
pub const SESSION_COOKIE: &str = "session";

/// The value of the `session` cookie.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim().trim_matches('"').to_owned())
        .filter(|v| !v.is_empty())
}

/// The `Set-Cookie` value that signs the browser in with `token`.
pub fn session_set_cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/"
    ))
    .expect("tokens are header-safe")
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignInQuery {
    /// `demo` (default) or `small`.
    reseller: Option<String>,
}

/// `GET /api/v1/demo/sign-in?reseller=demo|small` (demo mode only): sets the session cookie and
/// redirects to the customer list.
#[utoipa::path(
    get,
    path = "/api/v1/demo/sign-in",
    tag = "system",
    security(()),
    params(SignInQuery),
    responses(
        (status = 303, description = "Signed in: sets the session cookie and redirects to /customers",
         headers(("Set-Cookie" = String), ("Location" = String))),
        (status = 400, description = "Unknown demo reseller", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "Not in demo mode", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn demo_sign_in(
    State(state): State<AppState>,
    query: Result<Query<SignInQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    if !state.settings.demo_mode {
        return Err(ApiError::NotFound(
            "Demo sign-in is only available when the server runs with --seed-demo.".into(),
        ));
    }
    let name = query
        .ok()
        .and_then(|Query(q)| q.reseller)
        .unwrap_or_else(|| "demo".to_owned());
    let Some(token) = demo_token(&name) else {
        return Err(ApiError::BadRequest(format!(
            "Unknown demo reseller “{name}”: use `demo` or `small`."
        )));
    };
    if !is_signed_in(&state, token).await? {
        return Err(ApiError::NotFound(format!(
            "The demo reseller “{name}” has not been seeded."
        )));
    }
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, session_set_cookie(token));
    headers.insert(header::LOCATION, HeaderValue::from_static("/customers"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok((StatusCode::SEE_OTHER, headers).into_response())
}

/// Whether `token` (a session cookie's value) signs in: a stored demo identity, the only kind
/// the cookie may carry (as `http::identity` accepts it).
pub async fn is_signed_in(state: &AppState, token: &str) -> Result<bool, ApiError> {
    if !crate::demo::is_demo_token(token) {
        return Ok(false);
    }
    let hash = crate::store::token_hash(token);
    Ok(state.store.token_by_hash(&hash).await?.is_some())
}
