//! Usage samples: storing a batch (a repeated day replaces the earlier sample), keeping each
//! customer's current usage and forecast on its row from its samples, and reading its history.

use std::collections::{BTreeSet, HashSet};

use domain::Customer;
use domain::usage::{
    BYTES_PER_GB, CheckedSample, DailyUsage, UsagePoint, WINDOW_DAYS, forecast, format_day,
    parse_day,
};
use sqlx::{QueryBuilder, Row};

use super::{Conn, customers, dialect};
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
    let mut rows: std::collections::BTreeMap<(&str, i32), &CheckedSample> = Default::default();
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
    let touched: BTreeSet<&str> = rows.iter().map(|s| s.customer_id.as_str()).collect();
    for id in touched {
        refresh(conn, id).await?;
    }
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
    rows.iter()
        .map(|r| {
            let bytes: i64 = r.try_get(1)?;
            let users: i64 = r.try_get(2)?;
            Ok(UsagePoint {
                date: r.try_get(0)?,
                used_storage_bytes: u64::try_from(bytes).unwrap_or(0),
                active_users: u32::try_from(users).unwrap_or(u32::MAX),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
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

/// Recomputes a customer's current usage (from its newest sample) and forecast (with its
/// current allocation); after new samples and after an edit of the allocation. A customer
/// without samples keeps its usage and has no forecast.
pub async fn refresh(conn: &mut Conn, id: &str) -> StoreResult<()> {
    // The row is locked first, so an edit of the allocation and new samples cannot each compute
    // a forecast without the other's change (PostgreSQL; SQLite's writes are serial anyway).
    let (licenses, storage): (i64, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT user_licenses, extra_storage_gb FROM customers WHERE id = $1{}",
        dialect::ROW_LOCK
    )))
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let Some(latest) = latest_day(conn, id).await? else {
        return Ok(());
    };
    let latest_n = parse_day(&latest).ok_or_else(|| anyhow::anyhow!("bad sample day {latest}"))?;
    let window = samples_from(conn, id, &format_day(latest_n - WINDOW_DAYS + 1)).await?;
    let history: Vec<DailyUsage> = window
        .iter()
        .filter_map(|p| {
            Some(DailyUsage {
                day: parse_day(&p.date)?,
                used_storage_bytes: p.used_storage_bytes,
                active_users: p.active_users,
            })
        })
        .collect();
    let f = forecast(
        &history,
        u64::try_from(storage).unwrap_or(0),
        u32::try_from(licenses).unwrap_or(u32::MAX),
    );
    let now = window.last().expect("the latest day is in its window");
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
