//! User Licenses: a whole number from 1 to 1,000,000.

use super::number::{check_decimal, out_of_range, parse_decimal};
use crate::issues::{Code, Field, Issue};

/// Fewest user licenses a customer may have.
pub const LICENSES_MIN: u32 = 1;
/// Most user licenses a customer may have.
pub const LICENSES_MAX: u32 = 1_000_000;

/// Parses User Licenses as typed: a whole number 1–1,000,000, with optional thousands
/// separators (`1,000`, `1 000` incl. no-break spaces). `1.0` is accepted as 1.
///
/// Errors (`Field::UserLicenses`): `Required`; `NotANumber` (e.g. `abc`, `1e3`); `NotWhole`
/// (`1.5`); `OutOfRange` (`min` "1", `max` "1000000"), e.g. for `-1` or `0`.
pub fn parse_license_count(input: &str) -> Result<u32, Vec<Issue>> {
    let field = Field::UserLicenses;
    let text = input.trim();
    if text.is_empty() {
        return Err(vec![Issue::new(field, Code::Required)]);
    }
    let value = parse_decimal(text).ok_or_else(|| vec![Issue::new(field, Code::NotANumber)])?;
    let n = check_decimal(field, &value, LICENSES_MIN.into(), LICENSES_MAX.into())?;
    // In range, so it fits.
    Ok(u32::try_from(n).unwrap_or(LICENSES_MAX))
}

/// Checks a license count from JSON: 1–1,000,000, else `OutOfRange` with `min` and `max`.
pub fn check_license_count(n: u32) -> Result<u32, Vec<Issue>> {
    if (LICENSES_MIN..=LICENSES_MAX).contains(&n) {
        Ok(n)
    } else {
        Err(vec![out_of_range(
            Field::UserLicenses,
            LICENSES_MIN,
            LICENSES_MAX,
        )])
    }
}
