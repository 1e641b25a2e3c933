//! The Edit customer view's usage chart and Suggest texts, a catalogue of their own so the main
//! ones stay readable; [`Texts::usage`](super::Texts) reaches them.

pub(super) mod en;
pub(super) mod fi;

/// Everything the usage panel of the Edit customer view says, in one language.
pub struct UsageTexts {
    pub title: &'static str,
    /// The chart's accessible name.
    pub chart_name: &'static str,
    pub loading: &'static str,
    pub failed: fn(&str) -> String,
    pub no_samples: &'static str,
    /// Fewer samples than the forecast needs: (days there are, days needed).
    pub not_enough_history: fn(usize, usize) -> String,
    pub show_table: &'static str,
    pub table_caption: &'static str,
    pub col_date: &'static str,
    pub col_used: &'static str,
    pub col_users: &'static str,
    pub legend_used: &'static str,
    pub legend_allocation: &'static str,
    pub legend_forecast: &'static str,
    pub runs_out_marker: &'static str,
    /// How to read a day with the keyboard.
    pub chart_hint: &'static str,
    /// One day's values: (date, used storage, active users).
    pub day_values: fn(&str, &str, &str) -> String,
    /// A day as shown: (day, month 0–11, year).
    pub date: fn(i32, u32, i32) -> String,
    /// Used storage against the allocation: (used, allocation).
    pub storage_of: fn(&str, &str) -> String,
    /// Active users against the licenses: (active users, licenses).
    pub users_of: fn(u64, &str, &str) -> String,
    /// Storage runs out in this many days, on this date.
    pub storage_runs_out_in: fn(u16, &str) -> String,
    pub storage_full: &'static str,
    pub storage_not_growing: &'static str,
    pub storage_beyond_year: &'static str,
    /// Licenses run out in this many days, on this date.
    pub licenses_run_out_in: fn(u16, &str) -> String,
    pub licenses_exceeded: &'static str,
    pub licenses_not_growing: &'static str,
    pub licenses_beyond_year: &'static str,
    pub suggest: &'static str,
    pub suggest_hint: &'static str,
    /// After Suggest: what was filled in (Extra Storage, User Licenses).
    pub suggested: fn(&str, &str) -> String,
}
