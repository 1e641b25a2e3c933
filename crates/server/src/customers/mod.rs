//! `/api/v1/customers`: one module per operation, and the resource's router. Every write is
//! validated by the domain crate; every query is scoped by the reseller.

pub mod audit;
pub mod batch;
pub mod create;
pub mod export;
pub mod get;
pub mod list;
pub mod lookup;
pub mod resend;
pub mod update;
pub mod write;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::AppState;
use crate::http::ApiError;
use crate::http::extract::BATCH_BODY_LIMIT;

pub use list::parse_list_params;

/// The customer routes (relative to `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/customers", get(list::list).post(create::create))
        .route(
            "/customers/batch",
            post(batch::create_batch).layer(DefaultBodyLimit::max(BATCH_BODY_LIMIT)),
        )
        .route("/customers/export.csv", get(export::export))
        .route("/customers/lookup", post(lookup::lookup))
        .route("/customers/{id}", get(get::get_one).patch(update::update))
        .route("/customers/{id}/audit", get(audit::audit_log))
        .route(
            "/customers/{id}/activation-email",
            post(resend::resend_activation),
        )
}

/// The 404 for an id the reseller has no customer with.
pub fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("There is no customer with id “{id}”."))
}
