//! Every path that is not the portal's own goes to the customers API server, so the host page,
//! the app and the API share one origin, as behind a portal's reverse proxy.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::Portal;

/// Where the portal writes a fresh token for the signed-in person in the host page's HTML.
pub const TOKEN_PLACEHOLDER: &str = "{{PORTAL TOKEN}}";
/// Where the portal writes the signed-in person's key (`manager` or `viewer`).
pub const PERSON_PLACEHOLDER: &str = "{{PORTAL PERSON}}";

/// The largest HTML page the portal rewrites.
const HTML_LIMIT: usize = 1 << 20;

/// Forwards the request upstream; HTML answers get the signed-in person's token written in.
pub async fn forward(State(portal): State<Portal>, mut request: Request) -> Response {
    let Some(upstream) = &portal.upstream else {
        return (StatusCode::NOT_FOUND, "This portal has no --upstream.").into_response();
    };
    let person = crate::signed_in(request.headers());
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let Ok(uri) = format!("{upstream}{path}").parse() else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    *request.uri_mut() = uri;
    // The client sets Host from the upstream URI.
    request.headers_mut().remove(header::HOST);
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if wants_html {
        // A page is rewritten, so it must arrive uncompressed.
        request.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    let response = match portal.client.request(request).await {
        Ok(response) => response.map(Body::new),
        Err(e) => {
            return (
                StatusCode::BAD_GATEWAY,
                format!("The customers API at {upstream} does not answer: {e}"),
            )
                .into_response();
        }
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match http_body_util::Limited::new(body, HTML_LIMIT)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return StatusCode::BAD_GATEWAY.into_response(),
    };
    let page = String::from_utf8_lossy(&bytes)
        .replace(PERSON_PLACEHOLDER, person.key)
        .replace(
            TOKEN_PLACEHOLDER,
            &portal.token_for(person, crate::TOKEN_LIFETIME),
        );
    parts.headers.remove(header::CONTENT_LENGTH);
    // The page carries a token: never cached.
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(page))
}
