//! Production mode refuses what is only fit for development, one line each and exit status 2,
//! and starts when every setting is given.

use crate::common::*;

fn stderr_lines(out: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn production_mode_refuses_every_development_setting_one_line_each_with_status_2() {
    let out = run_server_to_exit(&["--env", "production", "--seed-demo"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&out),
        [
            "error: production mode needs --db (CUSTOMERS_DB): a postgres:// URL or a SQLite file path, not the default local file",
            "error: production mode needs --public-url (CUSTOMERS_PUBLIC_URL) with https://: activation links are built from it",
            "error: production mode needs --smtp-url (CUSTOMERS_SMTP_URL), or --mail-log to log activation emails and mark them sent on purpose",
            "error: production mode refuses --seed-demo (CUSTOMERS_SEED_DEMO): demo data, demo tokens and cookie sign-in",
        ]
    );
}

#[test]
fn production_mode_from_the_environment_refuses_a_plain_http_public_url() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3").display().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--bind", "127.0.0.1:0", "--db", &db, "--mail-log"])
        .args(["--public-url", "http://customers.example.com"])
        .env("CUSTOMERS_ENV", "production")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&out),
        [
            "error: production mode needs --public-url (CUSTOMERS_PUBLIC_URL) with https://: activation links are built from it"
        ]
    );
    assert!(!dir.path().join("p.sqlite3").exists(), "nothing was opened");
}

#[test]
fn production_mode_starts_with_an_explicit_db_https_url_and_mail_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3").display().to_string();
    let server = ServerProcess::start(&[
        "--env",
        "production",
        "--db",
        &db,
        "--public-url",
        "https://customers.example.com",
        "--mail-log",
    ]);
    let (status, _) = server.get("/api/health/ready", "").unwrap();
    assert_eq!(status, 200);
}

#[test]
fn production_administration_needs_only_an_explicit_db() {
    let out = run_server_to_exit(&["--env", "production", "migrate"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_lines(&out).len(), 1, "{:?}", stderr_lines(&out));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3").display().to_string();
    let out = run_server_to_exit(&["--env", "production", "migrate", "--db", &db]);
    assert_eq!(out.status.code(), Some(0), "{:?}", stderr_lines(&out));
}
