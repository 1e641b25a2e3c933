//! What PostgreSQL does its own way, for the statements in `store/sql/`: the reseller's write
//! lock across processes, row locks, a list of values as one parameter, search, and how its
//! errors read (by SQLSTATE).

use sqlx::error::DatabaseError;
use sqlx::postgres::PgDatabaseError;
use sqlx::{PgPool, Postgres, QueryBuilder, Transaction};

use crate::store::{StoreError, StoreResult, constraints};

/// The backend's name in logs.
pub const NAME: &str = "postgres";

/// The database the shared statements run on.
pub type Db = Postgres;

/// A transaction holding the reseller's lock until it ends: one writer per reseller at a time,
/// across every process on the database (uniqueness checks and idempotency keys cannot race).
pub async fn write(pool: &PgPool, reseller_id: &str) -> StoreResult<Transaction<'static, Db>> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .bind(reseller_id)
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// A transaction that will write; its statements lock the rows they change.
pub async fn begin_write(pool: &PgPool) -> StoreResult<Transaction<'static, Db>> {
    Ok(pool.begin().await?)
}

/// A read-only transaction on one snapshot (the change log's head and the rows agree).
pub async fn snapshot(pool: &PgPool) -> StoreResult<Transaction<'static, Db>> {
    Ok(pool
        .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await?)
}

/// Appended to a `SELECT` whose rows the transaction will change: they stay locked until the
/// commit, so two processes cannot both act on what they read.
pub const ROW_LOCK: &str = " FOR UPDATE";
/// Appended to the `SELECT`s of the outbox claim and the retention rounds: workers and jobs of any
/// number of processes never take the same rows at once and never wait on each other's rows.
pub const SKIP_LOCKED: &str = " FOR UPDATE SKIP LOCKED";

/// A list of values bound as one parameter: a `text[]`.
pub fn value_list(values: &[String]) -> Vec<String> {
    values.to_vec()
}

/// `column` is one of the values of [`value_list`] bound as parameter `n` (with a unique index
/// on `column`, an index search per value).
pub fn in_value_list(column: &str, n: usize) -> String {
    format!("{column} = ANY(${n})")
}

/// Whether a search's count is driven by the search index's matches like its page: no, the
/// planner's statistics choose (a broad search's bounded count stops early in a sequential scan;
/// a selective one reads the trigram index anyway).
pub const COUNT_DRIVEN: bool = false;

/// The column the deep-page subquery selects and the page's rows are found by: the id, which
/// every sort index holds (so the subquery is an index-only scan).
pub const PAGE_KEY: &str = "id";

/// `c.reseller_id = <id>`; when the search drives, compared as an expression so that no
/// (reseller, key) index can serve it and the planner reads the matches from the trigram index.
pub fn push_reseller(b: &mut QueryBuilder<Db>, reseller_id: &str, search_driven: bool) {
    b.push(if search_driven {
        "(c.reseller_id || '') = "
    } else {
        "c.reseller_id = "
    });
    b.push_bind(reseller_id.to_owned());
}

/// The rows a list reads, as alias `c`: the table (the planner finds the search's matches).
pub fn push_from(b: &mut QueryBuilder<Db>, _search_driven: bool) {
    b.push("customers c");
}

/// ` AND <c matches q>` on the Unicode-lower-cased `search_text`: three or more characters
/// through the pg_trgm GIN index (LIKE, rechecked), one or two (no trigram) by a scan of the
/// reseller's rows; the same whether or not the search drives (see [`push_reseller`]).
pub fn push_search(b: &mut QueryBuilder<Db>, q: &str, _search_driven: bool) {
    if q.chars().count() >= 3 {
        b.push(" AND c.search_text LIKE ");
        b.push_bind(format!("%{}%", escape_like(q)));
    } else {
        b.push(" AND strpos(c.search_text, ");
        b.push_bind(q.to_owned());
        b.push(") > 0");
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

/// PostgreSQL's errors by SQLSTATE: unique violations by constraint name; lost or refused
/// connections, shutdowns and serialisation failures as unavailable (retry later).
pub fn classify(e: &dyn DatabaseError) -> Option<StoreError> {
    let pg = e.try_downcast_ref::<PgDatabaseError>()?;
    let code = pg.code();
    if code == "23505" {
        return Some(StoreError::Unique {
            constraint: constraints::known(pg.constraint()),
        });
    }
    // 08: connection exceptions; 53: insufficient resources (too many connections); 57P0x:
    // shutting down or starting up; 40001/40P01: serialisation failure, deadlock; 57014: a
    // statement cancelled by `statement_timeout`.
    let unavailable = code.starts_with("08")
        || code == "57014"
        || code.starts_with("53")
        || code.starts_with("57P")
        || code == "40001"
        || code == "40P01";
    unavailable
        .then(|| StoreError::Unavailable(anyhow::anyhow!("PostgreSQL {code}: {}", pg.message())))
}

/// Whether sqlx's migrations table exists on the search path (a count: 0 or 1).
pub const MIGRATIONS_TABLE_EXISTS: &str =
    "SELECT COUNT(*) FROM (SELECT to_regclass('_sqlx_migrations') AS t) m WHERE t IS NOT NULL";
