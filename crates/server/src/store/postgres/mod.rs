//! The PostgreSQL store: a sqlx pool, migrations from `migrations/postgres/`, PostgreSQL's own
//! durability (a commit is flushed to the WAL before the 201). Several server processes may share
//! one database: writes of one reseller are serialised by a transaction-scoped advisory lock
//! (uniqueness checks and idempotency keys cannot race), edits are compare-and-set on `version`,
//! and outbox claims use `FOR UPDATE SKIP LOCKED`.

mod dialect;
// The one copy of the statements, compiled for this database (see `store/sql/mod.rs`).
#[allow(clippy::duplicate_mod)]
#[path = "../sql/mod.rs"]
mod sql;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Connection, PgConnection};

pub(super) use dialect::classify;

use super::OpenOptions;
use super::keyset::Bookmarks;

/// Connections per server process unless `--db-pool-size` says otherwise.
pub const POOL_SIZE: u32 = 10;
/// How long a request waits for a connection before it is answered 503, unless
/// `--db-acquire-timeout-secs` says otherwise.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long start-up waits for PostgreSQL to answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The PostgreSQL implementation of [`Store`](super::Store) (the statements are `store/sql/`'s).
/// Cloning shares the pool.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
    /// Where recently served list pages ended (keyset paging for the next page).
    bookmarks: std::sync::Arc<Bookmarks>,
}

/// The type `store/sql/` implements the store for.
type Backend = PgStore;

/// The migrations this binary carries.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl PgStore {
    /// Connects to `url` (a `postgres://` URL) and migrates the database. Errors name the
    /// server (never the password) in one line.
    pub async fn open(url: &str) -> anyhow::Result<PgStore> {
        Self::open_with(url, &OpenOptions::default()).await
    }

    /// Connects to `url` with a pool and statement timeout as `open` says, then migrates the
    /// database or checks that it is migrated.
    pub async fn open_with(url: &str, open: &OpenOptions) -> anyhow::Result<PgStore> {
        let mut options = PgConnectOptions::from_str(url)
            .with_context(|| format!("--db: not a valid postgres:// URL ({})", redact(url)))?
            .application_name("customers-server");
        if !open.statement_timeout.is_zero() {
            // Milliseconds: a statement past it is cancelled and the request answered 503.
            let ms = open.statement_timeout.as_millis().to_string();
            options = options.options([("statement_timeout", ms.as_str())]);
        }
        // One connection first, so that an unreachable or refusing server is named in one line
        // (the pool would only report that it timed out).
        let unreachable = |e: &dyn std::fmt::Display| {
            anyhow::anyhow!("cannot connect to PostgreSQL at {}: {e}", redact(url))
        };
        match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await {
            Ok(Ok(probe)) => {
                let _ = probe.close().await;
            }
            Ok(Err(e)) => return Err(unreachable(&e)),
            Err(_) => return Err(unreachable(&format!("no answer in {CONNECT_TIMEOUT:?}"))),
        }
        let pool = PgPoolOptions::new()
            .max_connections(open.pool_size.unwrap_or(POOL_SIZE))
            .acquire_timeout(open.acquire_timeout.unwrap_or(ACQUIRE_TIMEOUT))
            .connect_with(options)
            .await
            .map_err(|e| unreachable(&e))?;
        sql::prepare(
            &pool,
            open,
            &format!("the PostgreSQL database {}", redact(url)),
        )
        .await?;
        Ok(PgStore {
            pool,
            bookmarks: Default::default(),
        })
    }

    /// The pool (tests and tools that need plain SQL).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// The URL without its password (or query), for messages.
fn redact(url: &str) -> String {
    crate::logging::url_for_logs(url)
}
