//! Durability, proven: the built server process is killed with SIGKILL in the middle of a burst
//! of creates (single ones and batches of ten, `POST /customers/batch`) and restarted on the
//! same database, round after round (each prints its seed; set
//! CRASH_SEED to repeat one, CRASH_ROUNDS to run more). After each restart every acknowledged
//! customer is there, nothing else but requests in flight is, replaying the unanswered requests
//! with their Idempotency-Keys gives exactly one customer per name, the trigger-kept totals match
//! the rows (and SQLite's integrity check passes), and every customer's activation email reaches
//! the SMTP sink the server is pointed at. Runs on SQLite and on PostgreSQL.

mod client;
#[path = "../common/mod.rs"]
mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use client::*;
use common::ServerProcess;
use common::smtp::SmtpSink;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use server::store::{CustomerQuery, Filters, SortKey};

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
