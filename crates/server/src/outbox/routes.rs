//! The outbox's routes: `GET /api/v1/outbox` (a reseller's emails, for end-to-end tests and
//! support) and `GET /activate/{token}`, where an activation email links to.

use axum::extract::State;
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::http::ApiError;
use crate::http::identity::Manager;
use crate::store::OutboxEmail;

/// One queued (or sent) email.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct OutboxEntry {
    pub id: i64,
    pub customer_id: String,
    pub recipients: Vec<String>,
    pub subject: String,
    /// The email's text; empty once delivered longer ago than `--retain-email-days` (the
    /// retention job removes it with the activation token).
    pub body: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When it was delivered; null while queued.
    #[schema(format = DateTime)]
    pub sent_at: Option<String>,
    /// Delivery attempts so far.
    pub attempts: i64,
    /// Why the last attempt failed; null when none has.
    pub last_error: Option<String>,
    /// When a refused email is tried next; null when it is due at once, sent or given up on.
    #[schema(format = DateTime)]
    pub next_attempt_at: Option<String>,
    /// When it was given up on after three days of refusals; null otherwise.
    #[schema(format = DateTime)]
    pub dead_at: Option<String>,
}

impl From<OutboxEmail> for OutboxEntry {
    fn from(e: OutboxEmail) -> Self {
        OutboxEntry {
            id: e.id,
            customer_id: e.customer_id,
            recipients: e.recipients,
            subject: e.subject,
            body: e.body,
            created_at: e.created_at,
            sent_at: e.sent_at,
            attempts: e.attempts,
            last_error: e.last_error,
            next_attempt_at: e.next_attempt_at,
            dead_at: e.dead_at,
        }
    }
}

/// `GET /api/v1/outbox`: the reseller's emails, newest first (for end-to-end tests and support).
#[utoipa::path(
    get,
    path = "/api/v1/outbox",
    tag = "customers",
    security(("bearer" = ["manager"]), ("session" = ["manager"])),
    responses(
        (status = 200, description = "The reseller's queued and sent emails, newest first (at most 500)", body = Vec<OutboxEntry>),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Manager(identity): Manager,
) -> Result<axum::Json<Vec<OutboxEntry>>, ApiError> {
    let emails = state.store.outbox_list(&identity.reseller.id, 500).await?;
    Ok(axum::Json(
        emails.into_iter().map(OutboxEntry::from).collect(),
    ))
}

/// `GET /activate/{token}`: where the activation email links to. In production this is where the
/// organisation signs in with Microsoft and registers its Microsoft 365 domain; the reference
/// server answers with a small plain page naming the customer and changes nothing (mail scanners
/// open links). An unknown token is a 404 page. The token is a secret in the URL: the page is not
/// cached and sends no referrer. A link of an email delivered longer ago than
/// `--retain-email-days` no longer names a customer (the retention job emptied its token): 404.
pub async fn activation_page(
    State(state): State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::IntoResponse;
    let found = state.store.activation_link(&token).await;
    let (status, title, body) = match found {
        Ok(Some(link)) => {
            let (organization, reseller) = (link.organization_name, link.reseller_name);
            let state_line = if link.status == domain::CustomerStatus::Active {
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
            "<p>This activation link is not valid or has expired. Ask your reseller to send a new activation email.</p>"
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
