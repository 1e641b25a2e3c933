//! What the server counts for Prometheus: requests, outbox deliveries, the list accelerator
//! and sign-in refusals (served by `http::metrics` on `--metrics-bind` only).

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics::{counter, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Request latency buckets in seconds: 1 ms to 30 s, the request timeout.
const LATENCY_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process-wide recorder (installed once; later calls, as in tests, get the same one).
pub fn install() -> anyhow::Result<PrometheusHandle> {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("http_request_duration_seconds".into()),
            &LATENCY_BUCKETS,
        )?
        .build_recorder();
    let handle = recorder.handle();
    // A second caller racing here keeps the first recorder; its handle is the one returned.
    if metrics::set_global_recorder(recorder).is_err() {
        return HANDLE
            .get()
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("another metrics recorder is installed"));
    }
    Ok(HANDLE.get_or_init(|| handle).clone())
}

/// Counts and times every request by method, route template and status (the app's layer).
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    // A method any client can invent would make series without bound: the standard ones only.
    let method = match request.method().as_str() {
        m @ ("GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS") => m,
        _ => "other",
    }
    .to_owned();
    // The template, so that ids in paths do not make a series each.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(no route)".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// A refused sign-in, by its problem code.
pub fn auth_failure(code: &'static str) {
    counter!("auth_failures_total", "code" => code).increment(1);
}

/// A request answered 429 (`limit`: `sign-in-failures` or `requests`).
pub fn rate_limited(limit: &'static str) {
    counter!("rate_limited_total", "limit" => limit).increment(1);
}

/// What became of one delivery attempt: `sent`, `retried` or `dead_lettered`.
pub fn outbox_attempt(outcome: &'static str) {
    counter!("outbox_emails_total", "outcome" => outcome).increment(1);
}

/// The list accelerator built a reseller's index from the database.
pub fn list_cache_build() {
    counter!("list_cache_builds_total").increment(1);
}

/// The list accelerator answered from an index that was already current.
pub fn list_cache_hit() {
    counter!("list_cache_hits_total").increment(1);
}
