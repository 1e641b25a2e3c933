//! The demo's usage history: up to 180 days per active demo customer, ending today with exactly
//! the usage the customer shows, in one of a few patterns (steady growth, flat, a weekly rhythm,
//! one sudden jump from a mailbox migration, shrinking; one customer has only 5 days).
//! Deterministic: the same seeded RNG as the rest of the demo data. Growth is paced so that no
//! customer runs out within 30 days unless it already needs attention for its usage, so the
//! demo list and its "Needs attention" filter look as they did before forecasts.

use domain::usage::{BYTES_PER_GB, CheckedSample};
use domain::{Customer, CustomerStatus};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Days of history a demo customer gets (fewer when it was created later).
pub const HISTORY_DAYS: i32 = 180;
/// The demo customer (by position) with only five days of history.
pub const SHORT_HISTORY_INDEX: usize = 3;
/// The demo customer (by position) whose storage jumped with a mailbox migration.
pub const JUMP_INDEX: usize = 8;
/// The migration was this many days ago: outside the forecast's 60-day window, so the trend
/// after it is what counts.
const JUMP_DAYS_AGO: i32 = 90;

/// How a customer's usage moved over its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    SteadyGrowth,
    Flat,
    WeeklyRhythm,
    Jump,
    Shrinking,
}

/// The pattern of the `i`th demo customer.
pub fn pattern(i: usize) -> Pattern {
    match (i, i % 4) {
        (JUMP_INDEX, _) => Pattern::Jump,
        (_, 0) => Pattern::SteadyGrowth,
        (_, 1) => Pattern::Flat,
        (_, 2) => Pattern::WeeklyRhythm,
        _ => Pattern::Shrinking,
    }
}

/// The `i`th demo customer's samples, oldest first, the last one today (day number `today`)
/// with exactly its `storage_used_gb` and `licenses_in_use`; none while activation is pending
/// (nothing is backed up yet).
pub fn demo_history(
    rng: &mut ChaCha8Rng,
    i: usize,
    c: &Customer,
    today: i32,
) -> Vec<CheckedSample> {
    if c.status == CustomerStatus::PendingActivation {
        return Vec::new();
    }
    let created = crate::util::parse_time(&c.created_at)
        .map(|t| t.date().to_julian_day() - 2_440_588)
        .unwrap_or(today - HISTORY_DAYS);
    let days = if i == SHORT_HISTORY_INDEX {
        5
    } else {
        (today - created + 1).clamp(1, HISTORY_DAYS)
    };
    let used = c.storage_used_gb as f64;
    let users = f64::from(c.licenses_in_use);
    // Growth paced to fill what is left in 60 to 400 days (a customer already near or over its
    // allocation needs attention anyway).
    let pace = |rng: &mut ChaCha8Rng, left: f64| left.max(0.0) / rng.random_range(60.0..400.0);
    let storage_per_day = pace(rng, c.extra_storage_gb as f64 - used);
    let users_per_day = pace(rng, f64::from(c.user_licenses) + 1.0 - users) * 0.5;
    let pattern = if i == SHORT_HISTORY_INDEX {
        Pattern::Flat
    } else {
        pattern(i)
    };
    let mut samples = Vec::with_capacity(days as usize);
    for ago in (0..days).rev() {
        let k = f64::from(ago);
        let (gb, u) = match pattern {
            Pattern::SteadyGrowth => (used - storage_per_day * k, users - users_per_day * k),
            Pattern::Flat => (used, users),
            Pattern::WeeklyRhythm => {
                // Less on weekends (day 0 of the epoch was a Thursday).
                let weekend = matches!((today - ago + 3).rem_euclid(7), 5 | 6);
                let dip = if weekend && ago > 0 { 0.96 } else { 1.0 };
                ((used - storage_per_day * 0.5 * k) * dip, users)
            }
            Pattern::Jump if ago >= JUMP_DAYS_AGO => (used * 0.55, (users * 0.7).floor()),
            Pattern::Jump => (used - storage_per_day * 0.3 * k, users),
            Pattern::Shrinking => (used * (1.0 + 0.002 * k), users + (k / 30.0).floor()),
        };
        // A little daily noise, never on the last day (that one is the customer's usage).
        let noise = if ago == 0 {
            1.0
        } else {
            rng.random_range(0.997..1.003)
        };
        samples.push(CheckedSample {
            customer_id: c.id.clone(),
            day: today - ago,
            used_storage_bytes: (gb.max(0.0) * noise * BYTES_PER_GB as f64) as u64,
            active_users: u.max(0.0).round() as u32,
        });
    }
    if let Some(last) = samples.last_mut() {
        last.used_storage_bytes = c.storage_used_gb * BYTES_PER_GB;
        last.active_users = c.licenses_in_use;
    }
    samples
}
