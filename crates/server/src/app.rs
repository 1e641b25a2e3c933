//! The whole application: each resource's router merged under `/api/v1`, the system routes, the
//! SPA fallback and the layers every response passes through.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::http::limits::OverloadLimits;
use crate::http::{self, auth, extract, health, static_files};
use crate::{AppState, api_doc, customers, outbox, usage};

/// The whole application.
pub fn app(state: AppState) -> Router {
    let v1 = Router::new()
        .merge(customers::router())
        .merge(outbox::router())
        .merge(usage::router())
        .route("/demo/sign-in", get(auth::demo_sign_in))
        .route("/me", get(crate::me::me))
        .method_not_allowed_fallback(http::method_not_allowed);
    // Health and static files stay outside the overload limits: readiness must answer then.
    let limits = OverloadLimits::new(state.settings.request_timeout, state.settings.max_in_flight);
    let api = Router::new()
        .route("/health", get(health::health))
        .route("/health/live", get(health::live))
        .route("/health/ready", get(health::ready))
        .route("/openapi.json", get(api_doc::serve))
        .nest("/v1", limits.apply(v1))
        .method_not_allowed_fallback(http::method_not_allowed)
        .fallback(http::api_not_found)
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT));
    let app = Router::new()
        .nest("/api", api)
        .merge(limits.apply(Router::new().route("/activate/{token}", get(outbox::activation_page))))
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
        .layer(CatchPanicLayer::custom(http::panic_response))
        // Counted by route template, so it sits where routing has matched (a panic counts as 500).
        .layer(middleware::from_fn(crate::metrics::track));
    // Outermost: request ids and the access log, around every answer (panics' included).
    http::observe::layer(app).with_state(state)
}
