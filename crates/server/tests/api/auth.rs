//! Health, credentials (bearer token, demo session cookie) and unknown paths.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use serde_json::json;

use crate::common::*;

async fn health_needs_no_credentials() {
    let app = TestApp::new().await;
    let r = app.get("/api/health", "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"status": "ok"}));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(
        r.header("referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
}

async fn missing_or_wrong_credentials_are_401_with_www_authenticate() {
    let app = TestApp::new().await;
    for token in ["", "wrong-token"] {
        for path in [
            "/api/v1/customers",
            "/api/v1/outbox",
            "/api/v1/customers/export.csv",
        ] {
            let r = app.get(path, token).await;
            r.problem(StatusCode::UNAUTHORIZED);
            assert_eq!(r.header("www-authenticate"), Some("Bearer"));
        }
    }
    let r = app
        .post_json("/api/v1/customers", "", &new_customer("Nobody Oy", None))
        .await;
    r.problem(StatusCode::UNAUTHORIZED);
}

async fn the_session_cookie_counts_only_in_demo_mode() {
    let cookie_get = |path: &str| {
        axum::http::Request::get(path)
            .header(header::COOKIE, "theme=dark; session=demo-token")
            .body(Body::empty())
            .unwrap()
    };
    let app = TestApp::new().await;
    app.send(cookie_get("/api/v1/customers"))
        .await
        .problem(StatusCode::UNAUTHORIZED);
    let demo = TestApp::with(|s| s.demo_mode = true).await;
    let r = demo.send(cookie_get("/api/v1/customers")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["total"], 40);
}

async fn unknown_api_paths_and_methods_are_problems() {
    let app = TestApp::new().await;
    let body = app
        .get("/api/v1/nothing-here", DEMO)
        .await
        .problem(StatusCode::NOT_FOUND);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("/api/v1/nothing-here")
    );
    app.get("/api/nope", "")
        .await
        .problem(StatusCode::NOT_FOUND);
    // Without --static-dir other paths are 404 problems too.
    app.get("/customers", "")
        .await
        .problem(StatusCode::NOT_FOUND);
    let r = app
        .send(
            request(Method::DELETE, "/api/v1/customers", DEMO)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    r.problem(StatusCode::METHOD_NOT_ALLOWED);
}

backend_tests!(
    health_needs_no_credentials,
    missing_or_wrong_credentials_are_401_with_www_authenticate,
    the_session_cookie_counts_only_in_demo_mode,
    unknown_api_paths_and_methods_are_problems,
);
