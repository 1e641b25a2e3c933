//! The outbox: due rows (not sent, not dead-lettered, `next_attempt_at` passed) are claimed with a
//! lease (claimed_by / claimed_until), so that two workers (of one process or of any number)
//! never send the same email at once; sent and dead-lettered rows set their customer's
//! `activation_email` when they are its latest.

use sqlx::Row as _;

use super::{Conn, Pool, Row, dialect};

use crate::store::*;

const EMAIL_COLUMNS: &str = "id, reseller_id, customer_id, recipients, subject, body, created_at, \
     sent_at, attempts, last_error, next_attempt_at, dead_at";

fn email(r: &Row) -> Result<OutboxEmail, sqlx::Error> {
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

pub async fn list(pool: &Pool, reseller_id: &str, limit: u32) -> StoreResult<Vec<OutboxEmail>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {EMAIL_COLUMNS} FROM outbox WHERE reseller_id = $1 ORDER BY id DESC LIMIT $2"
    )))
    .bind(reseller_id)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(email).collect::<Result<_, _>>()?)
}

/// How many rows are due at `now` (as `claim` picks them, leases aside) and the oldest one's
/// queueing time.
pub async fn backlog(pool: &Pool, now: &str) -> StoreResult<OutboxBacklog> {
    let row = sqlx::query(
        "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL \
         AND (next_attempt_at IS NULL OR next_attempt_at <= $1)",
    )
    .bind(now)
    .fetch_one(pool)
    .await?;
    Ok(OutboxBacklog {
        due: row.try_get(0)?,
        oldest_due_created_at: row.try_get(1)?,
    })
}

/// Claims due rows in due order (new rows, with no next attempt, first), skipping rows another
/// worker is claiming at this moment.
pub async fn claim(conn: &mut Conn, c: &OutboxClaim) -> StoreResult<Vec<OutboxEmail>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET claimed_by = $1, claimed_until = $2 WHERE id IN (\
         SELECT id FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL \
         AND (next_attempt_at IS NULL OR next_attempt_at <= $3) \
         AND (claimed_until IS NULL OR claimed_until < $3) \
         ORDER BY next_attempt_at NULLS FIRST, id LIMIT $4{}) RETURNING {EMAIL_COLUMNS}",
        dialect::SKIP_LOCKED
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

/// Sets the customer's activation email state if row `id` (of `customer_id`) is its latest email
/// (a newer one, queued by a Resend, decides the state on its own).
async fn set_customer_state(
    conn: &mut Conn,
    id: i64,
    customer_id: &str,
    state: domain::ActivationEmail,
) -> StoreResult<()> {
    // Resend locks the customer before it queues a row: once this lock is held, the next
    // statement sees every newer row that will ever decide the state instead.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT 1 FROM customers WHERE id = $1{}",
        dialect::ROW_LOCK
    )))
    .bind(customer_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE customers SET activation_email = $1 WHERE id = $2 AND activation_email <> $1 \
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.customer_id = $2 AND o.id > $3)",
    )
    .bind(state.as_str())
    .bind(customer_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn mark_sent(conn: &mut Conn, id: i64, worker: &str, at: &str) -> StoreResult<bool> {
    let customer: Option<String> = sqlx::query_scalar(
        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL, \
         next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL \
         WHERE id = $2 AND claimed_by = $3 RETURNING customer_id",
    )
    .bind(at)
    .bind(id)
    .bind(worker)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(customer) = customer else {
        return Ok(false);
    };
    set_customer_state(conn, id, &customer, domain::ActivationEmail::Sent).await?;
    Ok(true)
}

pub async fn mark_failed(conn: &mut Conn, f: &OutboxFailure) -> StoreResult<bool> {
    let dead_at = f.retry_at.is_none().then_some(f.at.as_str());
    let customer: Option<String> = sqlx::query_scalar(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, \
         dead_at = $3, claimed_by = NULL, claimed_until = NULL WHERE id = $4 AND claimed_by = $5 \
         RETURNING customer_id",
    )
    .bind(&f.error)
    .bind(f.retry_at.as_deref())
    .bind(dead_at)
    .bind(f.id)
    .bind(&f.worker)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(customer) = customer else {
        return Ok(false);
    };
    if dead_at.is_some() {
        let state = domain::ActivationEmail::Undeliverable;
        set_customer_state(conn, f.id, &customer, state).await?;
    }
    Ok(true)
}

pub async fn release(pool: &Pool, worker: &str) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL \
         WHERE claimed_by = $1 AND sent_at IS NULL",
    )
    .bind(worker)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

pub async fn activation_link(pool: &Pool, token: &str) -> StoreResult<Option<ActivationLink>> {
    // Retention empties the token of old emails: an empty one names none of them.
    if token.is_empty() {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT c.organization_name, c.status, r.name FROM outbox o \
         JOIN customers c ON c.id = o.customer_id JOIN resellers r ON r.id = o.reseller_id \
         WHERE o.activation_token = $1 LIMIT 1",
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
