//! The usage forecast: known series give known days; a spike does not move it; flat, shrinking,
//! short and gappy histories; the limits; and properties over random histories.

use domain::usage::*;
use proptest::prelude::*;

const GB: u64 = BYTES_PER_GB;

/// `n` consecutive days ending at day 1000, storage `gb(i)` GB and `users(i)` users on day i.
fn series(n: i32, gb: impl Fn(i32) -> u64, users: impl Fn(i32) -> u32) -> Vec<DailyUsage> {
    (0..n)
        .map(|i| DailyUsage {
            day: 1000 - n + 1 + i,
            used_storage_bytes: gb(i) * GB,
            active_users: users(i),
        })
        .collect()
}

#[test]
fn steady_growth_gives_the_days_left() {
    // 10 GB a day, at 500 GB on the latest day: 500 GB more of 1000 GB is 50 days.
    let h = series(30, |i| 210 + 10 * i as u64, |_| 10);
    let f = forecast(&h, 1000, 50);
    assert_eq!(f.storage, RunsOut::InDays { days: 50 });
    assert_eq!(f.licenses, RunsOut::NotGrowing);
    assert_eq!(f.runs_out_days(), Some(50));
    assert!(!f.runs_out_soon());
}

#[test]
fn licenses_run_out_when_users_exceed_them() {
    // One user more a day, 41 users on the latest day, 50 licenses: 51 users in 10 days.
    let h = series(20, |_| 1, |i| 22 + i as u32);
    assert_eq!(h.last().unwrap().active_users, 41);
    let f = forecast(&h, 1000, 50);
    assert_eq!(f.licenses, RunsOut::InDays { days: 10 });
    assert!(f.runs_out_soon());
    assert_eq!(f.runs_out_days(), Some(10));
}

#[test]
fn a_spike_does_not_move_the_answer() {
    let h = series(30, |i| 210 + 10 * i as u64, |_| 10);
    let mut spiked = h.clone();
    spiked[12].used_storage_bytes = 990 * GB;
    spiked[20].active_users = 49;
    assert_eq!(forecast(&spiked, 1000, 50), forecast(&h, 1000, 50));
}

#[test]
fn flat_and_shrinking_are_not_growing() {
    let flat = series(30, |_| 400, |_| 20);
    assert_eq!(
        forecast(&flat, 1000, 50),
        Forecast {
            storage: RunsOut::NotGrowing,
            licenses: RunsOut::NotGrowing
        }
    );
    let shrinking = series(30, |i| 800 - 5 * i as u64, |i| 40 - i as u32 / 2);
    assert_eq!(forecast(&shrinking, 1000, 50).storage, RunsOut::NotGrowing);
    assert_eq!(forecast(&shrinking, 1000, 50).runs_out_days(), None);
}

#[test]
fn fewer_than_14_samples_in_60_days_is_not_enough_history() {
    let h = series(13, |i| 100 + 10 * i as u64, |_| 1);
    assert_eq!(forecast(&h, 1000, 5), Forecast::default());
    assert_eq!(Forecast::default().storage, RunsOut::NotEnoughHistory);
    assert_eq!(forecast(&[], 1000, 5), Forecast::default());
    // 14 samples, but only 13 of them in the latest 60 days.
    let mut old = series(13, |i| 100 + 10 * i as u64, |_| 1);
    old.insert(
        0,
        DailyUsage {
            day: 900,
            used_storage_bytes: 0,
            active_users: 1,
        },
    );
    assert_eq!(forecast(&old, 1000, 5).storage, RunsOut::NotEnoughHistory);
    let h = series(14, |i| 100 + 10 * i as u64, |_| 1);
    assert_eq!(forecast(&h, 1000, 5).storage, RunsOut::InDays { days: 77 });
}

#[test]
fn missing_days_are_measured_by_date() {
    // Every third day only, 30 GB per sample = 10 GB a day: the same 50 days.
    let h: Vec<_> = series(60, |i| 200 + 10 * i as u64, |_| 1)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| (59 - i) % 3 == 0)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(h.len(), 20);
    assert_eq!(h.last().unwrap().used_storage_bytes, 790 * GB);
    assert_eq!(forecast(&h, 1290, 5).storage, RunsOut::InDays { days: 50 });
}

#[test]
fn at_or_over_the_limit_is_now_even_without_history() {
    let h = series(3, |_| 1000, |_| 51);
    let f = forecast(&h, 1000, 50);
    assert_eq!(
        f,
        Forecast {
            storage: RunsOut::Now,
            licenses: RunsOut::Now
        }
    );
    assert_eq!(f.runs_out_days(), Some(0));
    // Exactly at 50 licenses is not over; exactly at 1000 GB is full.
    let h = series(20, |_| 1000, |_| 50);
    assert_eq!(forecast(&h, 1000, 50).licenses, RunsOut::NotGrowing);
    assert_eq!(forecast(&h, 1000, 50).storage, RunsOut::Now);
    // Nothing allocated is full.
    assert_eq!(
        forecast(&series(1, |_| 0, |_| 0), 0, 1).storage,
        RunsOut::Now
    );
}

#[test]
fn beyond_a_year_is_capped() {
    let h = series(30, |i| 100 + i as u64, |_| 1);
    assert_eq!(
        forecast(&h, 100 + 29 + 365, 5).storage,
        RunsOut::InDays { days: 365 }
    );
    assert_eq!(forecast(&h, 100 + 29 + 366, 5).storage, RunsOut::Beyond365);
}

#[test]
fn a_later_sample_for_the_same_day_replaces_the_earlier() {
    let mut h = series(20, |i| 100 + 10 * i as u64, |_| 1);
    h.push(DailyUsage {
        used_storage_bytes: 2000 * GB,
        ..h[19]
    });
    assert_eq!(forecast(&h, 1000, 5).storage, RunsOut::Now);
}

#[test]
fn stored_codes_round_trip() {
    for r in [
        RunsOut::InDays { days: 1 },
        RunsOut::InDays { days: 365 },
        RunsOut::Now,
        RunsOut::NotGrowing,
        RunsOut::NotEnoughHistory,
        RunsOut::Beyond365,
    ] {
        assert_eq!(RunsOut::from_code(&r.to_code()), Some(r));
    }
    for bad in ["in_days:0", "in_days:366", "in_days:", "later", ""] {
        assert_eq!(RunsOut::from_code(bad), None, "{bad}");
    }
}

#[test]
fn the_wire_form_is_tagged_by_state() {
    let f = Forecast {
        storage: RunsOut::InDays { days: 12 },
        licenses: RunsOut::Now,
    };
    assert_eq!(
        serde_json::to_value(f).unwrap(),
        serde_json::json!({"storage": {"state": "in_days", "days": 12}, "licenses": {"state": "now"}})
    );
}

fn history() -> impl Strategy<Value = Vec<DailyUsage>> {
    prop::collection::vec((0i32..90, 0u64..2_000 * GB, 0u32..500), 0..70).prop_map(|v| {
        v.into_iter()
            .map(|(day, used_storage_bytes, active_users)| DailyUsage {
                day,
                used_storage_bytes,
                active_users,
            })
            .collect()
    })
}

/// Comparable "how soon": now is 0, a forecast beyond the horizon or none is never.
fn soonness(r: RunsOut) -> u32 {
    r.days().map_or(u32::MAX, u32::from)
}

proptest! {
    #[test]
    fn more_allocation_never_runs_out_sooner(h in history(), gb in 0u64..3_000, more in 0u64..1_000, lic in 0u32..600, extra in 0u32..100) {
        let a = forecast(&h, gb, lic);
        let b = forecast(&h, gb + more, lic + extra);
        prop_assert!(soonness(b.storage) >= soonness(a.storage), "{a:?} {b:?}");
        prop_assert!(soonness(b.licenses) >= soonness(a.licenses), "{a:?} {b:?}");
    }

    #[test]
    fn answers_stay_in_range(h in history(), gb in 0u64..3_000, lic in 0u32..600) {
        let f = forecast(&h, gb, lic);
        for r in [f.storage, f.licenses] {
            if let RunsOut::InDays { days } = r {
                prop_assert!((1..=HORIZON_DAYS).contains(&days));
            }
        }
        prop_assert_eq!(f.runs_out_soon(), f.runs_out_days().is_some_and(|d| d <= 30));
    }

    /// A linear series with one outlier anywhere but the latest day keeps its exact slope and
    /// forecast: the outlier's pairs are fewer than the line's.
    #[test]
    fn one_outlier_does_not_change_a_line(n in 14i32..60, start in 0u64..500, per_day in 0u64..20,
        at in 0usize..59, outlier in 0u64..5_000, gb in 0u64..3_000) {
        let line = series(n, |i| start + per_day * i as u64, |_| 1);
        let mut spiked = line.clone();
        let at = at % (n as usize - 1);
        spiked[at].used_storage_bytes = outlier * GB;
        let points = |h: &[DailyUsage]| -> Vec<(f64, f64)> {
            h.iter().map(|s| (f64::from(s.day), (s.used_storage_bytes / GB) as f64)).collect()
        };
        prop_assert_eq!(theil_sen_slope(&points(&spiked)), per_day as f64);
        prop_assert_eq!(forecast(&spiked, gb, 5), forecast(&line, gb, 5));
    }

    #[test]
    fn order_does_not_matter(h in history(), gb in 0u64..3_000, lic in 0u32..600) {
        // Duplicated days keep the later entry: only compare histories without them.
        let mut h = h;
        let mut seen = std::collections::HashSet::new();
        h.retain(|s| seen.insert(s.day));
        let mut reversed = h.clone();
        reversed.reverse();
        prop_assert_eq!(forecast(&h, gb, lic), forecast(&reversed, gb, lic));
    }
}

#[test]
fn each_state_has_one_name_on_the_wire_in_the_store_and_in_the_export() {
    for state in [
        RunsOut::Now,
        RunsOut::NotGrowing,
        RunsOut::NotEnoughHistory,
        RunsOut::Beyond365,
    ] {
        let wire = serde_json::to_value(state).unwrap();
        assert_eq!(wire["state"], state.to_code(), "{state:?}");
        assert_eq!(RunsOut::from_code(&state.to_code()), Some(state));
    }
}
