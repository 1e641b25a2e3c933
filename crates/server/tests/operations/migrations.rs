//! `server migrate` applies the migrations and exits; `--no-migrate` serves a migrated database
//! and refuses, in one line, one that is behind; any server refuses a schema newer than itself.

use crate::common::*;

/// The database a process test runs on: a SQLite file in `dir`, or a fresh PostgreSQL database.
async fn fresh_db(dir: &tempfile::TempDir) -> String {
    match backend() {
        Backend::Sqlite => dir.path().join("ops.sqlite3").display().to_string(),
        Backend::Postgres => fresh_pg_database().await,
    }
}

/// Runs the server binary to its exit: success, stdout, stderr.
async fn run(args: Vec<String>) -> (Option<i32>, String, String) {
    let out = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_server_to_exit(&args)
    })
    .await
    .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The newest migration version this binary carries (the number of its migration files).
fn binary_version() -> i64 {
    std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count() as i64
}

/// Runs one statement on the database outside the server.
async fn execute(db: &str, sql: &str) {
    use sqlx::Connection;
    if db.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(db).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut c)
            .await
            .unwrap();
    } else {
        let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{db}"))
            .await
            .unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut c)
            .await
            .unwrap();
    }
}

backend_tests!(
    migrate_applies_the_schema_then_no_migrate_serves_it,
    no_migrate_on_an_empty_database_refuses_in_one_line,
    a_schema_newer_than_the_binary_is_refused_in_one_line,
);

async fn migrate_applies_the_schema_then_no_migrate_serves_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(&dir).await;
    let (code, stdout, stderr) = run(args(&["migrate", "--db", &db])).await;
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout.trim(),
        format!("the database schema is at version {}", binary_version())
    );
    // Again: nothing to do, the same answer.
    let (code, stdout, _) = run(args(&["migrate", "--db", &db])).await;
    assert_eq!(code, Some(0));
    assert!(stdout.contains("at version"), "{stdout}");
    let server = tokio::task::spawn_blocking({
        let db = db.clone();
        move || ServerProcess::start(&["--db", &db, "--no-migrate"])
    })
    .await
    .unwrap();
    let (status, body) = server.get("/api/health/ready", "").unwrap();
    assert_eq!(status, 200, "{body}");
}

async fn no_migrate_on_an_empty_database_refuses_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(&dir).await;
    let (code, _, stderr) = run(args(&["--db", &db, "--no-migrate"])).await;
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stderr.trim(),
        format!(
            "error: the database has no schema yet, this binary needs version {}: run `server migrate`",
            binary_version()
        )
    );
}

async fn a_schema_newer_than_the_binary_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(&dir).await;
    let (code, _, stderr) = run(args(&["migrate", "--db", &db])).await;
    assert_eq!(code, Some(0), "{stderr}");
    let (success, checksum) = if db.starts_with("postgres") {
        ("TRUE", "'\\x00'::bytea")
    } else {
        ("1", "X'00'")
    };
    execute(
        &db,
        &format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (9001, 'from a newer server', {success}, {checksum}, 0)"
        ),
    )
    .await;
    let line = format!(
        "error: the database schema is at version 9001, newer than this binary (it needs version {}): run a newer server",
        binary_version()
    );
    for extra in [None, Some("--no-migrate")] {
        let mut list = args(&["--db", &db]);
        list.extend(extra.map(str::to_owned));
        let (code, _, stderr) = run(list).await;
        assert_eq!(code, Some(1), "{extra:?}: {stderr}");
        assert_eq!(stderr.trim(), line, "{extra:?}");
    }
    let (code, _, stderr) = run(args(&["migrate", "--db", &db])).await;
    assert_eq!(code, Some(1), "migrate: {stderr}");
    assert_eq!(stderr.trim(), line, "migrate");
}
