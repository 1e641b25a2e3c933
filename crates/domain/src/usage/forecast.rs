//! The forecast: when a customer runs out of storage or licenses, from a robust trend
//! (Theil–Sen: the median of pairwise slopes) over its latest days of usage, so that one day's
//! spike does not move it. Pure: the server stores its answer, the app renders it.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// The trend is read from the samples of this many days, ending at the latest sample.
pub const WINDOW_DAYS: i32 = 60;
/// Fewer samples than this in the window: not enough history to forecast.
pub const MIN_HISTORY_SAMPLES: usize = 14;
/// Forecasts further out than this many days are [`RunsOut::Beyond365`].
pub const HORIZON_DAYS: u16 = 365;
/// A customer whose sooner forecast is at most this many days needs attention.
pub const RUNS_OUT_SOON_DAYS: u16 = 30;
/// How the list sorts a customer that does not run out within the horizon: after any day (the
/// stored `runs_out_days` column holds it too).
pub const RUNS_OUT_NEVER: u16 = 9999;
/// Bytes in one GB of allocation (decimal, as 1 TB = 1000 GB).
pub const BYTES_PER_GB: u64 = 1_000_000_000;

/// One day of a customer's usage: `day` is a day number (`usage::parse_day`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyUsage {
    pub day: i32,
    pub used_storage_bytes: u64,
    pub active_users: u32,
}

/// When one resource runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(tag = "state", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RunsOut {
    /// In this many days (1 to 365) after the latest sample, at the current trend.
    InDays { days: u16 },
    /// Already at or over: the latest sample has reached it.
    Now,
    /// The trend is flat or shrinking.
    NotGrowing,
    /// Fewer than 14 samples in the last 60 days.
    #[default]
    NotEnoughHistory,
    /// Growing, but not within 365 days (`beyond_365` on the wire, as stored and exported).
    #[serde(rename = "beyond_365")]
    Beyond365,
}

impl RunsOut {
    /// Days until it runs out: 0 for [`RunsOut::Now`], `None` unless within the horizon.
    pub fn days(self) -> Option<u16> {
        match self {
            RunsOut::InDays { days } => Some(days),
            RunsOut::Now => Some(0),
            _ => None,
        }
    }

    /// The stored form: `in_days:<n>`, `now`, `not_growing`, `not_enough_history`, `beyond_365`.
    pub fn to_code(self) -> String {
        match self {
            RunsOut::InDays { days } => format!("in_days:{days}"),
            RunsOut::Now => "now".into(),
            RunsOut::NotGrowing => "not_growing".into(),
            RunsOut::NotEnoughHistory => "not_enough_history".into(),
            RunsOut::Beyond365 => "beyond_365".into(),
        }
    }

    /// Reads [`RunsOut::to_code`].
    pub fn from_code(s: &str) -> Option<Self> {
        Some(match s {
            "now" => RunsOut::Now,
            "not_growing" => RunsOut::NotGrowing,
            "not_enough_history" => RunsOut::NotEnoughHistory,
            "beyond_365" => RunsOut::Beyond365,
            other => {
                let days = other.strip_prefix("in_days:")?.parse().ok()?;
                (1..=HORIZON_DAYS)
                    .contains(&days)
                    .then_some(RunsOut::InDays { days })?
            }
        })
    }
}

/// When a customer runs out of storage and of licenses, as of its latest usage sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Forecast {
    /// Until used storage reaches the allocation (`extra_storage_gb`).
    pub storage: RunsOut,
    /// Until active users exceed the assigned licenses.
    pub licenses: RunsOut,
}

impl Forecast {
    /// The sooner of the two in days (0: now); `None` when neither runs out within 365 days.
    pub fn runs_out_days(&self) -> Option<u16> {
        match (self.storage.days(), self.licenses.days()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The list's sort value: [`Forecast::runs_out_days`], or [`RUNS_OUT_NEVER`].
    pub fn runs_out_key(&self) -> u16 {
        self.runs_out_days().unwrap_or(RUNS_OUT_NEVER)
    }

    /// Runs out within [`RUNS_OUT_SOON_DAYS`] (or now): part of "Needs attention".
    pub fn runs_out_soon(&self) -> bool {
        self.runs_out_days()
            .is_some_and(|d| d <= RUNS_OUT_SOON_DAYS)
    }
}

/// The forecast for a customer with this usage `history` (any order; a later entry for the same
/// day replaces an earlier one) and this allocation.
pub fn forecast(history: &[DailyUsage], extra_storage_gb: u64, user_licenses: u32) -> Forecast {
    let window = window(history);
    let Some(latest) = window.last().copied() else {
        return Forecast::default();
    };
    let capacity = extra_storage_gb as f64 * BYTES_PER_GB as f64;
    Forecast {
        storage: runs_out(
            &series(&window, |s| s.used_storage_bytes as f64),
            latest.used_storage_bytes as f64 >= capacity,
            capacity,
        ),
        // Licenses run out when active users exceed them: at one more than assigned.
        licenses: runs_out(
            &series(&window, |s| f64::from(s.active_users)),
            latest.active_users > user_licenses,
            f64::from(user_licenses) + 1.0,
        ),
    }
}

/// The days the trend is read from: [`by_day`], within [`WINDOW_DAYS`] of the latest.
pub fn window(history: &[DailyUsage]) -> Vec<DailyUsage> {
    let mut days = by_day(history);
    let Some(latest) = days.last().copied() else {
        return days;
    };
    days.retain(|s| s.day > latest.day - WINDOW_DAYS);
    days
}

/// One entry per day (a later entry for a day replaces an earlier one), oldest first.
pub fn by_day(history: &[DailyUsage]) -> Vec<DailyUsage> {
    // Insertion from the end: linear on a history given oldest first (as the store and the API
    // give it), and a few bytes of the app's wasm where a std sort is kilobytes.
    let mut days: Vec<DailyUsage> = Vec::with_capacity(history.len());
    for &s in history {
        match days.iter().rposition(|d| d.day <= s.day) {
            Some(i) if days[i].day == s.day => days[i] = s,
            at => days.insert(at.map_or(0, |i| i + 1), s),
        }
    }
    days
}

/// One value of each day of a [`window`] as (day, value) points.
pub fn series(window: &[DailyUsage], value: fn(&DailyUsage) -> f64) -> Vec<(f64, f64)> {
    window
        .iter()
        .map(|s| (f64::from(s.day), value(s)))
        .collect()
}

/// A robust trend line through `points` (day, value; oldest first).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// The day of the latest point.
    pub last_day: f64,
    /// The line's value on `last_day` (the median intercept, robust like the slope).
    pub level: f64,
    /// Change per day (Theil–Sen).
    pub slope: f64,
}

impl Trend {
    /// The line's value `days` after the latest point.
    pub fn at(&self, days: f64) -> f64 {
        self.level + self.slope * days
    }
}

/// The trend of `points`; `None` with fewer than [`MIN_HISTORY_SAMPLES`] points or no number.
pub fn trend(points: &[(f64, f64)]) -> Option<Trend> {
    if points.len() < MIN_HISTORY_SAMPLES {
        return None;
    }
    let slope = theil_sen_slope(points);
    if slope.is_nan() {
        return None;
    }
    let last_day = points[points.len() - 1].0;
    let intercept = median(points.iter().map(|&(x, y)| y - slope * x).collect());
    Some(Trend {
        last_day,
        level: intercept + slope * last_day,
        slope,
    })
}

/// When the trend of `points` (day, value) reaches `limit`; `reached`: the latest already has.
fn runs_out(points: &[(f64, f64)], reached: bool, limit: f64) -> RunsOut {
    if reached {
        return RunsOut::Now;
    }
    let Some(t) = trend(points) else {
        return if points.len() < MIN_HISTORY_SAMPLES {
            RunsOut::NotEnoughHistory
        } else {
            RunsOut::NotGrowing // no number at all (NaN from absurd values)
        };
    };
    if t.slope <= 0.0 {
        return RunsOut::NotGrowing;
    }
    let days = ((limit - t.level) / t.slope).ceil().max(1.0);
    if days > f64::from(HORIZON_DAYS) {
        RunsOut::Beyond365
    } else {
        RunsOut::InDays { days: days as u16 }
    }
}

/// The Theil–Sen slope: the median of the slopes between every two points of distinct x
/// (0 when there are none). O(n²): fine for the 60 points of a window.
pub fn theil_sen_slope(points: &[(f64, f64)]) -> f64 {
    let mut slopes = Vec::with_capacity(points.len() * points.len().saturating_sub(1) / 2);
    for (i, &(x1, y1)) in points.iter().enumerate() {
        for &(x2, y2) in &points[i + 1..] {
            if x2 != x1 {
                slopes.push((y2 - y1) / (x2 - x1));
            }
        }
    }
    if slopes.is_empty() {
        0.0
    } else {
        median(slopes)
    }
}

/// The median (the mean of the middle two for an even count); `values` is not empty.
fn median(mut values: Vec<f64>) -> f64 {
    let n = values.len();
    let upper = select(&mut values, n / 2);
    if n % 2 == 1 {
        upper
    } else {
        // Selection leaves the n/2 smaller values in front.
        (select(&mut values[..n / 2], n / 2 - 1) + upper) / 2.0
    }
}

/// The `k`-th smallest of `values` in [`f64::total_cmp`] order, as a sort would place it;
/// reorders `values` so the `k` before it are not greater. Quickselect with a three-way
/// partition (equal values, as in flat usage, take one pass), written out: std's sorts and
/// selection are each kilobytes of the app's wasm.
fn select(values: &mut [f64], k: usize) -> f64 {
    let (mut lo, mut hi) = (0, values.len());
    loop {
        let pivot = values[lo + (hi - lo) / 2];
        // values[lo..lt] < pivot, values[lt..i] == pivot, values[gt..hi] > pivot.
        let (mut lt, mut i, mut gt) = (lo, lo, hi);
        while i < gt {
            match values[i].total_cmp(&pivot) {
                Ordering::Less => {
                    values.swap(lt, i);
                    lt += 1;
                    i += 1;
                }
                Ordering::Greater => {
                    gt -= 1;
                    values.swap(i, gt);
                }
                Ordering::Equal => i += 1,
            }
        }
        if k < lt {
            hi = lt;
        } else if k >= gt {
            lo = gt;
        } else {
            return pivot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_is_the_sorted_middle() {
        let sorted_median = |v: &[f64]| {
            let mut s = v.to_vec();
            s.sort_by(f64::total_cmp);
            let n = s.len();
            if n % 2 == 1 {
                s[n / 2]
            } else {
                (s[n / 2 - 1] + s[n / 2]) / 2.0
            }
        };
        // A small deterministic generator: many lengths, duplicates, negatives, signed zeros
        // (the sign flipped, as `0.0 + -0.0` is `0.0`), and in half the lengths a wide range.
        let mut x = 12_345u64;
        for n in 1..200 {
            let range = if n % 2 == 0 { 17 } else { 1_000 };
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    let magnitude = ((x >> 40) % range) as f64 / 2.0;
                    if (x >> 20) & 1 == 0 {
                        magnitude
                    } else {
                        -magnitude
                    }
                })
                .collect();
            assert_eq!(
                median(v.clone()).to_bits(),
                sorted_median(&v).to_bits(),
                "{v:?}"
            );
        }
        assert_eq!(median(vec![0.0, -0.0, 0.0]).to_bits(), 0.0f64.to_bits());
        assert_eq!(median(vec![-0.0, 0.0, -0.0]).to_bits(), (-0.0f64).to_bits());
        assert_eq!(median(vec![3.0; 1770]), 3.0);
        assert_eq!(median(vec![2.0, 1.0]), 1.5);
        assert_eq!(median((0..60).rev().map(f64::from).collect()), 29.5);
    }

    #[test]
    fn by_day_orders_and_keeps_the_later_of_a_day() {
        let d = |day, used| DailyUsage {
            day,
            used_storage_bytes: used,
            active_users: 1,
        };
        let days = by_day(&[d(5, 1), d(3, 2), d(5, 3), d(1, 4), d(3, 5), d(9, 6)]);
        assert_eq!(days, [d(1, 4), d(3, 5), d(5, 3), d(9, 6)]);
        assert!(by_day(&[]).is_empty());
    }
}
