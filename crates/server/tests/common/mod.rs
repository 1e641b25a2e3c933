//! A test application over a temporary database, driven with `oneshot` (no port), on SQLite or
//! PostgreSQL: `backend_tests!` runs each listed test once per backend (`sqlite::name` and
//! `postgres::name`); the PostgreSQL variants get a fresh database on the cluster that
//! `CUSTOMERS_TEST_PG` names (scripts/test.sh starts a throwaway one). For the tests that need
//! a real process: `ServerProcess` (the built binary), `smtp::SmtpSink` and `free_port`.
#![allow(dead_code, unused_macros, unused_imports)]

mod backend;
pub mod issuer;
mod list;
mod process;
pub mod smtp;

pub use backend::*;
pub use list::*;
pub use process::*;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use server::clock::{Clock, ManualClock, SystemClock};
use server::store::DynStore;
use server::store::postgres::PgStore;
use server::store::sqlite::SqliteStore;
use server::{AppState, Settings, app, seed};
use tempfile::TempDir;
use tower::ServiceExt;

pub const DEMO: &str = "demo-token";
pub const SMALL: &str = "small-token";

/// The database under a test app, for plain SQL.
#[derive(Clone)]
pub enum TestDb {
    Sqlite(SqliteStore),
    Postgres { store: PgStore, url: String },
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    /// The store under the app.
    pub store: DynStore,
    /// The same database, for plain SQL and second handles.
    pub db: TestDb,
    pub dir: TempDir,
}

impl TestApp {
    /// The demo data, API only, not in demo mode.
    pub async fn new() -> Self {
        Self::with(|_| {}).await
    }

    /// The demo data with the list accelerator at `mb` MiB (0: off).
    pub async fn with_cache(mb: u64) -> Self {
        Self::with(|s| s.list_cache_mb = mb).await
    }

    /// The demo data with adjusted settings.
    pub async fn with(adjust: impl FnOnce(&mut Settings)) -> Self {
        Self::on_clock(std::sync::Arc::new(SystemClock), adjust).await
    }

    /// The demo data on a clock the test moves, with the list accelerator at `mb` MiB (0: off).
    pub async fn with_clock(clock: std::sync::Arc<ManualClock>, mb: u64) -> Self {
        Self::on_clock(clock, |s| s.list_cache_mb = mb).await
    }

    /// The demo data on `clock` with adjusted settings.
    pub async fn on_clock(
        clock: std::sync::Arc<dyn Clock>,
        adjust: impl FnOnce(&mut Settings),
    ) -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = match backend() {
            Backend::Sqlite => TestDb::Sqlite(
                SqliteStore::open(&dir.path().join("nested/test.sqlite3"))
                    .await
                    .expect("the database opens"),
            ),
            Backend::Postgres => {
                let url = fresh_pg_database().await;
                let store = PgStore::open(&url).await.expect("the database opens");
                TestDb::Postgres { store, url }
            }
        };
        let mut settings = Settings {
            public_url: "http://app.test".into(),
            // The seeded resellers' tokens are the tests' credentials.
            seeded_identities: true,
            ..Settings::default()
        };
        adjust(&mut settings);
        let app = Self::over_with_clock(db, settings, dir, clock);
        assert!(
            seed::seed_demo(app.store.as_ref())
                .await
                .expect("seeding works")
        );
        app
    }

    /// An app over an open database.
    pub fn over(db: TestDb, settings: Settings, dir: TempDir) -> Self {
        Self::over_with_clock(db, settings, dir, std::sync::Arc::new(SystemClock))
    }

    /// An app over an open database and a clock.
    pub fn over_with_clock(
        db: TestDb,
        settings: Settings,
        dir: TempDir,
        clock: std::sync::Arc<dyn Clock>,
    ) -> Self {
        let store: DynStore = match &db {
            TestDb::Sqlite(s) => std::sync::Arc::new(s.clone()),
            TestDb::Postgres { store, .. } => std::sync::Arc::new(store.clone()),
        };
        let state = AppState::with_clock(store.clone(), settings, clock);
        TestApp {
            router: app(state.clone()),
            state,
            store,
            db,
            dir,
        }
    }

    /// Another server on the same database, with its own pool and list accelerator (as a second
    /// process or replica would have).
    pub async fn another_process(&self, settings: Settings) -> TestApp {
        let db = match &self.db {
            TestDb::Sqlite(s) => TestDb::Sqlite(SqliteStore::open(s.path()).await.unwrap()),
            TestDb::Postgres { url, .. } => TestDb::Postgres {
                store: PgStore::open(url).await.unwrap(),
                url: url.clone(),
            },
        };
        Self::over(db, settings, tempfile::tempdir().unwrap())
    }

    /// The text for this backend's SQL dialect.
    pub fn dialect<'a>(&self, sqlite: &'a str, postgres: &'a str) -> &'a str {
        match self.db {
            TestDb::Sqlite(_) => sqlite,
            TestDb::Postgres { .. } => postgres,
        }
    }

    /// `sql` with SQLite's `?N` parameters as PostgreSQL's `$N` when on PostgreSQL.
    fn native_sql(&self, sql: &str) -> String {
        match self.db {
            TestDb::Sqlite(_) => sql.to_owned(),
            TestDb::Postgres { .. } => {
                let mut out = String::with_capacity(sql.len());
                let mut chars = sql.chars().peekable();
                while let Some(c) = chars.next() {
                    let numbered = c == '?' && chars.peek().is_some_and(char::is_ascii_digit);
                    out.push(if numbered { '$' } else { c });
                }
                out
            }
        }
    }

    /// Runs plain SQL (text arguments, `?1`… placeholders) on the app's database.
    pub async fn sql(&self, sql: &str, args: &[&str]) -> u64 {
        let native = self.native_sql(sql);
        let done = match &self.db {
            TestDb::Sqlite(s) => {
                let mut query = sqlx::query(sqlx::AssertSqlSafe(native));
                for a in args {
                    query = query.bind(a.to_string());
                }
                query.execute(s.pool()).await.map(|d| d.rows_affected())
            }
            TestDb::Postgres { store, .. } => {
                let mut query = sqlx::query(sqlx::AssertSqlSafe(native));
                for a in args {
                    query = query.bind(a.to_string());
                }
                query.execute(store.pool()).await.map(|d| d.rows_affected())
            }
        };
        done.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The first column of every row a query returns, as text.
    pub async fn strings(&self, sql: &str, args: &[&str]) -> Vec<String> {
        let native = self.native_sql(sql);
        let rows = match &self.db {
            TestDb::Sqlite(s) => {
                let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(native));
                for a in args {
                    query = query.bind(a.to_string());
                }
                query.fetch_all(s.pool()).await
            }
            TestDb::Postgres { store, .. } => {
                let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(native));
                for a in args {
                    query = query.bind(a.to_string());
                }
                query.fetch_all(store.pool()).await
            }
        };
        rows.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// A query's one integer.
    pub async fn integer(&self, sql: &str, args: &[&str]) -> i64 {
        let native = self.native_sql(sql);
        let n = match &self.db {
            TestDb::Sqlite(s) => {
                let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(native));
                for a in args {
                    query = query.bind(a.to_string());
                }
                query.fetch_one(s.pool()).await
            }
            TestDb::Postgres { store, .. } => {
                let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(native));
                for a in args {
                    query = query.bind(a.to_string());
                }
                query.fetch_one(store.pool()).await
            }
        };
        n.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// A reseller by its token.
    pub async fn reseller(&self, token: &str) -> server::store::Reseller {
        let hash = server::store::token_hash(token);
        self.store.token_by_hash(&hash).await.unwrap().unwrap().1
    }

    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("the body is readable")
            .to_bytes();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> TestResponse {
        self.send(
            request(Method::GET, path, token)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn post_json(&self, path: &str, token: &str, body: &Value) -> TestResponse {
        self.send(json_request(Method::POST, path, token, body))
            .await
    }

    /// Creates a customer through the API as `token`, asserts 201 and returns the customer.
    pub async fn create_ok(&self, token: &str, body: &Value) -> Value {
        let r = self.post_json("/api/v1/customers", token, body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()
    }

    pub async fn patch(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> TestResponse {
        let mut req = json_request(Method::PATCH, path, token, body);
        if let Some(tag) = if_match {
            req.headers_mut()
                .insert(header::IF_MATCH, tag.parse().unwrap());
        }
        self.send(req).await
    }

    /// How many entries the JSON array a GET of `path` answers has.
    pub async fn count(&self, path: &str, token: &str) -> usize {
        self.get(path, token).await.json().as_array().unwrap().len()
    }
}

pub fn request(method: Method, path: &str, token: &str) -> axum::http::request::Builder {
    let builder = Request::builder().method(method).uri(path);
    if token.is_empty() {
        builder
    } else {
        builder.header(header::AUTHORIZATION, format!("Bearer {token}"))
    }
}

pub fn json_request(method: Method, path: &str, token: &str, body: &Value) -> Request<Body> {
    request(method, path, token)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap()
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.to_vec()).expect("UTF-8")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// Asserts an RFC 9457 problem with this status; returns the body.
    #[track_caller]
    pub fn problem(&self, status: StatusCode) -> Value {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let body = self.json();
        assert_eq!(body["status"], status.as_u16());
        assert_eq!(body["type"], "about:blank");
        assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(
            body["detail"].as_str().is_some_and(|d| d.len() > 10),
            "a clear detail: {body}"
        );
        body
    }
}

/// A valid create payload.
pub fn new_customer(name: &str, domain: Option<&str>) -> Value {
    serde_json::json!({
        "organization_name": name,
        "domain": domain,
        "user_licenses": 25,
        "extra_storage_gb": 1500,
        "notify_emails": ["it@example.fi", "boss@example.fi"],
        "storage_type": "finnish_s3",
    })
}
