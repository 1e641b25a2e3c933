//! How a failed API call reads, and what a view can do about it: [`Problem`] is what the
//! widgets and forms know of a failure (they never see the API's types).

use domain::{ActivationQueued, Field, Issue};

use super::Texts;
use crate::api::ApiError;
use crate::context::host_events::AuthFailure;

/// A failure as the error panel and the forms explain it; [`AuthFailure`] says whether it is a 401.
pub trait Problem: AuthFailure + Clone + Send + Sync + 'static {
    /// What went wrong, in the catalogue's language.
    fn words(&self, t: &Texts) -> String;
    /// Trying the same again may succeed.
    fn is_retryable(&self) -> bool;
    /// What the request was about no longer exists (404 for one customer).
    fn is_gone(&self) -> bool;
    /// The problems the server found with form fields (422, 409), in its order.
    fn field_issues(&self) -> Vec<Issue>;
    /// Needs a message of its own beyond errors at the fields.
    fn needs_banner(&self) -> bool;
}

impl Problem for ApiError {
    fn words(&self, t: &Texts) -> String {
        api_error(t, self)
    }

    fn is_retryable(&self) -> bool {
        ApiError::is_retryable(self)
    }

    fn is_gone(&self) -> bool {
        *self == ApiError::NotFound
    }

    fn field_issues(&self) -> Vec<Issue> {
        match self {
            ApiError::Rejected { errors, .. } => errors
                .iter()
                .filter(|i| i.field != Field::Other)
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    }

    fn needs_banner(&self) -> bool {
        match self {
            ApiError::Rejected { errors, .. } => {
                errors.is_empty() || errors.iter().any(|i| i.field == Field::Other)
            }
            ApiError::Conflict { .. } => false,
            _ => true,
        }
    }
}

/// The toast after asking for a new activation email for `name`: queued (to whom), too soon, or
/// failed. The list and the Edit page both say it.
pub fn resend_outcome(
    t: &Texts,
    name: &str,
    result: &Result<ActivationQueued, ApiError>,
) -> String {
    match result {
        Ok(queued) => (t.resend_queued)(name, &queued.recipients.join("; ")),
        Err(ApiError::RateLimited {
            retry_after_secs, ..
        }) => (t.resend_rate_limited)(name, retry_after_secs.unwrap_or(60)),
        Err(error) => (t.resend_failed)(name, &api_error(t, error)),
    }
}

/// What went wrong with an API call, in the user's language; the server's own explanation is
/// kept where it gave one.
pub fn api_error(t: &Texts, error: &ApiError) -> String {
    match error {
        ApiError::Network => t.error_network.to_owned(),
        ApiError::Offline => t.error_offline_unsent.to_owned(),
        ApiError::Timeout => t.error_timeout.to_owned(),
        ApiError::Unauthorized => t.error_unauthorized.to_owned(),
        ApiError::Forbidden => t.error_forbidden_ask.to_owned(),
        ApiError::NotFound => t.error_not_found.to_owned(),
        ApiError::Rejected { detail, .. } if !detail.is_empty() => detail.clone(),
        ApiError::Rejected { status: 409, .. } => t.error_rejected_conflict.to_owned(),
        ApiError::Rejected { status, .. } => (t.error_rejected)(*status),
        ApiError::Conflict { .. } => t.error_conflict.to_owned(),
        ApiError::RateLimited { detail, .. } if !detail.is_empty() => detail.clone(),
        ApiError::RateLimited {
            retry_after_secs: Some(secs),
            ..
        } => (t.error_rate_limited_for)(*secs),
        ApiError::RateLimited { .. } => t.error_rate_limited.to_owned(),
        ApiError::Server { status, detail } if *status >= 500 && detail.is_empty() => {
            (t.error_server)(*status)
        }
        ApiError::Server { status, detail } if *status >= 500 => {
            format!("{detail} (HTTP {status})")
        }
        ApiError::Server { status: 404, .. } => t.error_no_such_request.to_owned(),
        ApiError::Server { status, detail } if detail.is_empty() => (t.error_refused)(*status),
        ApiError::Server { status, detail } => (t.error_refused_detail)(*status, detail),
        ApiError::Decode(what) => (t.error_unreadable)(what),
    }
}
