//! Extra Storage: GB or TB as typed, whole GB on the wire, and the display format.

use super::number::{check_decimal, out_of_range, parse_decimal};
use crate::issues::{Code, Field, Issue};

/// Largest storage allocation in GB (10,000 TB); the smallest is 0.
pub const STORAGE_MAX_GB: u64 = 10_000_000;
/// GB in one TB (decimal units, as the storage is billed).
const GB_PER_TB: u64 = 1000;

/// Parses Extra Storage as typed into whole GB: `500`, `500 GB`, `500GB`, `2 TB`, `1.5 TB`,
/// `1,5 TB` (decimal comma), `1,000 GB` (thousands separator); units are case-insensitive and
/// 1 TB = 1000 GB. No unit means GB.
///
/// Errors (`Field::ExtraStorageGb`): `Required`; `NotANumber` (`abc`, `1e3`, unknown unit);
/// `NotWhole` (`0.5 GB`, `1.0005 TB`); `OutOfRange` (`min` "0", `max` "10000000").
pub fn parse_storage(input: &str) -> Result<u64, Vec<Issue>> {
    let field = Field::ExtraStorageGb;
    let text = input.trim();
    if text.is_empty() {
        return Err(vec![Issue::new(field, Code::Required)]);
    }
    let not_a_number = || vec![Issue::new(field, Code::NotANumber)];
    let number = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let places = match text[number.len()..].to_ascii_lowercase().as_str() {
        "" | "gb" => 0,
        "tb" => 3,
        _ => return Err(not_a_number()),
    };
    let value = parse_decimal(number.trim_end()).ok_or_else(not_a_number)?;
    check_decimal(field, &value.shift(places), 0, STORAGE_MAX_GB)
}

/// Checks a storage allocation from JSON: at most 10,000,000 GB, else `OutOfRange`.
pub fn check_storage(gb: u64) -> Result<u64, Vec<Issue>> {
    if gb <= STORAGE_MAX_GB {
        Ok(gb)
    } else {
        Err(vec![out_of_range(Field::ExtraStorageGb, 0, STORAGE_MAX_GB)])
    }
}

/// Formats whole GB for display and for the edit form: `750 GB` below 1000, otherwise TB with
/// up to three decimals and no trailing zeros (`1.5 TB`, `2 TB`, `1.001 TB`). Exact, and
/// `parse_storage` reads it back to the same number.
pub fn format_storage(gb: u64) -> String {
    if gb < GB_PER_TB {
        return format!("{gb} GB");
    }
    let (tb, rest) = (gb / GB_PER_TB, gb % GB_PER_TB);
    if rest == 0 {
        format!("{tb} TB")
    } else {
        let decimals = format!("{rest:03}");
        format!("{tb}.{} TB", decimals.trim_end_matches('0'))
    }
}
