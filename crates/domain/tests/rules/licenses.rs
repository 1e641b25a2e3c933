//! User Licenses as typed and from JSON.

use super::*;

#[test]
fn license_count_accepts() {
    let cases: &[(&str, u32)] = &[
        ("1", 1),
        ("250", 250),
        (" 25 ", 25),
        ("007", 7),
        ("+5", 5),
        ("1000", 1000),
        ("1 000", 1000),
        ("1,000", 1000),
        ("1\u{a0}000", 1000),
        ("1\u{202f}000", 1000),
        ("1\u{2009}000", 1000),
        ("1 000 000", 1_000_000),
        ("1,000,000", 1_000_000),
        ("1000000", 1_000_000),
        ("1.0", 1),
        ("1.000", 1),
        ("12.", 12),
        ("1,000.00", 1000),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_license_count(input), Ok(*expected), "input {input:?}");
    }
}

#[test]
fn license_count_rejects() {
    let cases: &[(&str, &[Code])] = &[
        ("", &[Code::Required]),
        ("   ", &[Code::Required]),
        ("abc", &[Code::NotANumber]),
        ("1e3", &[Code::NotANumber]),
        ("0x10", &[Code::NotANumber]),
        ("1 00", &[Code::NotANumber]),
        ("1,00,0", &[Code::NotANumber]),
        ("1000 000", &[Code::NotANumber]),
        ("1..0", &[Code::NotANumber]),
        ("1.2.3", &[Code::NotANumber]),
        (".", &[Code::NotANumber]),
        ("-", &[Code::NotANumber]),
        ("--1", &[Code::NotANumber]),
        ("- 1", &[Code::NotANumber]),
        ("10 users", &[Code::NotANumber]),
        ("١٢", &[Code::NotANumber]),
        ("1.5", &[Code::NotWhole]),
        ("1,5", &[Code::NotWhole]),
        ("0", &[Code::OutOfRange]),
        ("-0", &[Code::OutOfRange]),
        ("-1", &[Code::OutOfRange]),
        ("\u{2212}1", &[Code::OutOfRange]),
        ("1000001", &[Code::OutOfRange]),
        ("1 000 001", &[Code::OutOfRange]),
        ("99999999999999999999999999", &[Code::OutOfRange]),
        ("0.5", &[Code::OutOfRange]),
        ("1000000.5", &[Code::OutOfRange]),
        ("-2.5", &[Code::OutOfRange]),
    ];
    for (input, expected) in cases {
        let errors = parse_license_count(input).expect_err(input);
        assert_eq!(codes(&errors), *expected, "input {input:?}");
        assert!(errors.iter().all(|i| i.field == Field::UserLicenses));
    }
}

#[test]
fn license_range_params_are_plain() {
    let errors = parse_license_count("-1").unwrap_err();
    assert_eq!(
        (errors[0].param("min"), errors[0].param("max")),
        ("1", "1000000")
    );
}

#[test]
fn check_license_count_is_the_range() {
    for n in [1, 2, 999_999, 1_000_000] {
        assert_eq!(check_license_count(n), Ok(n));
    }
    for n in [0, 1_000_001, u32::MAX] {
        let errors = check_license_count(n).unwrap_err();
        assert_eq!(codes(&errors), [Code::OutOfRange], "n {n}");
        assert_eq!(
            (errors[0].param("min"), errors[0].param("max")),
            ("1", "1000000")
        );
    }
}
