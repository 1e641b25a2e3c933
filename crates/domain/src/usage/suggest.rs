//! Suggest: the allocation that lasts [`SUGGEST_DAYS`] at the trend, and licenses for today's
//! active users with headroom, for the Edit form to fill in (the user reviews and saves).

use super::forecast::{BYTES_PER_GB, DailyUsage, series, trend, window};
use crate::rules::{LICENSES_MAX, LICENSES_MIN, STORAGE_MAX_GB};

/// The suggested allocation lasts this many days after the latest sample, at the trend.
pub const SUGGEST_DAYS: f64 = 90.0;
/// Suggested storage is rounded up to a multiple of this many GB.
pub const SUGGEST_STORAGE_STEP_GB: u64 = 10;
/// Suggested licenses are today's active users plus this many percent, rounded up.
pub const SUGGEST_LICENSE_HEADROOM_PERCENT: u64 = 10;

/// What Suggest fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    /// Extra Storage in GB.
    pub extra_storage_gb: u64,
    /// User Licenses.
    pub user_licenses: u32,
}

/// The suggestion for a customer with this usage `history` (any order) and this allocation;
/// `None` without any sample.
///
/// Storage, growing (a trend over at least 14 samples with a positive slope): the trend's value
/// [`SUGGEST_DAYS`] after the latest sample, never below the latest used storage. Not growing,
/// or too little history to tell: today's allocation, unless the latest usage is above it — an
/// allocation is not cut to the bone on a flat or unknown trend. Either way rounded up to a whole
/// [`SUGGEST_STORAGE_STEP_GB`]. Licenses: the latest active users + 10 %, rounded up (at least 1).
pub fn suggest(history: &[DailyUsage], extra_storage_gb: u64) -> Option<Suggestion> {
    let window = window(history);
    let latest = *window.last()?;
    let used = latest.used_storage_bytes as f64;
    let bytes = match trend(&series(&window, |s| s.used_storage_bytes as f64)) {
        Some(t) if t.slope > 0.0 => t.at(SUGGEST_DAYS).max(used),
        _ => used.max(extra_storage_gb as f64 * BYTES_PER_GB as f64),
    };
    let step = (SUGGEST_STORAGE_STEP_GB * BYTES_PER_GB) as f64;
    let storage = ((bytes / step).ceil() as u64).saturating_mul(SUGGEST_STORAGE_STEP_GB);
    let users = u64::from(latest.active_users);
    let licenses = (users * (100 + SUGGEST_LICENSE_HEADROOM_PERCENT)).div_ceil(100);
    Some(Suggestion {
        extra_storage_gb: storage.min(STORAGE_MAX_GB),
        user_licenses: licenses.clamp(u64::from(LICENSES_MIN), u64::from(LICENSES_MAX)) as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GB: u64 = BYTES_PER_GB;

    fn days(n: i32, gb: impl Fn(i32) -> u64, users: u32) -> Vec<DailyUsage> {
        (0..n)
            .map(|day| DailyUsage {
                day,
                used_storage_bytes: gb(day),
                active_users: users,
            })
            .collect()
    }

    #[test]
    fn growing_usage_gets_the_trend_in_90_days_rounded_up_to_10_gb() {
        // 1,000 GB today, 2 GB a day: 1,180 GB in 90 days.
        let history = days(60, |d| (882 + 2 * d as u64) * GB, 41);
        let s = suggest(&history, 1000).unwrap();
        assert_eq!(s.extra_storage_gb, 1180);
        // 41 + 10 % = 45.1, rounded up.
        assert_eq!(s.user_licenses, 46);
        // One GB more today rounds up to the next 10.
        let history = days(60, |d| (883 + 2 * d as u64) * GB, 41);
        assert_eq!(suggest(&history, 1000).unwrap().extra_storage_gb, 1190);
    }

    #[test]
    fn a_spike_does_not_move_the_suggestion() {
        let mut history = days(60, |d| (882 + 2 * d as u64) * GB, 10);
        history[30].used_storage_bytes = 5000 * GB;
        assert_eq!(suggest(&history, 1000).unwrap().extra_storage_gb, 1180);
    }

    #[test]
    fn flat_usage_keeps_the_allocation_and_never_goes_below_usage() {
        let flat = days(60, |_| 400 * GB, 10);
        assert_eq!(suggest(&flat, 2000).unwrap().extra_storage_gb, 2000);
        // Over the allocation already: the usage, rounded up.
        let over = days(60, |_| 2_345 * GB + 1, 10);
        assert_eq!(suggest(&over, 2000).unwrap().extra_storage_gb, 2350);
        // Shrinking: the allocation stays.
        let shrinking = days(60, |d| (900 - d as u64) * GB, 10);
        assert_eq!(suggest(&shrinking, 1000).unwrap().extra_storage_gb, 1000);
    }

    #[test]
    fn too_little_history_keeps_the_allocation_and_no_history_suggests_nothing() {
        let short = days(5, |d| (100 + 50 * d as u64) * GB, 9);
        let s = suggest(&short, 250).unwrap();
        assert_eq!(
            s.extra_storage_gb, 300,
            "usage 300 GB is above the 250 GB allocation"
        );
        assert_eq!(s.user_licenses, 10);
        assert_eq!(suggest(&[], 250), None);
    }

    #[test]
    fn licenses_are_at_least_one_and_storage_is_within_the_limits() {
        let none = days(20, |_| 0, 0);
        assert_eq!(
            suggest(&none, 0),
            Some(Suggestion {
                extra_storage_gb: 0,
                user_licenses: 1
            })
        );
        let huge = days(60, |d| (9_999_000 + 1000 * d as u64) * GB, u32::MAX);
        let s = suggest(&huge, 0).unwrap();
        assert_eq!(s.extra_storage_gb, STORAGE_MAX_GB);
        assert_eq!(s.user_licenses, LICENSES_MAX);
    }

    #[test]
    fn the_latest_sample_of_a_day_counts_and_order_does_not_matter() {
        let mut history = days(60, |d| (882 + 2 * d as u64) * GB, 41);
        history.reverse();
        history.push(DailyUsage {
            day: 59,
            used_storage_bytes: 1000 * GB,
            active_users: 100,
        });
        assert_eq!(suggest(&history, 1000).unwrap().user_licenses, 110);
    }
}
