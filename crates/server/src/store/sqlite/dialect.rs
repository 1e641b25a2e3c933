//! What SQLite does its own way, for the statements in `store/sql/`: the write lock, row locks,
//! a list of values as one parameter, search, how its errors read, and the online backup.

use sqlx::error::DatabaseError;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::store::{StoreError, StoreResult, constraints};

/// The backend's name in logs.
pub const NAME: &str = "sqlite";

/// The database the shared statements run on.
pub type Db = Sqlite;

/// Serialises the writes of one reseller: SQLite has one writer at a time, so `BEGIN IMMEDIATE`
/// takes the file's write lock at once (waiting up to the busy timeout) for every reseller.
pub async fn write(pool: &SqlitePool, _reseller_id: &str) -> StoreResult<Transaction<'static, Db>> {
    begin_write(pool).await
}

/// A transaction that will write: the lock is taken at `BEGIN`, so a reader never fails to
/// upgrade to a writer halfway.
pub async fn begin_write(pool: &SqlitePool) -> StoreResult<Transaction<'static, Db>> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// A read transaction: in WAL mode every statement in it reads one snapshot.
pub async fn snapshot(pool: &SqlitePool) -> StoreResult<Transaction<'static, Db>> {
    Ok(pool.begin().await?)
}

/// Appended to a `SELECT` whose rows the transaction will change: nothing, the write lock
/// already excludes every other writer.
pub const ROW_LOCK: &str = "";
/// Appended to the `SELECT`s of the outbox claim and the retention rounds: nothing, for the same
/// reason.
pub const SKIP_LOCKED: &str = "";

/// A list of values bound as one parameter: a JSON array, read back by `json_each`.
pub fn value_list(values: &[String]) -> String {
    serde_json::to_string(values).expect("strings serialise")
}

/// `column` is one of the values of [`value_list`] bound as parameter `n`.
pub fn in_value_list(column: &str, n: usize) -> String {
    format!("{column} IN (SELECT value FROM json_each(${n}))")
}

/// Whether a search's count is driven by the search index's matches like its page: yes, SQLite's
/// planner has no statistics and would test every row of the reseller against the matches.
pub const COUNT_DRIVEN: bool = true;

/// The column the deep-page subquery selects and the page's rows are found by: the rowid,
/// which every sort index holds.
pub const PAGE_KEY: &str = "seq";

/// `c.reseller_id = <id>`; when the search drives, the unary `+` keeps the planner from
/// scanning every row of the reseller in an index and testing each against the matches.
pub fn push_reseller(b: &mut QueryBuilder<Db>, reseller_id: &str, search_driven: bool) {
    b.push(if search_driven {
        "+c.reseller_id = "
    } else {
        "c.reseller_id = "
    });
    b.push_bind(reseller_id.to_owned());
}

/// The rows a list reads, as alias `c`. When the search drives, the search index's matches
/// joined to their rows, in the index's order (`CROSS JOIN` keeps it): a count that stops at its
/// limit then stops reading matches too, where `c.seq IN (SELECT …)` first collects every match
/// (`northwind`'s 12,500 at 100k: 6.3 ms before the first row, 0.7 ms for 1,001 joined).
pub fn push_from(b: &mut QueryBuilder<Db>, search_driven: bool) {
    b.push(if search_driven {
        "customers_fts CROSS JOIN customers c ON c.seq = customers_fts.rowid"
    } else {
        "customers c"
    });
}

/// `q` as one FTS5 phrase: quoted, its own quotes doubled, so no character of it is FTS syntax.
fn fts_phrase(q: &str) -> String {
    format!("\"{}\"", q.replace('"', "\"\""))
}

/// ` AND <c matches q>`: three or more characters through the FTS5 trigram index (joined when
/// the search drives, see [`push_from`]); one or two (no trigram) as every upper/lower-case
/// spelling, an exact substring of the name, domain or id (SQLite's own case folding is ASCII
/// only).
pub fn push_search(b: &mut QueryBuilder<Db>, q: &str, search_driven: bool) {
    if search_driven {
        b.push(" AND customers_fts MATCH ");
        b.push_bind(fts_phrase(q));
        return;
    }
    if q.chars().count() >= 3 {
        b.push(" AND c.seq IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ");
        b.push_bind(fts_phrase(q));
        b.push(")");
        return;
    }
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
    b.push(" AND (");
    let mut first = true;
    for s in spellings {
        for column in ["c.organization_name", "coalesce(c.domain, '')", "c.id"] {
            b.push(if first { "instr(" } else { " OR instr(" });
            first = false;
            b.push(column).push(", ").push_bind(s.clone()).push(") > 0");
        }
    }
    b.push(")");
}

/// Writes a consistent copy of the database `conn` is on to the new file `to` (`VACUUM INTO`:
/// one read transaction, so writers go on in WAL mode and the copy is the database as of its
/// start). SQLite refuses a `to` that exists and is not empty.
pub async fn vacuum_into(conn: &mut SqliteConnection, to: &std::path::Path) -> StoreResult<()> {
    let to = to
        .to_str()
        .ok_or_else(|| StoreError::Other(anyhow::anyhow!("the backup path is not UTF-8")))?;
    sqlx::query("VACUUM INTO $1")
        .bind(to)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// `PRAGMA integrity_check`'s answer: `ok`, or what is wrong (its first lines).
pub async fn integrity_check(conn: &mut SqliteConnection) -> StoreResult<String> {
    let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check(10)")
        .fetch_all(&mut *conn)
        .await?;
    Ok(lines.join("; "))
}

/// SQLite's errors: unique violations, and a lock not had in time (`SQLITE_BUSY`/`LOCKED`).
pub fn classify(e: &dyn DatabaseError) -> Option<StoreError> {
    let e = e.try_downcast_ref::<sqlx::sqlite::SqliteError>()?;
    if e.kind() == sqlx::error::ErrorKind::UniqueViolation {
        return Some(StoreError::Unique {
            constraint: constraints::known(e.constraint()),
        });
    }
    let code = e.code().and_then(|c| c.parse::<i32>().ok()).unwrap_or(0);
    matches!(code & 0xff, 5 | 6)
        .then(|| StoreError::Unavailable(anyhow::anyhow!("SQLite is busy: {}", e.message())))
}

/// Whether sqlx's migrations table exists (a count: 0 or 1).
pub const MIGRATIONS_TABLE_EXISTS: &str =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'";
