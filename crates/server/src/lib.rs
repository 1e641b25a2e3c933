//! The customers API: an axum router over SQLite that also serves the built SPA.
//! `app(state)` is the whole application, so tests drive it with `oneshot` and no port.

pub mod auth;
pub mod config;
pub mod customers;
pub mod db;
pub mod error;
pub mod extract;
pub mod list_index;
pub mod messages;
pub mod openapi;
pub mod outbox;
pub mod seed;
pub mod static_files;

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, OriginalUri};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use db::Db;

/// What the application needs besides the database.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Accept the session cookie, sign browsers in as the demo reseller, enable demo sign-in.
    pub demo_mode: bool,
    /// trunk's dist/ directory (none: API only).
    pub static_dir: Option<PathBuf>,
    /// CSP frame-ancestors.
    pub frame_ancestors: String,
    /// Base URL of activation links.
    pub public_url: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            demo_mode: false,
            static_dir: None,
            frame_ancestors: "'self'".to_owned(),
            public_url: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

/// Shared state: cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<StateInner>);

pub struct StateInner {
    pub db: Db,
    pub settings: Settings,
    /// Wakes the outbox worker when an email is queued.
    pub outbox_wakeup: tokio::sync::Notify,
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        AppState(Arc::new(StateInner {
            db,
            settings,
            outbox_wakeup: tokio::sync::Notify::new(),
        }))
    }
}

impl Deref for AppState {
    type Target = StateInner;
    fn deref(&self) -> &StateInner {
        &self.0
    }
}

/// `GET /api/health`: the server is up (no credentials needed).
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "system",
    security(()),
    responses((status = 200, description = "The server is up", body = openapi::HealthDoc))
)]
pub async fn health() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/customers", get(customers::list).post(customers::create))
        .route("/customers/export.csv", get(customers::export))
        .route(
            "/customers/{id}",
            get(customers::get_one).patch(customers::update),
        )
        .route("/customers/{id}/audit", get(customers::audit_log))
        .route(
            "/customers/{id}/activation-email",
            post(customers::resend_activation),
        )
        .route("/outbox", get(outbox::list))
        .route("/demo/sign-in", get(auth::demo_sign_in))
        .method_not_allowed_fallback(method_not_allowed);
    let api = Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi::serve))
        .nest("/v1", v1)
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT));
    Router::new()
        .nest("/api", api)
        .route("/activate/{token}", get(outbox::activation_page))
        .fallback(static_files::fallback)
        .layer(middleware::map_response_with_state(
            state.clone(),
            static_files::csp_for_html,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn api_not_found(OriginalUri(uri): OriginalUri) -> Response {
    error::problem(
        StatusCode::NOT_FOUND,
        &format!("There is no API endpoint at {}.", uri.path()),
    )
}

async fn method_not_allowed(method: axum::http::Method, OriginalUri(uri): OriginalUri) -> Response {
    error::problem(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("{method} is not allowed on {}.", uri.path()),
    )
}

fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = what, "a request handler panicked");
    let mut response = error::problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side. Try again; if it keeps happening, contact support.",
    );
    response.headers_mut().insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response.into_response()
}
