//! Who a request acts for: `Authorization: Bearer <token>`, or in demo mode the `session`
//! cookie. Every customer query is scoped by the reseller this extractor yields.

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::AppState;
use crate::demo::demo_token;
use crate::http::error::ApiError;
use crate::store::Reseller;

/// The name of the demo session cookie.
pub const SESSION_COOKIE: &str = "session";

/// The authenticated reseller.
#[derive(Debug, Clone)]
pub struct Auth(pub Reseller);

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer_token(&parts.headers).or_else(|| {
            if state.settings.demo_mode {
                session_cookie(&parts.headers)
            } else {
                None
            }
        });
        let Some(token) = token else {
            return Err(ApiError::Unauthorized);
        };
        match state.reseller_for_token(token).await? {
            Some(r) => Ok(Auth(r)),
            None => Err(ApiError::Unauthorized),
        }
    }
}

/// The token of an `Authorization: Bearer` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

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
    if state.reseller_for_token(token.to_owned()).await?.is_none() {
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

impl AppState {
    /// The reseller a token belongs to.
    pub async fn reseller_for_token(&self, token: String) -> Result<Option<Reseller>, ApiError> {
        Ok(self.store.reseller_by_token(&token).await?)
    }
}
