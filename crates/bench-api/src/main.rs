//! In-process latency benchmark of the list endpoint: seeds a reseller with N customers in a
//! fresh database per size (a temporary SQLite file, or a database created on the PostgreSQL
//! cluster `CUSTOMERS_TEST_PG` names and dropped at the end) and times requests through the whole
//! router (auth, SQL or the list accelerator, JSON) with `oneshot`, no network; the sizes'
//! requests alternate so that they meet the same machine load. Prints p50/p95 per scenario and
//! the process's RSS; no pass/fail.
//!
//! cargo run --release -p bench-api -- [--sizes 1000,100000] [--requests 300]
//!     [--cache-mb 0]   (0: the database answers every list; N: the accelerator, capped at N MiB)
//!     [--db sqlite|postgres]
//!     [--only TEXT]   (only the scenarios whose name contains TEXT)
//!     [--keep]        (leave the databases in place and print where they are, for EXPLAIN; on
//!                      PostgreSQL only useful with a cluster of your own in CUSTOMERS_TEST_PG)

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use server::store::DynStore;
use server::store::postgres::PgStore;
use server::store::sqlite::SqliteStore;
use server::{AppState, Settings, app, seed};
use sqlx::Connection;
use tower::ServiceExt;

mod args;

use args::{Args, Db, args};

/// The environment variable naming the PostgreSQL cluster (a role allowed to CREATE DATABASE).
const PG_ENV: &str = "CUSTOMERS_TEST_PG";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// The query mix: the first page of every sort, each filter, page 50 and a deep page, selective
/// searches (at most 1/256 of the customers match) and broad ones (1/8, and two letters).
fn scenarios(n: u64) -> Vec<(String, String)> {
    let deep = (n / 25 / 2).clamp(1, 2000);
    let mut list: Vec<(String, String)> = [
        "organization_name",
        "-domain",
        "status",
        "-user_licenses",
        "licenses_in_use",
        "-extra_storage_gb",
        "storage_used_gb",
        "-storage_type",
        "created_at",
        "-updated_at",
    ]
    .iter()
    .map(|sort| {
        (
            format!("first page, sort={sort}"),
            format!("/api/v1/customers?sort={sort}"),
        )
    })
    .collect();
    list.extend(
        [
            (
                "filter status=pending_activation",
                "status=pending_activation",
            ),
            ("filter storage_type=finnish_s3", "storage_type=finnish_s3"),
            (
                "filter attention=true, sort=-updated_at",
                "attention=true&sort=-updated_at",
            ),
            (
                "search q=lamna%20kaleva (1/256), sort=-user_licenses",
                "q=lamna%20kaleva&sort=-user_licenses",
            ),
            ("search q=00420 (rare), default sort", "q=00420"),
            (
                "search q=northwind (1/8), sort=-created_at",
                "q=northwind&sort=-created_at",
            ),
            ("search q=oy (two letters, all), default sort", "q=oy"),
        ]
        .iter()
        .map(|(name, query)| (name.to_string(), format!("/api/v1/customers?{query}"))),
    );
    // Below 1,250 customers there is no page 50: the last page stands in (same name, so sizes pair).
    let mid = (n / 25).clamp(1, 50);
    list.push((
        "page 50 (or the last), sort=organization_name".to_string(),
        format!("/api/v1/customers?page={mid}"),
    ));
    list.push((
        format!("deep page {deep}, sort=-created_at"),
        format!("/api/v1/customers?page={deep}&sort=-created_at"),
    ));
    list
}

/// A line of the process's status in MiB (Linux), e.g. `VmRSS`: all resident memory, `RssAnon`:
/// its own (heap, SQLite's page cache), `RssFile`: resident pages of mapped files (the SQLite
/// database's memory map: the kernel's page cache, shared and reclaimable).
fn status_mb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| {
                    l.strip_prefix(key)
                        .is_some_and(|rest| rest.starts_with(':'))
                })
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// One request through the whole router: its time, and the page when it was a success.
async fn time_request(
    router: &axum::Router,
    uri: &str,
) -> anyhow::Result<(Duration, domain::CustomerPage)> {
    let req = Request::get(uri)
        .header(
            header::AUTHORIZATION,
            format!("Bearer {}", seed::BENCH_TOKEN),
        )
        .body(Body::empty())?;
    let t = Instant::now();
    let response = router.clone().oneshot(req).await?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    let elapsed = t.elapsed();
    anyhow::ensure!(
        status.is_success(),
        "{uri}: {status} {}",
        String::from_utf8_lossy(&body)
    );
    Ok((elapsed, serde_json::from_slice(&body)?))
}

/// The machine's load average (1, 5, 15 min), to read the figures against.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Where one size's data lives, removed by [`Scratch::remove`].
enum Scratch {
    Sqlite(tempfile::TempDir),
    Postgres {
        admin_url: String,
        name: String,
        store: PgStore,
    },
}

impl Scratch {
    /// A fresh, empty database for `n` customers, and its store.
    async fn open(db: Db, n: u64) -> anyhow::Result<(DynStore, Scratch)> {
        match db {
            Db::Sqlite => {
                let dir = tempfile::tempdir()?;
                let store = SqliteStore::open(&dir.path().join("bench.sqlite3")).await?;
                Ok((Arc::new(store), Scratch::Sqlite(dir)))
            }
            Db::Postgres => {
                let admin_url = std::env::var(PG_ENV).with_context(|| {
                    format!(
                        "--db postgres needs {PG_ENV}=postgres://USER@HOST:PORT/postgres (a role \
                         allowed to CREATE DATABASE); scripts/bench-api.sh starts a cluster"
                    )
                })?;
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .with_context(|| format!("{PG_ENV}={admin_url}: cannot connect"))?;
                let name = format!("customers_bench_{n}_{}", std::process::id());
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut admin)
                    .await
                    .with_context(|| format!("CREATE DATABASE {name}"))?;
                let _ = admin.close().await;
                let mut url = url::Url::parse(&admin_url)?;
                url.set_path(&name);
                let store = PgStore::open(url.as_str()).await?;
                let scratch = Scratch::Postgres {
                    admin_url,
                    name,
                    store: store.clone(),
                };
                Ok((Arc::new(store), scratch))
            }
        }
    }

    /// After seeding: PostgreSQL gets the statistics and visibility map autovacuum would make
    /// after a bulk load (the planner and index-only scans depend on them); SQLite needs none.
    async fn settle(&self) -> anyhow::Result<()> {
        if let Scratch::Postgres { store, .. } = self {
            sqlx::raw_sql("VACUUM ANALYZE")
                .execute(store.pool())
                .await?;
        }
        Ok(())
    }

    /// Leaves the database in place and says where it is.
    fn keep(self) {
        match self {
            Scratch::Sqlite(dir) => println!("kept {}", dir.keep().join("bench.sqlite3").display()),
            Scratch::Postgres { name, .. } => println!("kept the PostgreSQL database {name}"),
        }
    }

    /// Deletes the database (closing the PostgreSQL pool first).
    async fn remove(self) -> anyhow::Result<()> {
        match self {
            Scratch::Sqlite(dir) => Ok(dir.close()?),
            Scratch::Postgres {
                admin_url,
                name,
                store,
            } => {
                store.pool().close().await;
                let mut admin = sqlx::PgConnection::connect(&admin_url).await?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut admin)
                .await
                .with_context(|| format!("DROP DATABASE {name}"))?;
                let _ = admin.close().await;
                Ok(())
            }
        }
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args = args();
    println!(
        "--db {:?}, --cache-mb {}: {} cores, load average {} at the start",
        args.db,
        args.cache_mb,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    let mut scratches = Vec::new();
    let outcome = run(&args, &mut scratches).await;
    // The databases go whether or not the run succeeded (unless kept for a look with EXPLAIN).
    for scratch in scratches {
        if args.keep {
            scratch.keep();
            continue;
        }
        if let Err(e) = scratch.remove().await {
            eprintln!("bench-api: removing a benchmark database: {e:#}");
        }
    }
    outcome
}

async fn run(args: &Args, scratches: &mut Vec<Scratch>) -> anyhow::Result<()> {
    // Every size gets its own database; the sizes' requests then alternate, so that all of them
    // meet the same load on the machine (a shared machine's load changes from minute to minute).
    let mut routers = Vec::new();
    for &n in &args.sizes {
        let (store, scratch) = Scratch::open(args.db, n).await?;
        scratches.push(scratch);
        let started = Instant::now();
        seed::seed_bench(store.as_ref(), n).await?;
        scratches.last().expect("just pushed").settle().await?;
        println!(
            "seeded {n} customers in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let settings = Settings {
            list_cache_mb: args.cache_mb,
            // The bench reseller's token is a seeded (demo) one: refused unless the server seeded it.
            seeded_identities: true,
            ..Settings::default()
        };
        let router = app(AppState::new(store, settings));
        // With the accelerator, the first list loads the reseller's index.
        let (cold, _) = time_request(&router, "/api/v1/customers").await?;
        println!("  first request at {n}: {} ms", ms(cold));
        routers.push(router);
    }
    let every: Vec<Vec<(String, String)>> = args.sizes.iter().map(|&n| scenarios(n)).collect();
    // Chosen by the first size's names: a deep page's name holds its own size's page number.
    let chosen: Vec<usize> = (0..every[0].len())
        .filter(|&i| {
            let name = &every[0][i].0;
            args.only.as_ref().is_none_or(|o| name.contains(o.as_str()))
        })
        .collect();
    anyhow::ensure!(
        !chosen.is_empty(),
        "--only {:?}: no scenario's name contains it",
        args.only.as_deref().unwrap_or_default()
    );
    let per_size: Vec<Vec<(String, String)>> = every
        .iter()
        .map(|s| chosen.iter().map(|&i| s[i].clone()).collect())
        .collect();
    // (size index, scenario index) → times and items on the page.
    let mut times =
        vec![vec![Vec::with_capacity(args.requests); per_size[0].len()]; args.sizes.len()];
    let mut items = vec![vec![0usize; per_size[0].len()]; args.sizes.len()];
    for scenario in 0..per_size[0].len() {
        for i in 0..args.requests + 20 {
            for (size, router) in routers.iter().enumerate() {
                let uri = &per_size[size][scenario].1;
                let (elapsed, page) = time_request(router, uri).await?;
                if i >= 20 {
                    times[size][scenario].push(elapsed);
                } else if i == 0 {
                    items[size][scenario] = page.items.len();
                    // An error, not a panic: the databases are still removed.
                    anyhow::ensure!(
                        !page.items.is_empty() || page.total == 0,
                        "{uri}: an empty page"
                    );
                }
            }
        }
    }
    println!(
        "load average {} at the end of the timed requests; RSS {:.0} MiB: {:.0} MiB its own \
         (RssAnon), {:.0} MiB mapped file pages (RssFile) (--db {:?} --cache-mb {}; {})",
        load_average(),
        status_mb("VmRSS"),
        status_mb("RssAnon"),
        status_mb("RssFile"),
        args.db,
        args.cache_mb,
        match args.db {
            Db::Sqlite => "the whole server, SQLite's page cache included",
            Db::Postgres => "the API process only: PostgreSQL's own memory is not included",
        }
    );
    let mut results: Vec<(String, u64, Duration, Duration)> = Vec::new();
    for (size, &n) in args.sizes.iter().enumerate() {
        for (scenario, (name, _)) in per_size[size].iter().enumerate() {
            let times = &mut times[size][scenario];
            times.sort();
            let (p50, p95) = (percentile(times, 0.5), percentile(times, 0.95));
            println!(
                "  n={n:>7}  p50 {:>7} ms  p95 {:>7} ms  ({} items)  {name}",
                ms(p50),
                ms(p95),
                items[size][scenario]
            );
            results.push((name.clone(), n, p50, p95));
        }
    }
    if args.sizes.len() >= 2 {
        let (small, large) = (args.sizes[0], *args.sizes.last().unwrap());
        println!("\np95 growth {small} → {large} customers (first page and search scenarios):");
        for (name, n, _, p95) in results.iter().filter(|r| r.1 == small) {
            if let Some((_, _, _, big)) = results.iter().find(|r| {
                r.1 == large
                    && (r.0 == *name
                        || (r.0.starts_with("deep")
                            && name.starts_with("deep")
                            && r.0.ends_with(name.rsplit(',').next().unwrap())))
            }) {
                println!(
                    "  {:>5.2}×  {name} (p95 {} → {} ms, n={n})",
                    big.as_secs_f64() / p95.as_secs_f64(),
                    ms(*p95),
                    ms(*big)
                );
            }
        }
    }
    Ok(())
}
