//! Usage history: the backup platform's ingestion (`POST /api/v1/usage`) and a customer's
//! history with its forecast (`GET /api/v1/customers/{id}/usage`). The checks and the forecast
//! are the domain crate's; the store keeps each customer's current usage and forecast.

pub mod history;
pub mod ingest;
pub mod messages;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::AppState;

/// The largest ingestion body: 1,000 samples with long ids fit.
pub const USAGE_BODY_LIMIT: usize = 512 * 1024;

/// The usage routes (relative to `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/usage",
            post(ingest::ingest).layer(DefaultBodyLimit::max(USAGE_BODY_LIMIT)),
        )
        .route("/customers/{id}/usage", get(history::history))
}

/// Today's day number (`domain::usage::parse_day`) by the state's clock.
pub fn today(state: &AppState) -> i32 {
    let unix_epoch_julian = 2_440_588;
    state.clock.now().date().to_julian_day() - unix_epoch_julian
}
