//! The store's SQL, written once for both databases: each backend mounts this folder as its
//! `sql` module (`#[path]`) beside its `dialect` seam, so every statement here is compiled once
//! per database with that backend's concrete types. (Code generic over `sqlx::Database` would
//! repeat a bound for every type and executor at every function.) Placeholders are `$N`, which
//! both drivers accept; anything one database says its own way goes through `dialect`.

mod changes;
mod customers;
mod list;
mod outbox;
mod resellers;
mod retention;
mod rows;
mod schema;
mod usage;

use async_trait::async_trait;
use domain::Customer;
use domain::import::CustomerLookup;

use super::{Backend, dialect};
use crate::store::*;
pub(super) use schema::prepare;

/// The connection every statement runs on (a transaction derefs to one).
type Conn = <dialect::Db as sqlx::Database>::Connection;
/// A row as the backend returns it.
type Row = <dialect::Db as sqlx::Database>::Row;
/// The backend's pool.
type Pool = sqlx::Pool<dialect::Db>;

/// What every open does once the migrations have run: plaintext tokens of an older database are
/// hashed (SQLite cannot hash in SQL, so both databases do it here).
async fn after_migrations(pool: &Pool) -> StoreResult<()> {
    // Replicas starting together take turns: the second finds the table already emptied.
    let mut tx = dialect::write(pool, "api_tokens: hashing plaintext tokens").await?;
    let moved = resellers::hash_plaintext_tokens(&mut tx).await?;
    tx.commit().await?;
    if moved > 0 {
        tracing::info!(tokens = moved, "stored the plaintext API tokens as hashes");
    }
    Ok(())
}

#[async_trait]
impl Store for Backend {
    fn backend(&self) -> &'static str {
        dialect::NAME
    }

    async fn ping(&self) -> StoreResult<()> {
        schema::ping(&self.pool).await
    }

    async fn schema_status(&self) -> StoreResult<crate::store::schema::SchemaStatus> {
        schema::status(&self.pool).await
    }

    fn pool_stats(&self) -> PoolStats {
        PoolStats {
            size: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }

    async fn create_reseller(
        &self,
        name: &str,
        user_email: &str,
        token: &str,
        demo: bool,
    ) -> StoreResult<Reseller> {
        let at = crate::util::now();
        let reseller = Reseller {
            id: format!("r_{name}"),
            name: name.to_owned(),
            user_email: user_email.to_owned(),
        };
        let hash = token_hash(token);
        let token = NewApiToken {
            token: ApiToken {
                prefix: format!("{name}{}", &hash[..8]),
                reseller_id: reseller.id.clone(),
                name: format!("{name} (seeded)"),
                role: domain::Role::Manager,
                demo,
                created_at: at.clone(),
                expires_at: None,
                last_used_at: None,
                revoked_at: None,
            },
            hash,
        };
        let mut tx = dialect::begin_write(&self.pool).await?;
        resellers::insert_reseller(&mut tx, &reseller, &at).await?;
        resellers::insert_token(&mut tx, &token).await?;
        tx.commit().await?;
        Ok(reseller)
    }

    async fn add_reseller(&self, reseller: &Reseller) -> StoreResult<()> {
        let mut tx = dialect::begin_write(&self.pool).await?;
        resellers::insert_reseller(&mut tx, reseller, &crate::util::now()).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn reseller(&self, id: &str) -> StoreResult<Option<Reseller>> {
        resellers::find(&self.pool, id).await
    }

    async fn resellers(&self) -> StoreResult<Vec<Reseller>> {
        resellers::all(&self.pool).await
    }

    async fn token_by_hash(&self, hash: &str) -> StoreResult<Option<(ApiToken, Reseller)>> {
        resellers::token_by_hash(&self.pool, hash).await
    }

    async fn create_token(&self, token: &NewApiToken) -> StoreResult<()> {
        let mut tx = dialect::begin_write(&self.pool).await?;
        resellers::insert_token(&mut tx, token).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn tokens(&self, reseller_id: Option<&str>) -> StoreResult<Vec<ApiToken>> {
        resellers::tokens(&self.pool, reseller_id).await
    }

    async fn revoke_token(&self, prefix: &str, at: &str) -> StoreResult<bool> {
        resellers::revoke(&self.pool, prefix, at).await
    }

    async fn touch_token(&self, prefix: &str, at: &str, stale_before: &str) -> StoreResult<()> {
        resellers::touch(&self.pool, prefix, at, stale_before).await
    }

    async fn has_demo_tokens(&self) -> StoreResult<bool> {
        resellers::has_demo_tokens(&self.pool).await
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

    async fn create_customers(&self, rows: Vec<CreateCustomer>) -> StoreResult<Vec<CreateOutcome>> {
        let Some(first) = rows.first() else {
            return Ok(Vec::new());
        };
        if rows.iter().any(|r| r.reseller.id != first.reseller.id) {
            return Err(anyhow::anyhow!("a batch of creates spans resellers").into());
        }
        let mut tx = dialect::write(&self.pool, &first.reseller.id).await?;
        let mut outcomes = Vec::with_capacity(rows.len());
        for create in &rows {
            outcomes.push(customers::create(&mut tx, create).await?);
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn idempotent_response(
        &self,
        reseller_id: &str,
        key: &str,
        expired_before: &str,
    ) -> StoreResult<Option<IdempotentResponse>> {
        let mut conn = self.pool.acquire().await?;
        customers::stored_response(&mut conn, reseller_id, key, expired_before).await
    }

    async fn import_customers(&self, reseller: &Reseller, list: &[Customer]) -> StoreResult<()> {
        let mut tx = dialect::write(&self.pool, &reseller.id).await?;
        let actor = Actor::reseller(reseller);
        for customer in list {
            customers::insert(&mut tx, reseller, &actor, customer, None).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn update_customer(&self, update: UpdateCustomer) -> StoreResult<UpdateOutcome> {
        let mut tx = dialect::begin_write(&self.pool).await?;
        let outcome = customers::update(&mut tx, &update).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn existing_keys(
        &self,
        reseller_id: &str,
        lookup: &CustomerLookup,
    ) -> StoreResult<CustomerLookup> {
        // One statement, both unique indexes (an OR of two index searches).
        let sql = format!(
            "SELECT name_key, domain FROM customers WHERE reseller_id = $1 AND ({} OR {})",
            dialect::in_value_list("name_key", 2),
            dialect::in_value_list("domain", 3),
        );
        let rows = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(reseller_id)
            .bind(dialect::value_list(&lookup.organization_names))
            .bind(dialect::value_list(&lookup.domains))
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

    async fn list_page(&self, reseller_id: &str, query: &CustomerQuery) -> StoreResult<Page> {
        list::page(&self.pool, &self.bookmarks, reseller_id, query).await
    }

    async fn export(&self, reseller_id: &str, query: &CustomerQuery) -> StoreResult<Vec<Customer>> {
        list::export(&self.pool, reseller_id, query).await
    }

    async fn record_usage(
        &self,
        reseller_id: &str,
        samples: &[domain::usage::CheckedSample],
        received_at: &str,
    ) -> StoreResult<Vec<bool>> {
        let mut tx = dialect::write(&self.pool, reseller_id).await?;
        let stored = usage::record(&mut tx, reseller_id, samples, received_at).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn usage_history(
        &self,
        reseller_id: &str,
        id: &str,
        days: u16,
    ) -> StoreResult<Option<(Customer, Vec<domain::usage::UsagePoint>)>> {
        let mut tx = dialect::snapshot(&self.pool).await?;
        let found = usage::history(&mut tx, reseller_id, id, days).await?;
        tx.commit().await?;
        Ok(found)
    }

    async fn audit(&self, reseller_id: &str, id: &str) -> StoreResult<Option<Vec<AuditRecord>>> {
        let mut tx = dialect::snapshot(&self.pool).await?;
        let entries = customers::audit_entries(&mut tx, reseller_id, id).await?;
        tx.commit().await?;
        Ok(entries)
    }

    async fn resend_activation(&self, resend: ResendActivation) -> StoreResult<ResendOutcome> {
        let mut tx = dialect::begin_write(&self.pool).await?;
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
        let mut tx = dialect::begin_write(&self.pool).await?;
        let claimed = outbox::claim(&mut tx, &claim).await?;
        tx.commit().await?;
        Ok(claimed)
    }

    async fn outbox_mark_sent(&self, id: i64, worker: &str, at: &str) -> StoreResult<bool> {
        let mut tx = dialect::begin_write(&self.pool).await?;
        let held = outbox::mark_sent(&mut tx, id, worker, at).await?;
        tx.commit().await?;
        Ok(held)
    }

    async fn outbox_mark_failed(&self, failure: OutboxFailure) -> StoreResult<bool> {
        let mut tx = dialect::begin_write(&self.pool).await?;
        let held = outbox::mark_failed(&mut tx, &failure).await?;
        tx.commit().await?;
        Ok(held)
    }

    async fn outbox_release(&self, worker: &str) -> StoreResult<u64> {
        outbox::release(&self.pool, worker).await
    }

    async fn purge_delivered_emails(&self, sent_before: &str, limit: u32) -> StoreResult<u64> {
        let mut tx = dialect::begin_write(&self.pool).await?;
        let n = retention::purge_delivered_emails(&mut tx, sent_before, limit).await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn purge_idempotency_keys(&self, created_before: &str, limit: u32) -> StoreResult<u64> {
        let mut tx = dialect::begin_write(&self.pool).await?;
        let n = retention::purge_idempotency_keys(&mut tx, created_before, limit).await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn purge_audit(&self, before: &str, limit: u32) -> StoreResult<u64> {
        let mut tx = dialect::begin_write(&self.pool).await?;
        let n = retention::purge_audit(&mut tx, before, limit).await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn outbox_backlog(&self, now: &str) -> StoreResult<OutboxBacklog> {
        outbox::backlog(&self.pool, now).await
    }

    async fn change_head(&self, reseller_id: &str) -> StoreResult<i64> {
        let mut conn = self.pool.acquire().await?;
        changes::head(&mut conn, reseller_id).await
    }

    async fn load_reseller(&self, reseller_id: &str) -> StoreResult<Snapshot> {
        changes::load(&self.pool, reseller_id).await
    }

    async fn changes_since(&self, reseller_id: &str, from: i64) -> StoreResult<Changes> {
        changes::since(&self.pool, reseller_id, from).await
    }
}
