//! The outbox in SQLite: claims with a lease (claimed_by / claimed_until), so that two workers
//! (or two processes on one file) never send the same email at once.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::store::*;

const EMAIL_COLUMNS: &str = "id, reseller_id, customer_id, recipients, subject, body, created_at, \
     sent_at, attempts, last_error, next_attempt_at, dead_at";

fn email(r: &SqliteRow) -> Result<OutboxEmail, sqlx::Error> {
    let recipients: String = r.try_get(3)?;
    Ok(OutboxEmail {
        id: r.try_get(0)?,
        reseller_id: r.try_get(1)?,
        customer_id: r.try_get(2)?,
        recipients: serde_json::from_str(&recipients).unwrap_or_default(),
        subject: r.try_get(4)?,
        body: r.try_get(5)?,
        created_at: r.try_get(6)?,
        sent_at: r.try_get(7)?,
        attempts: r.try_get(8)?,
        last_error: r.try_get(9)?,
        next_attempt_at: r.try_get(10)?,
        dead_at: r.try_get(11)?,
    })
}

pub async fn list(
    pool: &SqlitePool,
    reseller_id: &str,
    limit: u32,
) -> StoreResult<Vec<OutboxEmail>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {EMAIL_COLUMNS} FROM outbox WHERE reseller_id = ?1 ORDER BY id DESC LIMIT ?2"
    )))
    .bind(reseller_id)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(email).collect::<Result<_, _>>()?)
}

pub async fn claim(conn: &mut SqliteConnection, c: &OutboxClaim) -> StoreResult<Vec<OutboxEmail>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET claimed_by = ?1, claimed_until = ?2 WHERE id IN (\
         SELECT id FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL \
         AND (next_attempt_at IS NULL OR next_attempt_at <= ?3) \
         AND (claimed_until IS NULL OR claimed_until < ?3) ORDER BY next_attempt_at, id LIMIT ?4) \
         RETURNING {EMAIL_COLUMNS}"
    )))
    .bind(&c.worker)
    .bind(&c.lease_until)
    .bind(&c.now)
    .bind(i64::from(c.limit))
    .fetch_all(&mut *conn)
    .await?;
    let mut emails = rows.iter().map(email).collect::<Result<Vec<_>, _>>()?;
    emails.sort_by_key(|e| e.id);
    Ok(emails)
}

/// Sets the customer's activation email state if row `id` is its latest email (a newer one,
/// queued by a Resend, decides the state on its own).
async fn set_customer_state(conn: &mut SqliteConnection, id: i64, state: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE customers SET activation_email = ?1 WHERE id = \
         (SELECT customer_id FROM outbox WHERE id = ?2) AND activation_email <> ?1 \
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.customer_id = customers.id AND o.id > ?2)",
    )
    .bind(state)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn mark_sent(
    conn: &mut SqliteConnection,
    id: i64,
    worker: &str,
    at: &str,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET sent_at = ?1, attempts = attempts + 1, last_error = NULL, \
         next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL \
         WHERE id = ?2 AND claimed_by = ?3",
    )
    .bind(at)
    .bind(id)
    .bind(worker)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    set_customer_state(conn, id, domain::ActivationEmail::Sent.as_str()).await?;
    Ok(true)
}

pub async fn mark_failed(conn: &mut SqliteConnection, f: &OutboxFailure) -> StoreResult<bool> {
    let dead_at = f.retry_at.is_none().then_some(f.at.as_str());
    let done = sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?1, next_attempt_at = ?2, \
         dead_at = ?3, claimed_by = NULL, claimed_until = NULL WHERE id = ?4 AND claimed_by = ?5",
    )
    .bind(&f.error)
    .bind(f.retry_at.as_deref())
    .bind(dead_at)
    .bind(f.id)
    .bind(&f.worker)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    if dead_at.is_some() {
        set_customer_state(conn, f.id, domain::ActivationEmail::Undeliverable.as_str()).await?;
    }
    Ok(true)
}

pub async fn release(pool: &SqlitePool, worker: &str) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL \
         WHERE claimed_by = ?1 AND sent_at IS NULL",
    )
    .bind(worker)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

pub async fn activation_link(
    pool: &SqlitePool,
    token: &str,
) -> StoreResult<Option<ActivationLink>> {
    let row = sqlx::query(
        "SELECT c.organization_name, c.status, r.name FROM outbox o \
         JOIN customers c ON c.id = o.customer_id JOIN resellers r ON r.id = o.reseller_id \
         WHERE o.activation_token = ?1 LIMIT 1",
    )
    .bind(token)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let status: String = r.try_get(1)?;
    Ok(Some(ActivationLink {
        organization_name: r.try_get(0)?,
        status: domain::CustomerStatus::from_wire(&status)
            .ok_or_else(|| StoreError::Other(anyhow::anyhow!("unknown status {status:?}")))?,
        reseller_name: r.try_get(2)?,
    }))
}
