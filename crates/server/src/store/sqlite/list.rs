//! Lists in SQLite, answered by the database alone: a per-sort index (reseller, key, id) gives
//! the order, the FTS5 trigram index answers `q` (its matches drive the query for a reseller of
//! more than 5,000 customers; a scan of the reseller's rows for one or two characters, which have
//! no trigram), trigger-kept counts give totals without `q`; the page after
//! a served one continues from its last row (keyset, see `keyset`), any other page skips its
//! offset on the covering sort index before reading any row.

use domain::Customer;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Arguments, Row, SqliteConnection, SqlitePool};

use super::keyset::{Bookmarks, KeyValue, after, key_of};
use super::rows::{CUSTOMER_COLUMN_COUNT, CUSTOMER_COLUMNS, customer};
use crate::store::*;

/// The condition and its arguments for a reseller's customers matching `f`, on alias `c`.
struct Where {
    sql: String,
    args: Vec<KeyValue>,
}

/// A search reads its matches from the search index (across resellers) only for a reseller with
/// more customers than this; a smaller one's rows are cheaper to test one by one.
const SEARCH_DRIVEN_FROM: u64 = 5_000;
/// At most this many matches of a search are read from the search index and sorted for a page;
/// more are found by walking the sort index, where they are dense enough that a page comes soon.
const SEARCH_DRIVEN_MAX: u64 = 2_000;

impl Where {
    /// `by_search`: a search of three or more characters drives the query from the search index's
    /// matches (the unary `+` keeps the planner, which has no statistics, from scanning every row
    /// of the reseller in an index and testing each against the matches).
    fn new(reseller_id: &str, f: &Filters, by_search: bool) -> Where {
        let driven = by_search && f.q.as_deref().is_some_and(|q| q.chars().count() >= 3);
        let mut w = Where {
            sql: String::from(if driven {
                "+c.reseller_id = ?"
            } else {
                "c.reseller_id = ?"
            }),
            args: vec![KeyValue::Text(reseller_id.to_owned())],
        };
        if let Some(s) = f.status {
            w.push("c.status = ?", s.as_str());
        }
        if let Some(t) = f.storage_type {
            w.push("c.storage_type = ?", t.as_str());
        }
        if f.attention {
            w.sql.push_str(&format!(" AND {ATTENTION}"));
        }
        if let Some(q) = f.q.as_deref() {
            if q.chars().count() >= 3 {
                w.push(
                    "c.seq IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)",
                    &format!("\"{}\"", q.replace('"', "\"\"")),
                );
            } else {
                w.short_search(q);
            }
        }
        w
    }

    fn push(&mut self, condition: &str, arg: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(condition);
        self.args.push(KeyValue::Text(arg.to_owned()));
    }

    /// One or two characters: every upper/lower-case spelling, as an exact substring of the name,
    /// domain or id (SQLite's own case folding is ASCII only).
    fn short_search(&mut self, q: &str) {
        let mut spellings = vec![String::new()];
        for ch in q.chars() {
            let mut forms = vec![ch];
            for other in ch.to_lowercase().chain(ch.to_uppercase()) {
                if !forms.contains(&other)
                    && ch.to_lowercase().count() == 1
                    && ch.to_uppercase().count() == 1
                {
                    forms.push(other);
                }
            }
            spellings = spellings
                .iter()
                .flat_map(|s| forms.iter().map(move |f| format!("{s}{f}")))
                .collect();
        }
        let mut any = Vec::new();
        for s in spellings {
            for column in ["c.organization_name", "coalesce(c.domain, '')", "c.id"] {
                any.push(format!("instr({column}, ?) > 0"));
                self.args.push(KeyValue::Text(s.clone()));
            }
        }
        self.sql.push_str(&format!(" AND ({})", any.join(" OR ")));
    }

    fn arguments(&self) -> SqliteArguments {
        let mut args = SqliteArguments::default();
        for a in &self.args {
            match a {
                KeyValue::Null => args.add(None::<String>),
                KeyValue::Int(n) => args.add(*n),
                KeyValue::Text(t) => args.add(t.clone()),
            }
            .expect("an argument binds");
        }
        args
    }
}

/// Customer::needs_attention in SQL (nothing allocated counts as full).
const ATTENTION: &str = "(c.status = 'pending_activation' OR c.activation_email = 'undeliverable' \
     OR c.licenses_in_use > c.user_licenses OR c.storage_used_gb * 10 >= c.extra_storage_gb * 9)";

/// `ORDER BY` for the query's sort, ties broken by id. Names sort by their lower-cased key, which
/// is unique per reseller: no tie, so the unique index alone (covering) gives the order.
fn order_by(q: &ListQuery) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    match q.sort {
        SortKey::OrganizationName => format!("ORDER BY c.name_key {dir}"),
        other => format!("ORDER BY c.{} {dir}, c.id {dir}", other.as_str()),
    }
}

/// How many customers match, and whether a search was driven by its matches (see [`Where::new`]).
async fn total(
    pool: &mut SqliteConnection,
    reseller_id: &str,
    f: &Filters,
) -> StoreResult<(u64, bool)> {
    if f.q.is_none() {
        return Ok((kept_count(pool, reseller_id, f).await?, false));
    }
    let by_search = kept_count(pool, reseller_id, &Filters::default()).await? > SEARCH_DRIVEN_FROM;
    let w = Where::new(reseller_id, f, by_search);
    let n: i64 = sqlx::query_scalar_with(
        sqlx::AssertSqlSafe(format!("SELECT count(*) FROM customers c WHERE {}", w.sql)),
        w.arguments(),
    )
    .fetch_one(&mut *pool)
    .await?;
    Ok((n as u64, by_search))
}

/// How many customers match filters without `q`: from the trigger-kept counts.
async fn kept_count(
    pool: &mut SqliteConnection,
    reseller_id: &str,
    f: &Filters,
) -> StoreResult<u64> {
    let mut sql =
        String::from("SELECT coalesce(sum(n), 0) FROM customer_counts WHERE reseller_id = ?");
    let mut args = SqliteArguments::default();
    args.add(reseller_id.to_owned()).expect("binds");
    if let Some(s) = f.status {
        sql.push_str(" AND status = ?");
        args.add(s.as_str()).expect("binds");
    }
    if let Some(t) = f.storage_type {
        sql.push_str(" AND storage_type = ?");
        args.add(t.as_str()).expect("binds");
    }
    if f.attention {
        sql.push_str(" AND attention = 1");
    }
    let n: i64 = sqlx::query_scalar_with(sqlx::AssertSqlSafe(sql), args)
        .fetch_one(&mut *pool)
        .await?;
    Ok(n as u64)
}

pub async fn page(
    pool: &SqlitePool,
    bookmarks: &Bookmarks,
    reseller_id: &str,
    q: &ListQuery,
) -> StoreResult<Page> {
    // One snapshot: the revision, the total and the rows agree.
    let mut tx = pool.begin().await?;
    let rev = super::changes::head_in(&mut tx, reseller_id).await?;
    let (total, by_search) = total(&mut tx, reseller_id, &q.filters).await?;
    let offset = q.offset();
    if offset >= total {
        tx.commit().await?;
        return Ok(Page {
            items: Vec::new(),
            total,
        });
    }
    let mut w = Where::new(
        reseller_id,
        &q.filters,
        by_search && total <= SEARCH_DRIVEN_MAX,
    );
    let order = order_by(q);
    let sql = match bookmarks.find(reseller_id, q, rev).filter(|_| offset > 0) {
        Some((key, id)) => {
            let (condition, args) = after(q, &key, &id);
            w.sql.push_str(" AND ");
            w.sql.push_str(&condition);
            w.args.extend(args);
            format!(
                "SELECT {CUSTOMER_COLUMNS}, c.name_key FROM customers c WHERE {} {order} LIMIT {}",
                w.sql, q.per_page
            )
        }
        // The inner query walks the sort index (covering without filters) past the offset; only
        // the page's rows are then read.
        None => format!(
            "SELECT {CUSTOMER_COLUMNS}, c.name_key FROM customers c WHERE c.seq IN (\
             SELECT c.seq FROM customers c WHERE {} {order} LIMIT {} OFFSET {offset}) {order}",
            w.sql, q.per_page
        ),
    };
    let rows = sqlx::query_with(sqlx::AssertSqlSafe(sql), w.arguments())
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut items = Vec::with_capacity(rows.len());
    let mut last_name_key = String::new();
    for r in &rows {
        items.push(customer(r, 0)?);
        last_name_key = r.try_get(CUSTOMER_COLUMN_COUNT)?;
    }
    if let Some(last) = items.last() {
        let end = offset + items.len() as u64;
        let key = key_of(q.sort, last, &last_name_key);
        bookmarks.remember(reseller_id, q, end, rev, key, last.id.clone());
    }
    Ok(Page { items, total })
}

pub async fn export(
    pool: &SqlitePool,
    reseller_id: &str,
    q: &ListQuery,
) -> StoreResult<Vec<Customer>> {
    let w = Where::new(reseller_id, &q.filters, false);
    let sql = format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers c WHERE {} {}",
        w.sql,
        order_by(q)
    );
    let rows = sqlx::query_with(sqlx::AssertSqlSafe(sql), w.arguments())
        .fetch_all(pool)
        .await?;
    Ok(rows
        .iter()
        .map(|r| customer(r, 0))
        .collect::<Result<Vec<Customer>, _>>()?)
}
