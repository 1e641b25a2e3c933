//! The rules: parse and normalise form text, check wire values. Every function reports every
//! problem it finds, never just the first.

use crate::issues::{Code, Field, Issue, Report};
use crate::types::{Customer, CustomerChanges, NewCustomer, StorageType};
use email_address::{EmailAddress, Options};
use std::collections::HashSet;

/// Fewest characters an organization name may have (after trimming and collapsing whitespace).
pub const ORGANIZATION_NAME_MIN: usize = 2;
/// Most characters an organization name may have.
pub const ORGANIZATION_NAME_MAX: usize = 200;
/// Most characters a normalised domain may have.
pub const DOMAIN_MAX_LEN: usize = 253;
/// Fewest user licenses a customer may have.
pub const LICENSES_MIN: u32 = 1;
/// Most user licenses a customer may have.
pub const LICENSES_MAX: u32 = 1_000_000;
/// Largest storage allocation in GB (10,000 TB); the smallest is 0.
pub const STORAGE_MAX_GB: u64 = 10_000_000;
/// Most addresses in Notify Users.
pub const NOTIFY_MAX: usize = 20;
/// Most characters one email address may have.
pub const EMAIL_MAX_LEN: usize = 254;
/// Storage use at or above this share of the allocation is a warning.
pub const STORAGE_WARN_RATIO: f64 = 0.9;

/// The longest a domain label may be.
const LABEL_MAX_LEN: usize = 63;
/// GB in one TB (decimal units, as the storage is billed).
const GB_PER_TB: u64 = 1000;
/// `STORAGE_WARN_RATIO` as a whole percentage, so the check is exact integer arithmetic.
const STORAGE_WARN_PERCENT: u64 = 90;
const _: () = assert!(STORAGE_WARN_PERCENT as f64 / 100.0 == STORAGE_WARN_RATIO);

/// A domain after normalisation, and whether normalising changed what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalisedDomain {
    /// The domain as it is saved, e.g. `contoso.fi`.
    pub value: String,
    /// The value differs from the trimmed input (the UI says "Saved as …").
    pub changed: bool,
}

/// The result of validating a draft: the value when there are no errors, and the full report.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated<T> {
    /// The normalised value; `Some` exactly when `report.errors` is empty.
    pub value: Option<T>,
    /// Every error, warning and note found.
    pub report: Report,
}

/// The Add customer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerDraft {
    /// Organization name as typed.
    pub organization_name: String,
    /// Domain as typed; may be empty.
    pub domain: String,
    /// User Licenses as typed, e.g. "1 000".
    pub user_licenses: String,
    /// Number and unit as one string, e.g. "1.5 TB" or "500".
    pub extra_storage: String,
    /// Addresses separated by `;`, `,`, newlines or spaces.
    pub notify_emails: String,
    /// The chosen storage type; `None` until one is picked.
    pub storage_type: Option<StorageType>,
}

/// The Edit customer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditDraft {
    /// User Licenses as typed.
    pub user_licenses: String,
    /// Extra Storage as typed, number and unit.
    pub extra_storage: String,
}

// ---------------------------------------------------------------------------------------------
// Organization name
// ---------------------------------------------------------------------------------------------

/// Trims the name and collapses inner whitespace runs to one space, then checks it is present,
/// 2–200 characters long and free of control characters.
///
/// Errors (`Field::OrganizationName`): `Required`; `InvalidCharacters`; `TooShort` (`min`) or
/// `TooLong` (`max`).
pub fn parse_organization_name(input: &str) -> Result<String, Vec<Issue>> {
    let field = Field::OrganizationName;
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(vec![Issue::new(field, Code::Required)]);
    }
    let mut issues = Vec::new();
    // Tabs and newlines were collapsed above; what is left (NUL, BEL, DEL, C1) is never intended.
    if name.chars().any(char::is_control) {
        issues.push(Issue::new(field, Code::InvalidCharacters));
    }
    let len = name.chars().count();
    if len < ORGANIZATION_NAME_MIN {
        issues.push(Issue::new(field, Code::TooShort).with("min", ORGANIZATION_NAME_MIN));
    } else if len > ORGANIZATION_NAME_MAX {
        issues.push(Issue::new(field, Code::TooLong).with("max", ORGANIZATION_NAME_MAX));
    }
    if issues.is_empty() {
        Ok(name)
    } else {
        Err(issues)
    }
}

// ---------------------------------------------------------------------------------------------
// Domain
// ---------------------------------------------------------------------------------------------

/// Normalises and checks an optional Microsoft 365 domain (`contoso.fi`,
/// `contoso.onmicrosoft.com`). Empty or whitespace-only input is `Ok(None)`.
///
/// Normalising trims, lowercases and removes a leading `http://` or `https://`, anything from
/// the first `/`, `?` or `#`, one trailing dot and a leading `www.` (when a domain remains).
///
/// Every error is `Field::Domain`, `Code::InvalidDomain` with params `value` (the normalised
/// text) and `reason`; one issue per distinct reason.
pub fn parse_domain(input: &str) -> Result<Option<NormalisedDomain>, Vec<Issue>> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let value = normalise_domain(trimmed);
    let reasons = domain_problems(&value);
    if reasons.is_empty() {
        let changed = value != trimmed;
        Ok(Some(NormalisedDomain { value, changed }))
    } else {
        let issue = |reason: &str| {
            Issue::new(Field::Domain, Code::InvalidDomain)
                .with("value", &value)
                .with("reason", reason)
        };
        Err(reasons.into_iter().map(issue).collect())
    }
}

/// Turns what people paste (a URL, `WWW.Contoso.FI.`) into the bare lowercase domain.
fn normalise_domain(trimmed: &str) -> String {
    let lower = trimmed.to_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
        .unwrap_or(&lower);
    let rest = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let rest = rest.strip_suffix('.').unwrap_or(rest);
    // Keep "www." when it is all there is, so "www.fi" is reported rather than silently cut to "fi".
    let rest = match rest.strip_prefix("www.") {
        Some(bare) if bare.contains('.') => bare,
        _ => rest,
    };
    rest.to_owned()
}

/// The reasons a normalised domain is invalid, in a stable order, each once.
fn domain_problems(domain: &str) -> Vec<&'static str> {
    if domain.is_empty() {
        return vec!["enter a domain such as contoso.fi"];
    }
    let mut reasons = Vec::new();
    if !domain.is_ascii() {
        reasons.push("enter an internationalised domain in its xn-- (punycode) form");
    }
    if domain.chars().count() > DOMAIN_MAX_LEN {
        reasons.push("a domain can be at most 253 characters");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        reasons.push("a domain cannot have empty parts (two dots in a row, or a leading dot)");
    }
    if labels.iter().any(|l| l.chars().count() > LABEL_MAX_LEN) {
        reasons.push("a label can be at most 63 characters");
    }
    // Non-ASCII letters are covered by the punycode reason above.
    let bad_ascii = |c: char| c.is_ascii() && !(c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if domain.chars().any(bad_ascii) {
        reasons.push("a domain can only contain letters, digits, hyphens and dots");
    }
    if labels
        .iter()
        .any(|l| l.starts_with('-') || l.ends_with('-'))
    {
        reasons.push("a label cannot start or end with a hyphen");
    }
    if labels.len() < 2 {
        reasons.push("a domain needs at least two parts, e.g. contoso.fi");
    } else if let Some(top) = labels.last().filter(|t| !t.is_empty() && t.is_ascii()) {
        let punycode = top.starts_with("xn--");
        if !punycode && !top.chars().all(|c| c.is_ascii_alphabetic()) {
            reasons.push("the last part must be letters only, e.g. .fi or .com");
        }
    }
    reasons
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/// A decimal number as typed: sign, whole part (saturated) and the fraction's digits, so the
/// rules can use exact integer arithmetic instead of floats.
#[derive(Debug)]
struct Decimal {
    negative: bool,
    whole: u64,
    fraction: String,
}

impl Decimal {
    /// Multiplies by 10^places, moving fraction digits into the whole part.
    fn shift(self, places: usize) -> Decimal {
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
fn parse_decimal(text: &str) -> Option<Decimal> {
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

/// Checks a decimal against an inclusive whole-number range, reporting every problem.
fn check_decimal(field: Field, value: &Decimal, min: u64, max: u64) -> Result<u64, Vec<Issue>> {
    let mut issues = Vec::new();
    if value.has_fraction() {
        issues.push(Issue::new(field, Code::NotWhole));
    }
    if value.below(min) || value.above(max) {
        issues.push(out_of_range(field, min, max));
    }
    if issues.is_empty() {
        Ok(value.whole)
    } else {
        Err(issues)
    }
}

fn out_of_range(field: Field, min: impl ToString, max: impl ToString) -> Issue {
    Issue::new(field, Code::OutOfRange)
        .with("min", min)
        .with("max", max)
}

// ---------------------------------------------------------------------------------------------
// User Licenses
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Extra Storage
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Notify Users
// ---------------------------------------------------------------------------------------------

/// Splits Notify Users text into candidate addresses: on `;`, `,`, newlines and whitespace,
/// trimmed, empty pieces dropped. Outlook-style entries (`Jane Doe <jane@contoso.fi>`,
/// `Doe, Jane <jane@contoso.fi>`) become the bracketed address; a leading `mailto:` is removed.
/// Quoted local parts (`"john doe"@contoso.fi`) are kept whole.
pub fn split_emails(input: &str) -> Vec<String> {
    split_unquoted(input, |c| matches!(c, ';' | '\n' | '\r'))
        .into_iter()
        .flat_map(entry_addresses)
        .map(|a| strip_mailto(a.trim()).to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

/// The addresses in one `;`- or line-separated entry, in the order they were typed.
fn entry_addresses(entry: &str) -> Vec<String> {
    let pieces = bracket_pieces(entry);
    let has_brackets = pieces.iter().any(|p| matches!(p, Piece::Bracketed(_)));
    let words = |text: String| -> Vec<String> {
        split_unquoted(&text, |c| c == ',' || c.is_whitespace())
            .into_iter()
            // Beside an <address>, words without an unquoted '@' are the display name ("Doe, Jane").
            .filter(|w| !has_brackets || has_unquoted_at(w))
            .map(str::to_owned)
            .collect()
    };
    pieces
        .into_iter()
        .flat_map(|piece| match piece {
            Piece::Bracketed(address) => vec![address],
            Piece::Text(text) => words(text),
        })
        .collect()
}

/// A stretch of an entry: plain text, or the inside of `<…>`.
enum Piece {
    Text(String),
    Bracketed(String),
}

/// Cuts `<…>` spans (outside quotes) from the text around them; an unclosed `<` runs to the end.
fn bracket_pieces(entry: &str) -> Vec<Piece> {
    let honour_quotes = !QuoteState::unbalanced(entry);
    let mut quotes = QuoteState::default();
    let (mut pieces, mut text) = (Vec::new(), String::new());
    let mut chars = entry.chars();
    while let Some(c) = chars.next() {
        if c == '<' && !(honour_quotes && quotes.inside()) {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
            pieces.push(Piece::Bracketed(
                chars.by_ref().take_while(|&c| c != '>').collect(),
            ));
        } else {
            quotes.step(c);
            text.push(c);
        }
    }
    pieces.push(Piece::Text(text));
    pieces
}

/// Splits on separator characters that are not inside a double-quoted string; empty pieces are
/// dropped. An unbalanced quote is ignored, so one stray `"` cannot swallow the rest of the list.
fn split_unquoted(text: &str, is_separator: impl Fn(char) -> bool) -> Vec<&str> {
    let honour_quotes = !QuoteState::unbalanced(text);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut quotes = QuoteState::default();
    for (i, c) in text.char_indices() {
        if !(honour_quotes && quotes.inside()) && is_separator(c) {
            pieces.push(&text[start..i]);
            start = i + c.len_utf8();
        } else {
            quotes.step(c);
        }
    }
    pieces.push(&text[start..]);
    pieces
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn has_unquoted_at(word: &str) -> bool {
    let mut quotes = QuoteState::default();
    word.chars().any(|c| {
        let at = c == '@' && !quotes.inside();
        quotes.step(c);
        at
    })
}

fn strip_mailto(address: &str) -> &str {
    match address.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("mailto:") => &address[7..],
        _ => address,
    }
}

/// Tracks whether a scan is inside a `"…"` string, honouring backslash escapes.
#[derive(Debug, Default)]
struct QuoteState {
    inside: bool,
    escaped: bool,
}

impl QuoteState {
    fn inside(&self) -> bool {
        self.inside
    }

    fn unbalanced(text: &str) -> bool {
        let mut quotes = QuoteState::default();
        text.chars().for_each(|c| quotes.step(c));
        quotes.inside
    }

    fn step(&mut self, c: char) {
        if self.escaped {
            self.escaped = false;
        } else if self.inside && c == '\\' {
            self.escaped = true;
        } else if c == '"' {
            self.inside = !self.inside;
        }
    }
}

/// Checks one address for activation mail: valid per RFC 5322 (the `email_address` crate, no
/// display name, no `[IP]` literal), at most 254 characters, and a domain with a dot (`a@b` is
/// syntactically valid but cannot receive mail from the internet).
///
/// Error: `Field::NotifyEmails`, `Code::InvalidEmail` with param `value` (the address).
pub fn check_email(address: &str) -> Result<(), Issue> {
    // `with_required_tld` demands at least two domain labels, i.e. a dot.
    let options = Options::default()
        .with_required_tld()
        .without_display_text()
        .without_domain_literal();
    let valid = address.chars().count() <= EMAIL_MAX_LEN
        && EmailAddress::parse_with_options(address, options).is_ok();
    if valid {
        Ok(())
    } else {
        Err(Issue::new(Field::NotifyEmails, Code::InvalidEmail).with("value", address))
    }
}

/// Checks Notify Users: each piece is one address (trimmed; empty pieces ignored). Duplicates
/// are removed case-insensitively, keeping the first spelling; the result is that list.
///
/// Errors (`Field::NotifyEmails`): `Required` when there is none; `TooMany` (`max` "20",
/// `count`) when more than 20 distinct addresses; `InvalidEmail` (`value`) for each invalid one.
pub fn parse_notify_emails(pieces: &[String]) -> Result<Vec<String>, Vec<Issue>> {
    let field = Field::NotifyEmails;
    let mut seen = HashSet::new();
    let addresses: Vec<String> = pieces
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && seen.insert(p.to_lowercase()))
        .map(str::to_owned)
        .collect();
    if addresses.is_empty() {
        return Err(vec![Issue::new(field, Code::Required)]);
    }
    let mut issues = Vec::new();
    if addresses.len() > NOTIFY_MAX {
        issues.push(
            Issue::new(field, Code::TooMany)
                .with("max", NOTIFY_MAX)
                .with("count", addresses.len()),
        );
    }
    issues.extend(addresses.iter().filter_map(|a| check_email(a).err()));
    if issues.is_empty() {
        Ok(addresses)
    } else {
        Err(issues)
    }
}

// ---------------------------------------------------------------------------------------------
// Usage warnings
// ---------------------------------------------------------------------------------------------

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

fn license_warning(user_licenses: u32, licenses_in_use: u32) -> Option<Issue> {
    (user_licenses < licenses_in_use).then(|| {
        Issue::new(Field::UserLicenses, Code::InadequateLicenses).with("in_use", licenses_in_use)
    })
}

fn storage_warning(allocated_gb: u64, used_gb: u64) -> Option<Issue> {
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
fn below_usage(allocated_gb: u64, used_gb: u64) -> Option<Issue> {
    (allocated_gb < used_gb).then(|| {
        Issue::new(Field::ExtraStorageGb, Code::BelowUsage).with("used", format_storage(used_gb))
    })
}

// ---------------------------------------------------------------------------------------------
// Whole forms and payloads
// ---------------------------------------------------------------------------------------------

/// Keeps the value of a field rule and moves its issues into `errors`.
fn collect<T>(result: Result<T, Vec<Issue>>, errors: &mut Vec<Issue>) -> Option<T> {
    result.map_err(|issues| errors.extend(issues)).ok()
}

/// The parts of a new customer after each field's rule has run; `None` where the rule failed.
struct NewCustomerParts {
    organization_name: Option<String>,
    domain: Option<Option<String>>,
    user_licenses: Option<u32>,
    extra_storage_gb: Option<u64>,
    notify_emails: Option<Vec<String>>,
    storage_type: Option<StorageType>,
}

impl NewCustomerParts {
    /// Assembles the customer when every part is valid and the report has no errors.
    fn finish(self, report: Report) -> Validated<NewCustomer> {
        let value = match self {
            NewCustomerParts {
                organization_name: Some(organization_name),
                domain: Some(domain),
                user_licenses: Some(user_licenses),
                extra_storage_gb: Some(extra_storage_gb),
                notify_emails: Some(notify_emails),
                storage_type: Some(storage_type),
            } if report.errors.is_empty() => Some(NewCustomer {
                organization_name,
                domain,
                user_licenses,
                extra_storage_gb,
                notify_emails,
                storage_type,
            }),
            _ => None,
        };
        Validated { value, report }
    }
}

impl CustomerDraft {
    /// Runs every field rule on the Add customer form and reports all errors at once, the
    /// domain normalisation as a `Normalised` note (`value`), and `NoStorage` when 0 GB.
    /// `value` is the normalised payload to send when there are no errors.
    ///
    /// It is exactly the six `check_*` functions below, one per field, merged in form order.
    pub fn validate(&self) -> Validated<NewCustomer> {
        let mut report = Report::default();
        // Fields are evaluated in the order written: the report lists issues in form order.
        let parts = NewCustomerParts {
            organization_name: take(
                Self::check_organization_name(&self.organization_name),
                &mut report,
            ),
            domain: take(Self::check_domain(&self.domain), &mut report),
            user_licenses: take(Self::check_user_licenses(&self.user_licenses), &mut report),
            extra_storage_gb: take(Self::check_extra_storage(&self.extra_storage), &mut report),
            notify_emails: take(Self::check_notify_emails(&self.notify_emails), &mut report),
            storage_type: take(Self::check_storage_type(self.storage_type), &mut report),
        };
        parts.finish(report)
    }

    /// Organization name on its own, as [`CustomerDraft::validate`] checks it: the form runs
    /// one field's `check_*` per keystroke instead of the whole draft.
    pub fn check_organization_name(text: &str) -> Validated<String> {
        Validated::from_result(parse_organization_name(text))
    }

    /// Domain on its own (the normalised domain; `Normalised` note when normalising changed it).
    pub fn check_domain(text: &str) -> Validated<Option<String>> {
        let mut checked = Validated::from_result(parse_domain(text));
        if let Some(Some(domain)) = &checked.value {
            checked.report.notes.extend(normalised_note(domain));
        }
        Validated {
            value: checked.value.map(|d| d.map(|d| d.value)),
            report: checked.report,
        }
    }

    /// User Licenses on its own.
    pub fn check_user_licenses(text: &str) -> Validated<u32> {
        Validated::from_result(parse_license_count(text))
    }

    /// Extra Storage on its own (in GB; the `NoStorage` warning when 0).
    pub fn check_extra_storage(text: &str) -> Validated<u64> {
        let mut checked = Validated::from_result(parse_storage(text));
        if let Some(gb) = checked.value {
            checked.report.warnings.extend(new_storage_warning(gb));
        }
        checked
    }

    /// Notify Users on its own: the text as the form joins it (addresses separated by `;`, `,`,
    /// newlines or spaces), split and checked.
    pub fn check_notify_emails(text: &str) -> Validated<Vec<String>> {
        Validated::from_result(parse_notify_emails(&split_emails(text)))
    }

    /// Storage Type on its own: `Required` until one is picked.
    pub fn check_storage_type(choice: Option<StorageType>) -> Validated<StorageType> {
        Validated::from_result(
            choice.ok_or_else(|| vec![Issue::new(Field::StorageType, Code::Required)]),
        )
    }
}

impl<T> Validated<T> {
    /// A field rule's result as a value and a report of its errors.
    fn from_result(result: Result<T, Vec<Issue>>) -> Self {
        match result {
            Ok(value) => Validated {
                value: Some(value),
                report: Report::default(),
            },
            Err(errors) => Validated {
                value: None,
                report: Report {
                    errors,
                    ..Report::default()
                },
            },
        }
    }
}

/// Keeps the value of a checked field and merges its issues into `report`.
fn take<T>(checked: Validated<T>, report: &mut Report) -> Option<T> {
    report.merge(checked.report);
    checked.value
}

/// "Saved as contoso.fi" when normalising changed what was typed.
fn normalised_note(domain: &NormalisedDomain) -> Option<Issue> {
    domain
        .changed
        .then(|| Issue::new(Field::Domain, Code::Normalised).with("value", &domain.value))
}

/// A new customer uses nothing yet, so of the usage warnings only "no storage" can apply.
fn new_storage_warning(allocated_gb: u64) -> Option<Issue> {
    storage_warning(allocated_gb, 0)
}

impl NewCustomer {
    /// The server-side check of a create payload: the same rules as the form, on wire values
    /// (each `notify_emails` element is one address). `value` is the normalised customer.
    pub fn validate(&self) -> Validated<NewCustomer> {
        let mut report = Report::default();
        let errors = &mut report.errors;
        let organization_name = collect(parse_organization_name(&self.organization_name), errors);
        let domain = collect(
            self.domain.as_deref().map_or(Ok(None), parse_domain),
            errors,
        );
        let user_licenses = collect(check_license_count(self.user_licenses), errors);
        let extra_storage_gb = collect(check_storage(self.extra_storage_gb), errors);
        let notify_emails = collect(parse_notify_emails(&self.notify_emails), errors);
        if let Some(Some(domain)) = &domain {
            report.notes.extend(normalised_note(domain));
        }
        if let Some(gb) = extra_storage_gb {
            report.warnings.extend(new_storage_warning(gb));
        }
        NewCustomerParts {
            organization_name,
            domain: domain.map(|d| d.map(|d| d.value)),
            user_licenses,
            extra_storage_gb,
            notify_emails,
            storage_type: Some(self.storage_type),
        }
        .finish(report)
    }
}

impl EditDraft {
    /// The form text for a customer's current values (`1000`, `1.5 TB`).
    pub fn from_customer(c: &Customer) -> Self {
        EditDraft {
            user_licenses: c.user_licenses.to_string(),
            extra_storage: format_storage(c.extra_storage_gb),
        }
    }

    /// Parses the Edit customer form against the customer's current values.
    ///
    /// Errors: parse failures; `BelowUsage` (`used`, formatted like `1.4 TB`) when the storage is
    /// less than is stored. Warnings: `InadequateLicenses`, `StorageNearlyFull`, `NoStorage`.
    /// `value` holds only the fields that differ from `current` (possibly none).
    pub fn validate(&self, current: &Customer) -> Validated<CustomerChanges> {
        let mut report = Report::default();
        let licenses = collect(parse_license_count(&self.user_licenses), &mut report.errors);
        let storage = collect(parse_storage(&self.extra_storage), &mut report.errors);
        report.merge(edit_report(licenses, storage, current));
        let value = report.is_ok().then(|| CustomerChanges {
            user_licenses: licenses.filter(|&n| n != current.user_licenses),
            extra_storage_gb: storage.filter(|&gb| gb != current.extra_storage_gb),
        });
        Validated { value, report }
    }
}

impl CustomerChanges {
    /// The server-side check of an edit payload against the stored customer: range checks on
    /// the fields present, `BelowUsage`, and the usage warnings for those fields.
    pub fn validate(&self, current: &Customer) -> Report {
        let mut report = Report::default();
        let licenses = self
            .user_licenses
            .and_then(|n| collect(check_license_count(n), &mut report.errors));
        let storage = self
            .extra_storage_gb
            .and_then(|gb| collect(check_storage(gb), &mut report.errors));
        report.merge(edit_report(licenses, storage, current));
        report
    }
}

/// The usage error and warnings for the new values of an edit (`None` = absent or invalid).
fn edit_report(licenses: Option<u32>, storage_gb: Option<u64>, current: &Customer) -> Report {
    let mut report = Report::default();
    report
        .warnings
        .extend(licenses.and_then(|n| license_warning(n, current.licenses_in_use)));
    if let Some(gb) = storage_gb {
        match below_usage(gb, current.storage_used_gb) {
            Some(error) => report.errors.push(error),
            None => report
                .warnings
                .extend(storage_warning(gb, current.storage_used_gb)),
        }
    }
    report
}
