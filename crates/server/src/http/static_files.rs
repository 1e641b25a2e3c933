//! Serving trunk's `dist/`: hashed assets cached for a year (precompressed `.br`/`.gz` siblings
//! when the browser accepts them), `index.html` for every other path (deep links survive a reload)
//! with a fresh CSP nonce per response, and security headers on every response.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::AppState;
use crate::http::auth::{self, session_cookie, session_set_cookie};
use crate::http::error::problem;

/// What trunk writes in the `nonce` attribute of every script and style it injects when
/// Trunk.toml has `[build] create_nonce = true` (and no `nonce_placeholder` override): trunk
/// 0.21.14's default `nonce_placeholder`. The server replaces every occurrence with a fresh nonce.
pub const NONCE_PLACEHOLDER: &str = "{{__TRUNK NONCE__}}";

/// The Content-Security-Policy for an HTML response.
pub fn content_security_policy(nonce: &str, frame_ancestors: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; \
         frame-ancestors {frame_ancestors}"
    )
}

/// A fresh nonce (128 random bits, hex).
pub fn fresh_nonce() -> String {
    crate::util::random_hex(16)
}

/// Whether a file name carries trunk's content hash (`name-<hex>.ext` or `name-<hex>_bg.wasm`).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.match_indices('-').any(|(i, _)| {
        let rest = &name[i + 1..];
        let hex_len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        (10..=16).contains(&hex_len) && matches!(rest.as_bytes().get(hex_len), Some(b'.' | b'_'))
    })
}

/// The fallback for every path no API route matched.
pub async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if path == "/api" || path.starts_with("/api/") {
        return problem(
            StatusCode::NOT_FOUND,
            &format!("There is no API endpoint at {path}."),
        );
    }
    let Some(dir) = state.settings.static_dir.clone() else {
        return problem(
            StatusCode::NOT_FOUND,
            "Nothing is served here: this server runs without --static-dir (API only).",
        );
    };
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut response = problem(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are allowed here.",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let name = path.rsplit('/').next().unwrap_or("");
    if name.is_empty() || name == "index.html" {
        return index(&state, req.headers()).await;
    }
    let headers = req.headers().clone();
    let serve = ServeDir::new(&dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    match serve.oneshot(req).await {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => index(&state, &headers).await,
        Ok(response) => {
            let (mut parts, body) = response.into_parts();
            if parts.status.is_success() || parts.status == StatusCode::NOT_MODIFIED {
                let cache = if is_hashed_asset(&path) {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                };
                parts
                    .headers
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
                // The body depends on Accept-Encoding (a `.br`/`.gz` sibling or the file itself):
                // without this a shared cache could hand brotli to a client that cannot read it.
                if !parts.headers.contains_key(header::VARY) {
                    parts
                        .headers
                        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
                }
            }
            Response::from_parts(parts, Body::new(body))
        }
        Err(e) => {
            tracing::error!(error = %e, "serving a static file failed");
            problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The file could not be read.",
            )
        }
    }
}

/// `index.html` with a fresh nonce in place of [`NONCE_PLACEHOLDER`] and the matching CSP; in
/// demo mode it also signs the browser in as the demo reseller when it is not signed in.
async fn index(state: &AppState, request_headers: &HeaderMap) -> Response {
    let Some(dir) = &state.settings.static_dir else {
        return problem(StatusCode::NOT_FOUND, "No static directory is configured.");
    };
    let html = match tokio::fs::read_to_string(dir.join("index.html")).await {
        Ok(html) => html,
        Err(e) => {
            tracing::error!(error = %e, dir = %dir.display(), "index.html cannot be read");
            return problem(
                StatusCode::NOT_FOUND,
                "The app is not built: index.html is missing from the static directory (run `trunk build`).",
            );
        }
    };
    let nonce = fresh_nonce();
    let html = html.replace(NONCE_PLACEHOLDER, &nonce);
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(
        &nonce,
        &state.settings.frame_ancestors,
    )) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    if state.settings.demo_mode {
        let signed_in = match session_cookie(request_headers) {
            Some(token) => auth::is_signed_in(state, &token).await.unwrap_or(false),
            None => false,
        };
        if !signed_in {
            headers.insert(
                header::SET_COOKIE,
                session_set_cookie(crate::demo::DEMO_TOKEN),
            );
        }
    }
    (StatusCode::OK, headers, html).into_response()
}

/// Adds the CSP to HTML responses that have none (HTML files other than index.html).
pub async fn csp_for_html(state: State<AppState>, response: Response) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let mut response = response;
    if is_html
        && !response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        let csp = content_security_policy(&fresh_nonce(), &state.settings.frame_ancestors);
        if let Ok(csp) = HeaderValue::from_str(&csp) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, csp);
        }
    }
    response
}
