//! Numbers as people type them ("1 000", "1,5", "-2.25"), read exactly without floats, and
//! range checks shared by the licenses and storage rules.

use crate::issues::{Code, Field, Issue};

/// A decimal number as typed: sign, whole part (saturated) and the fraction's digits, so the
/// rules can use exact integer arithmetic instead of floats.
#[derive(Debug)]
pub(super) struct Decimal {
    negative: bool,
    whole: u64,
    fraction: String,
}

impl Decimal {
    /// Multiplies by 10^places, moving fraction digits into the whole part.
    pub(super) fn shift(self, places: usize) -> Decimal {
        let moved: String = self
            .fraction
            .chars()
            .chain(std::iter::repeat('0'))
            .take(places)
            .collect();
        let whole = self
            .whole
            .saturating_mul(10u64.saturating_pow(places as u32))
            .saturating_add(moved.parse().unwrap_or(0));
        let fraction = self.fraction.chars().skip(places).collect();
        Decimal {
            negative: self.negative,
            whole,
            fraction,
        }
    }

    fn has_fraction(&self) -> bool {
        self.fraction.chars().any(|c| c != '0')
    }

    fn is_zero(&self) -> bool {
        self.whole == 0 && !self.has_fraction()
    }

    fn below(&self, min: u64) -> bool {
        // "-0" is zero, so it is compared like "0".
        (self.negative && !self.is_zero()) || self.whole < min
    }

    fn above(&self, max: u64) -> bool {
        !self.negative && (self.whole > max || (self.whole == max && self.has_fraction()))
    }
}

/// Spaces people use to group digits: space, no-break space, narrow no-break and thin space.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Parses "1 000", "1,000", "1,5", "-2.25", "+7". `None` when it is not a number at all.
///
/// A comma is a thousands separator when a `.` is the decimal point, when there are several
/// commas, or when the only comma is followed by exactly three digits and nothing else;
/// otherwise it is a decimal comma. Digit groups after the first must have three digits.
pub(super) fn parse_decimal(text: &str) -> Option<Decimal> {
    let first = text.chars().next()?;
    let after_sign = &text[first.len_utf8()..];
    // U+2212 is the minus sign word processors and some keyboards produce.
    let (negative, body) = match first {
        '-' | '\u{2212}' => (true, after_sign),
        '+' => (false, after_sign),
        _ => (false, text),
    };
    let commas = body.matches(',').count();
    let (int_part, fraction) = if body.contains('.') {
        body.split_once('.')?
    } else if commas == 1 && !is_thousands_comma(body) {
        body.split_once(',')?
    } else {
        (body, "")
    };
    if !fraction.chars().all(|c| c.is_ascii_digit()) || (int_part.is_empty() && fraction.is_empty())
    {
        return None;
    }
    let digits = grouped_digits(int_part)?;
    let whole = digits.bytes().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    });
    Some(Decimal {
        negative,
        whole,
        fraction: fraction.to_owned(),
    })
}

/// The single comma in `body` is followed by exactly three digits and nothing else.
fn is_thousands_comma(body: &str) -> bool {
    body.split_once(',')
        .is_some_and(|(_, after)| after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()))
}

/// The digits of a whole part written with optional group separators (commas or spaces), or
/// `None` when the grouping is malformed ("1 00", "1,,000"). Empty input is "" (as in ".5").
fn grouped_digits(int_part: &str) -> Option<String> {
    let groups: Vec<&str> = int_part.split(|c| c == ',' || is_group_space(c)).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return int_part.is_empty().then(String::new);
    }
    // A single group may be any length; with separators, they must fall every three digits.
    let grouped = groups.len() > 1;
    if grouped && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    Some(groups.concat())
}

/// Checks a decimal against an inclusive whole-number range, reporting the first problem.
pub(super) fn check_decimal(
    field: Field,
    value: &Decimal,
    min: u64,
    max: u64,
) -> Result<u64, Vec<Issue>> {
    // One error per value: the range first, as retyping into it usually also fixes a fraction.
    if value.below(min) || value.above(max) {
        Err(vec![out_of_range(field, min, max)])
    } else if value.has_fraction() {
        Err(vec![Issue::new(field, Code::NotWhole)])
    } else {
        Ok(value.whole)
    }
}

pub(super) fn out_of_range(field: Field, min: impl ToString, max: impl ToString) -> Issue {
    Issue::new(field, Code::OutOfRange)
        .with("min", min)
        .with("max", max)
}
