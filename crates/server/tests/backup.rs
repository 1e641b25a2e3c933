//! `server backup --to FILE` on a SQLite database the server is serving: taken in the middle of
//! a burst of creates, the backup holds every customer acknowledged before it began, passes
//! `integrity_check` and serves as a new server's database. It never overwrites a file, and on
//! PostgreSQL it refuses and points at pg_dump. Real processes: the built server binary.

mod common;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{ServerProcess, run_server_to_exit};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOKEN: &str = "demo-token";
const CLIENTS: usize = 4;

/// One HTTP/1.1 request over a fresh connection: the status and the body.
async fn request(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("sends");
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut response))
        .await
        .expect("an answer within a minute")
        .expect("reads");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Creates a customer: its id once the server answered 201.
async fn create(addr: SocketAddr, name: &str) -> String {
    let body = serde_json::json!({
        "organization_name": name,
        "user_licenses": 10,
        "extra_storage_gb": 500,
        "notify_emails": ["it@backup.example"],
        "storage_type": "azure_ireland",
    })
    .to_string();
    let (status, body) = request(addr, "POST", "/api/v1/customers", &body).await;
    assert_eq!(status, 201, "{body}");
    // A chunked body may frame the JSON with its sizes: read from the first brace to the last.
    let json = &body[body.find('{').unwrap()..=body.rfind('}').unwrap()];
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
    value["id"].as_str().expect("an id").to_owned()
}

/// The customer ids and `integrity_check` of a SQLite file, read without changing it.
async fn read_backup(path: &Path) -> (Vec<String>, String) {
    use sqlx::Connection;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("the backup opens");
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM customers")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    (ids, check)
}

/// Runs `server --db DB backup --to TO` to its end.
async fn backup(db: &Path, to: &Path) -> std::process::Output {
    let (db, to) = (db.display().to_string(), to.display().to_string());
    tokio::task::spawn_blocking(move || run_server_to_exit(&["--db", &db, "backup", "--to", &to]))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_a_create_burst_restores_every_acknowledged_customer() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.sqlite3");
    let copy = dir.path().join("backups/copy.sqlite3");
    std::fs::create_dir(dir.path().join("backups")).unwrap();
    // Thousands of customers, so that the copy takes a while with creates going on.
    let server = ServerProcess::start(&[
        "--db",
        live.to_str().unwrap(),
        "--seed-demo",
        "--bench-seed",
        "20000",
        "--requests-per-minute",
        "1000000",
        "--list-cache-mb",
        "0",
    ]);
    let addr = server.addr;

    // The burst: every acknowledged id, in order.
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let (acked, stop) = (acked.clone(), stop.clone());
        clients.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let id = create(addr, &format!("Varmuuskopio {c}-{n} Oy")).await;
                acked.lock().unwrap().push(id);
                n += 1;
            }
        }));
    }
    let started = Instant::now();
    while acked.lock().unwrap().len() < 40 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the burst runs"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // Acknowledged before the backup began: each must be in it.
    let before = acked.lock().unwrap().clone();
    let out = backup(&live, &copy).await;
    let during = acked.lock().unwrap().len() - before.len();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("to {}", copy.display())) && stdout.contains("integrity_check ok"),
        "{stdout}"
    );
    // The server kept serving while the copy was made.
    assert!(during > 0, "no create was acknowledged during the backup");
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.await.expect("every create of the burst got its 201");
    }
    let total = acked.lock().unwrap().len();
    assert!(
        total > before.len(),
        "creates went on after the backup began"
    );
    eprintln!(
        "backup: {} acknowledged before it, {during} during it, {total} in all; {}",
        before.len(),
        stdout.trim()
    );

    let (ids, check) = read_backup(&copy).await;
    assert_eq!(check, "ok");
    let ids: std::collections::HashSet<String> = ids.into_iter().collect();
    let missing: Vec<&String> = before.iter().filter(|id| !ids.contains(*id)).collect();
    assert!(missing.is_empty(), "missing from the backup: {missing:?}");
    assert!(ids.len() > 20_000, "{} customers", ids.len());
    // No partial file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["copy.sqlite3"]);
    drop(server);

    // Restored: a server started on the backup serves the customers acknowledged before it.
    let restored = ServerProcess::start(&["--db", copy.to_str().unwrap(), "--seed-demo"]);
    for id in [&before[0], &before[before.len() - 1]] {
        let (status, body) =
            request(restored.addr, "GET", &format!("/api/v1/customers/{id}"), "").await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("Varmuuskopio"), "{body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_never_overwrites_a_file_and_never_creates_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.sqlite3");
    let out = run_server_to_exit(&["--db", live.to_str().unwrap(), "resellers", "list"]);
    assert!(out.status.success());
    let existing = dir.path().join("existing.sqlite3");
    std::fs::write(&existing, "an earlier backup").unwrap();

    let out = backup(&live, &existing).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        format!(
            "error: {} exists: a backup never overwrites a file; give a new path or remove the old file",
            existing.display()
        )
    );
    assert_eq!(std::fs::read(&existing).unwrap(), b"an earlier backup");

    // A mistyped --db is refused, not backed up as a new empty database.
    let typo = dir.path().join("liev.sqlite3");
    let out = backup(&typo, &dir.path().join("new.sqlite3")).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        format!("error: no SQLite database at {}", typo.display())
    );
    assert!(!typo.exists() && !dir.path().join("new.sqlite3").exists());
}

#[test]
fn a_backup_of_postgresql_is_refused_with_the_tools_that_back_it_up() {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("pg.sqlite3");
    // Refused before connecting: nothing listens at this URL.
    let url = format!(
        "postgres://backup@127.0.0.1:{}/customers",
        common::free_port()
    );
    let out = run_server_to_exit(&["--db", &url, "backup", "--to", to.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: server backup copies SQLite databases only")
            && stderr.contains("pg_dump"),
        "{stderr}"
    );
    assert!(!to.exists());
}
