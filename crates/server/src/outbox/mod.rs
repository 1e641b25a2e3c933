//! The activation email outbox: what an email says (`wording`), queued by the store in the same
//! transaction as the change that causes it; a background `worker` claims and delivers them
//! through the `mailer`; `routes` shows them to the reseller and answers the activation link.

pub mod mailer;
pub mod routes;
pub mod wording;
pub mod worker;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub use mailer::Mailer;
pub use routes::{activation_page, escape_html};
pub use worker::{deliver_pending, spawn_worker};

/// The outbox routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/outbox", get(routes::list))
}
