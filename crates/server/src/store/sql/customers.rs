//! Resellers and customers: reads, the create and edit transactions, the audit log and
//! the activation email resend.

use domain::Customer;
use serde_json::Value;
use sqlx::Row;

use super::rows::{CUSTOMER_COLUMNS, customer, json};
use super::{Conn, dialect};
use crate::store::*;

/// A reseller's customer.
pub async fn find(conn: &mut Conn, reseller_id: &str, id: &str) -> StoreResult<Option<Customer>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1 AND c.reseller_id = $2"
    )))
    .bind(id)
    .bind(reseller_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| customer(&r, 0)).transpose()?)
}

/// Inserts a customer and its creation audit entry; `activation_sent_at` when an email goes too.
pub async fn insert(
    conn: &mut Conn,
    reseller: &Reseller,
    actor: &Actor,
    c: &Customer,
    activation_sent_at: Option<&str>,
) -> StoreResult<()> {
    insert_row(conn, reseller, c, activation_sent_at, "").await?;
    audit_created(conn, actor, c).await
}

/// The customer's row; `on_conflict` is appended to the statement. Whether a row was written.
async fn insert_row(
    conn: &mut Conn,
    reseller: &Reseller,
    c: &Customer,
    activation_sent_at: Option<&str>,
    on_conflict: &str,
) -> StoreResult<bool> {
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO customers (id, reseller_id, organization_name, name_key, domain, user_licenses, \
         extra_storage_gb, notify_emails, storage_type, status, licenses_in_use, storage_used_gb, \
         usage_updated_at, created_at, updated_at, version, activation_sent_at, activation_email) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)\
         {on_conflict}"
    )))
    .bind(&c.id)
    .bind(&reseller.id)
    .bind(&c.organization_name)
    .bind(c.organization_name.to_lowercase())
    .bind(c.domain.as_deref().map(str::to_lowercase))
    .bind(i64::from(c.user_licenses))
    .bind(c.extra_storage_gb as i64)
    .bind(serde_json::to_string(&c.notify_emails).expect("strings serialise"))
    .bind(c.storage_type.as_str())
    .bind(c.status.as_str())
    .bind(i64::from(c.licenses_in_use))
    .bind(c.storage_used_gb as i64)
    .bind(&c.usage_updated_at)
    .bind(&c.created_at)
    .bind(&c.updated_at)
    .bind(c.version)
    .bind(activation_sent_at)
    .bind(c.activation_email.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The creation's audit entry.
async fn audit_created(conn: &mut Conn, actor: &Actor, c: &Customer) -> StoreResult<()> {
    let created = AuditRecord {
        at: c.created_at.clone(),
        actor: actor.clone(),
        field: "created".into(),
        old: Value::Null,
        new: Value::from(c.organization_name.clone()),
    };
    audit(conn, &c.id, &created).await
}

async fn audit(conn: &mut Conn, customer_id: &str, a: &AuditRecord) -> StoreResult<()> {
    let text = |v: &Value| (!v.is_null()).then(|| v.to_string());
    sqlx::query(
        "INSERT INTO audit (customer_id, at, actor, field, old, new, actor_sub, actor_email, \
         actor_role) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(customer_id)
    .bind(&a.at)
    .bind(&a.actor.display)
    .bind(&a.field)
    .bind(text(&a.old))
    .bind(text(&a.new))
    .bind(a.actor.sub.as_deref())
    .bind(a.actor.email.as_deref())
    .bind(a.actor.role.map(domain::Role::as_str))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Queues an email in the outbox.
pub async fn queue_email(
    conn: &mut Conn,
    reseller_id: &str,
    customer_id: &str,
    email: &NewEmail,
    at: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO outbox (reseller_id, customer_id, recipients, subject, body, activation_token, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(reseller_id)
    .bind(customer_id)
    .bind(serde_json::to_string(&email.recipients).expect("strings serialise"))
    .bind(&email.subject)
    .bind(&email.body)
    .bind(&email.activation_token)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The response stored under a key that has not expired (stored at or after `expired_before`;
/// expired rows are left to the retention job).
pub async fn stored_response(
    conn: &mut Conn,
    reseller_id: &str,
    key: &str,
    expired_before: &str,
) -> StoreResult<Option<IdempotentResponse>> {
    let row = sqlx::query(
        "SELECT request_hash, status, headers, body FROM idempotency_keys \
         WHERE reseller_id = $1 AND key = $2 AND created_at >= $3",
    )
    .bind(reseller_id)
    .bind(key)
    .bind(expired_before)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let headers: String = r.try_get(2)?;
    Ok(Some(IdempotentResponse {
        request_hash: r.try_get(0)?,
        status: r.try_get::<i64, _>(1)? as u16,
        headers: serde_json::from_str(&headers)
            .map_err(|e| StoreError::Other(anyhow::anyhow!("stored headers: {e}")))?,
        body: r.try_get(3)?,
    }))
}

/// The create transaction's statements (the caller holds the reseller's write lock).
pub async fn create(conn: &mut Conn, create: &CreateCustomer) -> StoreResult<CreateOutcome> {
    let reseller = &create.reseller;
    if let Some(key) = &create.idempotency_key
        && let Some(stored) =
            stored_response(conn, &reseller.id, key, &create.keys_expired_before).await?
    {
        return Ok(if stored.request_hash == create.response.request_hash {
            CreateOutcome::Replayed(stored)
        } else {
            CreateOutcome::KeyReused
        });
    }
    let c = &create.customer;
    // A clash with any unique index writes nothing and leaves the transaction usable, so the
    // other rows of a batch still commit (no savepoint needed).
    if !insert_row(
        conn,
        reseller,
        c,
        Some(&c.created_at),
        " ON CONFLICT DO NOTHING",
    )
    .await?
    {
        return taken(conn, reseller, c).await;
    }
    audit_created(conn, &create.actor, c).await?;
    queue_email(conn, &reseller.id, &c.id, &create.activation, &c.created_at).await?;
    if let Some(key) = &create.idempotency_key {
        let r = &create.response;
        // An expired row the retention job has not yet deleted is replaced: the key is new again.
        sqlx::query(
            "INSERT INTO idempotency_keys (reseller_id, key, request_hash, status, headers, body, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reseller_id, key) DO \
             UPDATE SET request_hash = excluded.request_hash, status = excluded.status, \
             headers = excluded.headers, body = excluded.body, created_at = excluded.created_at",
        )
        .bind(&reseller.id)
        .bind(key)
        .bind(&r.request_hash)
        .bind(i64::from(r.status))
        .bind(serde_json::to_string(&r.headers).expect("strings serialise"))
        .bind(&r.body)
        .bind(&c.created_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(CreateOutcome::Created)
}

/// Which of the customer's name and domain another of the reseller's customers has (after its
/// insert clashed); a clash on neither (an id collision) is an error.
async fn taken(conn: &mut Conn, reseller: &Reseller, c: &Customer) -> StoreResult<CreateOutcome> {
    let name: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM customers WHERE reseller_id = $1 AND name_key = $2)",
    )
    .bind(&reseller.id)
    .bind(c.organization_name.to_lowercase())
    .fetch_one(&mut *conn)
    .await?;
    let domain =
        match &c.domain {
            Some(d) => sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM customers WHERE reseller_id = $1 AND domain = $2)",
            )
            .bind(&reseller.id)
            .bind(d.to_lowercase())
            .fetch_one(&mut *conn)
            .await?,
            None => false,
        };
    if !name && !domain {
        return Err(StoreError::Unique {
            constraint: constraints::OTHER,
        });
    }
    Ok(CreateOutcome::Taken { name, domain })
}

/// The edit: compare-and-set on `version`, so a concurrent edit (from any process) makes the
/// later one stale.
pub async fn update(conn: &mut Conn, u: &UpdateCustomer) -> StoreResult<UpdateOutcome> {
    let done = sqlx::query(
        "UPDATE customers SET user_licenses = $1, extra_storage_gb = $2, updated_at = $3, \
         version = version + 1 WHERE id = $4 AND reseller_id = $5 AND version = $6",
    )
    .bind(i64::from(u.user_licenses))
    .bind(u.extra_storage_gb as i64)
    .bind(&u.updated_at)
    .bind(&u.id)
    .bind(&u.reseller_id)
    .bind(u.expected_version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(match find(conn, &u.reseller_id, &u.id).await? {
            Some(current) => UpdateOutcome::Stale(current),
            None => UpdateOutcome::NotFound,
        });
    }
    for entry in &u.audit {
        audit(conn, &u.id, entry).await?;
    }
    // The allocation moves the forecast.
    super::usage::refresh(conn, &u.id).await?;
    match find(conn, &u.reseller_id, &u.id).await? {
        Some(updated) => Ok(UpdateOutcome::Updated(updated)),
        None => Ok(UpdateOutcome::NotFound),
    }
}

pub async fn audit_entries(
    conn: &mut Conn,
    reseller_id: &str,
    id: &str,
) -> StoreResult<Option<Vec<AuditRecord>>> {
    if find(conn, reseller_id, id).await?.is_none() {
        return Ok(None);
    }
    let rows = sqlx::query(
        "SELECT at, actor, field, old, new, actor_sub, actor_email, actor_role FROM audit \
         WHERE customer_id = $1 ORDER BY at DESC, id DESC",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for r in rows {
        let role: Option<String> = r.try_get(7)?;
        entries.push(AuditRecord {
            at: r.try_get(0)?,
            actor: Actor {
                display: r.try_get(1)?,
                sub: r.try_get(5)?,
                email: r.try_get(6)?,
                role: role.as_deref().and_then(domain::Role::from_wire),
            },
            field: r.try_get(2)?,
            old: json(r.try_get(3)?),
            new: json(r.try_get(4)?),
        });
    }
    Ok(Some(entries))
}

/// The resend: the customer's row is locked until the commit, so two resends (from any
/// process) cannot both pass the rate limit.
pub async fn resend(conn: &mut Conn, r: &ResendActivation) -> StoreResult<ResendOutcome> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT activation_sent_at FROM customers WHERE id = $1 AND reseller_id = $2{}",
        dialect::ROW_LOCK
    )))
    .bind(&r.customer_id)
    .bind(&r.reseller_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(ResendOutcome::NotFound);
    };
    let last: Option<String> = row.try_get(0)?;
    if let Some(last) = last
        && is_after(&last, &r.not_after)
    {
        return Ok(ResendOutcome::TooSoon { last });
    }
    queue_email(conn, &r.reseller_id, &r.customer_id, &r.email, &r.at).await?;
    sqlx::query(
        "UPDATE customers SET activation_sent_at = $1, activation_email = 'queued' WHERE id = $2",
    )
    .bind(&r.at)
    .bind(&r.customer_id)
    .execute(&mut *conn)
    .await?;
    Ok(ResendOutcome::Queued)
}

/// `a` is later than `b` (as times when both parse, else as text).
fn is_after(a: &str, b: &str) -> bool {
    match (crate::util::parse_time(a), crate::util::parse_time(b)) {
        (Some(a), Some(b)) => a > b,
        _ => a > b,
    }
}
