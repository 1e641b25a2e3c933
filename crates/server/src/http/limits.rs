//! Overload limits around the routes that do real work: a per-request timeout and a cap on the
//! requests in flight in this process, past which requests are refused at once (shed), not queued.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::response::{IntoResponse, Response};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::load_shed::LoadShedLayer;
use tower::load_shed::error::Overloaded;
use tower::timeout::TimeoutLayer;
use tower::timeout::error::Elapsed;
use tower::{BoxError, ServiceBuilder};

use super::ApiError;

/// The default of `--request-timeout-secs`.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The default of `--max-in-flight`.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 256;

/// One process's overload limits: every router they are applied to shares the one count of
/// requests in flight.
#[derive(Clone)]
pub struct OverloadLimits {
    timeout: Duration,
    in_flight: Arc<tokio::sync::Semaphore>,
}

impl OverloadLimits {
    /// Requests cut off after `timeout` (503 `timeout`); at most `max_in_flight` at once, the
    /// rest answered 503 `overloaded` with `Retry-After: 1`.
    pub fn new(timeout: Duration, max_in_flight: usize) -> Self {
        OverloadLimits {
            timeout,
            in_flight: Arc::new(tokio::sync::Semaphore::new(max_in_flight.max(1))),
        }
    }

    /// `router` under these limits (its routes and its fallback).
    pub fn apply<S: Clone + Send + Sync + 'static>(&self, router: Router<S>) -> Router<S> {
        // Outermost first: errors become problems; the timeout covers the wait for a slot (none:
        // shedding answers at once) and the handler.
        router.layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(answer))
                .layer(TimeoutLayer::new(self.timeout))
                .layer(LoadShedLayer::new())
                .layer(GlobalConcurrencyLimitLayer::with_semaphore(
                    self.in_flight.clone(),
                )),
        )
    }
}

/// A limit's refusal as problem+json.
async fn answer(e: BoxError) -> Response {
    if e.is::<Overloaded>() {
        ApiError::Overloaded.into_response()
    } else if e.is::<Elapsed>() {
        ApiError::Timeout.into_response()
    } else {
        ApiError::Internal(anyhow::anyhow!("a request limit failed: {e}")).into_response()
    }
}
