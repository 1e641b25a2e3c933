//! How a failed API call reads: [`Worded`] is how the widgets and forms word a failure (what
//! else they know of it is `api::Problem`), [`api_error`] the words for each [`ApiError`].

use domain::ActivationQueued;

use super::Texts;
use crate::api::ApiError;

/// How a failure reads in the error panel and the forms.
pub trait Worded {
    /// What went wrong, in the catalogue's language.
    fn words(&self, t: &Texts) -> String;
}

impl Worded for ApiError {
    fn words(&self, t: &Texts) -> String {
        api_error(t, self)
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
        ApiError::Unauthorized | ApiError::Expired => t.error_unauthorized.to_owned(),
        ApiError::ViewOnly => t.error_view_only.to_owned(),
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
        ApiError::Server { status, detail, .. } if *status >= 500 && detail.is_empty() => {
            (t.error_server)(*status)
        }
        ApiError::Server { status, detail, .. } if *status >= 500 => {
            format!("{detail} (HTTP {status})")
        }
        ApiError::Server { status: 404, .. } => t.error_no_such_request.to_owned(),
        ApiError::Server { status, detail, .. } if detail.is_empty() => (t.error_refused)(*status),
        ApiError::Server { status, detail, .. } => (t.error_refused_detail)(*status, detail),
        ApiError::Decode(what) => (t.error_unreadable)(what),
    }
}
