//! The Edit customer view's usage chart and Suggest texts, a catalogue of their own so the main
//! ones stay readable; [`Texts::usage`](super::Texts) reaches them.

pub(super) mod en;
pub(super) mod fi;

/// Everything the usage panel of the Edit customer view says, in one language. Sentences with
/// values are templates for [`fill`] (`{0}`, `{1}`, …), not functions: function pointers would keep
/// their code in the first-load wasm, and these texts are only used by the lazy Edit chunk.
pub struct UsageTexts {
    pub title: &'static str,
    /// The chart's accessible name.
    pub chart_name: &'static str,
    pub loading: &'static str,
    /// {0}: why.
    pub failed: &'static str,
    pub no_samples: &'static str,
    /// Fewer samples than the forecast needs: {0} days there are, {1} days needed.
    pub not_enough_history: &'static str,
    pub not_enough_history_one: &'static str,
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
    /// One day's values: {0} date, {1} used storage, {2} active users (`active_users`).
    pub day_values: &'static str,
    /// A day as shown: {0} day, {1} month (from `months`), {2} year.
    pub date: &'static str,
    pub months: [&'static str; 12],
    /// Used storage against the allocation: {0} used, {1} allocation.
    pub storage_of: &'static str,
    /// A count of active users: {0} the number (more than one, or none).
    pub active_users: &'static str,
    /// One active user.
    pub active_users_one: &'static str,
    /// Active users against the licenses: {0} active users (`active_users`), {1} licenses.
    pub users_of: &'static str,
    /// Active users against one license: {0} active users (`active_users`).
    pub users_of_one: &'static str,
    /// Storage runs out in {0} days, on {1}.
    pub storage_runs_out_in: &'static str,
    pub storage_runs_out_in_one: &'static str,
    pub storage_full: &'static str,
    pub storage_not_growing: &'static str,
    pub storage_beyond_year: &'static str,
    /// Licenses run out in {0} days, on {1}.
    pub licenses_run_out_in: &'static str,
    pub licenses_run_out_in_one: &'static str,
    pub licenses_exceeded: &'static str,
    pub licenses_not_growing: &'static str,
    pub licenses_beyond_year: &'static str,
    pub suggest: &'static str,
    pub suggest_hint: &'static str,
    /// After Suggest: {0} Extra Storage, {1} User Licenses filled in.
    pub suggested: &'static str,
}

/// A template with `{0}`, `{1}`, … replaced by `values`.
pub fn fill(template: &str, values: &[&str]) -> String {
    // One pass with plain pushes: `format!` and `replace` per value cost the Edit chunk more.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .split_once('}')
            .and_then(|(n, _)| n.parse::<usize>().ok())
            .and_then(|n| values.get(n));
        match value {
            Some(value) => {
                out.push_str(value);
                rest = &after[after.find('}').unwrap_or(0) + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{en, fi, fill};

    #[test]
    fn templates_are_filled_and_both_languages_take_the_same_values() {
        assert_eq!(
            fill("{0} of {1} used", &["1 TB", "2 TB"]),
            "1 TB of 2 TB used"
        );
        assert_eq!(
            fill("{1}: {0}, {0} {2} {x} {", &["a", "b"]),
            "b: a, a {2} {x} {"
        );
        let placeholders = |t: &str| {
            (0..3)
                .map(|n| t.contains(&format!("{{{n}}}")))
                .collect::<Vec<_>>()
        };
        let (e, f) = (&en::TEXTS, &fi::TEXTS);
        for (a, b) in [
            (e.failed, f.failed),
            (e.not_enough_history, f.not_enough_history),
            (e.day_values, f.day_values),
            (e.date, f.date),
            (e.storage_of, f.storage_of),
            (e.users_of, f.users_of),
            (e.users_of_one, f.users_of_one),
            (e.active_users, f.active_users),
            (e.storage_runs_out_in, f.storage_runs_out_in),
            (e.licenses_run_out_in, f.licenses_run_out_in),
            (e.suggested, f.suggested),
        ] {
            assert_eq!(placeholders(a), placeholders(b), "{a} / {b}");
            assert_ne!(a, b, "{a} is not translated");
        }
    }
}
