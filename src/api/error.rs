//! What can go wrong with an API call, and what a view can do about it ([`Problem`]); how a
//! failure reads is in `i18n::errors`.

use domain::{Customer, Field, Issue};

use crate::context::host_events::AuthFailure;

/// What went wrong with an API call, in terms a view can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached (refused, DNS, connection lost).
    Network,
    /// The browser is offline, so the request was never sent.
    Offline,
    /// The server did not answer in time.
    Timeout,
    /// 401: the session is missing or not valid.
    Unauthorized,
    /// 401 with code `token-expired`: the token has expired; the host hands over a fresh one.
    Expired,
    /// 403 with code `forbidden`: the signed-in role may only view customers (a viewer's write).
    ViewOnly,
    /// 403 for another reason: signed in, but not allowed.
    Forbidden,
    /// 404 for one customer: no such customer (or not this reseller's). A 404 elsewhere (the
    /// list or create URL) is a [`ApiError::Server`]: the API is not where the app expects it.
    NotFound,
    /// 409 or 422: the server rejected values; `errors` name the fields.
    Rejected {
        status: u16,
        detail: String,
        errors: Vec<Issue>,
    },
    /// 412: someone else saved the customer first; `current` is what the server has now.
    Conflict { current: Box<Customer> },
    /// 429: too many requests; try again after the given number of seconds.
    RateLimited {
        detail: String,
        retry_after_secs: Option<u32>,
    },
    /// Any other error status (5xx and unexpected 4xx) with the server's explanation and the
    /// request's id (its problem body's `request_id`) for the user to quote to support.
    Server {
        status: u16,
        detail: String,
        request_id: Option<String>,
    },
    /// The server answered, but not with what the app expects.
    Decode(String),
}

impl ApiError {
    /// Whether trying the same request again may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network
                | ApiError::Offline
                | ApiError::Timeout
                | ApiError::RateLimited { .. }
                | ApiError::Decode(_)
        ) || matches!(self, ApiError::Server { status, .. } if *status >= 500)
    }

    /// What a 404 means for an endpoint about one customer: that customer does not exist.
    pub fn missing_customer(self) -> Self {
        match self {
            ApiError::Server { status: 404, .. } => ApiError::NotFound,
            other => other,
        }
    }
}

impl AuthFailure for ApiError {
    fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Unauthorized | ApiError::Expired)
    }

    fn is_expired(&self) -> bool {
        *self == ApiError::Expired
    }
}

/// A failure as the error panel, the forms and the save chain classify it: they never see
/// [`ApiError`] itself. How it reads is `i18n::Worded`; whether it is a 401 is [`AuthFailure`].
pub trait Problem: AuthFailure + Clone + Send + Sync + 'static {
    /// Trying the same again may succeed.
    fn is_retryable(&self) -> bool;
    /// What the request was about no longer exists (404 for one customer).
    fn is_gone(&self) -> bool;
    /// The problems the server found with form fields (422, 409), in its order.
    fn field_issues(&self) -> Vec<Issue>;
    /// Needs a message of its own beyond errors at the fields.
    fn needs_banner(&self) -> bool;
    /// The request id the server gave the failed request, for the user to quote to support.
    fn reference(&self) -> Option<String> {
        None
    }
}

impl Problem for ApiError {
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

    fn reference(&self) -> Option<String> {
        match self {
            ApiError::Server { request_id, .. } => request_id.clone(),
            _ => None,
        }
    }
}
