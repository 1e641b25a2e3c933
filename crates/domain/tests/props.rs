//! Property tests: the parsers never panic, and what the app displays parses back to the same
//! value.

use domain::*;
use proptest::prelude::*;
use std::collections::HashSet;

/// Text that looks like what people type into the number, domain and email fields, so the
/// parsers' inner branches are reached far more often than with arbitrary Unicode.
const FORM_LIKE: &str = "[-+ ,.0-9a-zA-Z@<>\";:/#?_\u{a0}\u{202f}\u{2212}\\\\\n\tÄé]{0,40}";

fn run_every_parser(s: &str) {
    let _ = parse_organization_name(s);
    let _ = parse_domain(s);
    let _ = parse_license_count(s);
    let _ = parse_storage(s);
    let _ = check_email(s);
    let pieces = split_emails(s);
    let _ = parse_notify_emails(&pieces);
    let _ = parse_notify_emails(&[s.to_owned()]);
}

/// A DNS label: letters and digits with inner hyphens, 1–63 characters.
fn label() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
}

/// A valid domain: one to four labels and an alphabetic or punycode top label.
fn valid_domain() -> impl Strategy<Value = String> {
    let top = prop_oneof!["[a-z]{2,12}", "xn--[a-z0-9]{1,10}"];
    (prop::collection::vec(label(), 1..=4), top)
        .prop_map(|(labels, top)| format!("{}.{top}", labels.join(".")))
        .prop_filter("at most 253 characters", |d| d.len() <= DOMAIN_MAX_LEN)
        // A leading "www." is removed by normalisation, so such a domain does not round-trip.
        .prop_filter("no www label first", |d| !d.starts_with("www."))
}

/// A valid organization name: words of visible characters separated by single spaces.
fn valid_name() -> impl Strategy<Value = String> {
    prop::collection::vec("[^\\p{C}\\s]{1,12}", 1..=20)
        .prop_map(|words| words.join(" "))
        .prop_filter("2-200 characters", |n| {
            (ORGANIZATION_NAME_MIN..=ORGANIZATION_NAME_MAX).contains(&n.chars().count())
        })
}

/// Writes a count with a thousands separator, as people paste it.
fn grouped(n: u32, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn parsers_never_panic_on_any_text(s in any::<String>()) {
        run_every_parser(&s);
    }

    #[test]
    fn parsers_never_panic_on_form_like_text(s in FORM_LIKE) {
        run_every_parser(&s);
    }

    #[test]
    fn parsed_numbers_are_in_range(s in FORM_LIKE) {
        if let Ok(n) = parse_license_count(&s) {
            prop_assert!((LICENSES_MIN..=LICENSES_MAX).contains(&n));
        }
        if let Ok(gb) = parse_storage(&s) {
            prop_assert!(gb <= STORAGE_MAX_GB);
        }
    }

    #[test]
    fn storage_round_trips(gb in 0u64..=STORAGE_MAX_GB) {
        prop_assert_eq!(parse_storage(&format_storage(gb)), Ok(gb));
    }

    #[test]
    fn storage_round_trips_in_gb_too(gb in 0u64..=STORAGE_MAX_GB) {
        prop_assert_eq!(parse_storage(&format!("{gb} GB")), Ok(gb));
        prop_assert_eq!(parse_storage(&gb.to_string()), Ok(gb));
    }

    #[test]
    fn license_counts_round_trip(n in LICENSES_MIN..=LICENSES_MAX) {
        prop_assert_eq!(parse_license_count(&n.to_string()), Ok(n));
        for separator in [",", " ", "\u{a0}", "\u{202f}"] {
            prop_assert_eq!(parse_license_count(&grouped(n, separator)), Ok(n), "{}", separator);
        }
    }

    #[test]
    fn valid_domains_round_trip(domain in valid_domain()) {
        let unchanged = NormalisedDomain { value: domain.clone(), changed: false };
        prop_assert_eq!(parse_domain(&domain), Ok(Some(unchanged)));
        let pasted = format!("https://www.{}./about?x=1", domain.to_uppercase());
        let changed = NormalisedDomain { value: domain, changed: true };
        prop_assert_eq!(parse_domain(&pasted), Ok(Some(changed)));
    }

    #[test]
    fn domain_normalisation_is_idempotent(s in FORM_LIKE) {
        if let Ok(Some(d)) = parse_domain(&s) {
            let again = NormalisedDomain { value: d.value.clone(), changed: false };
            prop_assert_eq!(parse_domain(&d.value), Ok(Some(again)));
        }
    }

    #[test]
    fn valid_names_round_trip(name in valid_name()) {
        prop_assert_eq!(parse_organization_name(&name), Ok(name.clone()));
        prop_assert_eq!(parse_organization_name(&format!(" \t{}\n ", name.replace(' ', "  "))), Ok(name));
    }

    #[test]
    fn name_normalisation_is_idempotent(s in any::<String>()) {
        if let Ok(name) = parse_organization_name(&s) {
            prop_assert_eq!(parse_organization_name(&name), Ok(name.clone()));
        }
    }

    #[test]
    fn split_pieces_are_trimmed_and_not_empty(s in any::<String>()) {
        for piece in split_emails(&s) {
            prop_assert!(!piece.is_empty());
            prop_assert_eq!(piece.trim(), piece.as_str());
        }
    }

    #[test]
    fn typed_address_lists_split_back(
        addresses in prop::collection::vec("[a-z0-9+_-]{1,10}@[a-z]{1,10}\\.[a-z]{2,5}", 1..=25),
        separator in prop::sample::select(vec!["; ", ",", "\n", " ", ";;", "\r\n", ", "]),
        outlook in any::<bool>(),
    ) {
        let typed: Vec<String> = addresses
            .iter()
            .enumerate()
            .map(|(i, a)| if outlook { format!("Person {i} <{a}>") } else { a.clone() })
            .collect();
        prop_assert_eq!(split_emails(&typed.join(separator)), addresses);
    }

    #[test]
    fn notify_list_has_no_duplicates(s in FORM_LIKE) {
        if let Ok(list) = parse_notify_emails(&split_emails(&s)) {
            prop_assert!((1..=NOTIFY_MAX).contains(&list.len()));
            let distinct: HashSet<String> = list.iter().map(|a| a.to_lowercase()).collect();
            prop_assert_eq!(distinct.len(), list.len());
            for address in &list {
                prop_assert_eq!(check_email(address), Ok(()));
            }
        }
    }
}

#[test]
fn storage_round_trips_exhaustively_near_the_unit_change_and_the_limit() {
    let near_max = STORAGE_MAX_GB - 20_000..=STORAGE_MAX_GB;
    for gb in (0..=20_000).chain(near_max) {
        assert_eq!(
            parse_storage(&format_storage(gb)),
            Ok(gb),
            "{}",
            format_storage(gb)
        );
    }
}
