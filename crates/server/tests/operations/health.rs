//! `/api/health/live` answers while the process runs; `/api/health/ready` only while the database
//! answers with this binary's schema and the process is not draining.

use std::sync::atomic::Ordering;

use axum::http::StatusCode;

use crate::common::*;

backend_tests!(
    live_and_its_alias_answer_ok,
    ready_answers_ok_over_a_migrated_database,
    ready_is_503_draining_while_the_process_stops,
    ready_is_503_not_ready_when_the_schema_is_behind,
    ready_is_503_not_ready_when_the_database_is_gone,
);

async fn live_and_its_alias_answer_ok() {
    let app = TestApp::new().await;
    for path in ["/api/health/live", "/api/health"] {
        let r = app.get(path, "").await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.json()["status"], "ok", "{path}");
    }
}

async fn ready_answers_ok_over_a_migrated_database() {
    let app = TestApp::new().await;
    let r = app.get("/api/health/ready", "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["status"], "ready");
}

async fn ready_is_503_draining_while_the_process_stops() {
    let app = TestApp::new().await;
    app.state.draining.store(true, Ordering::Relaxed);
    let r = app.get("/api/health/ready", "").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    assert_eq!(r.json()["code"], "draining");
    // Everything else is still served while draining.
    assert_eq!(app.get("/api/health/live", "").await.status, StatusCode::OK);
    assert_eq!(app.get("/api/v1/me", DEMO).await.status, StatusCode::OK);
}

async fn ready_is_503_not_ready_when_the_schema_is_behind() {
    let app = TestApp::new().await;
    let newest = app
        .integer("SELECT MAX(version) FROM _sqlx_migrations", &[])
        .await;
    app.sql(
        &format!("DELETE FROM _sqlx_migrations WHERE version = {newest}"),
        &[],
    )
    .await;
    let r = app.get("/api/health/ready", "").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    let body = r.json();
    assert_eq!(body["code"], "not-ready");
    let detail = body["detail"].as_str().unwrap();
    assert!(
        detail.contains(&format!(
            "is at version {}, this binary needs version {newest}",
            newest - 1
        )),
        "{detail}"
    );
}

async fn ready_is_503_not_ready_when_the_database_is_gone() {
    let app = TestApp::new().await;
    match &app.db {
        TestDb::Sqlite(s) => s.pool().close().await,
        TestDb::Postgres { store, .. } => store.pool().close().await,
    }
    let r = app.get("/api/health/ready", "").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.json()["code"], "not-ready");
    assert_eq!(r.json()["detail"], "The database does not answer.");
    assert_eq!(app.get("/api/health/live", "").await.status, StatusCode::OK);
}
