//! Running the server in production: its flags (health, draining, overload limits, migrations,
//! production mode), the checks production mode makes at start, and the graceful stop.

pub mod production;
pub mod serve;

use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::store::OpenOptions;

/// Where the server runs: production refuses settings that are only fit for development.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    Development,
    Production,
}

/// The operator's flags (flattened into [`crate::config::Config`]), each also read from the
/// environment.
#[derive(Debug, Clone, Args)]
pub struct OperationsFlags {
    /// `production` refuses to start without an explicit --db, an https:// --public-url and
    /// --smtp-url (or --mail-log), or with --seed-demo.
    #[arg(
        long = "env",
        env = "CUSTOMERS_ENV",
        value_enum,
        default_value = "development"
    )]
    pub environment: Environment,

    /// Do not apply migrations (for a database role without DDL rights): refuse to start when
    /// the schema is behind this binary (run `server migrate` first).
    #[arg(long, global = true, env = "CUSTOMERS_NO_MIGRATE", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::SetTrue)]
    pub no_migrate: bool,

    /// Log activation emails and mark them sent instead of delivering them (what happens without
    /// --smtp-url; production mode needs it said explicitly).
    #[arg(long, env = "CUSTOMERS_MAIL_LOG", conflicts_with = "smtp_url", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::SetTrue)]
    pub mail_log: bool,

    /// After SIGTERM, how long readiness answers 503 while requests are still served (so load
    /// balancers stop sending new ones), in seconds.
    #[arg(long, env = "CUSTOMERS_DRAIN_SECS", default_value_t = 5)]
    pub drain_secs: u64,

    /// After draining, how long requests in flight may take to finish before the process stops
    /// anyway, in seconds.
    #[arg(long, env = "CUSTOMERS_SHUTDOWN_GRACE_SECS", default_value_t = 20)]
    pub shutdown_grace_secs: u64,

    /// A request unanswered after this many seconds is answered 503 (code `timeout`).
    #[arg(long, env = "CUSTOMERS_REQUEST_TIMEOUT_SECS", default_value_t = crate::http::limits::DEFAULT_REQUEST_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout_secs: u64,

    /// Requests this process serves at once; more are answered 503 at once (code `overloaded`,
    /// `Retry-After: 1`).
    #[arg(long, env = "CUSTOMERS_MAX_IN_FLIGHT", default_value_t = crate::http::limits::DEFAULT_MAX_IN_FLIGHT as u64, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_in_flight: u64,

    /// Database connections per process (default: 8 for SQLite, 10 for PostgreSQL).
    #[arg(long, global = true, env = "CUSTOMERS_DB_POOL_SIZE", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_pool_size: Option<u32>,

    /// How long a request waits for a database connection before it is answered 503 (code
    /// `unavailable`), in seconds (default: 15 for SQLite, 5 for PostgreSQL).
    #[arg(long, global = true, env = "CUSTOMERS_DB_ACQUIRE_TIMEOUT_SECS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub db_acquire_timeout_secs: Option<u64>,

    /// PostgreSQL's statement_timeout in seconds: a longer statement is cancelled and the request
    /// answered 503 (code `unavailable`); 0 turns it off. `server migrate` runs without it.
    #[arg(long, global = true, env = "CUSTOMERS_STATEMENT_TIMEOUT_SECS", default_value_t = crate::store::schema::DEFAULT_STATEMENT_TIMEOUT.as_secs())]
    pub statement_timeout_secs: u64,

    /// Serve Prometheus metrics at http://ADDR/metrics, e.g. 127.0.0.1:9090: an address of its
    /// own, never the public one. Without it no metrics are served.
    #[arg(long, env = "CUSTOMERS_METRICS_BIND")]
    pub metrics_bind: Option<std::net::SocketAddr>,
}

impl OperationsFlags {
    /// How the store is opened for serving and for the administration commands.
    pub fn open_options(&self) -> OpenOptions {
        OpenOptions {
            migrate: !self.no_migrate,
            pool_size: self.db_pool_size,
            acquire_timeout: self.db_acquire_timeout_secs.map(Duration::from_secs),
            statement_timeout: Duration::from_secs(self.statement_timeout_secs),
        }
    }

    /// The per-request timeout.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// The cap on requests in flight.
    pub fn max_in_flight(&self) -> usize {
        usize::try_from(self.max_in_flight).unwrap_or(usize::MAX)
    }
}
