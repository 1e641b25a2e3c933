//! The benchmark's command line.

/// Which database answers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Db {
    /// A temporary SQLite file.
    Sqlite,
    /// A database on the cluster `CUSTOMERS_TEST_PG` names.
    Postgres,
}

/// The command line.
pub struct Args {
    pub sizes: Vec<u64>,
    pub requests: usize,
    pub cache_mb: u64,
    pub db: Db,
    pub only: Option<String>,
    pub keep: bool,
}

/// Reads the command line (see the crate docs); panics with the flags to use on a bad one.
pub fn args() -> Args {
    let mut a = Args {
        sizes: vec![1_000, 100_000],
        requests: 300,
        cache_mb: 0,
        db: Db::Sqlite,
        only: None,
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--keep" {
            a.keep = true;
            continue;
        }
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--sizes" => {
                a.sizes = value
                    .split(',')
                    .map(|s| s.trim().parse().expect("--sizes 1000,100000"))
                    .collect()
            }
            "--requests" => a.requests = value.parse().expect("--requests N"),
            "--cache-mb" => a.cache_mb = value.parse().expect("--cache-mb N"),
            "--only" => a.only = Some(value),
            "--db" => {
                a.db = match value.as_str() {
                    "sqlite" => Db::Sqlite,
                    "postgres" => Db::Postgres,
                    _ => panic!("--db {value:?}: use --db sqlite or --db postgres"),
                }
            }
            _ => panic!(
                "unknown flag {flag}; use --sizes, --requests, --cache-mb, --db, --only and --keep"
            ),
        }
    }
    a
}
