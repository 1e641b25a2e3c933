//! Which database a test runs on: `backend_tests!` declares each listed test once per backend
//! (`sqlite::name` and `postgres::name`), and PostgreSQL tests get a fresh database on the
//! cluster that `CUSTOMERS_TEST_PG` names; without it they fail and say how to run them.
#![allow(dead_code, unused_macros, unused_imports)]

/// Where a test's data lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

tokio::task_local! {
    static BACKEND: Backend;
}

/// Runs a test body with `TestApp`s on `backend`.
pub async fn on<F: std::future::Future>(backend: Backend, test: F) -> F::Output {
    BACKEND.scope(backend, test).await
}

/// The backend the running test is on (SQLite outside `backend_tests!`).
pub fn backend() -> Backend {
    BACKEND.try_with(|b| *b).unwrap_or(Backend::Sqlite)
}

/// Declares a `sqlite` and a `postgres` test for each named `async fn` of the test file.
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $crate::common::on($crate::common::Backend::Sqlite, super::$name()).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $crate::common::on($crate::common::Backend::Postgres, super::$name()).await
                }
            )*
        }
    };
}
pub(crate) use backend_tests;

/// The environment variable naming the PostgreSQL cluster tests create databases on.
pub const PG_ENV: &str = "CUSTOMERS_TEST_PG";

/// A fresh, empty PostgreSQL database for one test: its URL.
pub async fn fresh_pg_database() -> String {
    use sqlx::Connection;
    let base = std::env::var(PG_ENV).unwrap_or_else(|_| {
        panic!(
            "{PG_ENV} is not set: the PostgreSQL variants of the API tests need a PostgreSQL \
             cluster to create databases on. Run `scripts/test.sh native` (it starts a throwaway \
             cluster), or `scripts/with-postgres.sh cargo test -p server`, or set \
             {PG_ENV}=postgres://USER@HOST:PORT/postgres (a role allowed to CREATE DATABASE)."
        )
    });
    let mut url = url::Url::parse(&base).unwrap_or_else(|e| panic!("{PG_ENV}={base:?}: {e}"));
    let mut admin = sqlx::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("{PG_ENV}={base:?}: cannot connect: {e}"));
    let name = format!("customers_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    url.set_path(&name);
    url.to_string()
}
