//! The PostgreSQL store: a sqlx pool, migrations from `migrations/postgres/`, PostgreSQL's own
//! durability (a commit is flushed to the WAL before the 201). Several server processes may share
//! one database: writes of one reseller are serialised by a transaction-scoped advisory lock
//! (uniqueness checks and idempotency keys cannot race), edits are compare-and-set on `version`,
//! and outbox claims use `FOR UPDATE SKIP LOCKED`.

mod changes;
mod customers;
mod list;
mod outbox;
mod rows;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use domain::Customer;
use domain::import::CustomerLookup;
use sqlx::postgres::{PgConnectOptions, PgDatabaseError, PgPool, PgPoolOptions};
use sqlx::{Connection, PgConnection, Postgres, Transaction};

use super::*;

/// Connections per server process.
const POOL_SIZE: u32 = 10;
/// How long a request waits for a connection before it is answered 503.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long start-up waits for PostgreSQL to answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The PostgreSQL implementation of [`Store`]. Cloning shares the pool.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (a `postgres://` URL) and migrates the database. Errors name the
    /// server (never the password) in one line.
    pub async fn open(url: &str) -> anyhow::Result<PgStore> {
        let options = PgConnectOptions::from_str(url)
            .with_context(|| format!("--db: not a valid postgres:// URL ({})", redact(url)))?
            .application_name("customers-server");
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
            .max_connections(POOL_SIZE)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|e| unreachable(&e))?;
        sqlx::migrate!("migrations/postgres")
            .run(&pool)
            .await
            .with_context(|| format!("migrating the PostgreSQL database {}", redact(url)))?;
        Ok(PgStore { pool })
    }

    /// The pool (tests and tools that need plain SQL).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// A write transaction holding the reseller's lock until it ends: one writer per reseller at
    /// a time, across every process on the database.
    async fn write(&self, reseller_id: &str) -> StoreResult<Transaction<'static, Postgres>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(reseller_id)
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Maps a PostgreSQL error: unique violations by constraint name, lost or refused connections
/// and shutdowns as unavailable (`None`: not a PostgreSQL database error).
pub(super) fn classify(e: &PgDatabaseError) -> Option<StoreError> {
    let code = e.code();
    if code == "23505" {
        return Some(StoreError::Unique {
            constraint: known_constraint(e.constraint()),
        });
    }
    // 08: connection exceptions; 53: insufficient resources (too many connections); 57P0x:
    // shutting down or starting up; 40001/40P01: serialisation failure, deadlock (retry).
    if code.starts_with("08")
        || code.starts_with("53")
        || code.starts_with("57P")
        || code == "40001"
        || code == "40P01"
    {
        return Some(StoreError::Unavailable(anyhow::anyhow!(
            "PostgreSQL {code}: {}",
            e.message()
        )));
    }
    None
}

fn known_constraint(name: Option<&str>) -> &'static str {
    match name {
        Some(constraints::CUSTOMERS_NAME_UNIQUE) => constraints::CUSTOMERS_NAME_UNIQUE,
        Some(constraints::CUSTOMERS_DOMAIN_UNIQUE) => constraints::CUSTOMERS_DOMAIN_UNIQUE,
        _ => constraints::OTHER,
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
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
        let mut tx = self.pool.begin().await?;
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
        let mut tx = self.write(&create.reseller.id).await?;
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
        let mut tx = self.pool.begin().await?;
        customers::expire_keys(&mut tx, expired_before).await?;
        let stored = customers::stored_response(&mut tx, reseller_id, key).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn import_customers(&self, reseller: &Reseller, list: &[Customer]) -> StoreResult<()> {
        let mut tx = self.write(&reseller.id).await?;
        for customer in list {
            customers::insert(&mut tx, reseller, customer, None).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn update_customer(&self, update: UpdateCustomer) -> StoreResult<UpdateOutcome> {
        let mut tx = self.pool.begin().await?;
        let outcome = customers::update(&mut tx, &update).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn existing_keys(
        &self,
        reseller_id: &str,
        lookup: &CustomerLookup,
    ) -> StoreResult<CustomerLookup> {
        // One round trip: both unique indexes answer `= ANY` (a bitmap OR).
        let rows = sqlx::query_as(
            "SELECT name_key, domain FROM customers WHERE reseller_id = $1 \
             AND (name_key = ANY($2) OR domain = ANY($3))",
        )
        .bind(reseller_id)
        .bind(&lookup.organization_names)
        .bind(&lookup.domains)
        .fetch_all(&self.pool)
        .await?;
        Ok(lookup_found(lookup, rows))
    }

    async fn customer_count(&self, reseller_id: &str) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM customers WHERE reseller_id = $1")
            .bind(reseller_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n as u64)
    }

    async fn list_page(&self, reseller_id: &str, query: &ListQuery) -> StoreResult<Page> {
        list::page(&self.pool, reseller_id, query).await
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
        let mut tx = self.pool.begin().await?;
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
        outbox::claim(&self.pool, &claim).await
    }

    async fn outbox_mark_sent(&self, id: i64, worker: &str, at: &str) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let held = outbox::mark_sent(&mut tx, id, worker, at).await?;
        tx.commit().await?;
        Ok(held)
    }

    async fn outbox_mark_failed(&self, failure: OutboxFailure) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
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
