//! Usage samples: storing a batch (a repeated day replaces the earlier sample), keeping each
//! customer's current usage and forecast on its row from its samples, and reading its history.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use domain::Customer;
use domain::usage::{
    BYTES_PER_GB, CheckedSample, DailyUsage, UsagePoint, WINDOW_DAYS, forecast, format_day,
    parse_day,
};
use sqlx::{QueryBuilder, Row};

use super::{Conn, Row as DbRow, customers, dialect};
use crate::store::*;

/// Rows per upsert statement (5 values each: well under both databases' bind limits).
const UPSERT_ROWS: usize = 500;

/// Stores the samples of the reseller's own customers and refreshes those customers; the answer
/// says, per sample, whether it was stored (`false`: no such customer for this reseller).
pub async fn record(
    conn: &mut Conn,
    reseller_id: &str,
    samples: &[CheckedSample],
    received_at: &str,
) -> StoreResult<Vec<bool>> {
    let ids: Vec<String> = samples
        .iter()
        .map(|s| s.customer_id.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let sql = format!(
        "SELECT id FROM customers WHERE reseller_id = $1 AND {}",
        dialect::in_value_list("id", 2)
    );
    let known: HashSet<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(reseller_id)
        .bind(dialect::value_list(&ids))
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
    let mut stored = Vec::with_capacity(samples.len());
    // The last of a customer's samples for one day wins (a statement may not upsert a row twice).
    let mut rows: BTreeMap<(&str, i32), &CheckedSample> = BTreeMap::new();
    for s in samples {
        let ok = known.contains(&s.customer_id);
        stored.push(ok);
        if ok {
            rows.insert((s.customer_id.as_str(), s.day), s);
        }
    }
    let rows: Vec<&CheckedSample> = rows.into_values().collect();
    for chunk in rows.chunks(UPSERT_ROWS) {
        let mut b = QueryBuilder::<dialect::Db>::new(
            "INSERT INTO usage_samples (customer_id, day, used_storage_bytes, active_users, \
             received_at) ",
        );
        b.push_values(chunk, |mut row, s| {
            row.push_bind(s.customer_id.clone())
                .push_bind(format_day(s.day))
                .push_bind(i64::try_from(s.used_storage_bytes).unwrap_or(i64::MAX))
                .push_bind(i64::from(s.active_users))
                .push_bind(received_at.to_owned());
        });
        b.push(
            " ON CONFLICT (customer_id, day) DO UPDATE \
             SET used_storage_bytes = excluded.used_storage_bytes, \
             active_users = excluded.active_users, received_at = excluded.received_at",
        );
        b.build().execute(&mut *conn).await?;
    }
    let touched: Vec<String> = rows
        .iter()
        .map(|s| s.customer_id.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    refresh_many(conn, &touched).await?;
    Ok(stored)
}

/// A customer's samples from day `from` (`YYYY-MM-DD`) on, oldest first.
async fn samples_from(conn: &mut Conn, id: &str, from: &str) -> StoreResult<Vec<UsagePoint>> {
    let rows = sqlx::query(
        "SELECT day, used_storage_bytes, active_users FROM usage_samples \
         WHERE customer_id = $1 AND day >= $2 ORDER BY day",
    )
    .bind(id)
    .bind(from)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(point).collect()
}

/// A sample row (`day`, `used_storage_bytes`, `active_users`) as a point of the history.
fn point(r: &DbRow) -> StoreResult<UsagePoint> {
    let bytes: i64 = r.try_get("used_storage_bytes")?;
    let users: i64 = r.try_get("active_users")?;
    Ok(UsagePoint {
        date: r.try_get("day")?,
        used_storage_bytes: u64::try_from(bytes).unwrap_or(0),
        active_users: u32::try_from(users).unwrap_or(u32::MAX),
    })
}

/// The customer's newest sample day, if any.
async fn latest_day(conn: &mut Conn, id: &str) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT max(day) FROM usage_samples WHERE customer_id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Recomputes a customer's current usage and forecast after an edit of its allocation.
pub async fn refresh(conn: &mut Conn, id: &str) -> StoreResult<()> {
    refresh_many(conn, &[id.to_owned()]).await
}

/// Recomputes the customers' current usage (from each one's newest sample) and forecast (with
/// its current allocation), after new samples and after an edit of the allocation, in a few
/// statements for the whole set plus one update each. A customer without samples keeps its
/// usage and has no forecast.
async fn refresh_many(conn: &mut Conn, ids: &[String]) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    // The rows are locked first (in id order, as every writer locks them), so an edit of the
    // allocation and new samples cannot each compute a forecast without the other's change
    // (PostgreSQL; SQLite's writes are serial anyway).
    let allocations: HashMap<String, (i64, i64)> =
        sqlx::query_as::<_, (String, i64, i64)>(sqlx::AssertSqlSafe(format!(
            "SELECT id, user_licenses, extra_storage_gb FROM customers WHERE {} ORDER BY id{}",
            dialect::in_value_list("id", 1),
            dialect::ROW_LOCK
        )))
        .bind(dialect::value_list(ids))
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(id, licenses, storage)| (id, (licenses, storage)))
        .collect();
    let latest: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT customer_id, max(day) FROM usage_samples WHERE {} GROUP BY customer_id",
        dialect::in_value_list("customer_id", 1)
    )))
    .bind(dialect::value_list(ids))
    .fetch_all(&mut *conn)
    .await?;
    // Customers whose windows start on the same day are read together: usually one statement.
    let mut by_start: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for (id, day) in &latest {
        let day = parse_day(day).ok_or_else(|| anyhow::anyhow!("bad sample day {day}"))?;
        by_start
            .entry(day - WINDOW_DAYS + 1)
            .or_default()
            .push(id.clone());
    }
    let mut windows: HashMap<String, Vec<UsagePoint>> = HashMap::new();
    for (start, group) in by_start {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT customer_id, day, used_storage_bytes, active_users FROM usage_samples \
             WHERE {} AND day >= $2 ORDER BY customer_id, day",
            dialect::in_value_list("customer_id", 1)
        )))
        .bind(dialect::value_list(&group))
        .bind(format_day(start))
        .fetch_all(&mut *conn)
        .await?;
        for r in &rows {
            let id: String = r.try_get("customer_id")?;
            windows.entry(id).or_default().push(point(r)?);
        }
    }
    for (id, window) in windows {
        let Some(&(licenses, storage)) = allocations.get(&id) else {
            continue;
        };
        update(conn, &id, &window, licenses, storage).await?;
    }
    Ok(())
}

/// Writes one customer's usage (its newest sample) and its forecast over `window`.
async fn update(
    conn: &mut Conn,
    id: &str,
    window: &[UsagePoint],
    licenses: i64,
    storage: i64,
) -> StoreResult<()> {
    let history: Vec<DailyUsage> = window.iter().filter_map(UsagePoint::daily).collect();
    let f = forecast(
        &history,
        u64::try_from(storage).unwrap_or(0),
        u32::try_from(licenses).unwrap_or(u32::MAX),
    );
    let Some(now) = window.last() else {
        return Ok(());
    };
    sqlx::query(
        "UPDATE customers SET storage_used_gb = $1, licenses_in_use = $2, usage_updated_at = $3, \
         forecast_storage = $4, forecast_licenses = $5, runs_out_days = $6 WHERE id = $7",
    )
    .bind((now.used_storage_bytes / BYTES_PER_GB) as i64)
    .bind(i64::from(now.active_users))
    .bind(format!("{}T00:00:00.000Z", now.date))
    .bind(f.storage.to_code())
    .bind(f.licenses.to_code())
    .bind(i64::from(f.runs_out_key()))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A reseller's customer and its samples of the `days` days up to its newest sample.
pub async fn history(
    conn: &mut Conn,
    reseller_id: &str,
    id: &str,
    days: u16,
) -> StoreResult<Option<(Customer, Vec<UsagePoint>)>> {
    let Some(customer) = customers::find(conn, reseller_id, id).await? else {
        return Ok(None);
    };
    let samples = match latest_day(conn, id).await?.as_deref().and_then(parse_day) {
        Some(latest) => samples_from(conn, id, &format_day(latest - i32::from(days) + 1)).await?,
        None => Vec::new(),
    };
    Ok(Some((customer, samples)))
}
