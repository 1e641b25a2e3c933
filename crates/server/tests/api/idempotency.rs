//! Idempotency-Key on create: a replay answers the first response, keys expire after a day.

use axum::body::Body;
use axum::http::{Method, StatusCode};

use crate::common::*;
use crate::count_named;

fn with_key(mut req: axum::http::Request<Body>, key: &str) -> axum::http::Request<Body> {
    req.headers_mut()
        .insert("idempotency-key", key.parse().unwrap());
    req
}

async fn idempotency_keys_expire_after_a_day() {
    let app = TestApp::new().await;
    let post = |name: &str, domain: &str, key: &str| {
        with_key(
            json_request(
                Method::POST,
                "/api/v1/customers",
                DEMO,
                &new_customer(name, Some(domain)),
            ),
            key,
        )
    };
    assert_eq!(
        app.send(post("Eilen Oy", "eilen.fi", "old-key"))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.send(post("Tanaan Oy", "tanaan.fi", "young-key"))
            .await
            .status,
        StatusCode::CREATED
    );
    // One key stored 25 hours ago, the other 23.
    let hours_ago = |h: i64| {
        server::util::format_time(time::OffsetDateTime::now_utc() - time::Duration::hours(h))
    };
    app.sql(
        "UPDATE idempotency_keys SET created_at = ?1 WHERE key = 'old-key'",
        &[&hours_ago(25)],
    )
    .await;
    app.sql(
        "UPDATE idempotency_keys SET created_at = ?1 WHERE key = 'young-key'",
        &[&hours_ago(23)],
    )
    .await;

    // The expired key is new again: another body under it creates, and is neither a replay nor
    // a reuse.
    let r = app
        .send(post("Huomenna Oy", "huomenna.fi", "old-key"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.header("idempotent-replayed"), None);
    assert_eq!(count_named(&app, "huomenna").await, 1);
    // The younger one still replays.
    let r = app.send(post("Tanaan Oy", "tanaan.fi", "young-key")).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.header("idempotent-replayed"), Some("true"));
    assert_eq!(count_named(&app, "tanaan").await, 1);
    // The expired row was replaced by the new use (the retention job deletes the others:
    // tests/retention.rs).
    let expired = app
        .integer(
            "SELECT count(*) FROM idempotency_keys WHERE created_at < ?1",
            &[&hours_ago(24)],
        )
        .await;
    assert_eq!(expired, 0);
}

async fn a_replayed_idempotency_key_returns_the_first_response_and_creates_nothing() {
    let app = TestApp::new().await;
    let body = new_customer("Kerran Vain Oy", Some("kerranvain.fi"));
    let req = || {
        with_key(
            json_request(Method::POST, "/api/v1/customers", DEMO, &body),
            "key-123",
        )
    };
    let first = app.send(req()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = app.send(req()).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(second.body, first.body);
    assert_eq!(second.header("location"), first.header("location"));
    assert_eq!(second.header("etag"), first.header("etag"));
    assert_eq!(second.header("content-type"), Some("application/json"));
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(count_named(&app, "kerran vain").await, 1);
    assert_eq!(app.count("/api/v1/outbox", DEMO).await, 1);

    // Same key, different body: refused, nothing created.
    let other = new_customer("Toinen Oy", None);
    let r = app
        .send(with_key(
            json_request(Method::POST, "/api/v1/customers", DEMO, &other),
            "key-123",
        ))
        .await;
    let problem = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "idempotency_key_reused");
    assert_eq!(count_named(&app, "toinen").await, 0);

    // Keys are per reseller: the other reseller's same key creates its own customer.
    let r = app
        .send(with_key(
            json_request(Method::POST, "/api/v1/customers", SMALL, &body),
            "key-123",
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_ne!(r.body, first.body);

    // A malformed key is a 400.
    let r = app
        .send(with_key(
            json_request(Method::POST, "/api/v1/customers", DEMO, &other),
            "has space",
        ))
        .await;
    r.problem(StatusCode::BAD_REQUEST);
}

backend_tests!(
    idempotency_keys_expire_after_a_day,
    a_replayed_idempotency_key_returns_the_first_response_and_creates_nothing,
);
