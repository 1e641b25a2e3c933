//! A selective search's count and page in one statement (see [`counted_page`]).

use super::*;

/// What [`counted_page`] found.
pub(super) enum Counted {
    /// The page and its exact total.
    Page(Page),
    /// More matches than the count limit: the page walks the sort index.
    Over(u64),
    /// Not a search it answers, or a page past the end: count with [`total`].
    Unknown,
}

/// A search of three or more characters whose count limit is small: its count and its page in
/// one statement, which reads the matches once (up to one past the limit, as [`total`] would),
/// counts them with `count(*) OVER ()` and sorts them for the page (reading them twice, once for
/// the count and once for the page, was most of a selective search's time on both databases).
pub(super) async fn counted_page(
    conn: &mut Conn,
    reseller_id: &str,
    q: &CustomerQuery,
    by_search: bool,
) -> StoreResult<Counted> {
    let limit = match q.count_limit() {
        Some(limit) if limit < SEARCH_DRIVEN_MAX => limit,
        _ => return Ok(Counted::Unknown),
    };
    // One or two characters have no trigram: their matches are read by a scan, not an index.
    if q.filters.q.as_deref().is_none_or(|s| s.chars().count() < 3) {
        return Ok(Counted::Unknown);
    }
    // The matches carry only their key and sort columns through the count and the sort; the
    // page's rows are read whole by key (whole rows made `northwind`'s 1,001 cost 1.8 ms more).
    let (key, order) = (dialect::PAGE_KEY, order_by(q));
    let mut b = Sql::new(format!(
        "SELECT {CUSTOMER_COLUMNS}, c.name_key, m.n FROM customers c JOIN \
         (SELECT c.{key} AS k, count(*) OVER () AS n FROM (SELECT c.{key}"
    ));
    for column in ["id", sort_column(q.sort)] {
        if column != key {
            b.push(format!(", c.{column}"));
        }
    }
    push_where(
        &mut b,
        reseller_id,
        &q.filters,
        by_search && dialect::COUNT_DRIVEN,
    );
    b.push(format!(
        " LIMIT {}) c {order} LIMIT {} OFFSET {}) m ON c.{key} = m.k {order}",
        limit + 1,
        q.per_page,
        q.offset()
    ));
    let rows = b.build().fetch_all(&mut *conn).await?;
    let Some(first) = rows.first() else {
        if q.offset() > 0 {
            return Ok(Counted::Unknown);
        }
        return Ok(Counted::Page(Page {
            items: Vec::new(),
            total: 0,
            total_is_lower_bound: false,
        }));
    };
    let count: i64 = first.try_get(CUSTOMER_COLUMN_COUNT + 1)?;
    if count as u64 > limit {
        return Ok(Counted::Over(count as u64));
    }
    let items = rows
        .iter()
        .map(|r| customer(r, 0))
        .collect::<Result<Vec<Customer>, _>>()?;
    Ok(Counted::Page(Page {
        items,
        total: count as u64,
        total_is_lower_bound: false,
    }))
}
