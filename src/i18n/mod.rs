//! English and Finnish: every user-visible string comes from a [`Texts`] catalogue, one file per
//! language. A key missing from either catalogue does not compile; `tests` check the rest.

mod en;
mod errors;
mod fi;
pub mod format;
mod import;
pub mod preference;
mod usage;

pub use errors::{Worded, api_error, resend_outcome};
pub use import::ImportTexts;
pub use usage::{UsageTexts, fill};

use std::cell::Cell;

use domain::Issue;
use leptos::prelude::*;

pub use crate::context::Locale;

/// Everything the app says, in one language. Functions build sentences with values in them.
pub struct Texts {
    /// The language of this catalogue: the lazy views' own catalogues are picked by it
    /// ([`Texts::import`]), so that only their chunks hold them.
    pub locale: Locale,
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
    /// While a view's code arrives (split builds).
    pub loading_view: &'static str,
    /// A view's code could not be fetched.
    pub view_load_failed: &'static str,

    // Customers tab
    pub customers: &'static str,
    pub customers_caption: &'static str,
    pub usage_as_of: fn(&str) -> String,
    pub loading_customers: &'static str,
    pub add: &'static str,
    pub add_customer: &'static str,
    /// The Import customers view's title, also the Add menu's second item (the view's other
    /// texts: [`Texts::import`]).
    pub import_customers: &'static str,
    /// The Edit customer view's usage chart and Suggest.
    pub usage: &'static UsageTexts,
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
    /// Names the sort choices where the table is shown as cards.
    pub sort_by: &'static str,
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
    /// The Actions button and the customer page's title for a viewer.
    pub view_customer: &'static str,
    pub view_customer_named: fn(&str) -> String,
    /// A viewer's customer page: why nothing can be changed.
    pub view_only_customer: &'static str,
    /// A viewer on Add customer or Import customers: why there is no form.
    pub view_only_add: &'static str,
    pub resend_activation: &'static str,
    pub resend_activation_to: fn(&str) -> String,
    pub resend_question: &'static str,
    pub resend: &'static str,
    pub resend_explained: fn(&str, &str) -> String,
    pub resend_queued: fn(&str, &str) -> String,
    pub resend_rate_limited: fn(&str, u32) -> String,
    pub resend_failed: fn(&str, &str) -> String,
    /// The list's badge for a customer whose activation email could not be delivered.
    pub email_undeliverable: &'static str,
    /// The Edit page's notice for it (the notify addresses).
    pub activation_undeliverable: fn(&str) -> String,
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
    /// "1–25 of 1,000+ customers": a search's total counted only up to a limit.
    pub range_of_at_least: fn(&str, &str, &str) -> String,
    pub previous: &'static str,
    pub next: &'static str,
    pub status_pending: &'static str,
    pub status_active: &'static str,
    pub storage_azure: &'static str,
    pub storage_finnish_s3: &'static str,
    // The list's forecast: the "Runs out" column and its filter
    pub col_runs_out: &'static str,
    /// The toolbar filter: runs out within 30 days (or already has).
    pub runs_out_soon: &'static str,
    /// What runs out first, above or before "in N days".
    pub runs_out_storage: &'static str,
    pub runs_out_licenses: &'static str,
    /// Both on the same day.
    pub runs_out_both: &'static str,
    /// "in 12 days".
    pub runs_out_in_days: fn(u16) -> String,
    /// Already at or over.
    pub runs_out_now: &'static str,
    /// The exact date of "in N days" (a formatted date in it).
    pub runs_out_on: fn(&str) -> String,
    /// The date of the usage that is already over, for "now".
    pub runs_out_as_of: fn(&str) -> String,
    /// Read to screen readers for "–": no forecast within a year (or not enough history).
    pub no_forecast: &'static str,
    /// A calendar date: day, month (1–12), year: "19 Dec 2026", "19.12.2026".
    pub date: fn(u32, u32, i32) -> String,

    // Errors from the API
    pub error_network: &'static str,
    pub error_timeout: &'static str,
    pub error_unauthorized: &'static str,
    pub error_not_found: &'static str,
    pub error_conflict: &'static str,
    pub error_server: fn(u16) -> String,
    /// The failed request's id under an error, for the user to quote to support.
    pub error_reference: fn(&str) -> String,

    // Add / Edit customer forms
    /// A form field's label (also the name validation messages use).
    pub field_label: fn(domain::Field) -> &'static str,
    pub hint_domain: &'static str,
    pub hint_licenses: &'static str,
    pub hint_storage: &'static str,
    pub hint_notify: &'static str,
    pub hint_storage_type: &'static str,
    pub storage_unit_label: &'static str,
    pub required_legend: &'static str,
    pub error_prefix: &'static str,
    pub warning_prefix: &'static str,
    pub summary_one: &'static str,
    pub summary_many: fn(usize) -> String,
    pub input_kept: &'static str,
    pub opens_in_new_tab: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saving_customer: &'static str,
    pub saving_changes: &'static str,
    pub not_created: &'static str,
    pub retry_safe_create: &'static str,
    pub not_saved: &'static str,
    pub retry_safe_update: &'static str,
    pub chips_label: &'static str,
    pub chip_edit_invalid: fn(&str) -> String,
    pub chip_remove: fn(&str) -> String,
    pub breadcrumb: &'static str,
    pub created_toast: fn(&str, &str) -> String,
    pub saved_toast: fn(&str) -> String,
    pub updated_toast: fn(&str, &str) -> String,
    pub loading_customer: &'static str,
    pub customer_not_found: &'static str,
    pub customer_not_found_body: &'static str,
    pub change_history: &'static str,
    pub loading_history: &'static str,
    pub history_failed: fn(&str) -> String,
    pub no_changes_yet: &'static str,
    pub history_caption: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_change: &'static str,
    pub customer_created: &'static str,
    /// The roles, as the change history names them after a person.
    pub role_manager: &'static str,
    pub role_viewer: &'static str,
    /// The backup platform's usage-reporting token (never in a history today: usage is no edit).
    pub role_usage_writer: &'static str,
    /// "28 Nov 2026, 10:42" from day, month (0–11), year, hours and minutes.
    pub date_time: fn(u32, u32, u32, u32, u32) -> String,
    pub licenses_in_use: fn(u64, &str) -> String,
    pub storage_in_use: fn(&str, &str, &str) -> String,
    pub fixed_details: &'static str,
    pub storage_type_fixed: &'static str,
    pub contact_support: &'static str,
    pub nothing_left_to_save: &'static str,
    pub changes_discarded: &'static str,
    pub conflict_title: &'static str,
    pub conflict_body: fn(&str, &str) -> String,
    pub conflict_caption: &'static str,
    pub when_opened: &'static str,
    pub now_on_server: &'static str,
    pub yours: &'static str,
    pub not_changed: &'static str,
    pub apply_mine: &'static str,
    pub discard_mine: &'static str,
    pub entra_title: &'static str,
    pub entra_before: &'static str,
    pub entra_from_nexetic: &'static str,
    pub entra_or: &'static str,
    pub entra_from_marketplace: &'static str,
    pub entra_after: &'static str,
    pub save_changes_to: fn(&str) -> String,
    pub save_changes: &'static str,
    pub keep_editing: &'static str,
    pub leave_question: &'static str,
    pub leave_title: &'static str,
    pub leave_confirm: &'static str,
    pub leave_stay: &'static str,
    pub leave_body: &'static str,
    pub next_steps_for: fn(&str) -> String,
    pub dismiss_next_steps: &'static str,
    pub next_steps_body: &'static str,
    pub next_step_sso: &'static str,
    pub next_step_permissions: &'static str,
    pub next_step_settings: &'static str,
    // Errors from the API that `api_error` needs besides the ones above, so that English reads
    // exactly as `ApiError`'s `Display`.
    pub error_offline_unsent: &'static str,
    pub error_forbidden_ask: &'static str,
    /// A 403 `forbidden`: the role may only view.
    pub error_view_only: &'static str,
    pub error_unreadable: fn(&str) -> String,
    pub error_rejected_conflict: &'static str,
    pub error_rejected: fn(u16) -> String,
    pub error_rate_limited_for: fn(u32) -> String,
    pub error_rate_limited: &'static str,
    pub error_no_such_request: &'static str,
    pub error_refused: fn(u16) -> String,
    pub error_refused_detail: fn(u16, &str) -> String,
}

impl Texts {
    /// A validation error or warning from `crates/domain`, by its code. A method, not a function
    /// in the catalogue: a function stored in the static catalogue stays in the first load, while
    /// this wording is only for the forms and the import, which load on demand.
    pub fn issue(&self, issue: &Issue) -> String {
        match self.locale {
            Locale::En => en::issue(issue),
            Locale::Fi => fi::issue(issue),
        }
    }
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

/// A customer status as the user reads it.
pub fn status_label(t: &Texts, status: domain::CustomerStatus) -> &'static str {
    match status {
        domain::CustomerStatus::PendingActivation => t.status_pending,
        domain::CustomerStatus::Active => t.status_active,
    }
}

/// A storage type as the user reads it.
pub fn storage_type_label(t: &Texts, storage_type: domain::StorageType) -> &'static str {
    match storage_type {
        domain::StorageType::AzureIreland => t.storage_azure,
        domain::StorageType::FinnishS3 => t.storage_finnish_s3,
    }
}

#[cfg(test)]
mod distinct_tests;
#[cfg(test)]
mod tests;
