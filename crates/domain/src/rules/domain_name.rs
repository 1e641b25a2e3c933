//! The Microsoft 365 domain: what people paste is normalised, then checked label by label.

use crate::issues::{Code, Field, Issue};

/// Most characters a normalised domain may have.
pub const DOMAIN_MAX_LEN: usize = 253;
/// The longest a domain label may be.
const LABEL_MAX_LEN: usize = 63;

/// A domain after normalisation, and whether normalising changed what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalisedDomain {
    /// The domain as it is saved, e.g. `contoso.fi`.
    pub value: String,
    /// The value differs from the trimmed input (the UI says "Saved as …").
    pub changed: bool,
}

/// Why a domain is invalid: the `reason` parameter of `Code::InvalidDomain`, a stable code the
/// catalogues word (never renamed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DomainReason {
    /// Nothing is left after normalising (e.g. only `https://`).
    Empty,
    /// Non-ASCII letters: an internationalised domain must be given in its `xn--` form.
    NotPunycode,
    /// Longer than 253 characters.
    TooLong,
    /// Two dots in a row, or a leading dot.
    EmptyLabel,
    /// A label longer than 63 characters.
    LabelTooLong,
    /// Characters other than letters, digits, hyphens and dots.
    InvalidCharacters,
    /// A label starts or ends with a hyphen.
    HyphenAtEdge,
    /// Only one label (`contoso`).
    TooFewLabels,
    /// The last label is not letters only.
    InvalidTopLevel,
}

impl DomainReason {
    /// Every reason, in the order they are reported.
    pub const ALL: [DomainReason; 9] = [
        DomainReason::Empty,
        DomainReason::NotPunycode,
        DomainReason::TooLong,
        DomainReason::EmptyLabel,
        DomainReason::LabelTooLong,
        DomainReason::InvalidCharacters,
        DomainReason::HyphenAtEdge,
        DomainReason::TooFewLabels,
        DomainReason::InvalidTopLevel,
    ];

    /// The wire code.
    pub fn as_str(self) -> &'static str {
        match self {
            DomainReason::Empty => "empty",
            DomainReason::NotPunycode => "not_punycode",
            DomainReason::TooLong => "too_long",
            DomainReason::EmptyLabel => "empty_label",
            DomainReason::LabelTooLong => "label_too_long",
            DomainReason::InvalidCharacters => "invalid_characters",
            DomainReason::HyphenAtEdge => "hyphen_at_edge",
            DomainReason::TooFewLabels => "too_few_labels",
            DomainReason::InvalidTopLevel => "invalid_top_level",
        }
    }

    /// Parses the wire code.
    pub fn from_wire(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Normalises and checks an optional Microsoft 365 domain (`contoso.fi`,
/// `contoso.onmicrosoft.com`). Empty or whitespace-only input is `Ok(None)`.
///
/// Normalising trims, lowercases and removes a leading `http://` or `https://`, anything from
/// the first `/`, `?` or `#`, one trailing dot and a leading `www.` (when a domain remains).
///
/// Every error is `Field::Domain`, `Code::InvalidDomain` with params `value` (the normalised
/// text) and `reason` (a [`DomainReason`] code): one issue, for the first reason in
/// [`DomainReason::ALL`]'s order, so one bad value never reads as several errors.
pub fn parse_domain(input: &str) -> Result<Option<NormalisedDomain>, Vec<Issue>> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let value = normalise_domain(trimmed);
    match domain_problem(&value) {
        None => {
            let changed = value != trimmed;
            Ok(Some(NormalisedDomain { value, changed }))
        }
        Some(reason) => Err(vec![
            Issue::new(Field::Domain, Code::InvalidDomain)
                .with("value", &value)
                .with("reason", reason.as_str()),
        ]),
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

/// The first reason, in [`DomainReason::ALL`]'s order, a normalised domain is invalid.
fn domain_problem(domain: &str) -> Option<DomainReason> {
    if domain.is_empty() {
        return Some(DomainReason::Empty);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    // Non-ASCII letters are covered by the punycode reason, which comes first.
    let bad_ascii = |c: char| c.is_ascii() && !(c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let bad_top = |top: &&str| {
        let punycode = top.starts_with("xn--");
        !top.is_empty()
            && top.is_ascii()
            && !punycode
            && !top.chars().all(|c| c.is_ascii_alphabetic())
    };
    let checks = [
        (!domain.is_ascii(), DomainReason::NotPunycode),
        (
            domain.chars().count() > DOMAIN_MAX_LEN,
            DomainReason::TooLong,
        ),
        (
            labels.iter().any(|l| l.is_empty()),
            DomainReason::EmptyLabel,
        ),
        (
            labels.iter().any(|l| l.chars().count() > LABEL_MAX_LEN),
            DomainReason::LabelTooLong,
        ),
        (
            domain.chars().any(bad_ascii),
            DomainReason::InvalidCharacters,
        ),
        (
            labels
                .iter()
                .any(|l| l.starts_with('-') || l.ends_with('-')),
            DomainReason::HyphenAtEdge,
        ),
        (labels.len() < 2, DomainReason::TooFewLabels),
        (
            labels.len() >= 2 && labels.last().is_some_and(bad_top),
            DomainReason::InvalidTopLevel,
        ),
    ];
    checks
        .into_iter()
        .find_map(|(failed, reason)| failed.then_some(reason))
}
