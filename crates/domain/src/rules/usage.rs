//! Usage warnings: assigned versus used licenses and storage.

use super::storage::format_storage;
use crate::issues::{Code, Field, Issue};

/// Storage use at or above this share of the allocation is a warning.
pub const STORAGE_WARN_RATIO: f64 = 0.9;
/// `STORAGE_WARN_RATIO` as a whole percentage, so the check is exact integer arithmetic.
const STORAGE_WARN_PERCENT: u64 = 90;
const _: () = assert!(STORAGE_WARN_PERCENT as f64 / 100.0 == STORAGE_WARN_RATIO);

/// Warnings (never errors) about assigned versus used capacity:
/// - `UserLicenses` / `InadequateLicenses` (`in_use`) when fewer licenses are assigned than used;
/// - `ExtraStorageGb` / `NoStorage` when nothing is allocated;
/// - `ExtraStorageGb` / `StorageNearlyFull` (`percent`, whole number rounded down) when use is
///   at or above 90 % of the allocation.
pub fn usage_warnings(
    user_licenses: u32,
    licenses_in_use: u32,
    extra_storage_gb: u64,
    storage_used_gb: u64,
) -> Vec<Issue> {
    license_warning(user_licenses, licenses_in_use)
        .into_iter()
        .chain(storage_warning(extra_storage_gb, storage_used_gb))
        .collect()
}

pub(super) fn license_warning(user_licenses: u32, licenses_in_use: u32) -> Option<Issue> {
    (user_licenses < licenses_in_use).then(|| {
        Issue::new(Field::UserLicenses, Code::InadequateLicenses).with("in_use", licenses_in_use)
    })
}

pub(super) fn storage_warning(allocated_gb: u64, used_gb: u64) -> Option<Issue> {
    if allocated_gb == 0 {
        return Some(Issue::new(Field::ExtraStorageGb, Code::NoStorage));
    }
    // u128 so that huge wire values cannot overflow.
    let percent = u128::from(used_gb) * 100 / u128::from(allocated_gb);
    (percent >= u128::from(STORAGE_WARN_PERCENT)).then(|| {
        Issue::new(Field::ExtraStorageGb, Code::StorageNearlyFull).with("percent", percent)
    })
}

/// The allocation must cover what is already stored.
pub(super) fn below_usage(allocated_gb: u64, used_gb: u64) -> Option<Issue> {
    (allocated_gb < used_gb).then(|| {
        Issue::new(Field::ExtraStorageGb, Code::BelowUsage).with("used", format_storage(used_gb))
    })
}
