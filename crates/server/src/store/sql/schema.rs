//! What start-up and readiness ask the database: does it answer, which migrations are applied,
//! and (at start) bringing it up to this binary's migrations or refusing in one line.

use anyhow::Context;

use super::super::{MIGRATOR, dialect};
use super::{Pool, after_migrations};
use crate::store::StoreResult;
use crate::store::schema::{OpenOptions, SchemaStatus, known_versions};

/// `SELECT 1`.
pub(super) async fn ping(pool: &Pool) -> StoreResult<()> {
    sqlx::query("SELECT 1").execute(pool).await?;
    Ok(())
}

/// The schema against this binary's migrations (no migrations table: nothing applied).
pub(super) async fn status(pool: &Pool) -> StoreResult<SchemaStatus> {
    let tables: i64 = sqlx::query_scalar(dialect::MIGRATIONS_TABLE_EXISTS)
        .fetch_one(pool)
        .await?;
    let applied: Vec<i64> = if tables > 0 {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await?
    } else {
        Vec::new()
    };
    Ok(SchemaStatus::compare(&applied, &known_versions(&MIGRATOR)))
}

/// Applies the binary's migrations (or, with `--no-migrate`, checks that they are applied); a
/// schema newer than the binary is refused either way. `what` names the database in errors.
pub(in super::super) async fn prepare(
    pool: &Pool,
    options: &OpenOptions,
    what: &str,
) -> anyhow::Result<()> {
    let before = status(pool)
        .await
        .with_context(|| format!("reading the schema version of {what}"))?;
    if let SchemaStatus::Ahead { .. } = before {
        anyhow::bail!("{}", before.refusal().unwrap_or_default());
    }
    if options.migrate {
        MIGRATOR
            .run(pool)
            .await
            .with_context(|| format!("migrating {what}"))?;
        if let SchemaStatus::Behind { at, needs } = before {
            tracing::info!(from = at, to = needs, "migrated the database schema");
        }
    } else if let Some(refusal) = before.refusal() {
        anyhow::bail!("{refusal}");
    }
    after_migrations(pool).await?;
    Ok(())
}
