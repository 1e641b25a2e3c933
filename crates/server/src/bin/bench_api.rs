//! In-process latency benchmark of the list endpoint: seeds a reseller with N customers in a
//! temporary database per size and times requests through the whole router (auth, SQL, index,
//! JSON) with `oneshot`, no network; the sizes' requests alternate so that they meet the same
//! machine load. Prints p50/p95 per scenario; no pass/fail.
//!
//! cargo run --release -p server --bin bench-api -- [--sizes 1000,100000] [--requests 300]

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use server::store::sqlite::SqliteStore;
use server::{AppState, Settings, app, seed};
use tower::ServiceExt;

struct Args {
    sizes: Vec<u64>,
    requests: usize,
}

fn args() -> Args {
    let mut a = Args {
        sizes: vec![1_000, 100_000],
        requests: 300,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--sizes" => {
                a.sizes = value
                    .split(',')
                    .map(|s| s.trim().parse().expect("--sizes 1000,100000"))
                    .collect()
            }
            "--requests" => a.requests = value.parse().expect("--requests N"),
            _ => panic!("unknown flag {flag}; use --sizes and --requests"),
        }
    }
    a
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn scenarios(n: u64) -> Vec<(String, String)> {
    let deep = (n / 25 / 2).clamp(1, 2000);
    vec![
        (
            "first page, default sort (name)".to_owned(),
            "/api/v1/customers".to_owned(),
        ),
        (
            "first page, sort=-storage_used_gb".to_owned(),
            "/api/v1/customers?sort=-storage_used_gb".to_owned(),
        ),
        (
            "search q=northwind (1/8 match), sort=-created_at".to_owned(),
            "/api/v1/customers?q=northwind&sort=-created_at".to_owned(),
        ),
        (
            "search q=lamna%20kaleva (1/256 match), sort=-user_licenses".to_owned(),
            "/api/v1/customers?q=lamna%20kaleva&sort=-user_licenses".to_owned(),
        ),
        (
            "search q=00420 (rare), default sort".to_owned(),
            "/api/v1/customers?q=00420".to_owned(),
        ),
        (
            format!("deep page {deep}, sort=organization_name"),
            format!("/api/v1/customers?page={deep}"),
        ),
        (
            format!("deep page {deep}, sort=-created_at"),
            format!("/api/v1/customers?page={deep}&sort=-created_at"),
        ),
        (
            "filter attention=true&status=active, sort=-updated_at".to_owned(),
            "/api/v1/customers?attention=true&status=active&sort=-updated_at".to_owned(),
        ),
    ]
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

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args = args();
    println!(
        "{} cores, load average {} at the start",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    // Every size gets its own database; the sizes' requests then alternate, so that all of them
    // meet the same load on the machine (a shared machine's load changes from minute to minute).
    let mut dirs = Vec::new();
    let mut routers = Vec::new();
    for &n in &args.sizes {
        let dir = tempfile::tempdir()?;
        let store = SqliteStore::open(&dir.path().join("bench.sqlite3")).await?;
        let started = Instant::now();
        seed::seed_bench(&store, n).await?;
        println!(
            "seeded {n} customers in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let router = app(AppState::new(
            std::sync::Arc::new(store),
            Settings::default(),
        ));
        // The first list after start-up loads the reseller's in-memory index.
        let (cold, _) = time_request(&router, "/api/v1/customers").await?;
        println!(
            "  first request at {n} (loads the in-memory index): {} ms",
            ms(cold)
        );
        dirs.push(dir);
        routers.push(router);
    }
    let per_size: Vec<Vec<(String, String)>> = args.sizes.iter().map(|&n| scenarios(n)).collect();
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
                    assert!(
                        !page.items.is_empty() || page.total == 0,
                        "{uri}: an empty page"
                    );
                }
            }
        }
    }
    println!(
        "load average {} at the end of the timed requests",
        load_average()
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
