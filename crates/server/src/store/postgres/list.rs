//! Lists in PostgreSQL, answered by the database alone: a per-sort index (reseller, key, id)
//! gives the order, the pg_trgm GIN index on `search_text` answers `q` of three or more
//! characters (shorter ones scan the reseller's rows), trigger-kept counts give totals without
//! `q`, and a deep page walks the sort index alone (index-only) to its offset before any row is
//! read.

use domain::Customer;
use sqlx::postgres::PgArguments;
use sqlx::{Arguments, PgPool};

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
            sql: String::from("c.reseller_id = $1"),
            args: vec![reseller_id.to_owned()],
        };
        if let Some(s) = f.status {
            w.push("c.status = ", s.as_str());
        }
        if let Some(t) = f.storage_type {
            w.push("c.storage_type = ", t.as_str());
        }
        if f.attention {
            w.sql.push_str(
                " AND customer_attention(c.status, c.licenses_in_use, c.user_licenses, \
                 c.storage_used_gb, c.extra_storage_gb, c.activation_email)",
            );
        }
        if let Some(q) = f.q.as_deref() {
            if q.chars().count() >= 3 {
                w.push("c.search_text LIKE ", &format!("%{}%", escape_like(q)));
            } else {
                // No trigram in one or two characters: a scan of the reseller's rows.
                w.args.push(q.to_owned());
                w.sql.push_str(&format!(
                    " AND strpos(c.search_text, ${}) > 0",
                    w.args.len()
                ));
            }
        }
        w
    }

    /// Appends `AND <condition>$n` with `arg` as parameter n.
    fn push(&mut self, condition: &str, arg: &str) {
        self.args.push(arg.to_owned());
        self.sql
            .push_str(&format!(" AND {condition}${}", self.args.len()));
    }

    fn arguments(&self) -> PgArguments {
        let mut args = PgArguments::default();
        for a in &self.args {
            args.add(a.clone()).expect("a text argument binds");
        }
        args
    }
}

/// `q` as a LIKE pattern's literal part (`\` is LIKE's default escape).
fn escape_like(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    for ch in q.chars() {
        if matches!(ch, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// `ORDER BY` for the query's sort: names by their lower-cased key, missing domains first
/// ascending (as SQLite and the accelerator order them), ties by id.
fn order_by(q: &ListQuery, alias: &str) -> String {
    let column = match q.sort {
        SortKey::OrganizationName => "name_key",
        other => other.as_str(),
    };
    let (dir, nulls) = match (q.descending, q.sort) {
        (false, SortKey::Domain) => ("ASC", " NULLS FIRST"),
        (true, SortKey::Domain) => ("DESC", " NULLS LAST"),
        (false, _) => ("ASC", ""),
        (true, _) => ("DESC", ""),
    };
    format!("ORDER BY {alias}.{column} {dir}{nulls}, {alias}.id {dir}")
}

/// How many customers match: from the trigger-kept counts without `q`, else counted.
async fn total(pool: &PgPool, reseller_id: &str, f: &Filters) -> StoreResult<u64> {
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
    let mut sql = String::from(
        "SELECT coalesce(sum(n), 0)::bigint FROM customer_counts WHERE reseller_id = $1",
    );
    let mut args = PgArguments::default();
    args.add(reseller_id.to_owned()).expect("binds");
    let mut n = 1;
    if let Some(s) = f.status {
        n += 1;
        sql.push_str(&format!(" AND status = ${n}"));
        args.add(s.as_str()).expect("binds");
    }
    if let Some(t) = f.storage_type {
        n += 1;
        sql.push_str(&format!(" AND storage_type = ${n}"));
        args.add(t.as_str()).expect("binds");
    }
    if f.attention {
        sql.push_str(" AND attention");
    }
    let n: i64 = sqlx::query_scalar_with(sqlx::AssertSqlSafe(sql), args)
        .fetch_one(pool)
        .await?;
    Ok(n as u64)
}

pub async fn page(pool: &PgPool, reseller_id: &str, q: &ListQuery) -> StoreResult<Page> {
    let total = total(pool, reseller_id, &q.filters).await?;
    let offset = q.offset();
    if offset >= total {
        return Ok(Page {
            items: Vec::new(),
            total,
        });
    }
    let w = Where::new(reseller_id, &q.filters);
    // The inner query walks the sort index (index-only without filters) to the page and yields
    // the page's ids; only those rows are then read.
    let sql = format!(
        "SELECT {CUSTOMER_COLUMNS} FROM (SELECT c.id FROM customers c WHERE {} {} LIMIT {} \
         OFFSET {offset}) p JOIN customers c ON c.id = p.id {}",
        w.sql,
        order_by(q, "c"),
        q.per_page,
        order_by(q, "c"),
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

pub async fn export(pool: &PgPool, reseller_id: &str, q: &ListQuery) -> StoreResult<Vec<Customer>> {
    let w = Where::new(reseller_id, &q.filters);
    let sql = format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers c WHERE {} {}",
        w.sql,
        order_by(q, "c")
    );
    let rows = sqlx::query_with(sqlx::AssertSqlSafe(sql), w.arguments())
        .fetch_all(pool)
        .await?;
    Ok(rows
        .iter()
        .map(|r| customer(r, 0))
        .collect::<Result<Vec<Customer>, _>>()?)
}
