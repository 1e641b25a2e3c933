//! Bad `--db` values and an unreachable PostgreSQL at start end the server with one clear line
//! and a non-zero exit; PostgreSQL going away while serving gives 503 problems with Retry-After
//! (nothing half-written), and service resumes when it is back.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::http::StatusCode;
use common::*;
use server::store::postgres::PgStore;

/// Runs the server binary with `--db db` and returns its exit success and stderr.
fn start_with_db(db: &str) -> (bool, String) {
    let out = run_server_to_exit(&["--db", db]);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unreachable_postgresql_at_start_is_one_line_and_a_failed_exit() {
    let port = free_port();
    let (ok, stderr) = start_with_db(&format!(
        "postgres://customers:s3cret@127.0.0.1:{port}/customers"
    ));
    assert!(!ok, "the server must not start: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: cannot connect to PostgreSQL at postgres://customers:***@127.0.0.1:{port}/customers: "
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "the password is not shown");
}

#[test]
fn bad_db_values_are_one_line_and_a_failed_exit() {
    for (db, says) in [
        (
            "ftp://example.com/db",
            "not a SQLite file path or a postgres:// URL",
        ),
        (
            "postgres://127.0.0.1:notaport/x",
            "not a valid postgres:// URL",
        ),
        ("  ", "--db is empty"),
    ] {
        let (ok, stderr) = start_with_db(db);
        assert!(!ok, "{db:?} must not start: {stderr}");
        assert_eq!(
            stderr.trim().lines().count(),
            1,
            "{db:?}: one line: {stderr}"
        );
        assert!(
            stderr.starts_with("error: ") && stderr.contains(says),
            "{db:?}: {stderr}"
        );
    }
}

/// A TCP proxy in front of PostgreSQL that can be cut: while down, it closes every open
/// connection and drops new ones at once (as a crashed or unreachable database would).
struct Cuttable {
    up: Arc<AtomicBool>,
    cut: tokio::sync::watch::Sender<u64>,
    port: u16,
}

impl Cuttable {
    async fn new(target: String) -> Cuttable {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let (cut, _) = tokio::sync::watch::channel(0u64);
        let (accept_up, accept_cut) = (up.clone(), cut.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !accept_up.load(Ordering::SeqCst) {
                    continue;
                }
                let target = target.clone();
                let mut cut = accept_cut.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(&target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        Cuttable { up, cut, port }
    }

    fn set_up(&self, up: bool) {
        self.up.store(up, Ordering::SeqCst);
        if !up {
            self.cut.send_modify(|n| *n += 1);
        }
    }
}

/// (PostgreSQL only: SQLite is a file inside the process and cannot go away like a server.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_going_away_is_503_with_retry_after_and_recovers() {
    let url = fresh_pg_database().await;
    let mut parsed = url::Url::parse(&url).unwrap();
    let target = format!("{}:{}", parsed.host_str().unwrap(), parsed.port().unwrap());
    let proxy = Cuttable::new(target).await;
    parsed.set_port(Some(proxy.port)).unwrap();
    let proxied = parsed.to_string();
    let store = PgStore::open(&proxied).await.unwrap();
    let app = TestApp::over(
        TestDb::Postgres {
            store,
            url: proxied,
        },
        server::Settings {
            list_cache_mb: 0,
            seeded_identities: true,
            ..server::Settings::default()
        },
        tempfile::tempdir().unwrap(),
    );
    assert!(server::seed::seed_demo(app.store.as_ref()).await.unwrap());
    let before = app.total("/api/v1/customers", DEMO).await;

    proxy.set_up(false);
    let r = app.get("/api/v1/customers", DEMO).await;
    let problem = r.problem(StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.header("retry-after").is_some(), "{problem}");
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("Katkos Oy", Some("katkos.fi")),
        )
        .await;
    r.problem(StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.header("retry-after").is_some());

    proxy.set_up(true);
    assert_eq!(
        app.total("/api/v1/customers", DEMO).await,
        before,
        "the refused create wrote nothing"
    );
    app.create_ok(DEMO, &new_customer("Katkos Oy", Some("katkos.fi")))
        .await;
}
