//! English and Finnish: every user-visible string comes from a [`Texts`] catalogue, one file per
//! language. A key missing from either catalogue does not compile; `tests` check the rest.

mod en;
mod fi;

use std::cell::Cell;

use domain::Issue;
use leptos::prelude::*;

use crate::api::ApiError;
pub use crate::config::Locale;

/// Everything the app says, in one language. Functions build sentences with values in them.
pub struct Texts {
    // App shell
    pub language: &'static str,
    pub page_not_found: &'static str,
    pub page_not_found_body: &'static str,
    pub go_to_customers: &'static str,
    pub dismiss: &'static str,
    pub cancel: &'static str,
    pub retry: &'static str,
    pub try_again: &'static str,
    pub sign_in_again: &'static str,
    pub sign_in_in_portal: &'static str,

    // Customers tab
    pub customers: &'static str,
    pub customers_caption: &'static str,
    pub usage_as_of: fn(&str) -> String,
    pub loading_customers: &'static str,
    pub add: &'static str,
    pub add_customer: &'static str,
    pub export_csv: &'static str,
    pub export_failed: fn(&str) -> String,
    pub export_not_saved: fn(&str) -> String,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub status: &'static str,
    pub all_statuses: &'static str,
    pub storage_type: &'static str,
    pub all_storage_types: &'static str,
    pub needs_attention: &'static str,
    pub clear_filters: &'static str,
    pub col_organization: &'static str,
    pub col_domain: &'static str,
    pub col_status: &'static str,
    pub col_licenses: &'static str,
    pub col_storage: &'static str,
    pub col_storage_type: &'static str,
    pub col_actions: &'static str,
    pub not_registered: &'static str,
    pub inadequate_licenses: &'static str,
    pub storage_full: &'static str,
    pub nearly_full: &'static str,
    pub storage_used_by: fn(&str) -> String,
    pub edit_customer: &'static str,
    pub edit_customer_named: fn(&str) -> String,
    pub resend_activation: &'static str,
    pub resend_activation_to: fn(&str) -> String,
    pub resend_question: &'static str,
    pub resend: &'static str,
    pub resend_explained: fn(&str, &str) -> String,
    pub resend_queued: fn(&str, &str) -> String,
    pub resend_rate_limited: fn(&str, u32) -> String,
    pub resend_failed: fn(&str, &str) -> String,
    pub no_customers_yet: &'static str,
    pub no_customers_yet_body: &'static str,
    pub no_matches: &'static str,
    pub no_matches_body: &'static str,
    pub saved_not_on_page: &'static str,
    pub show_it: &'static str,
    pub pages: &'static str,
    pub rows_per_page: &'static str,
    pub range_of: fn(&str, &str, &str) -> String,
    pub none_of: fn(&str) -> String,
    pub previous: &'static str,
    pub next: &'static str,
    pub status_pending: &'static str,
    pub status_active: &'static str,
    pub storage_azure: &'static str,
    pub storage_finnish_s3: &'static str,

    // Errors from the API
    pub error_network: &'static str,
    pub error_offline: &'static str,
    pub error_timeout: &'static str,
    pub error_unauthorized: &'static str,
    pub error_forbidden: &'static str,
    pub error_not_found: &'static str,
    pub error_conflict: &'static str,
    pub error_server: fn(u16) -> String,
    pub error_decode: &'static str,

    /// A validation error or warning from `crates/domain`, by its code.
    pub issue: fn(&Issue) -> String,
}

/// The catalogue for a locale.
pub fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::En => &en::TEXTS,
        Locale::Fi => &fi::TEXTS,
    }
}

thread_local! {
    /// The locale for code outside views (number formatting); follows [`I18n::set`].
    static CURRENT: Cell<Locale> = const { Cell::new(Locale::En) };
}

/// The locale in force, for formatting outside reactive views.
pub fn current_locale() -> Locale {
    CURRENT.with(Cell::get)
}

/// The app's language, switchable at run time. Provided as context by [`crate::App`].
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    /// Starts in `locale`.
    pub fn new(locale: Locale) -> Self {
        CURRENT.with(|c| c.set(locale));
        I18n {
            locale: RwSignal::new(locale),
        }
    }

    /// The current catalogue; reading it inside a view re-renders on a language switch.
    pub fn t(&self) -> &'static Texts {
        texts(self.locale.get())
    }

    /// The current locale (tracked).
    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// Switches the language.
    pub fn set(&self, locale: Locale) {
        CURRENT.with(|c| c.set(locale));
        self.locale.set(locale);
    }
}

/// The app's [`I18n`], or English when none is provided (component tests).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(Locale::En))
}

/// What went wrong with an API call, in the user's language; the server's own explanation is
/// kept where it gave one.
pub fn api_error(t: &Texts, error: &ApiError) -> String {
    match error {
        ApiError::Network => t.error_network.to_owned(),
        ApiError::Offline => t.error_offline.to_owned(),
        ApiError::Timeout => t.error_timeout.to_owned(),
        ApiError::Unauthorized => t.error_unauthorized.to_owned(),
        ApiError::Forbidden => t.error_forbidden.to_owned(),
        ApiError::NotFound => t.error_not_found.to_owned(),
        ApiError::Conflict { .. } => t.error_conflict.to_owned(),
        ApiError::Server { status, detail } if detail.is_empty() => (t.error_server)(*status),
        ApiError::Decode(_) => t.error_decode.to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
