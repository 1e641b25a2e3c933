//! The storage interface: every operation the API performs, one method each, so that each
//! statement is written once (`sql/`, compiled once per database) and each database has a small
//! module for what it says its own way (`sqlite/dialect.rs`, `postgres/dialect.rs`).
//! Nothing here knows about HTTP: handlers map [`StoreError`] to problems in `crate::http`.

mod keyset;
pub mod model;
pub mod postgres;
pub mod schema;
pub mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use domain::Customer;
use domain::import::CustomerLookup;

pub use model::*;
pub use schema::{OpenOptions, SchemaStatus};

/// Every way a storage operation can fail.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused a write; `constraint` is its name (see [`constraints`]).
    #[error("unique constraint {constraint} violated")]
    Unique { constraint: &'static str },
    /// The database cannot be reached or is busy past its timeout (retry later).
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] anyhow::Error),
    /// Anything else: a bug or a corrupt row.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// The constraint names [`StoreError::Unique`] carries; each backend's schema uses them.
pub mod constraints {
    /// A reseller's organization names (case-insensitively) are unique.
    pub const CUSTOMERS_NAME_UNIQUE: &str = "customers_name_unique";
    /// A reseller's domains are unique.
    pub const CUSTOMERS_DOMAIN_UNIQUE: &str = "customers_domain_unique";
    /// Any other unique constraint (a customer id, a reseller name, a token).
    pub const OTHER: &str = "other";

    /// The name a backend reports as one of these (SQLite reports none: its writers are
    /// serialised, so the store checks uniqueness inside the write transaction instead).
    pub fn known(name: Option<&str>) -> &'static str {
        match name {
            Some(CUSTOMERS_NAME_UNIQUE) => CUSTOMERS_NAME_UNIQUE,
            Some(CUSTOMERS_DOMAIN_UNIQUE) => CUSTOMERS_DOMAIN_UNIQUE,
            _ => OTHER,
        }
    }
}

/// Database errors by meaning: each backend's `dialect` reads its own; pools and connections
/// that fail are unavailable alike.
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) => postgres::classify(db.as_ref())
                .or_else(|| sqlite::classify(db.as_ref()))
                .unwrap_or_else(|| StoreError::Other(e.into())),
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

/// The SHA-256 (hex) of a whole API token: the only form the store keeps it in.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

/// What storage operations return.
pub type StoreResult<T> = Result<T, StoreError>;

/// How long a stored `Idempotency-Key` is honoured (a day); older ones are ignored, and deleted
/// by the retention job (`crate::retention`), never inside a create.
pub const IDEMPOTENCY_KEY_TTL_SECS: i64 = 24 * 60 * 60;

/// The store as the application holds it.
pub type DynStore = Arc<dyn Store>;

/// One method per operation the API performs. Implementations are cheap to share (a pool
/// inside); every method is one transaction.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// "sqlite" or "postgres", for logs.
    fn backend(&self) -> &'static str;
    /// `SELECT 1` (readiness).
    async fn ping(&self) -> StoreResult<()>;
    /// The schema against this binary's migrations (readiness, `server migrate`).
    async fn schema_status(&self) -> StoreResult<SchemaStatus>;
    /// The connection pool's size and idle connections now.
    fn pool_stats(&self) -> PoolStats;

    // --- resellers and their API tokens -----------------------------------------------------

    /// Creates a reseller (id `r_<name>`) with one manager API token stored as its hash
    /// (`demo`: a seeded identity, accepted only in demo mode).
    async fn create_reseller(
        &self,
        name: &str,
        user_email: &str,
        token: &str,
        demo: bool,
    ) -> StoreResult<Reseller>;
    /// Creates a reseller with the given id and no token (`resellers create`).
    async fn add_reseller(&self, reseller: &Reseller) -> StoreResult<()>;
    /// A reseller by id.
    async fn reseller(&self, id: &str) -> StoreResult<Option<Reseller>>;
    /// Every reseller, by id.
    async fn resellers(&self) -> StoreResult<Vec<Reseller>>;
    /// How many resellers exist.
    async fn reseller_count(&self) -> StoreResult<u64>;
    /// The token whose SHA-256 (hex) is `hash`, and its reseller.
    async fn token_by_hash(&self, hash: &str) -> StoreResult<Option<(ApiToken, Reseller)>>;
    /// Stores a token (its hash, never the secret).
    async fn create_token(&self, token: &NewApiToken) -> StoreResult<()>;
    /// Every token (of one reseller), newest first.
    async fn tokens(&self, reseller_id: Option<&str>) -> StoreResult<Vec<ApiToken>>;
    /// Revokes the token `prefix` names at `at`; whether it existed unrevoked.
    async fn revoke_token(&self, prefix: &str, at: &str) -> StoreResult<bool>;
    /// Records that the token was used at `at` if it was last recorded before `stale_before`.
    async fn touch_token(&self, prefix: &str, at: &str, stale_before: &str) -> StoreResult<()>;
    /// Whether any demo identity is stored (a warning outside demo mode).
    async fn has_demo_tokens(&self) -> StoreResult<bool>;

    // --- customers -------------------------------------------------------------------------

    /// A reseller's customer (`None` also when it belongs to another reseller).
    async fn get_customer(&self, reseller_id: &str, id: &str) -> StoreResult<Option<Customer>>;
    /// Creates customers of one reseller in one transaction (the one write path of the single
    /// create and the batch): each with its audit entry, its activation email and (with a key)
    /// its stored response, all or nothing per row; a known key is replayed or refused and a
    /// taken name or domain refused for that row alone. One outcome per row, in order.
    async fn create_customers(&self, rows: Vec<CreateCustomer>) -> StoreResult<Vec<CreateOutcome>>;
    /// [`Store::create_customers`] with one row.
    async fn create_customer(&self, create: CreateCustomer) -> StoreResult<CreateOutcome> {
        let mut outcomes = self.create_customers(vec![create]).await?;
        Ok(outcomes.pop().expect("one outcome per row"))
    }
    /// What a known idempotency key holds (one stored before `expired_before` is unknown).
    async fn idempotent_response(
        &self,
        reseller_id: &str,
        key: &str,
        expired_before: &str,
    ) -> StoreResult<Option<IdempotentResponse>>;
    /// Inserts customers as they are (with their creation audit entries, no email): seeding,
    /// imports, tests.
    async fn import_customers(
        &self,
        reseller: &Reseller,
        customers: &[Customer],
    ) -> StoreResult<()>;
    /// Changes a customer if it is still at `expected_version`.
    async fn update_customer(&self, update: UpdateCustomer) -> StoreResult<UpdateOutcome>;
    /// Which of `lookup`'s name keys (lower-cased) and domains a reseller's customers have.
    async fn existing_keys(
        &self,
        reseller_id: &str,
        lookup: &CustomerLookup,
    ) -> StoreResult<CustomerLookup>;
    /// How many customers a reseller has.
    async fn customer_count(&self, reseller_id: &str) -> StoreResult<u64>;

    // --- lists -----------------------------------------------------------------------------

    /// One page of a reseller's customers and the matching total.
    async fn list_page(&self, reseller_id: &str, query: &CustomerQuery) -> StoreResult<Page>;
    /// Every customer matching the filters, in the query's order (the CSV export).
    async fn export(&self, reseller_id: &str, query: &CustomerQuery) -> StoreResult<Vec<Customer>>;

    // --- usage history -------------------------------------------------------------------

    /// Stores usage samples (a customer's repeated day replaces the earlier sample) and keeps
    /// each touched customer's current usage and forecast; per sample, whether it was stored
    /// (`false`: no such customer for this reseller). One transaction.
    async fn record_usage(
        &self,
        reseller_id: &str,
        samples: &[domain::usage::CheckedSample],
        received_at: &str,
    ) -> StoreResult<Vec<bool>>;
    /// A reseller's customer and its samples of the `days` days up to its newest, oldest first
    /// (`None`: no such customer for the reseller).
    async fn usage_history(
        &self,
        reseller_id: &str,
        id: &str,
        days: u16,
    ) -> StoreResult<Option<(Customer, Vec<domain::usage::UsagePoint>)>>;

    // --- audit and activation --------------------------------------------------------------

    /// A customer's audit entries, newest first (`None`: no such customer for the reseller).
    async fn audit(&self, reseller_id: &str, id: &str) -> StoreResult<Option<Vec<AuditRecord>>>;
    /// Queues an activation email unless one was queued after `not_after` (the rate limit).
    async fn resend_activation(&self, resend: ResendActivation) -> StoreResult<ResendOutcome>;
    /// The customer an activation link names.
    async fn activation_link(&self, token: &str) -> StoreResult<Option<ActivationLink>>;

    // --- outbox ----------------------------------------------------------------------------

    /// A reseller's emails, newest first.
    async fn outbox_list(&self, reseller_id: &str, limit: u32) -> StoreResult<Vec<OutboxEmail>>;
    /// Claims up to `limit` unsent, not dead-lettered emails that are due (`next_attempt_at` not
    /// after `now`) and whose lease is free or expired: they are `worker`'s until `lease_until`.
    async fn outbox_claim(&self, claim: OutboxClaim) -> StoreResult<Vec<OutboxEmail>>;
    /// Marks a claimed email sent and, when it is the customer's latest, the customer's
    /// activation email `sent` (only while `worker` holds its claim; returns whether it did).
    async fn outbox_mark_sent(&self, id: i64, worker: &str, at: &str) -> StoreResult<bool>;
    /// Records a failed attempt and releases the claim: retried at `retry_at`, or dead-lettered
    /// (and, when it is the customer's latest, the customer's activation email `undeliverable`).
    /// Returns whether `worker` held the claim.
    async fn outbox_mark_failed(&self, failure: OutboxFailure) -> StoreResult<bool>;
    /// Releases every claim `worker` holds without counting an attempt (graceful shutdown);
    /// returns how many.
    async fn outbox_release(&self, worker: &str) -> StoreResult<u64>;
    /// How many emails are due at `now` and when the oldest of them was queued.
    async fn outbox_backlog(&self, now: &str) -> StoreResult<OutboxBacklog>;

    // --- retention (src/retention.rs): each call is one short write of at most `limit` rows ---

    /// Empties the body and activation token of up to `limit` emails delivered before
    /// `sent_before`; returns how many.
    async fn purge_delivered_emails(&self, sent_before: &str, limit: u32) -> StoreResult<u64>;
    /// Deletes up to `limit` idempotency keys stored before `created_before`; returns how many.
    async fn purge_idempotency_keys(&self, created_before: &str, limit: u32) -> StoreResult<u64>;
    /// Deletes up to `limit` audit entries recorded before `before`; returns how many.
    async fn purge_audit(&self, before: &str, limit: u32) -> StoreResult<u64>;

    // --- change log (the list accelerator) -------------------------------------------------

    /// A reseller's revision now (0 before its first change).
    async fn change_head(&self, reseller_id: &str) -> StoreResult<i64>;
    /// Every customer of a reseller with its row key, and the revision they are at.
    async fn load_reseller(&self, reseller_id: &str) -> StoreResult<Snapshot>;
    /// The rows changed after revision `from` (as they are now: `None` when gone) and the
    /// revision they are at.
    async fn changes_since(&self, reseller_id: &str, from: i64) -> StoreResult<Changes>;
}

/// Whether `--db` names a PostgreSQL database (else a SQLite file).
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Opens the store `--db` names: a `postgres://` URL, or a SQLite file path (created if
/// missing). Errors are one line, fit for the terminal.
pub async fn open(db: &str) -> anyhow::Result<DynStore> {
    open_with(db, &OpenOptions::default()).await
}

/// [`open`] with migrations and pool limits as `options` say.
pub async fn open_with(db: &str, options: &OpenOptions) -> anyhow::Result<DynStore> {
    if is_postgres(db) {
        return Ok(Arc::new(postgres::PgStore::open_with(db, options).await?));
    }
    if db.contains("://") {
        anyhow::bail!(
            "--db {:?}: not a SQLite file path or a postgres:// URL (e.g. .data/customers.sqlite3)",
            crate::logging::url_for_logs(db)
        );
    }
    if db.trim().is_empty() {
        anyhow::bail!("--db is empty: give a SQLite file path or a postgres:// URL");
    }
    Ok(Arc::new(
        sqlite::SqliteStore::open_with(std::path::Path::new(db), options).await?,
    ))
}
