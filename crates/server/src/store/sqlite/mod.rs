//! The SQLite store: a sqlx pool over one file in WAL mode with `synchronous=FULL` (a 201 means
//! the row is on disk, power loss included), migrations from `migrations/sqlite/`. Writes run in
//! `BEGIN IMMEDIATE` transactions, so writers queue for the lock instead of failing on upgrade.

mod dialect;
// The one copy of the statements, compiled for this database (see `store/sql/mod.rs`).
#[allow(clippy::duplicate_mod)]
#[path = "../sql/mod.rs"]
mod sql;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub(super) use dialect::classify;

use super::OpenOptions;
use super::keyset::Bookmarks;

/// How many connections may work at once (one writer at a time; WAL lets readers go on), unless
/// `--db-pool-size` says otherwise.
pub const POOL_SIZE: u32 = 8;
/// How much of the database file each connection maps (bytes; SQLite's default ceiling).
const MMAP_SIZE: u64 = 0x7fff_0000;
/// How long a request waits for a connection unless `--db-acquire-timeout-secs` says otherwise.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(15);

/// The SQLite implementation of [`Store`](super::Store) (the statements are `store/sql/`'s).
/// Cloning shares the pool.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
    /// Where recently served list pages ended (keyset paging for the next page).
    bookmarks: std::sync::Arc<Bookmarks>,
}

/// The type `store/sql/` implements the store for.
type Backend = SqliteStore;

/// The migrations this binary carries.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");

impl SqliteStore {
    /// Opens (creating it and its parent directory if needed) and migrates the database.
    pub async fn open(path: &Path) -> anyhow::Result<SqliteStore> {
        Self::open_with(path, &OpenOptions::default()).await
    }

    /// Opens the database with a pool as `open` says, then migrates it or checks that it is
    /// migrated.
    pub async fn open_with(path: &Path, open: &OpenOptions) -> anyhow::Result<SqliteStore> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating the database directory {}", parent.display()))?;
        }
        let options = SqliteConnectOptions::from_str("sqlite://")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // The memory map reads the file from the kernel's page cache without copying (a scan
            // of 100k rows took 2.6x as long without it); it covers files up to 2 GiB (100k
            // customers: about 430 MiB), so reads do not fill each connection's own page cache.
            // That cache then holds mostly the pages a write changes: 8 MiB per connection keeps
            // the process's own memory under 100 MB with every connection of the pool busy.
            .pragma("cache_size", "-8192")
            .pragma("mmap_size", MMAP_SIZE.to_string());
        let pool = SqlitePoolOptions::new()
            .max_connections(open.pool_size.unwrap_or(POOL_SIZE))
            .acquire_timeout(open.acquire_timeout.unwrap_or(ACQUIRE_TIMEOUT))
            .connect_with(options)
            .await
            .with_context(|| format!("opening the SQLite database {}", path.display()))?;
        let legacy: Option<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
        )
        .fetch_optional(&pool)
        .await?;
        if legacy.is_some() {
            anyhow::bail!(
                "{} was made by an older server (hand-rolled migrations); delete it to start over",
                path.display()
            );
        }
        sql::prepare(&pool, open, &path.display().to_string()).await?;
        Ok(SqliteStore {
            pool,
            path: path.to_owned(),
            bookmarks: Default::default(),
        })
    }

    /// The pool (tests and tools that need plain SQL).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// What [`backup`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The backup's size in bytes.
    pub bytes: u64,
    /// How many customers it holds.
    pub customers: u64,
}

/// Copies the database file `db` to the new file `to` while servers keep using it (see
/// [`dialect::vacuum_into`]), checks the copy (`integrity_check`), and only then gives it its name
/// (never over an existing file). Neither migrates nor creates `db`.
pub async fn backup(db: &Path, to: &Path) -> anyhow::Result<BackupSummary> {
    use sqlx::{ConnectOptions, Connection};
    if to.exists() {
        anyhow::bail!(
            "{} exists: a backup never overwrites a file; give a new path or remove the old file",
            to.display()
        );
    }
    if !db.is_file() {
        anyhow::bail!("no SQLite database at {}", db.display());
    }
    let dir = match to.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => anyhow::bail!("no directory {}", dir.display()),
        Some(dir) => dir.to_owned(),
        None => PathBuf::from("."),
    };
    let name = to
        .file_name()
        .with_context(|| format!("{} names no file", to.display()))?;
    // Written under a temporary name first: an interrupted backup never looks like a backup.
    let partial = dir.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        crate::util::random_hex(4)
    ));
    let result = async {
        let source = SqliteConnectOptions::new()
            .filename(db)
            .read_only(true)
            .busy_timeout(Duration::from_secs(30))
            // A copy of a large file takes seconds: that is no slow statement to warn about.
            .disable_statement_logging();
        let mut conn = sqlx::SqliteConnection::connect_with(&source)
            .await
            .with_context(|| format!("opening {}", db.display()))?;
        dialect::vacuum_into(&mut conn, &partial)
            .await
            .with_context(|| format!("copying {} to {}", db.display(), partial.display()))?;
        conn.close().await?;
        let copy = SqliteConnectOptions::new()
            .filename(&partial)
            .read_only(true)
            .disable_statement_logging();
        let mut conn = sqlx::SqliteConnection::connect_with(&copy).await?;
        let check = dialect::integrity_check(&mut conn).await?;
        if check != "ok" {
            anyhow::bail!("the copy failed its integrity check: {check}");
        }
        let customers: i64 = sqlx::query_scalar("SELECT count(*) FROM customers")
            .fetch_one(&mut conn)
            .await?;
        conn.close().await?;
        std::fs::File::open(&partial)?.sync_all()?;
        // A hard link fails if `to` appeared meanwhile, where a rename would replace it.
        std::fs::hard_link(&partial, to)
            .with_context(|| format!("naming the backup {}", to.display()))?;
        Ok(customers as u64)
    }
    .await;
    let _ = std::fs::remove_file(&partial);
    let customers = result?;
    // The new name is on disk too.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(BackupSummary {
        bytes: std::fs::metadata(to)?.len(),
        customers,
    })
}
