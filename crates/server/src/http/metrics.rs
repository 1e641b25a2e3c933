//! `GET /metrics` on the metrics address (`--metrics-bind`), never on the public port: the
//! gauges (database pool, outbox backlog, list accelerator) read at each scrape, then every series.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics::{counter, gauge};
use metrics_exporter_prometheus::PrometheusHandle;

use crate::AppState;

/// The metrics address's router: `GET /metrics` in the Prometheus text format.
pub fn router(state: AppState, handle: PrometheusHandle) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state((state, handle))
}

/// Serves the metrics router on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState, handle: PrometheusHandle) {
    if let Err(e) = axum::serve(listener, router(state, handle)).await {
        tracing::error!(error = %e, "the metrics listener stopped");
    }
}

/// `GET /metrics`: the gauges read now, then every series.
async fn scrape(State((state, handle)): State<(AppState, PrometheusHandle)>) -> Response {
    let pool = state.store.pool_stats();
    gauge!("db_pool_connections", "state" => "idle").set(pool.idle);
    gauge!("db_pool_connections", "state" => "in_use").set(pool.size.saturating_sub(pool.idle));
    gauge!("db_pool_max_connections").set(pool.max);
    let (bytes, resellers) = state.list_cache.as_ref().map_or((0, 0), |c| c.usage());
    gauge!("list_cache_bytes").set(bytes as f64);
    gauge!("list_cache_resellers").set(resellers as f64);
    let now = state.clock.now();
    match state
        .store
        .outbox_backlog(&crate::util::format_time(now))
        .await
    {
        Ok(backlog) => {
            gauge!("outbox_due").set(backlog.due as f64);
            let age = backlog
                .oldest_due_created_at
                .and_then(|at| crate::util::parse_time(&at))
                .map_or(0.0, |at| (now - at).as_seconds_f64().max(0.0));
            gauge!("outbox_oldest_due_age_seconds").set(age);
        }
        // The other series still answer; the failure is a series of its own.
        Err(e) => {
            tracing::warn!(error = %e, "metrics: the outbox backlog could not be read");
            counter!("metrics_scrape_errors_total").increment(1);
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        handle.render(),
    )
        .into_response()
}
