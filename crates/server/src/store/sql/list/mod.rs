//! Lists, answered by the database alone: a per-sort index (reseller, key, id) gives the order,
//! the backend's search index answers `q` (`dialect::push_search`), trigger-kept counts give
//! totals without `q`; a page continues from the nearest bookmark before it (the end of a served
//! page, or a landmark a deep jump laid every 1,000 rows; see `store::keyset`), skipping the
//! rest on the sort index before reading any row.

use domain::Customer;
use sqlx::{QueryBuilder, Row};

mod counted;

use super::rows::{CUSTOMER_COLUMN_COUNT, CUSTOMER_COLUMNS, customer};
use super::{Conn, Pool, changes, dialect};
use crate::store::keyset::{Bookmark, Bookmarks, KeyValue, LANDMARK_EVERY, key_of};
use crate::store::*;
use counted::{Counted, counted_page};

/// A statement under construction: text with its bound values in order.
type Sql = QueryBuilder<dialect::Db>;

/// Where the search drives: it reads its matches from the search index (across resellers) only
/// for a reseller with more customers than this; a smaller one's rows are cheaper to test one by
/// one. Neither planner does this on its own (SQLite has no statistics; PostgreSQL's walks the
/// name index, slow when the matches cluster far down the order).
const SEARCH_DRIVEN_FROM: u64 = 5_000;
/// At most this many matches of a search are read from the search index and sorted for a page;
/// more are found by walking the sort index, where they are dense enough that a page comes soon.
const SEARCH_DRIVEN_MAX: u64 = 2_000;

/// Customer::needs_attention in SQL (nothing allocated counts as full).
const ATTENTION: &str = "(c.status = 'pending_activation' OR c.activation_email = 'undeliverable' \
     OR c.licenses_in_use > c.user_licenses OR c.storage_used_gb * 10 >= c.extra_storage_gb * 9 \
     OR c.runs_out_days <= 30)";
/// Forecast::runs_out_soon in SQL (`runs_out_days` holds `RUNS_OUT_NEVER` when it does not run out).
const RUNS_OUT_SOON: &str = "c.runs_out_days <= 30";
const _: () = assert!(domain::usage::RUNS_OUT_SOON_DAYS == 30);

/// Appends ` FROM … WHERE …` for a reseller's customers matching `f`, as alias `c`; `by_search`:
/// a search of three or more characters drives the query from the search index's matches.
fn push_where(b: &mut Sql, reseller_id: &str, f: &Filters, by_search: bool) {
    let driven = by_search && f.q.as_deref().is_some_and(|q| q.chars().count() >= 3);
    b.push(" FROM ");
    dialect::push_from(b, driven);
    b.push(" WHERE ");
    dialect::push_reseller(b, reseller_id, driven);
    if let Some(s) = f.status {
        b.push(" AND c.status = ").push_bind(s.as_str());
    }
    if let Some(t) = f.storage_type {
        b.push(" AND c.storage_type = ").push_bind(t.as_str());
    }
    if f.attention {
        b.push(" AND ").push(ATTENTION);
    }
    if f.runs_out_soon {
        b.push(" AND ").push(RUNS_OUT_SOON);
    }
    if let Some(q) = f.q.as_deref() {
        dialect::push_search(b, q, driven);
    }
}

/// The sort key's column.
fn sort_column(sort: SortKey) -> &'static str {
    match sort {
        SortKey::OrganizationName => "name_key",
        other => other.as_str(),
    }
}

/// `ORDER BY` for the query's sort, ties broken by id. Names sort by their lower-cased key, which
/// is unique per reseller: no tie, so the unique index alone (covering) gives the order. Missing
/// domains come first ascending and last descending, on both databases and in the accelerator.
fn order_by(q: &CustomerQuery) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    match q.sort {
        SortKey::OrganizationName => format!("ORDER BY c.name_key {dir}"),
        SortKey::Domain => {
            let nulls = if q.descending { "LAST" } else { "FIRST" };
            format!("ORDER BY c.domain {dir} NULLS {nulls}, c.id {dir}")
        }
        other => format!("ORDER BY c.{} {dir}, c.id {dir}", other.as_str()),
    }
}

fn push_key(b: &mut Sql, key: &KeyValue) {
    match key {
        KeyValue::Null => b.push_bind(None::<String>),
        KeyValue::Int(n) => b.push_bind(*n),
        KeyValue::Text(t) => b.push_bind(t.clone()),
    };
}

/// Appends the condition "after (`key`, `id`)" in the query's order.
fn push_after(b: &mut Sql, q: &CustomerQuery, key: &KeyValue, id: &str) {
    let (cmp, column) = (if q.descending { "<" } else { ">" }, sort_column(q.sort));
    if q.sort == SortKey::OrganizationName {
        // Unique per reseller: the name alone is the position.
        b.push(format!("c.name_key {cmp} "));
        push_key(b, key);
        return;
    }
    match (key, q.descending) {
        // Customers without a domain come first ascending and last descending.
        (KeyValue::Null, false) => {
            b.push(format!("((c.{column} IS NULL AND c.id > "));
            b.push_bind(id.to_owned());
            b.push(format!(") OR c.{column} IS NOT NULL)"));
        }
        (KeyValue::Null, true) => {
            b.push(format!("(c.{column} IS NULL AND c.id < "));
            b.push_bind(id.to_owned()).push(")");
        }
        // Only the domain can be missing: on any other column the `IS NULL` would keep the
        // index from starting at the bookmark (every entry before it was read and tested).
        (_, true) if q.sort == SortKey::Domain => {
            b.push(format!("((c.{column}, c.id) {cmp} ("));
            push_key(b, key);
            b.push(", ").push_bind(id.to_owned());
            b.push(format!(") OR c.{column} IS NULL)"));
        }
        _ => {
            b.push(format!("(c.{column}, c.id) {cmp} ("));
            push_key(b, key);
            b.push(", ").push_bind(id.to_owned()).push(")");
        }
    }
}

/// How many customers match (a search's count stops one past [`CustomerQuery::count_limit`]);
/// `by_search`: see [`push_where`].
async fn total(
    conn: &mut Conn,
    reseller_id: &str,
    q: &CustomerQuery,
    by_search: bool,
) -> StoreResult<u64> {
    let f = &q.filters;
    // The kept counts know no forecast: "runs out soon" is counted on its sort index.
    if f.q.is_none() && !f.runs_out_soon {
        return kept_count(conn, reseller_id, f).await;
    }
    let mut b = Sql::new("SELECT count(*) FROM (SELECT 1");
    push_where(&mut b, reseller_id, f, by_search && dialect::COUNT_DRIVEN);
    // A broad search stops one match past the limit instead of testing every row (one past, so
    // that exactly the limit is known to be exact).
    if let Some(limit) = q.count_limit() {
        b.push(format!(" LIMIT {}", limit + 1));
    }
    b.push(") m");
    let n: i64 = b.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok(n as u64)
}

/// How many customers match filters without `q`: from the trigger-kept counts.
async fn kept_count(conn: &mut Conn, reseller_id: &str, f: &Filters) -> StoreResult<u64> {
    let mut b = Sql::new(
        "SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM customer_counts WHERE reseller_id = ",
    );
    b.push_bind(reseller_id.to_owned());
    if let Some(s) = f.status {
        b.push(" AND status = ").push_bind(s.as_str());
    }
    if let Some(t) = f.storage_type {
        b.push(" AND storage_type = ").push_bind(t.as_str());
    }
    if f.attention {
        b.push(" AND attention = TRUE");
    }
    let n: i64 = b.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok(n as u64)
}

/// Every [`LANDMARK_EVERY`]th matching row from `from` (or the start) up to the query's offset,
/// as bookmarks: one walk of the sort index, numbering the rows as it goes.
async fn landmarks(
    conn: &mut Conn,
    reseller_id: &str,
    q: &CustomerQuery,
    by_search: bool,
    from: Option<&Bookmark>,
) -> StoreResult<Vec<Bookmark>> {
    let base = from.map_or(0, |m| m.offset);
    let (column, order) = (sort_column(q.sort), order_by(q));
    let int_key = matches!(
        q.sort,
        SortKey::UserLicenses
            | SortKey::LicensesInUse
            | SortKey::ExtraStorageGb
            | SortKey::StorageUsedGb
            | SortKey::RunsOutDays
    );
    let key = if int_key {
        format!("CAST(c.{column} AS BIGINT)")
    } else {
        format!("c.{column}")
    };
    let mut b = Sql::new(format!(
        "SELECT k, id, n FROM (SELECT {key} AS k, c.id AS id, row_number() OVER ({order}) AS n"
    ));
    push_where(&mut b, reseller_id, &q.filters, by_search);
    if let Some(m) = from {
        b.push(" AND ");
        push_after(&mut b, q, &m.key, &m.id);
    }
    b.push(format!(
        " {order} LIMIT {}) w WHERE n % {LANDMARK_EVERY} = 0",
        q.offset() - base
    ));
    let rows = b.build().fetch_all(&mut *conn).await?;
    let mut marks = Vec::with_capacity(rows.len());
    for r in &rows {
        let key = if int_key {
            r.try_get::<Option<i64>, _>(0)?.map(KeyValue::Int)
        } else {
            r.try_get::<Option<String>, _>(0)?.map(KeyValue::Text)
        };
        let n: i64 = r.try_get(2)?;
        marks.push(Bookmark {
            offset: base + n as u64,
            key: key.unwrap_or(KeyValue::Null),
            id: r.try_get(1)?,
        });
    }
    Ok(marks)
}

pub async fn page(
    pool: &Pool,
    bookmarks: &Bookmarks,
    reseller_id: &str,
    q: &CustomerQuery,
) -> StoreResult<Page> {
    // One snapshot: the revision, the total and the rows agree.
    let mut tx = dialect::snapshot(pool).await?;
    let rev = changes::head(&mut tx, reseller_id).await?;
    let by_search = q.filters.q.is_some()
        && kept_count(&mut tx, reseller_id, &Filters::default()).await? > SEARCH_DRIVEN_FROM;
    let count = match counted_page(&mut tx, reseller_id, q, by_search).await? {
        Counted::Page(page) => {
            tx.commit().await?;
            return Ok(page);
        }
        Counted::Over(count) => count,
        Counted::Unknown => total(&mut tx, reseller_id, q, by_search).await?,
    };
    let (total, total_is_lower_bound) = q.bounded_total(count);
    let offset = q.offset();
    if offset >= total {
        tx.commit().await?;
        return Ok(Page {
            items: Vec::new(),
            total,
            total_is_lower_bound,
        });
    }
    let by_search = by_search && !total_is_lower_bound && total <= SEARCH_DRIVEN_MAX;
    let order = order_by(q);
    let mut from = bookmarks.find(reseller_id, q, rev);
    // A deep jump far from any bookmark lays landmarks up to its offset first (one walk of the
    // index); this page and every later one at this revision then skip less than LANDMARK_EVERY.
    if offset - from.as_ref().map_or(0, |m| m.offset) >= LANDMARK_EVERY {
        let marks = landmarks(&mut tx, reseller_id, q, by_search, from.as_ref()).await?;
        bookmarks.remember(reseller_id, q, rev, marks);
        from = bookmarks.find(reseller_id, q, rev);
    }
    let skip = offset - from.as_ref().map_or(0, |m| m.offset);
    let mut b = Sql::new(format!("SELECT {CUSTOMER_COLUMNS}, c.name_key"));
    let after = |b: &mut Sql| {
        push_where(b, reseller_id, &q.filters, by_search);
        if let Some(m) = &from {
            b.push(" AND ");
            push_after(b, q, &m.key, &m.id);
        }
    };
    if skip == 0 {
        after(&mut b);
        b.push(format!(" {order} LIMIT {}", q.per_page));
    } else {
        // The inner query walks the sort index (covering without filters) past the rows to
        // skip; only the page's rows are then read.
        let key = dialect::PAGE_KEY;
        b.push(format!(
            " FROM customers c WHERE c.{key} IN (SELECT c.{key}"
        ));
        after(&mut b);
        b.push(format!(
            " {order} LIMIT {} OFFSET {skip}) {order}",
            q.per_page
        ));
    }
    let rows = b.build().fetch_all(&mut *tx).await?;
    tx.commit().await?;
    let mut items = Vec::with_capacity(rows.len());
    let mut last_name_key = String::new();
    for r in &rows {
        items.push(customer(r, 0)?);
        last_name_key = r.try_get(CUSTOMER_COLUMN_COUNT)?;
    }
    if let Some(last) = items.last() {
        let mark = Bookmark {
            offset: offset + items.len() as u64,
            key: key_of(q.sort, last, &last_name_key),
            id: last.id.clone(),
        };
        bookmarks.remember(reseller_id, q, rev, [mark]);
    }
    Ok(Page {
        items,
        total,
        total_is_lower_bound,
    })
}

pub async fn export(
    pool: &Pool,
    reseller_id: &str,
    q: &CustomerQuery,
) -> StoreResult<Vec<Customer>> {
    let mut b = Sql::new(format!("SELECT {CUSTOMER_COLUMNS}"));
    push_where(&mut b, reseller_id, &q.filters, false);
    b.push(" ").push(order_by(q));
    let rows = b.build().fetch_all(pool).await?;
    Ok(rows
        .iter()
        .map(|r| customer(r, 0))
        .collect::<Result<Vec<Customer>, _>>()?)
}
