//! What the usage chart draws, from a customer's history: the days, the allocation, the
//! forecast's trend line and where it crosses the allocation, and the scales. Pure: no view.

use domain::usage::{
    BYTES_PER_GB, CustomerUsage, DailyUsage, MIN_HISTORY_SAMPLES, RunsOut, Trend, by_day, series,
    trend, window,
};

/// The chart's drawing size (the SVG's viewBox; it scales to its box). Coordinates are whole
/// numbers: formatting floats would pull float printing into the chunk (~10 kB).
pub const WIDTH: i32 = 600;
pub const HEIGHT: i32 = 220;
/// Room for the y labels on the left and the dates below.
pub const LEFT: i32 = 84;
pub const RIGHT: i32 = 12;
pub const TOP: i32 = 12;
pub const BOTTOM: i32 = 28;
/// How far the forecast is drawn when it does not cross the allocation within
/// [`MAX_FORECAST_DAYS`].
const FORECAST_DAYS: i32 = 30;
/// A crossing further out than this is told in words only, so the history keeps its width.
const MAX_FORECAST_DAYS: u16 = 90;

/// A customer's usage laid out for the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// One entry per day, oldest first.
    pub days: Vec<DailyUsage>,
    /// The x axis: from this day ...
    pub first_day: i32,
    /// ... to this one (the latest sample, or the forecast's end).
    pub end_day: i32,
    /// The allocation in bytes.
    pub allocation: f64,
    /// The trend over the forecast's window; `None` with too little history.
    pub trend: Option<Trend>,
    /// The day the forecast reaches the allocation, when it is on the chart.
    pub crossing: Option<i32>,
    /// The top of the y axis in GB, and the step between its labels.
    pub y_max_gb: u64,
    pub y_step_gb: u64,
    /// Samples in the forecast's window (it needs [`MIN_HISTORY_SAMPLES`]).
    pub window_samples: usize,
}

impl ChartData {
    /// The chart of `usage`; `None` without any sample.
    pub fn new(usage: &CustomerUsage) -> Option<Self> {
        let days = by_day(&usage.history());
        let last = days.last()?.day;
        let window = window(&days);
        let trend = trend(&series(&window, |s| s.used_storage_bytes as f64));
        let (extend, crossing) = match (usage.forecast.storage, trend) {
            (RunsOut::InDays { days }, _) if days <= MAX_FORECAST_DAYS => {
                (i32::from(days), Some(last + i32::from(days)))
            }
            (_, Some(_)) => (FORECAST_DAYS, None),
            _ => (0, None),
        };
        let allocation = usage.extra_storage_gb as f64 * BYTES_PER_GB as f64;
        let highest = days
            .iter()
            .map(|d| d.used_storage_bytes as f64)
            .chain(trend.map(|t| t.at(f64::from(extend))))
            .fold(allocation, f64::max);
        let (y_max_gb, y_step_gb) = nice_axis(highest / BYTES_PER_GB as f64);
        // One day alone still gets an axis a day wide.
        let first_day = days[0].day.min(last - 1);
        Some(ChartData {
            first_day,
            end_day: last + extend,
            allocation,
            trend,
            crossing,
            y_max_gb,
            y_step_gb,
            window_samples: window.len(),
            days,
        })
    }

    /// The latest sample's day.
    pub fn last_day(&self) -> i32 {
        self.days.last().map_or(self.end_day, |d| d.day)
    }

    /// Too few samples for a forecast.
    pub fn not_enough_history(&self) -> bool {
        self.window_samples < MIN_HISTORY_SAMPLES
    }

    /// The x of a day.
    pub fn x(&self, day: i32) -> i32 {
        let span = f64::from(self.end_day - self.first_day).max(1.0);
        let share = f64::from(day - self.first_day) / span;
        LEFT + (share * f64::from(WIDTH - LEFT - RIGHT)).round() as i32
    }

    /// The y of an amount in bytes (clamped to the axis).
    pub fn y(&self, bytes: f64) -> i32 {
        // In f64: a steep reported trend can put the axis past u64 bytes.
        let top = self.y_max_gb as f64 * BYTES_PER_GB as f64;
        let share = (bytes / top).clamp(0.0, 1.0);
        TOP + ((1.0 - share) * f64::from(HEIGHT - TOP - BOTTOM)).round() as i32
    }

    /// The used storage as SVG polyline points.
    pub fn used_points(&self) -> String {
        self.days
            .iter()
            .map(|d| format!("{},{}", self.x(d.day), self.y(d.used_storage_bytes as f64)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The forecast's dashed line, from the latest day to the axis' end: (x1, y1, x2, y2).
    pub fn forecast_line(&self) -> Option<(i32, i32, i32, i32)> {
        let t = self.trend?;
        let last = self.last_day();
        (self.end_day > last).then(|| {
            let ahead = f64::from(self.end_day - last);
            (
                self.x(last),
                self.y(t.level),
                self.x(self.end_day),
                self.y(t.at(ahead)),
            )
        })
    }

    /// The index of the day nearest to `x` (a drawing coordinate).
    pub fn nearest(&self, x: f64) -> Option<usize> {
        let span = f64::from(self.end_day - self.first_day).max(1.0);
        let day = f64::from(self.first_day)
            + (x - f64::from(LEFT)) / f64::from(WIDTH - LEFT - RIGHT) * span;
        (0..self.days.len()).min_by(|&a, &b| {
            let da = (f64::from(self.days[a].day) - day).abs();
            let db = (f64::from(self.days[b].day) - day).abs();
            da.total_cmp(&db)
        })
    }

    /// The y axis labels' values in GB, from 0 up.
    pub fn y_ticks(&self) -> Vec<u64> {
        (0..=self.y_max_gb / self.y_step_gb.max(1))
            .map(|i| i * self.y_step_gb)
            .collect()
    }
}

/// A round top for an axis reaching `gb`, and its step: four or five steps of 1, 2 or 5 × 10^k.
fn nice_axis(gb: f64) -> (u64, u64) {
    let gb = gb.max(1.0);
    let mut step = 1u64;
    loop {
        for m in [1, 2, 5] {
            let s = step * m;
            if (gb / s as f64).ceil() <= 5.0 {
                let top = (gb / s as f64).ceil() as u64 * s;
                return (top.max(s), s);
            }
        }
        step *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_axis(0.0), (1, 1));
        assert_eq!(nice_axis(1840.0), (2000, 500));
        assert_eq!(nice_axis(2200.0), (2500, 500));
        assert_eq!(nice_axis(450.0), (500, 100));
    }
}
