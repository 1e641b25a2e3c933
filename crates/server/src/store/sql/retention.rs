//! Retention rounds: each statement touches at most `limit` rows, found by an index, so one round
//! is one short write. Rows another process's round holds are skipped (PostgreSQL), and every
//! statement re-checks its condition, so replicas running rounds at once do no harm and count
//! each row once.

use super::{Conn, dialect};
use crate::store::StoreResult;

/// Empties the body and activation token of up to `limit` emails delivered before `sent_before`
/// (their activation links stop working); returns how many.
pub async fn purge_delivered_emails(
    conn: &mut Conn,
    sent_before: &str,
    limit: u32,
) -> StoreResult<u64> {
    // `activation_token <> ''` twice: the partial index's condition, and the re-check of a row a
    // concurrent round emptied first.
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET body = '', activation_token = '' WHERE activation_token <> '' AND id IN (\
         SELECT id FROM outbox WHERE sent_at < $1 AND activation_token <> '' LIMIT $2{})",
        dialect::SKIP_LOCKED
    )))
    .bind(sent_before)
    .bind(i64::from(limit))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes up to `limit` idempotency keys stored before `created_before`; returns how many.
pub async fn purge_idempotency_keys(
    conn: &mut Conn,
    created_before: &str,
    limit: u32,
) -> StoreResult<u64> {
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM idempotency_keys WHERE (reseller_id, key) IN (\
         SELECT reseller_id, key FROM idempotency_keys WHERE created_at < $1 LIMIT $2{})",
        dialect::SKIP_LOCKED
    )))
    .bind(created_before)
    .bind(i64::from(limit))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes up to `limit` audit entries recorded before `before`; returns how many.
pub async fn purge_audit(conn: &mut Conn, before: &str, limit: u32) -> StoreResult<u64> {
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < $1 LIMIT $2{})",
        dialect::SKIP_LOCKED
    )))
    .bind(before)
    .bind(i64::from(limit))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}
