//! Durability, proven: the built server process is killed with SIGKILL in the middle of a burst
//! of creates (single ones and batches of ten, `POST /customers/batch`) and restarted on the
//! same database, round after round (each prints its seed; set
//! CRASH_SEED to repeat one, CRASH_ROUNDS to run more). After each restart every acknowledged
//! customer is there, nothing else but requests in flight is, replaying the unanswered requests
//! with their Idempotency-Keys gives exactly one customer per name, the trigger-kept totals match
//! the rows (and SQLite's integrity check passes), and every customer's activation email reaches
//! the SMTP sink the server is pointed at. Runs on SQLite and on PostgreSQL.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::ServerProcess;
use common::smtp::SmtpSink;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use server::store::{CustomerQuery, DynStore, Filters, Reseller, SortKey};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOKEN: &str = "crash-token";
const CLIENTS: usize = 8;
/// Rows per batch of the batch client (which runs beside the single-create clients).
const BATCH_ROWS: usize = 10;
/// Most creates one client sends in a burst (the kill comes long before, as a rule).
const BURST_MAX: usize = 400;
/// The outbox lease the server runs with: emails a killed process held are sent after this.
const LEASE_SECS: &str = "2";

/// Starts the built server binary on `db`, sending mail to `smtp`.
fn start_server(db: &str, smtp: &str) -> ServerProcess {
    ServerProcess::start(&[
        "--db",
        db,
        "--smtp-url",
        smtp,
        "--outbox-lease-secs",
        LEASE_SECS,
        "--list-cache-mb",
        "0",
    ])
}

/// What became of one create request.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// 201 with this customer id.
    Acknowledged(String),
    /// Sent (or possibly sent) without a 201: the process died, or it answered otherwise.
    Unanswered,
    /// Never reached the server (it was already dead).
    NotSent,
}

/// One create: its name, key and fate.
#[derive(Debug, Clone)]
struct Create {
    name: String,
    key: String,
    outcome: Outcome,
}

fn customer(name: &str) -> serde_json::Value {
    serde_json::json!({
        "organization_name": name,
        "user_licenses": 10,
        "extra_storage_gb": 500,
        "notify_emails": ["it@crash.example"],
        "storage_type": "azure_ireland",
    })
}

/// POST /api/v1/customers over a fresh connection: `Err(true)` when nothing was sent.
async fn post(addr: SocketAddr, name: &str, key: &str) -> Result<(u16, String), bool> {
    let body = customer(name).to_string();
    send(
        addr,
        "/api/v1/customers",
        &format!("Idempotency-Key: {key}\r\n"),
        &body,
    )
    .await
}

/// POST /api/v1/customers/batch of (name, key) rows over a fresh connection.
async fn post_batch(addr: SocketAddr, rows: &[(String, String)]) -> Result<(u16, String), bool> {
    let rows: Vec<_> = rows
        .iter()
        .map(|(name, key)| serde_json::json!({"idempotency_key": key, "customer": customer(name)}))
        .collect();
    let body = serde_json::json!({ "rows": rows }).to_string();
    send(addr, "/api/v1/customers/batch", "", &body).await
}

/// A POST of a JSON body: the status and the body, `Err(true)` when nothing was sent.
async fn send(
    addr: SocketAddr,
    path: &str,
    headers: &str,
    body: &str,
) -> Result<(u16, String), bool> {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|_| true)?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/json\r\n{headers}Content-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|_| false)?;
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut response))
        .await
        .map_err(|_| false)?
        .map_err(|_| false)?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or(false)?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// The JSON of an answer's body (chunked or not: from its first `{` to its last `}`).
fn json(body: &str) -> serde_json::Value {
    let start = body.find('{').expect("a JSON body");
    let end = body.rfind('}').expect("a JSON body");
    serde_json::from_str(&body[start..=end]).expect("JSON")
}

/// The id in a 201's body.
fn created_id(body: &str) -> String {
    json(body)["id"].as_str().expect("an id").to_owned()
}

/// The reseller's customers whose names start with `prefix`: name → ids.
async fn customers(
    store: &DynStore,
    reseller: &Reseller,
    prefix: &str,
) -> BTreeMap<String, Vec<String>> {
    let query = CustomerQuery {
        filters: Filters::default(),
        sort: SortKey::CreatedAt,
        descending: false,
        page: 1,
        per_page: 100,
    };
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in store.export(&reseller.id, &query).await.expect("export") {
        if c.organization_name.starts_with(prefix) {
            by_name.entry(c.organization_name).or_default().push(c.id);
        }
    }
    by_name
}

/// One client's burst: creates until the server stops answering (or `BURST_MAX`).
async fn client(addr: SocketAddr, round: usize, client: usize, log: Arc<Mutex<Vec<Create>>>) {
    for i in 0..BURST_MAX {
        let name = format!("Crash r{round:02} c{client} n{i:03} Oy");
        let key = format!("crash-{round}-{client}-{i}");
        let outcome = match post(addr, &name, &key).await {
            Ok((201, body)) => Outcome::Acknowledged(created_id(&body)),
            Ok(_) | Err(false) => Outcome::Unanswered,
            Err(true) => Outcome::NotSent,
        };
        let stop = !matches!(outcome, Outcome::Acknowledged(_));
        log.lock().unwrap().push(Create { name, key, outcome });
        if stop {
            return;
        }
    }
}

/// The batch client's burst: batches of [`BATCH_ROWS`] until the server stops answering. A
/// batch is one transaction: acknowledged (200) means every row of it was created.
async fn batch_client(addr: SocketAddr, round: usize, log: Arc<Mutex<Vec<Create>>>) {
    for b in 0..BURST_MAX / BATCH_ROWS {
        let rows: Vec<(String, String)> = (0..BATCH_ROWS)
            .map(|i| {
                let n = b * BATCH_ROWS + i;
                (
                    format!("Crash r{round:02} b n{n:03} Oy"),
                    format!("crash-{round}-b-{n}"),
                )
            })
            .collect();
        let answer = post_batch(addr, &rows).await;
        let outcomes: Vec<Outcome> = match &answer {
            Ok((200, body)) => json(body)["results"]
                .as_array()
                .expect("results")
                .iter()
                .map(|r| {
                    assert_eq!(r["outcome"], "created", "a row of a new batch: {r}");
                    Outcome::Acknowledged(r["customer"]["id"].as_str().expect("an id").into())
                })
                .collect(),
            Ok(_) | Err(false) => vec![Outcome::Unanswered; rows.len()],
            Err(true) => vec![Outcome::NotSent; rows.len()],
        };
        let mut log = log.lock().unwrap();
        for ((name, key), outcome) in rows.into_iter().zip(outcomes) {
            log.push(Create { name, key, outcome });
        }
        if !matches!(answer, Ok((200, _))) {
            return;
        }
    }
}

/// Runs the rounds against `db` (a SQLite path or a postgres:// URL).
async fn crash_rounds(db: &str, sqlite: Option<&std::path::Path>) {
    let rounds: usize = std::env::var("CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let base_seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| getrandom::u64().expect("a random seed"));
    let store = server::store::open(db).await.expect("the database opens");
    let reseller = store
        .create_reseller("crash", "ops@crash.example", TOKEN, false)
        .await
        .expect("the crash reseller is created");
    let sink = SmtpSink::start().await;
    let started = Instant::now();
    let mut server = start_server(db, &sink.url());
    let mut total_created = 0;
    for round in 0..rounds {
        let seed = base_seed.wrapping_add(round as u64);
        println!(
            "crash round {round} ({}): seed {seed} (CRASH_SEED={seed} CRASH_ROUNDS=1 repeats it)",
            store.backend()
        );
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let kill_after = Duration::from_millis(rng.random_range(30..900));
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut clients: Vec<_> = (0..CLIENTS)
            .map(|c| tokio::spawn(client(server.addr, round, c, log.clone())))
            .collect();
        clients.push(tokio::spawn(batch_client(server.addr, round, log.clone())));
        tokio::time::sleep(kill_after).await;
        server.kill_9();
        for c in clients {
            c.await.expect("a client finishes");
        }
        server = start_server(db, &sink.url());
        let creates = log.lock().unwrap().clone();
        let prefix = format!("Crash r{round:02} ");

        // Every acknowledged customer is there, as acknowledged; nothing beyond those in flight.
        let found = customers(&store, &reseller, &prefix).await;
        let mut acknowledged = 0;
        let mut in_flight = BTreeSet::new();
        for c in &creates {
            match &c.outcome {
                Outcome::Acknowledged(id) => {
                    acknowledged += 1;
                    assert_eq!(
                        found.get(&c.name),
                        Some(&vec![id.clone()]),
                        "seed {seed}: acknowledged {} lost",
                        c.name
                    );
                }
                Outcome::Unanswered => {
                    in_flight.insert(c.name.clone());
                }
                Outcome::NotSent => {}
            }
        }
        for name in found.keys() {
            let known = creates
                .iter()
                .any(|c| &c.name == name && c.outcome != Outcome::NotSent);
            assert!(
                known,
                "seed {seed}: {name} exists but was never acknowledged or in flight"
            );
        }
        let committed_in_flight = in_flight.iter().filter(|n| found.contains_key(*n)).count();
        let batched = creates
            .iter()
            .filter(|c| c.key.contains("-b-") && matches!(c.outcome, Outcome::Acknowledged(_)))
            .count();

        // Replaying each unanswered request with its key gives exactly one customer per name (a
        // batch row's key is honoured by the single create too).
        for c in creates.iter().filter(|c| c.outcome == Outcome::Unanswered) {
            let (status, body) = post(server.addr, &c.name, &c.key)
                .await
                .expect("the restarted server answers");
            assert_eq!(status, 201, "seed {seed}: replaying {}: {body}", c.name);
        }
        let after = customers(&store, &reseller, &prefix).await;
        for c in creates.iter().filter(|c| c.outcome != Outcome::NotSent) {
            assert_eq!(
                after.get(&c.name).map(Vec::len),
                Some(1),
                "seed {seed}: {}",
                c.name
            );
        }
        assert_eq!(after.len(), acknowledged + in_flight.len(), "seed {seed}");
        total_created += after.len();

        // The totals the triggers keep (a list without `q`) agree with the rows.
        let every = CustomerQuery {
            filters: Filters::default(),
            sort: SortKey::CreatedAt,
            descending: false,
            page: 1,
            per_page: 1,
        };
        let rows = store.export(&reseller.id, &every).await.expect("export");
        let page = store.list_page(&reseller.id, &every).await.expect("a page");
        assert_eq!(page.total, rows.len() as u64, "seed {seed}: kept totals");

        if let Some(path) = sqlite {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            let check: String = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(&pool)
                .await
                .unwrap();
            assert_eq!(check, "ok", "seed {seed}: integrity_check");
            pool.close().await;
        }

        // Every created customer's activation email is eventually sent (at least once; a second
        // send after a kill between the send and its record carries the same Message-ID).
        let ids: BTreeSet<String> = after.values().flatten().cloned().collect();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let emails = store.outbox_list(&reseller.id, 1_000_000).await.unwrap();
            let unsent: Vec<_> = emails
                .iter()
                .filter(|e| ids.contains(&e.customer_id) && e.sent_at.is_none())
                .collect();
            let with_email = emails
                .iter()
                .filter(|e| ids.contains(&e.customer_id))
                .count();
            if unsent.is_empty() {
                assert_eq!(
                    with_email,
                    ids.len(),
                    "seed {seed}: one activation email per customer"
                );
                break;
            }
            assert!(
                Instant::now() < deadline,
                "seed {seed}: {} emails still unsent after 60 s",
                unsent.len()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let delivered = sink.message_ids();
        let distinct: BTreeSet<&String> = delivered.iter().collect();
        println!(
            "  killed after {kill_after:?}: {acknowledged} acknowledged ({batched} in batches), {} in flight ({committed_in_flight} of them committed), {} customers, emails delivered so far {} ({} duplicates)",
            in_flight.len(),
            after.len(),
            delivered.len(),
            delivered.len() - distinct.len()
        );
    }

    // Every sent row reached the sink under its own Message-ID, and nothing else did.
    let emails = store.outbox_list(&reseller.id, 1_000_000).await.unwrap();
    let delivered: BTreeSet<String> = sink.message_ids().into_iter().collect();
    assert_eq!(emails.len(), total_created);
    for e in &emails {
        let prefix = format!("<activation.{}.", e.id);
        assert!(
            delivered.iter().any(|m| m.starts_with(&prefix)),
            "email {} never reached the sink",
            e.id
        );
    }
    assert_eq!(
        delivered.len(),
        emails.len(),
        "no Message-ID beyond the rows"
    );

    // A graceful stop (SIGTERM) exits cleanly.
    let exit = server.terminate();
    assert!(exit.success(), "SIGTERM ends the server cleanly: {exit}");
    println!(
        "crash test ({}): {rounds} rounds, {total_created} customers, {} emails delivered, in {:?}",
        store.backend(),
        sink.message_ids().len(),
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_keeps_every_acknowledged_create_through_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.sqlite3");
    crash_rounds(path.to_str().unwrap(), Some(&path)).await;
}

/// The same rounds on a fresh database of the PostgreSQL cluster `CUSTOMERS_TEST_PG` names
/// (scripts/test.sh starts a throwaway one); without it the test fails and says how to run it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_keeps_every_acknowledged_create_through_kill_9() {
    let url = common::fresh_pg_database().await;
    crash_rounds(&url, None).await;
}
