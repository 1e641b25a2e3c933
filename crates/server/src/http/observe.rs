//! Request ids and the access log: every request gets an id (a well-formed incoming
//! `x-request-id` is kept), answers carry it in `x-request-id` and in every problem+json body
//! (`request_id`), and every log line of the request carries it in the request's span, which
//! ends with one INFO line: method, route template, status, latency, request id and reseller.

use std::time::Duration;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use tower::ServiceBuilder;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;
use tracing::Span;

/// The longest incoming request id kept; a longer (or otherwise malformed) one is replaced.
pub const MAX_REQUEST_ID_LEN: usize = 128;

tokio::task_local! {
    /// The id of the request being answered, for the problem+json bodies built while answering it.
    static REQUEST_ID: String;
}

/// The layers, outermost first: drop a malformed incoming id, set one (a UUID when missing),
/// return it, open the request's span and write its access line, and make the id available to
/// the problem bodies built inside (panic answers included, so this goes outside `CatchPanicLayer`).
pub fn layer<S>(router: axum::Router<S>) -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router.layer(
        ServiceBuilder::new()
            .layer(middleware::map_request(drop_malformed_id))
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_span)
                    .on_response(access_line)
                    // A failure is the access line's status; a 500's cause is logged where it arose.
                    .on_failure(()),
            )
            .layer(middleware::from_fn(scope_request_id)),
    )
}

/// The id of the request being answered (none outside a request, e.g. in a unit test).
pub fn current_request_id() -> Option<String> {
    REQUEST_ID
        .try_with(|id| id.clone())
        .ok()
        .filter(|id| !id.is_empty())
}

/// Records the reseller the request acts for in its span (and so in its access line).
pub fn record_reseller(reseller_id: &str) {
    Span::current().record("reseller", reseller_id);
}

/// Whether an incoming request id is kept: 1 to 128 visible ASCII characters.
pub fn is_well_formed(id: &HeaderValue) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_REQUEST_ID_LEN
        && bytes.iter().all(|b| b.is_ascii_graphic())
}

async fn drop_malformed_id(mut request: Request) -> Request {
    let headers = request.headers_mut();
    let ids = headers.get_all("x-request-id");
    let mut ids = ids.iter();
    let keep = matches!((ids.next(), ids.next()), (Some(id), None) if is_well_formed(id));
    if !keep {
        headers.remove("x-request-id");
    }
    request
}

fn request_span(request: &Request) -> Span {
    // The route template, never the path itself: a path can hold an activation token.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str);
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        method = %request.method(),
        route,
        request_id,
        reseller = tracing::field::Empty,
    )
}

fn access_line(response: &Response, latency: Duration, _span: &Span) {
    let latency_ms = latency.as_micros() as f64 / 1000.0;
    tracing::info!(
        status = response.status().as_u16(),
        latency_ms,
        "request answered"
    );
}

async fn scope_request_id(request: Request, next: Next) -> Response {
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("")
        .to_owned();
    REQUEST_ID.scope(id, next.run(request)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_visible_ascii_up_to_128_are_kept() {
        assert!(is_well_formed(&HeaderValue::from_static("abc-123_XYZ.9")));
        assert!(is_well_formed(
            &HeaderValue::from_str(&"a".repeat(128)).unwrap()
        ));
        assert!(!is_well_formed(
            &HeaderValue::from_str(&"a".repeat(129)).unwrap()
        ));
        assert!(!is_well_formed(&HeaderValue::from_static("")));
        assert!(!is_well_formed(&HeaderValue::from_static("has space")));
        assert!(!is_well_formed(
            &HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap()
        ));
    }
}
