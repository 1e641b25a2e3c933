//! SQLite access: a small pool of connections used from blocking threads, the migrations, and
//! the conversions between rows and the domain's wire types.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context;
use domain::{Customer, CustomerStatus, StorageType};
use rusqlite::{Connection, OptionalExtension, Row, params};
use time::OffsetDateTime;
use tokio::sync::Semaphore;

use crate::error::ApiError;
use crate::list_index::Indexes;

/// The migrations, applied in order; each number is recorded in `schema_version` once applied.
/// Never edit one that has shipped: add the next file.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_search_and_counts.sql")),
    (3, include_str!("../migrations/0003_list_index.sql")),
    (4, include_str!("../migrations/0004_idempotency_expiry.sql")),
];

/// How many connections may work at once (one writer at a time; WAL lets readers go on).
const POOL_SIZE: usize = 4;

/// A cloneable handle on the database.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Pool>,
}

struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    permits: Semaphore,
    /// The list's in-memory index of each reseller's customers (kept current from the database).
    indexes: Arc<Indexes>,
}

impl Db {
    /// Opens (creating it and its parent directory if needed) and migrates the database.
    pub fn open(path: &Path) -> anyhow::Result<Db> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating the database directory {}", parent.display()))?;
        }
        let mut conn = open_connection(path)?;
        migrate(&mut conn)?;
        Ok(Db {
            inner: Arc::new(Pool {
                path: path.to_owned(),
                idle: Mutex::new(vec![conn]),
                permits: Semaphore::new(POOL_SIZE),
                indexes: Arc::default(),
            }),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// The list's in-memory index of each reseller's customers.
    pub fn indexes(&self) -> Arc<Indexes> {
        self.inner.indexes.clone()
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn call<F, R>(&self, f: F) -> Result<R, ApiError>
    where
        F: FnOnce(&mut Connection) -> Result<R, ApiError> + Send + 'static,
        R: Send + 'static,
    {
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .map_err(|e| ApiError::internal(e.into()))?;
        let pool = self.inner.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let conn = pool.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut conn = match conn {
                Some(c) => c,
                None => open_connection(&pool.path).map_err(ApiError::internal)?,
            };
            let result = f(&mut conn);
            // A connection left inside a transaction (a bug) is dropped, not reused.
            if conn.is_autocommit() {
                pool.idle
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(conn);
            }
            result
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(e) => Err(ApiError::internal(anyhow::anyhow!(
                "database task failed: {e}"
            ))),
        }
    }

    /// Runs `f` on a connection synchronously (start-up work, seeding, tests).
    pub fn with_conn<R>(
        &self,
        f: impl FnOnce(&mut Connection) -> anyhow::Result<R>,
    ) -> anyhow::Result<R> {
        let conn = self
            .inner
            .idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop();
        let mut conn = match conn {
            Some(c) => c,
            None => open_connection(&self.inner.path)?,
        };
        let result = f(&mut conn);
        if conn.is_autocommit() {
            self.inner
                .idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(conn);
        }
        result
    }
}

fn open_connection(path: &Path) -> anyhow::Result<Connection> {
    let conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 32 MiB of page cache per connection: a list at 100k customers touches a lot of index.
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.pragma_update(None, "mmap_size", 256 * 1024 * 1024)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    )?;
    // Migrations may rebuild tables (SQLite's 12-step ALTER): foreign keys are off while they run
    // and checked before each commits.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = (|| -> anyhow::Result<()> {
        for (version, sql) in MIGRATIONS {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let applied: Option<i64> = tx
                .query_row(
                    "SELECT version FROM schema_version WHERE version = ?1",
                    [version],
                    |r| r.get(0),
                )
                .optional()?;
            if applied.is_none() {
                tx.execute_batch(sql)
                    .with_context(|| format!("applying migration {version}"))?;
                let broken: Option<String> = tx
                    .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
                    .optional()?;
                if let Some(table) = broken {
                    anyhow::bail!("migration {version} leaves broken foreign keys in {table}");
                }
                tx.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)",
                    params![version, now()],
                )?;
                tracing::info!(version, "applied database migration");
            }
            tx.commit()?;
        }
        Ok(())
    })();
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

/// The current time as the API writes it: RFC 3339, UTC, milliseconds (fixed width, so it sorts).
pub fn now() -> String {
    format_time(OffsetDateTime::now_utc())
}

/// Formats a time as [`now`] does.
pub fn format_time(t: OffsetDateTime) -> String {
    const FORMAT: &[time::format_description::FormatItem<'static>] = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(FORMAT)
        .expect("formatting a UTC time cannot fail")
}

/// Parses an RFC 3339 time.
pub fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

/// A fresh random token (hex), for ids, session tokens and activation links.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    hex::encode(buf)
}

/// The columns [`customer_from_row`] reads, in order.
pub const CUSTOMER_COLUMNS: &str = "id, organization_name, domain, user_licenses, extra_storage_gb, notify_emails, \
     storage_type, status, licenses_in_use, storage_used_gb, usage_updated_at, created_at, updated_at, version";

/// Reads a customer selected with [`CUSTOMER_COLUMNS`].
pub fn customer_from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    let notify: String = row.get(5)?;
    let storage_type: String = row.get(6)?;
    let status: String = row.get(7)?;
    let bad = |col: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            what.to_owned().into(),
        )
    };
    Ok(Customer {
        id: row.get(0)?,
        organization_name: row.get(1)?,
        domain: row.get(2)?,
        user_licenses: u32::try_from(row.get::<_, i64>(3)?)
            .map_err(|_| bad(3, "user_licenses out of range"))?,
        extra_storage_gb: u64::try_from(row.get::<_, i64>(4)?)
            .map_err(|_| bad(4, "extra_storage_gb out of range"))?,
        notify_emails: serde_json::from_str(&notify)
            .map_err(|_| bad(5, "notify_emails is not a JSON array"))?,
        storage_type: StorageType::from_wire(&storage_type)
            .ok_or_else(|| bad(6, "unknown storage_type"))?,
        status: CustomerStatus::from_wire(&status).ok_or_else(|| bad(7, "unknown status"))?,
        licenses_in_use: u32::try_from(row.get::<_, i64>(8)?)
            .map_err(|_| bad(8, "licenses_in_use out of range"))?,
        storage_used_gb: u64::try_from(row.get::<_, i64>(9)?)
            .map_err(|_| bad(9, "storage_used_gb out of range"))?,
        usage_updated_at: row.get(10)?,
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
        version: row.get(13)?,
    })
}

/// A reseller: who a request acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reseller {
    pub id: String,
    pub name: String,
    pub user_email: String,
}

/// The reseller a token belongs to.
pub fn reseller_by_token(conn: &Connection, token: &str) -> rusqlite::Result<Option<Reseller>> {
    conn.prepare_cached(
        "SELECT r.id, r.name, r.user_email FROM tokens t JOIN resellers r ON r.id = t.reseller_id WHERE t.token = ?1",
    )?
    .query_row([token], |r| Ok(Reseller { id: r.get(0)?, name: r.get(1)?, user_email: r.get(2)? }))
    .optional()
}

/// Creates a reseller with one API token (tests, seeding). Fails if the name is taken.
pub fn create_reseller(
    conn: &Connection,
    name: &str,
    user_email: &str,
    token: &str,
) -> rusqlite::Result<Reseller> {
    let id = format!("r_{name}");
    let at = now();
    conn.execute(
        "INSERT INTO resellers (id, name, user_email, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, name, user_email, at],
    )?;
    conn.execute(
        "INSERT INTO tokens (token, reseller_id, created_at) VALUES (?1, ?2, ?3)",
        params![token, id, at],
    )?;
    Ok(Reseller {
        id,
        name: name.to_owned(),
        user_email: user_email.to_owned(),
    })
}

/// How many resellers exist.
pub fn reseller_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM resellers", [], |r| r.get(0))
}
