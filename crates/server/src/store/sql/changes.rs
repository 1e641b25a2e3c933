//! The change log (tables and triggers in each backend's schema): what the list accelerator loads
//! and catches up from. Each read is one snapshot: the head and the rows agree.

use sqlx::Row;

use super::rows::{CUSTOMER_COLUMNS, customer};
use super::{Conn, Pool, dialect};
use crate::store::*;

/// The reseller's revision as `conn` sees it (inside a transaction: as of its snapshot).
pub async fn head(conn: &mut Conn, reseller_id: &str) -> StoreResult<i64> {
    let rev: Option<i64> =
        sqlx::query_scalar("SELECT rev FROM customer_rev_head WHERE reseller_id = $1")
            .bind(reseller_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(rev.unwrap_or(0))
}

pub async fn load(pool: &Pool, reseller_id: &str) -> StoreResult<Snapshot> {
    let mut tx = dialect::snapshot(pool).await?;
    let rev = head(&mut tx, reseller_id).await?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT c.seq, c.name_key, {CUSTOMER_COLUMNS} FROM customers c WHERE c.reseller_id = $1"
    )))
    .bind(reseller_id)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let mut snapshot = Snapshot {
        rev,
        rows: Vec::with_capacity(rows.len()),
    };
    for r in rows {
        snapshot.rows.push(ListRow {
            seq: r.try_get(0)?,
            name_key: r.try_get(1)?,
            customer: customer(&r, 2)?,
        });
    }
    Ok(snapshot)
}

pub async fn since(pool: &Pool, reseller_id: &str, from: i64) -> StoreResult<Changes> {
    let mut tx = dialect::snapshot(pool).await?;
    let rev = head(&mut tx, reseller_id).await?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT r.seq, c.seq, c.name_key, {CUSTOMER_COLUMNS} FROM customer_revs r \
         LEFT JOIN customers c ON c.seq = r.seq AND c.reseller_id = r.reseller_id \
         WHERE r.reseller_id = $1 AND r.rev > $2 AND r.rev <= $3"
    )))
    .bind(reseller_id)
    .bind(from)
    .bind(rev)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let mut changes = Changes {
        rev,
        rows: Vec::with_capacity(rows.len()),
    };
    for r in rows {
        let seq: i64 = r.try_get(0)?;
        let present: Option<i64> = r.try_get(1)?;
        let now = match present {
            Some(_) => Some(ListRow {
                seq,
                name_key: r.try_get(2)?,
                customer: customer(&r, 3)?,
            }),
            None => None,
        };
        changes.rows.push((seq, now));
    }
    Ok(changes)
}
