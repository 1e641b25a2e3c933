//! Prometheus metrics: each family an operator watches shows what happened, and only on the
//! metrics address (`--metrics-bind`), never on the public port.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use server::outbox::{self, Mailer};
use tower::ServiceExt;

use crate::common::*;

backend_tests!(every_family_reports_what_the_requests_did);

/// The value of the series `name{labels}` exactly as rendered (labels in rendering order).
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

async fn scrape(app: &TestApp) -> String {
    let handle = server::metrics::install().expect("the recorder installs");
    let router = server::http::metrics::router(app.state.clone(), handle);
    let r = router
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let bytes = r.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

// The recorder is the process's and other tests in this binary count too (at the same time), so
// each check is that the series grew by at least this test's own requests.
async fn every_family_reports_what_the_requests_did() {
    // The gauges are the process's too: one scrape of this test at a time.
    static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _serial = SERIAL.lock().await;
    let app = TestApp::with(|s| s.auth_failures_per_minute = 1).await;
    let before = scrape(&app).await;
    let list = r#"http_requests_total{method="GET",route="/api/v1/customers",status="200"}"#;
    let refused = r#"auth_failures_total{code="unauthenticated"}"#;
    let limited = r#"rate_limited_total{limit="sign-in-failures"}"#;
    let sent = r#"outbox_emails_total{outcome="sent"}"#;
    let builds = "list_cache_builds_total";
    let was = |series: &str| value(&before, series).unwrap_or(0.0);

    for _ in 0..3 {
        assert_eq!(
            app.get("/api/v1/customers", DEMO).await.status,
            StatusCode::OK
        );
    }
    // One refusal, then the address is past its one failure a minute.
    let bad = format!("cm_00000000_{}", "0".repeat(64));
    assert_eq!(
        app.get("/api/v1/customers", &bad).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/customers", &bad).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Two activation emails queued, due now and not yet sent.
    for name in ["Metrics One Oy", "Metrics Two Oy"] {
        app.create_ok(DEMO, &new_customer(name, None)).await;
    }
    let queued = scrape(&app).await;
    assert!(value(&queued, "outbox_due").unwrap() >= 2.0, "{queued}");
    assert!(value(&queued, "outbox_oldest_due_age_seconds").unwrap() >= 0.0);

    outbox::deliver_pending(&app.state, &Mailer::Log)
        .await
        .unwrap();
    let after = scrape(&app).await;
    assert!(value(&after, list).unwrap() - was(list) >= 3.0, "{after}");
    assert!(
        after.contains(r#"http_request_duration_seconds_bucket{method="GET",route="/api/v1/customers",le="0.25"}"#),
        "{after}"
    );
    assert!(value(&after, refused).unwrap() - was(refused) >= 1.0);
    assert!(value(&after, limited).unwrap() - was(limited) >= 1.0);
    assert!(value(&after, sent).unwrap() - was(sent) >= 2.0);
    assert_eq!(value(&after, "outbox_due"), Some(0.0));
    // The first list built the demo reseller's index; the next two were answered from it.
    assert!(value(&after, builds).unwrap() - was(builds) >= 1.0);
    assert!(value(&after, "list_cache_hits_total").unwrap() >= 2.0);
    assert!(value(&after, "list_cache_bytes").unwrap() > 0.0);
    assert!(value(&after, "list_cache_resellers").unwrap() >= 1.0);
    let max = value(&after, "db_pool_max_connections").unwrap();
    let idle = value(&after, r#"db_pool_connections{state="idle"}"#).unwrap();
    let in_use = value(&after, r#"db_pool_connections{state="in_use"}"#).unwrap();
    assert!(
        max >= 1.0 && idle + in_use <= max,
        "{idle} + {in_use} of {max}"
    );
}

#[test]
fn metrics_are_served_on_their_own_address_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("metrics.sqlite3");
    let metrics = format!("127.0.0.1:{}", free_port());
    let server = ServerProcess::start(&[
        "--db",
        db.to_str().unwrap(),
        "--seed-demo",
        "--metrics-bind",
        &metrics,
    ]);
    let (status, _) = server.get("/api/v1/customers", "demo-token").unwrap();
    assert_eq!(status, 200);
    // The public port has no metrics: /metrics there is an unknown path like any other.
    let (status, body) = server.get("/metrics", "").unwrap();
    assert_ne!(status, 200, "{body}");
    assert!(!body.contains("http_requests_total"));
    let (status, body) = http_get(metrics.parse().unwrap(), "/metrics", "").unwrap();
    assert_eq!(status, 200);
    assert!(
        body.contains(
            r#"http_requests_total{method="GET",route="/api/v1/customers",status="200"} 1"#
        ),
        "{body}"
    );
}
