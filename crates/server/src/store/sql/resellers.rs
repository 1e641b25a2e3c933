//! Resellers and their API tokens: tokens are kept as the SHA-256 of the whole token with a
//! public prefix, a name, a role, an expiry, the last use and a revocation, never the secret.

use domain::Role;
use sqlx::Row as _;

use super::{Conn, Pool, Row};
use crate::store::*;

const TOKEN_COLUMNS: &str = "t.prefix, t.reseller_id, t.name, t.role, t.demo, t.created_at, \
     t.expires_at, t.last_used_at, t.revoked_at";
const RESELLER_COLUMNS: &str = "r.id, r.name, r.user_email";

fn token(r: &Row, at: usize) -> Result<ApiToken, sqlx::Error> {
    let role: String = r.try_get(at + 3)?;
    Ok(ApiToken {
        prefix: r.try_get(at)?,
        reseller_id: r.try_get(at + 1)?,
        name: r.try_get(at + 2)?,
        role: Role::from_wire(&role).ok_or_else(|| sqlx::Error::ColumnDecode {
            index: (at + 3).to_string(),
            source: format!("unknown role {role:?}").into(),
        })?,
        demo: r.try_get(at + 4)?,
        created_at: r.try_get(at + 5)?,
        expires_at: r.try_get(at + 6)?,
        last_used_at: r.try_get(at + 7)?,
        revoked_at: r.try_get(at + 8)?,
    })
}

fn reseller(r: &Row, at: usize) -> Result<Reseller, sqlx::Error> {
    Ok(Reseller {
        id: r.try_get(at)?,
        name: r.try_get(at + 1)?,
        user_email: r.try_get(at + 2)?,
    })
}

pub async fn insert_reseller(conn: &mut Conn, r: &Reseller, at: &str) -> StoreResult<()> {
    sqlx::query("INSERT INTO resellers (id, name, user_email, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&r.id)
        .bind(&r.name)
        .bind(&r.user_email)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn find(pool: &Pool, id: &str) -> StoreResult<Option<Reseller>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {RESELLER_COLUMNS} FROM resellers r WHERE r.id = $1"
    )))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| reseller(&r, 0)).transpose()?)
}

pub async fn all(pool: &Pool) -> StoreResult<Vec<Reseller>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {RESELLER_COLUMNS} FROM resellers r ORDER BY r.id"
    )))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| reseller(r, 0))
        .collect::<Result<_, _>>()?)
}

pub async fn insert_token(conn: &mut Conn, t: &NewApiToken) -> StoreResult<()> {
    let tok = &t.token;
    sqlx::query(
        "INSERT INTO api_tokens (prefix, hash, reseller_id, name, role, demo, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&tok.prefix)
    .bind(&t.hash)
    .bind(&tok.reseller_id)
    .bind(&tok.name)
    .bind(tok.role.as_str())
    .bind(tok.demo)
    .bind(&tok.created_at)
    .bind(tok.expires_at.as_deref())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn token_by_hash(pool: &Pool, hash: &str) -> StoreResult<Option<(ApiToken, Reseller)>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {TOKEN_COLUMNS}, {RESELLER_COLUMNS} FROM api_tokens t \
         JOIN resellers r ON r.id = t.reseller_id WHERE t.hash = $1"
    )))
    .bind(hash)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some((token(&r, 0)?, reseller(&r, 9)?)))
}

pub async fn tokens(pool: &Pool, reseller_id: Option<&str>) -> StoreResult<Vec<ApiToken>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE $1 IS NULL OR t.reseller_id = $1 \
         ORDER BY t.created_at DESC, t.prefix"
    )))
    .bind(reseller_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(|r| token(r, 0)).collect::<Result<_, _>>()?)
}

pub async fn revoke(pool: &Pool, prefix: &str, at: &str) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE prefix = $2 AND revoked_at IS NULL",
    )
    .bind(at)
    .bind(prefix)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn touch(pool: &Pool, prefix: &str, at: &str, stale_before: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE api_tokens SET last_used_at = $1 WHERE prefix = $2 \
         AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(at)
    .bind(prefix)
    .bind(stale_before)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn has_demo_tokens(pool: &Pool) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM api_tokens WHERE demo = TRUE AND revoked_at IS NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}

/// Moves plaintext tokens of a database made before tokens were hashed into `api_tokens`, hashed
/// (as manager tokens; the seeded demo and benchmark ones flagged demo), and empties `tokens`.
pub async fn hash_plaintext_tokens(conn: &mut Conn) -> StoreResult<u64> {
    let rows = sqlx::query("SELECT token, reseller_id, created_at FROM tokens")
        .fetch_all(&mut *conn)
        .await?;
    for r in &rows {
        let plain: String = r.try_get(0)?;
        let hash = crate::store::token_hash(&plain);
        let token = NewApiToken {
            token: ApiToken {
                prefix: format!("legacy{}", &hash[..8]),
                reseller_id: r.try_get(1)?,
                name: "token from before tokens were hashed".into(),
                role: Role::Manager,
                demo: crate::demo::is_demo_token(&plain),
                created_at: r.try_get(2)?,
                expires_at: None,
                last_used_at: None,
                revoked_at: None,
            },
            hash,
        };
        insert_token(conn, &token).await?;
    }
    sqlx::query("DELETE FROM tokens")
        .execute(&mut *conn)
        .await?;
    Ok(rows.len() as u64)
}
