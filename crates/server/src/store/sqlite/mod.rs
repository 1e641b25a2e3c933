//! The SQLite store: a sqlx pool over one file in WAL mode with `synchronous=FULL` (a 201 means
//! the row is on disk, power loss included), migrations from `migrations/sqlite/`. Writes run in
//! `BEGIN IMMEDIATE` transactions, so writers queue for the lock instead of failing on upgrade.

mod changes;
mod customers;
mod keyset;
mod list;
mod outbox;
mod rows;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use domain::Customer;
use domain::import::CustomerLookup;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};

use super::*;

/// How many connections may work at once (one writer at a time; WAL lets readers go on).
const POOL_SIZE: u32 = 8;

/// The SQLite implementation of [`Store`]. Cloning shares the pool.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
    /// Where recently served list pages ended (keyset paging for the next page).
    bookmarks: std::sync::Arc<keyset::Bookmarks>,
}

impl SqliteStore {
    /// Opens (creating it and its parent directory if needed) and migrates the database.
    pub async fn open(path: &Path) -> anyhow::Result<SqliteStore> {
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
            // 32 MiB of page cache per connection: a list at 100k customers touches a lot of index.
            // The memory map reads the file from the kernel's page cache without copying (a scan
            // of 100k rows took 2.6x as long without it).
            .pragma("cache_size", "-32768")
            .pragma("mmap_size", (256 * 1024 * 1024).to_string());
        let pool = SqlitePoolOptions::new()
            .max_connections(POOL_SIZE)
            .acquire_timeout(Duration::from_secs(15))
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
        sqlx::migrate!("migrations/sqlite")
            .run(&pool)
            .await
            .with_context(|| format!("migrating {}", path.display()))?;
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

    /// A write transaction: takes the write lock at once (waiting up to the busy timeout).
    async fn write(&self) -> StoreResult<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        match &e {
            sqlx::Error::Database(db) => {
                // (PostgreSQL's errors are classified by its module, by SQLSTATE.)
                if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
                    return super::postgres::classify(pg).unwrap_or(StoreError::Other(e.into()));
                }
                if db.kind() == ErrorKind::UniqueViolation {
                    return StoreError::Unique {
                        constraint: known_constraint(db.constraint()),
                    };
                }
                // SQLITE_BUSY / SQLITE_LOCKED (and extended codes): the lock was not had in time.
                let code = db.code().and_then(|c| c.parse::<i32>().ok()).unwrap_or(0);
                if matches!(code & 0xff, 5 | 6) {
                    return StoreError::Unavailable(e.into());
                }
                StoreError::Other(e.into())
            }
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e.into()),
            _ => StoreError::Other(e.into()),
        }
    }
}

/// The name a backend reports as the one of [`constraints`] (SQLite reports none: its writers
/// are serialised, so the store checks uniqueness inside the write transaction instead).
fn known_constraint(name: Option<&str>) -> &'static str {
    match name {
        Some(constraints::CUSTOMERS_NAME_UNIQUE) => constraints::CUSTOMERS_NAME_UNIQUE,
        Some(constraints::CUSTOMERS_DOMAIN_UNIQUE) => constraints::CUSTOMERS_DOMAIN_UNIQUE,
        _ => constraints::OTHER,
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn reseller_by_token(&self, token: &str) -> StoreResult<Option<Reseller>> {
        customers::reseller_by_token(&self.pool, token).await
    }

    async fn create_reseller(
        &self,
        name: &str,
        user_email: &str,
        token: &str,
    ) -> StoreResult<Reseller> {
        let mut tx = self.write().await?;
        let reseller = customers::create_reseller(&mut tx, name, user_email, token).await?;
        tx.commit().await?;
        Ok(reseller)
    }

    async fn reseller_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM resellers")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as u64)
    }

    async fn get_customer(&self, reseller_id: &str, id: &str) -> StoreResult<Option<Customer>> {
        let mut conn = self.pool.acquire().await?;
        customers::find(&mut conn, reseller_id, id).await
    }

    async fn create_customer(&self, create: CreateCustomer) -> StoreResult<CreateOutcome> {
        let mut tx = self.write().await?;
        let outcome = customers::create(&mut tx, &create).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn idempotent_response(
        &self,
        reseller_id: &str,
        key: &str,
        expired_before: &str,
    ) -> StoreResult<Option<IdempotentResponse>> {
        let mut tx = self.write().await?;
        customers::expire_keys(&mut tx, expired_before).await?;
        let stored = customers::stored_response(&mut tx, reseller_id, key).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn import_customers(&self, reseller: &Reseller, list: &[Customer]) -> StoreResult<()> {
        let mut tx = self.write().await?;
        for customer in list {
            customers::insert(&mut tx, reseller, customer, None).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn update_customer(&self, update: UpdateCustomer) -> StoreResult<UpdateOutcome> {
        let mut tx = self.write().await?;
        let outcome = customers::update(&mut tx, &update).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn existing_keys(
        &self,
        reseller_id: &str,
        lookup: &CustomerLookup,
    ) -> StoreResult<CustomerLookup> {
        // One query (both unique indexes, an OR of two index searches); the keys are passed as
        // JSON arrays so the statement is fixed.
        let names =
            serde_json::to_string(&lookup.organization_names).map_err(anyhow::Error::from)?;
        let domains = serde_json::to_string(&lookup.domains).map_err(anyhow::Error::from)?;
        let rows = sqlx::query_as(
            "SELECT name_key, domain FROM customers WHERE reseller_id = ?1 \
             AND (name_key IN (SELECT value FROM json_each(?2)) \
             OR domain IN (SELECT value FROM json_each(?3)))",
        )
        .bind(reseller_id)
        .bind(names)
        .bind(domains)
        .fetch_all(&self.pool)
        .await?;
        Ok(lookup_found(lookup, rows))
    }

    async fn customer_count(&self, reseller_id: &str) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM customers WHERE reseller_id = ?1")
            .bind(reseller_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n as u64)
    }

    async fn list_page(&self, reseller_id: &str, query: &ListQuery) -> StoreResult<Page> {
        list::page(&self.pool, &self.bookmarks, reseller_id, query).await
    }

    async fn export(&self, reseller_id: &str, query: &ListQuery) -> StoreResult<Vec<Customer>> {
        list::export(&self.pool, reseller_id, query).await
    }

    async fn audit(&self, reseller_id: &str, id: &str) -> StoreResult<Option<Vec<AuditRecord>>> {
        let mut tx = self.pool.begin().await?;
        let entries = customers::audit_entries(&mut tx, reseller_id, id).await?;
        tx.commit().await?;
        Ok(entries)
    }

    async fn resend_activation(&self, resend: ResendActivation) -> StoreResult<ResendOutcome> {
        let mut tx = self.write().await?;
        let outcome = customers::resend(&mut tx, &resend).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn activation_link(&self, token: &str) -> StoreResult<Option<ActivationLink>> {
        outbox::activation_link(&self.pool, token).await
    }

    async fn outbox_list(&self, reseller_id: &str, limit: u32) -> StoreResult<Vec<OutboxEmail>> {
        outbox::list(&self.pool, reseller_id, limit).await
    }

    async fn outbox_claim(&self, claim: OutboxClaim) -> StoreResult<Vec<OutboxEmail>> {
        let mut tx = self.write().await?;
        let claimed = outbox::claim(&mut tx, &claim).await?;
        tx.commit().await?;
        Ok(claimed)
    }

    async fn outbox_mark_sent(&self, id: i64, worker: &str, at: &str) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let held = outbox::mark_sent(&mut tx, id, worker, at).await?;
        tx.commit().await?;
        Ok(held)
    }

    async fn outbox_mark_failed(&self, failure: OutboxFailure) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let held = outbox::mark_failed(&mut tx, &failure).await?;
        tx.commit().await?;
        Ok(held)
    }

    async fn outbox_release(&self, worker: &str) -> StoreResult<u64> {
        outbox::release(&self.pool, worker).await
    }

    async fn change_head(&self, reseller_id: &str) -> StoreResult<i64> {
        changes::head(&self.pool, reseller_id).await
    }

    async fn load_reseller(&self, reseller_id: &str) -> StoreResult<Snapshot> {
        changes::load(&self.pool, reseller_id).await
    }

    async fn changes_since(&self, reseller_id: &str, from: i64) -> StoreResult<Changes> {
        changes::since(&self.pool, reseller_id, from).await
    }
}
