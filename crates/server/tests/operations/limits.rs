//! Each overload limit's answer: the request timeout (503 `timeout`), the cap on requests in
//! flight (503 `overloaded` with `Retry-After: 1`, health still answering), the pool's acquire
//! timeout and PostgreSQL's `statement_timeout` (503 `unavailable`). Requests are held by a lock
//! another connection holds on the reseller's writes, so no timing is guessed.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use server::http::limits::OverloadLimits;
use server::store::OpenOptions;
use server::store::postgres::PgStore;
use server::store::sqlite::SqliteStore;
use tower::ServiceExt;

use crate::common::*;

backend_tests!(
    a_request_past_the_timeout_is_503_timeout,
    requests_past_max_in_flight_are_shed_503_overloaded_while_health_answers,
    a_request_that_waits_past_the_pool_acquire_timeout_is_503_unavailable,
);

/// A connection holding the demo reseller's write lock (SQLite: the database's) until released.
enum WriteLock {
    Sqlite(sqlx::pool::PoolConnection<sqlx::Sqlite>),
    Postgres(sqlx::pool::PoolConnection<sqlx::Postgres>),
}

impl WriteLock {
    async fn hold(app: &TestApp) -> WriteLock {
        match &app.db {
            TestDb::Sqlite(s) => {
                let mut conn = s.pool().acquire().await.unwrap();
                sqlx::query("BEGIN IMMEDIATE")
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                WriteLock::Sqlite(conn)
            }
            TestDb::Postgres { store, .. } => {
                let reseller = app.reseller(DEMO).await.id;
                let mut conn = store.pool().acquire().await.unwrap();
                sqlx::query("BEGIN").execute(&mut *conn).await.unwrap();
                sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                    .bind(reseller)
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                WriteLock::Postgres(conn)
            }
        }
    }

    async fn release(self) {
        match self {
            WriteLock::Sqlite(mut c) => {
                sqlx::query("ROLLBACK").execute(&mut *c).await.unwrap();
            }
            WriteLock::Postgres(mut c) => {
                sqlx::query("ROLLBACK").execute(&mut *c).await.unwrap();
            }
        }
    }
}

async fn a_request_past_the_timeout_is_503_timeout() {
    let app = TestApp::with(|s| s.request_timeout = Duration::from_secs(1)).await;
    let lock = WriteLock::hold(&app).await;
    let r = app
        .post_json("/api/v1/customers", DEMO, &new_customer("Slow Oy", None))
        .await;
    lock.release().await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    assert_eq!(r.json()["code"], "timeout");
    // Nothing was half-written: the create can be made again.
    let r = app
        .post_json("/api/v1/customers", DEMO, &new_customer("Slow Oy", None))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

async fn requests_past_max_in_flight_are_shed_503_overloaded_while_health_answers() {
    let app = Arc::new(TestApp::with(|s| s.max_in_flight = 1).await);
    let lock = WriteLock::hold(&app).await;
    // The held request: a create waiting for the write lock (again if a probe had the slot).
    let held = tokio::spawn({
        let app = app.clone();
        async move {
            loop {
                let r = app
                    .post_json("/api/v1/customers", DEMO, &new_customer("Held Oy", None))
                    .await;
                if r.status != StatusCode::SERVICE_UNAVAILABLE {
                    return r;
                }
            }
        }
    });
    // Reads go on beside the lock: one is shed once the create holds the only slot.
    let mut shed = None;
    for _ in 0..1000 {
        let r = app.get("/api/v1/customers?per_page=1", DEMO).await;
        if r.status == StatusCode::SERVICE_UNAVAILABLE {
            shed = Some(r);
            break;
        }
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let shed = shed.expect("a request past --max-in-flight is shed");
    assert_eq!(
        shed.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(shed.header("retry-after"), Some("1"));
    assert_eq!(shed.json()["code"], "overloaded");
    // Health is outside the limit: readiness still answers, and says ready.
    assert_eq!(
        app.get("/api/health/ready", "").await.status,
        StatusCode::OK
    );
    assert_eq!(app.get("/api/health/live", "").await.status, StatusCode::OK);
    lock.release().await;
    let held = held.await.unwrap();
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.text());
    // The slot is free again.
    let r = app.get("/api/v1/customers?per_page=1", DEMO).await;
    assert_eq!(r.status, StatusCode::OK);
}

async fn a_request_that_waits_past_the_pool_acquire_timeout_is_503_unavailable() {
    let options = OpenOptions {
        pool_size: Some(1),
        acquire_timeout: Some(Duration::from_secs(1)),
        ..OpenOptions::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let db = match backend() {
        Backend::Sqlite => TestDb::Sqlite(
            SqliteStore::open_with(&dir.path().join("pool.sqlite3"), &options)
                .await
                .unwrap(),
        ),
        Backend::Postgres => {
            let url = fresh_pg_database().await;
            let store = PgStore::open_with(&url, &options).await.unwrap();
            TestDb::Postgres { store, url }
        }
    };
    let app = TestApp::over(
        db,
        server::Settings {
            seeded_identities: true,
            ..Default::default()
        },
        dir,
    );
    server::seed::seed_demo(app.store.as_ref()).await.unwrap();
    // The pool's one connection is taken.
    let taken: Box<dyn std::any::Any + Send> = match &app.db {
        TestDb::Sqlite(s) => Box::new(s.pool().acquire().await.unwrap()),
        TestDb::Postgres { store, .. } => Box::new(store.pool().acquire().await.unwrap()),
    };
    let r = app.get("/api/v1/customers", DEMO).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
    assert_eq!(r.json()["code"], "unavailable");
    assert_eq!(r.header("retry-after"), Some("5"));
    drop(taken);
    assert_eq!(
        app.get("/api/v1/customers", DEMO).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_statement_timeout_cancels_a_long_statement_503_unavailable() {
    on(Backend::Postgres, async {
        let url = fresh_pg_database().await;
        let options = OpenOptions {
            statement_timeout: Duration::from_secs(1),
            ..OpenOptions::default()
        };
        let store = PgStore::open_with(&url, &options).await.unwrap();
        let app = TestApp::over(
            TestDb::Postgres { store, url },
            server::Settings {
                seeded_identities: true,
                ..Default::default()
            },
            tempfile::tempdir().unwrap(),
        );
        server::seed::seed_demo(app.store.as_ref()).await.unwrap();
        let lock = WriteLock::hold(&app).await;
        let started = std::time::Instant::now();
        let r = app
            .post_json("/api/v1/customers", DEMO, &new_customer("Waiting Oy", None))
            .await;
        lock.release().await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
        assert_eq!(r.json()["code"], "unavailable");
        assert!(
            started.elapsed() < Duration::from_secs(9),
            "cut off by statement_timeout"
        );
    })
    .await
}

/// The limits' answers from the one function the app applies them with, around handlers whose
/// timing the test controls (time is paused: the timeout fires without waiting).
#[tokio::test(start_paused = true)]
async fn the_limit_layers_answer_timeout_and_overloaded_as_problems() {
    let (entered_tx, mut entered) = tokio::sync::mpsc::channel::<()>(1);
    let release = Arc::new(tokio::sync::Notify::new());
    let router: Router = Router::new()
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                "late"
            }),
        )
        .route(
            "/held",
            get({
                let release = release.clone();
                move || async move {
                    let _ = entered_tx.send(()).await;
                    release.notified().await;
                    "done"
                }
            }),
        );
    let router = OverloadLimits::new(Duration::from_secs(30), 1).apply(router);
    let call = |path: &'static str| {
        router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
    };

    let r = call("/slow").await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    assert_eq!(body_json(r).await["code"], "timeout");

    let held = tokio::spawn(call("/held"));
    entered.recv().await.unwrap();
    let r = call("/held").await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "1");
    assert_eq!(body_json(r).await["code"], "overloaded");
    release.notify_one();
    assert_eq!(held.await.unwrap().unwrap().status(), StatusCode::OK);
}

async fn body_json(r: axum::response::Response) -> serde_json::Value {
    use http_body_util::BodyExt;
    let bytes = r.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}
