//! Extra Storage: units, separators, limits and the display format.

use super::*;

#[test]
fn storage_accepts() {
    let cases: &[(&str, u64)] = &[
        ("0", 0),
        ("0 GB", 0),
        ("-0", 0),
        ("500", 500),
        ("500 GB", 500),
        ("500GB", 500),
        ("500 gb", 500),
        ("500 Gb", 500),
        ("500\u{a0}GB", 500),
        ("2 TB", 2000),
        ("2tb", 2000),
        ("1.5 TB", 1500),
        ("1.5TB", 1500),
        ("1,5 TB", 1500),
        ("1.234 TB", 1234),
        ("1.2340 TB", 1234),
        ("0.001 TB", 1),
        (".5 TB", 500),
        ("1.500 TB", 1500),
        // One comma followed by exactly three digits groups thousands.
        ("1,500 TB", 1_500_000),
        ("1,000 GB", 1000),
        ("1,000", 1000),
        ("1 000", 1000),
        ("1 000 GB", 1000),
        ("1.0 GB", 1),
        ("10,000,000", 10_000_000),
        ("10000 TB", 10_000_000),
        ("10 000 TB", 10_000_000),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_storage(input), Ok(*expected), "input {input:?}");
    }
}

#[test]
fn storage_rejects() {
    let cases: &[(&str, &[Code])] = &[
        ("", &[Code::Required]),
        ("  ", &[Code::Required]),
        ("abc", &[Code::NotANumber]),
        ("1e3", &[Code::NotANumber]),
        ("1e3 GB", &[Code::NotANumber]),
        ("five GB", &[Code::NotANumber]),
        ("GB", &[Code::NotANumber]),
        ("TB 5", &[Code::NotANumber]),
        ("5 PB", &[Code::NotANumber]),
        ("5 GiB", &[Code::NotANumber]),
        ("5 G B", &[Code::NotANumber]),
        ("1.2.3 TB", &[Code::NotANumber]),
        ("1,5,0 TB", &[Code::NotANumber]),
        ("0.5 GB", &[Code::NotWhole]),
        ("0.5", &[Code::NotWhole]),
        ("1,5 GB", &[Code::NotWhole]),
        ("1.0005 TB", &[Code::NotWhole]),
        ("-1", &[Code::OutOfRange]),
        ("-1 TB", &[Code::OutOfRange]),
        ("10000001", &[Code::OutOfRange]),
        ("10000.001 TB", &[Code::OutOfRange]),
        ("10001 TB", &[Code::OutOfRange]),
        ("999999999999999999999999 TB", &[Code::OutOfRange]),
        ("-0.5 GB", &[Code::OutOfRange]),
        ("10000000.5", &[Code::OutOfRange]),
    ];
    for (input, expected) in cases {
        let errors = parse_storage(input).expect_err(input);
        assert_eq!(codes(&errors), *expected, "input {input:?}");
        assert!(errors.iter().all(|i| i.field == Field::ExtraStorageGb));
    }
}

#[test]
fn storage_messages_and_params() {
    let range = &parse_storage("-1").unwrap_err()[0];
    assert_eq!((range.param("min"), range.param("max")), ("0", "10000000"));
}

#[test]
fn check_storage_is_the_range() {
    for gb in [0, 1, 10_000_000] {
        assert_eq!(check_storage(gb), Ok(gb));
    }
    for gb in [10_000_001, u64::MAX] {
        let errors = check_storage(gb).unwrap_err();
        assert_eq!(codes(&errors), [Code::OutOfRange]);
        assert_eq!(
            (errors[0].param("min"), errors[0].param("max")),
            ("0", "10000000")
        );
    }
}

#[test]
fn storage_formats() {
    let cases: &[(u64, &str)] = &[
        (0, "0 GB"),
        (1, "1 GB"),
        (750, "750 GB"),
        (999, "999 GB"),
        (1000, "1 TB"),
        (1001, "1.001 TB"),
        (1010, "1.01 TB"),
        (1234, "1.234 TB"),
        (1400, "1.4 TB"),
        (1500, "1.5 TB"),
        (2000, "2 TB"),
        (10_000_000, "10000 TB"),
        (u64::MAX, "18446744073709551.615 TB"),
    ];
    for (gb, expected) in cases {
        assert_eq!(format_storage(*gb), *expected, "gb {gb}");
    }
}
