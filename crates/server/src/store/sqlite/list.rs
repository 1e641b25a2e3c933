//! Lists in SQLite, answered by the database alone: a per-sort index (reseller, key, id) gives
//! the order, the FTS5 trigram index answers `q` (a scan of the reseller's rows for one or two
//! characters, which have no trigram), trigger-kept counts give totals without `q`, and a deep
//! page skips its offset on the covering sort index before reading any row.

use domain::Customer;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Arguments, SqlitePool};

use super::rows::{CUSTOMER_COLUMNS, customer};
use crate::store::*;

/// The condition and its arguments for a reseller's customers matching `f`, on alias `c`.
struct Where {
    sql: String,
    args: Vec<String>,
}

impl Where {
    fn new(reseller_id: &str, f: &Filters) -> Where {
        let mut w = Where {
            sql: String::from("c.reseller_id = ?"),
            args: vec![reseller_id.to_owned()],
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
        self.args.push(arg.to_owned());
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
                self.args.push(s.clone());
            }
        }
        self.sql.push_str(&format!(" AND ({})", any.join(" OR ")));
    }

    fn arguments(&self) -> SqliteArguments {
        let mut args = SqliteArguments::default();
        for a in &self.args {
            args.add(a.clone()).expect("a text argument binds");
        }
        args
    }
}

/// Customer::needs_attention in SQL (nothing allocated counts as full).
const ATTENTION: &str = "(c.status = 'pending_activation' OR c.activation_email = 'undeliverable' \
     OR c.licenses_in_use > c.user_licenses OR c.storage_used_gb * 10 >= c.extra_storage_gb * 9)";

/// `ORDER BY` for the query's sort (names sort by their lower-cased key; ties by id).
fn order_by(q: &ListQuery) -> String {
    let column = match q.sort {
        SortKey::OrganizationName => "name_key",
        other => other.as_str(),
    };
    let dir = if q.descending { "DESC" } else { "ASC" };
    format!("ORDER BY c.{column} {dir}, c.id {dir}")
}

/// How many customers match: from the trigger-kept counts without `q`, else counted.
async fn total(pool: &SqlitePool, reseller_id: &str, f: &Filters) -> StoreResult<u64> {
    if f.q.is_some() {
        let w = Where::new(reseller_id, f);
        let n: i64 = sqlx::query_scalar_with(
            sqlx::AssertSqlSafe(format!("SELECT count(*) FROM customers c WHERE {}", w.sql)),
            w.arguments(),
        )
        .fetch_one(pool)
        .await?;
        return Ok(n as u64);
    }
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
        .fetch_one(pool)
        .await?;
    Ok(n as u64)
}

pub async fn page(pool: &SqlitePool, reseller_id: &str, q: &ListQuery) -> StoreResult<Page> {
    let total = total(pool, reseller_id, &q.filters).await?;
    let offset = q.offset();
    if offset >= total {
        return Ok(Page {
            items: Vec::new(),
            total,
        });
    }
    let w = Where::new(reseller_id, &q.filters);
    let order = order_by(q);
    // The inner query walks the sort index (covering without filters) to the page; only the
    // page's rows are then read.
    let sql = format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers c WHERE c.seq IN (\
         SELECT c.seq FROM customers c WHERE {} {order} LIMIT {} OFFSET {offset}) {order}",
        w.sql, q.per_page
    );
    let rows = sqlx::query_with(sqlx::AssertSqlSafe(sql), w.arguments())
        .fetch_all(pool)
        .await?;
    let items = rows
        .iter()
        .map(|r| customer(r, 0))
        .collect::<Result<Vec<Customer>, _>>()?;
    Ok(Page { items, total })
}

pub async fn export(
    pool: &SqlitePool,
    reseller_id: &str,
    q: &ListQuery,
) -> StoreResult<Vec<Customer>> {
    let w = Where::new(reseller_id, &q.filters);
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
