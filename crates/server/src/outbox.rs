//! The activation email outbox: rows are written in the same transaction as the change that
//! causes them; a background task delivers them (SMTP with `--smtp-url`, otherwise a log line)
//! and marks them sent.

use std::time::Duration;

use axum::extract::State;
use domain::Customer;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::auth::Auth;
use crate::db::{self, Reseller};
use crate::error::ApiError;

/// Give up on a message after this many failed attempts.
const MAX_ATTEMPTS: i64 = 5;

/// One queued (or sent) email.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct OutboxEntry {
    pub id: i64,
    pub customer_id: String,
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When it was delivered; null while queued.
    #[schema(format = DateTime)]
    pub sent_at: Option<String>,
}

/// Queues an activation email to the customer's notify addresses and records when, for the rate
/// limit. Runs inside the caller's transaction.
pub fn queue_activation(
    conn: &Connection,
    reseller: &Reseller,
    customer: &Customer,
    public_url: &str,
    at: &str,
) -> rusqlite::Result<()> {
    let token = db::random_hex(16);
    let link = format!("{}/activate/{token}", public_url.trim_end_matches('/'));
    let subject = format!(
        "Activate Microsoft 365 backup for {}",
        customer.organization_name
    );
    let body = format!(
        "Hello,\n\n\
         {reseller} has set up Microsoft 365 backup for {org}.\n\n\
         To start protecting your data, register your organisation's Microsoft 365 domain here:\n\
         {link}\n\n\
         Storage: {storage}. User licenses: {licenses}.\n\n\
         If you were not expecting this email, you can ignore it.\n",
        reseller = reseller.name,
        org = customer.organization_name,
        storage = crate::messages::storage_type_label(customer.storage_type),
        licenses = customer.user_licenses,
    );
    conn.prepare_cached(
        "INSERT INTO outbox (reseller_id, customer_id, recipients, subject, body, activation_token, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        reseller.id,
        customer.id,
        serde_json::to_string(&customer.notify_emails).expect("strings serialise"),
        subject,
        body,
        token,
        at
    ])?;
    conn.prepare_cached("UPDATE customers SET activation_sent_at = ?1 WHERE id = ?2")?
        .execute(params![at, customer.id])?;
    Ok(())
}

/// `GET /api/v1/outbox`: the reseller's emails, newest first (for end-to-end tests and support).
#[utoipa::path(
    get,
    path = "/api/v1/outbox",
    tag = "customers",
    responses(
        (status = 200, description = "The reseller's queued and sent emails, newest first (at most 500)", body = Vec<OutboxEntry>),
        (status = 401, description = "No valid credentials", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Auth(reseller): Auth,
) -> Result<axum::Json<Vec<OutboxEntry>>, ApiError> {
    let entries = state
        .db
        .call(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, customer_id, recipients, subject, body, created_at, sent_at FROM outbox \
                 WHERE reseller_id = ?1 ORDER BY id DESC LIMIT 500",
            )?;
            let rows = stmt.query_map([&reseller.id], |r| {
                let recipients: String = r.get(2)?;
                Ok(OutboxEntry {
                    id: r.get(0)?,
                    customer_id: r.get(1)?,
                    recipients: serde_json::from_str(&recipients).unwrap_or_default(),
                    subject: r.get(3)?,
                    body: r.get(4)?,
                    created_at: r.get(5)?,
                    sent_at: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(axum::Json(entries))
}

/// `GET /activate/{token}`: where the activation email links to. In production this is where the
/// organisation signs in with Microsoft and registers its Microsoft 365 domain; the reference
/// server answers with a small plain page naming the customer and changes nothing (mail scanners
/// open links). An unknown token is a 404 page. The token is a secret in the URL: the page is not
/// cached and sends no referrer.
pub async fn activation_page(
    State(state): State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::IntoResponse;
    let found = state
        .db
        .call(move |conn| {
            use rusqlite::OptionalExtension;
            Ok(conn
                .prepare_cached(
                    "SELECT c.organization_name, c.status, r.name FROM outbox o \
                     JOIN customers c ON c.id = o.customer_id JOIN resellers r ON r.id = o.reseller_id \
                     WHERE o.activation_token = ?1 LIMIT 1",
                )?
                .query_row([&token], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
                })
                .optional()?)
        })
        .await;
    let (status, title, body) = match found {
        Ok(Some((organization, customer_status, reseller))) => {
            let state_line = if customer_status == "active" {
                "Its Microsoft 365 backup is already active."
            } else {
                "Its Microsoft 365 backup is waiting for activation."
            };
            (
                StatusCode::OK,
                "Activate Microsoft 365 backup",
                format!(
                    "<p>{reseller} has set up Microsoft 365 backup for <strong>{organization}</strong>. {state_line}</p>\n\
                     <p>This is the reference server: in production, this page is where the organisation signs in \
                     with Microsoft and registers its Microsoft 365 domain. Nothing has been changed.</p>",
                    reseller = escape_html(&reseller),
                    organization = escape_html(&organization),
                ),
            )
        }
        Ok(None) => (
            StatusCode::NOT_FOUND,
            "Activation link not valid",
            "<p>This activation link is not valid. Ask your reseller to send a new activation email.</p>"
                .to_owned(),
        ),
        Err(e) => {
            tracing::error!(error = ?e, "reading an activation link failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "<p>Something went wrong on our side. Try the link again later.</p>".to_owned(),
            )
        }
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n{body}\n</body>\n</html>\n"
    );
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
        ],
        html,
    )
        .into_response()
}

/// Text as HTML text or attribute content.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How queued emails leave the server.
#[derive(Clone)]
pub enum Mailer {
    /// Log the message and mark it sent (development, demos, tests).
    Log,
    /// Deliver over SMTP.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: lettre::message::Mailbox,
    },
}

impl Mailer {
    /// SMTP from a URL such as `smtp://localhost:1025` (plain SMTP: this build has no TLS).
    pub fn smtp(url: &str, from: &str) -> anyhow::Result<Mailer> {
        let rest = url.strip_prefix("smtp://").ok_or_else(|| {
            anyhow::anyhow!(
                "--smtp-url {url:?}: use smtp://[user:password@]host[:port] (this build has no TLS)"
            )
        })?;
        let rest = rest.trim_end_matches('/');
        let (credentials, host_port) = match rest.rsplit_once('@') {
            Some((creds, host_port)) => (Some(creds), host_port),
            None => (None, rest),
        };
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>()
                    .map_err(|_| anyhow::anyhow!("--smtp-url {url:?}: bad port {port:?}"))?,
            ),
            None => (host_port, 25),
        };
        if host.is_empty() {
            anyhow::bail!("--smtp-url {url:?}: no host");
        }
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port);
        if let Some(creds) = credentials {
            let (user, password) = creds.split_once(':').unwrap_or((creds, ""));
            builder =
                builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
                    user.to_owned(),
                    password.to_owned(),
                ));
        }
        let transport = builder.build();
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("--smtp-from {from:?}: {e}"))?;
        Ok(Mailer::Smtp { transport, from })
    }

    async fn deliver(&self, email: &OutboxEntry) -> anyhow::Result<()> {
        match self {
            Mailer::Log => {
                tracing::info!(
                    id = email.id,
                    to = %email.recipients.join(", "),
                    subject = %email.subject,
                    "activation email (no --smtp-url, not sent):\n{}",
                    email.body
                );
                Ok(())
            }
            Mailer::Smtp { transport, from } => {
                let mut builder = Message::builder()
                    .from(from.clone())
                    .subject(email.subject.clone());
                for to in &email.recipients {
                    builder = builder.to(to
                        .parse()
                        .map_err(|e| anyhow::anyhow!("recipient {to:?}: {e}"))?);
                }
                let message = builder.body(email.body.clone())?;
                transport.send(message).await?;
                tracing::info!(id = email.id, to = %email.recipients.join(", "), "activation email sent");
                Ok(())
            }
        }
    }
}

/// Delivers queued emails until the process ends: woken on every new row, and every few seconds.
pub fn spawn_worker(state: AppState, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(e) = deliver_pending(&state, &mailer).await {
                tracing::warn!(error = ?e, "outbox delivery failed");
            }
            tokio::select! {
                _ = state.outbox_wakeup.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
    })
}

/// Delivers every queued email once.
pub async fn deliver_pending(state: &AppState, mailer: &Mailer) -> Result<(), ApiError> {
    let pending = state
        .db
        .call(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, customer_id, recipients, subject, body, created_at FROM outbox \
                 WHERE sent_at IS NULL AND attempts < ?1 ORDER BY id LIMIT 50",
            )?;
            let rows = stmt.query_map([MAX_ATTEMPTS], |r| {
                let recipients: String = r.get(2)?;
                Ok(OutboxEntry {
                    id: r.get(0)?,
                    customer_id: r.get(1)?,
                    recipients: serde_json::from_str(&recipients).unwrap_or_default(),
                    subject: r.get(3)?,
                    body: r.get(4)?,
                    created_at: r.get(5)?,
                    sent_at: None,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    for email in pending {
        let outcome = mailer.deliver(&email).await;
        let id = email.id;
        state
            .db
            .call(move |conn| {
                match outcome {
                    Ok(()) => conn.execute(
                        "UPDATE outbox SET sent_at = ?1, attempts = attempts + 1, last_error = NULL WHERE id = ?2",
                        params![db::now(), id],
                    )?,
                    Err(e) => {
                        tracing::warn!(id, error = %e, "could not deliver an activation email");
                        conn.execute(
                            "UPDATE outbox SET attempts = attempts + 1, last_error = ?1 WHERE id = ?2",
                            params![e.to_string(), id],
                        )?
                    }
                };
                Ok(())
            })
            .await?;
    }
    Ok(())
}
