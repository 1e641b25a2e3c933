//! Table-driven tests of every rule: each case states the exact value, codes and params expected.

use domain::*;

/// The codes of a list of issues, in order.
fn codes(issues: &[Issue]) -> Vec<Code> {
    issues.iter().map(|i| i.code).collect()
}

fn customer() -> Customer {
    Customer {
        id: "c1".into(),
        organization_name: "Contoso Oy".into(),
        domain: Some("contoso.fi".into()),
        user_licenses: 100,
        extra_storage_gb: 2000,
        notify_emails: vec!["it@contoso.fi".into()],
        storage_type: StorageType::FinnishS3,
        status: CustomerStatus::Active,
        licenses_in_use: 80,
        storage_used_gb: 1400,
        usage_updated_at: "2026-11-28T12:00:00Z".into(),
        created_at: "2026-01-01T00:00:00Z".into(),
        updated_at: "2026-11-28T12:00:00Z".into(),
        version: 3,
        activation_email: domain::ActivationEmail::Sent,
    }
}

fn good_draft() -> CustomerDraft {
    CustomerDraft {
        organization_name: "Contoso Oy".into(),
        domain: "contoso.fi".into(),
        user_licenses: "250".into(),
        extra_storage: "1.5 TB".into(),
        notify_emails: "it@contoso.fi; Jane Doe <jane@contoso.fi>".into(),
        storage_type: Some(StorageType::AzureIreland),
    }
}

fn good_new_customer() -> NewCustomer {
    NewCustomer {
        organization_name: "Contoso Oy".into(),
        domain: Some("contoso.fi".into()),
        user_licenses: 250,
        extra_storage_gb: 1500,
        notify_emails: vec!["it@contoso.fi".into()],
        storage_type: StorageType::AzureIreland,
    }
}

// ---------------------------------------------------------------------------------------------
// Organization name
// ---------------------------------------------------------------------------------------------

#[test]
fn organization_name_accepts_and_normalises() {
    let a200 = "a".repeat(200);
    let umlaut200 = "ä".repeat(200);
    let cases: &[(&str, &str)] = &[
        ("Contoso Oy", "Contoso Oy"),
        ("  Contoso   Oy  ", "Contoso Oy"),
        ("Contoso\t\n Oy", "Contoso Oy"),
        ("Contoso\u{a0}\u{a0}Oy", "Contoso Oy"),
        ("ÄÖ", "ÄÖ"),
        ("AB", "AB"),
        (&a200, &a200),
        // 400 bytes but 200 characters.
        (&umlaut200, &umlaut200),
    ];
    for (input, expected) in cases {
        assert_eq!(
            parse_organization_name(input).as_deref(),
            Ok(*expected),
            "input {input:?}"
        );
    }
}

#[test]
fn organization_name_rejects() {
    let a201 = "a".repeat(201);
    let padded201 = format!("  {}  ", "b".repeat(201));
    let control201 = format!("{}\u{1}", "a".repeat(200));
    let cases: &[(&str, &[Code])] = &[
        ("", &[Code::Required]),
        ("   ", &[Code::Required]),
        ("\t\n", &[Code::Required]),
        ("A", &[Code::TooShort]),
        (" Ä ", &[Code::TooShort]),
        (&a201, &[Code::TooLong]),
        (&padded201, &[Code::TooLong]),
        ("Acme\u{0}Oy", &[Code::InvalidCharacters]),
        ("Acme\u{7f}", &[Code::InvalidCharacters]),
        ("Acme\u{85}x\u{9b}", &[Code::InvalidCharacters]),
        ("\u{7}", &[Code::InvalidCharacters, Code::TooShort]),
        (&control201, &[Code::InvalidCharacters, Code::TooLong]),
    ];
    for (input, expected) in cases {
        let errors = parse_organization_name(input).expect_err(input);
        assert_eq!(codes(&errors), *expected, "input {input:?}");
        assert!(errors.iter().all(|i| i.field == Field::OrganizationName));
    }
}

#[test]
fn organization_name_length_params() {
    let short = parse_organization_name("A").unwrap_err();
    assert_eq!(short[0].param("min"), "2");
    assert_eq!(
        message(&short[0]),
        "Organization name must be at least 2 characters."
    );
    let long = parse_organization_name(&"x".repeat(201)).unwrap_err();
    assert_eq!(long[0].param("max"), "200");
    assert_eq!(
        message(&long[0]),
        "Organization name must be at most 200 characters."
    );
}

// ---------------------------------------------------------------------------------------------
// Domain
// ---------------------------------------------------------------------------------------------

#[test]
fn domain_empty_is_none() {
    for input in ["", "   ", "\t\n"] {
        assert_eq!(parse_domain(input), Ok(None), "input {input:?}");
    }
}

#[test]
fn domain_accepts_and_normalises() {
    let label63 = format!("{}.fi", "a".repeat(63));
    let len253 = format!(
        "{}.{}.{}.{}",
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(61)
    );
    assert_eq!(len253.len(), 253);
    let cases: &[(&str, &str, bool)] = &[
        ("contoso.fi", "contoso.fi", false),
        ("contoso.onmicrosoft.com", "contoso.onmicrosoft.com", false),
        ("  contoso.fi  ", "contoso.fi", false),
        ("Contoso.FI", "contoso.fi", true),
        ("CONTOSO.ONMICROSOFT.COM", "contoso.onmicrosoft.com", true),
        ("https://contoso.fi", "contoso.fi", true),
        ("HTTP://Contoso.fi", "contoso.fi", true),
        ("https://www.contoso.fi/path/to?q=1#top", "contoso.fi", true),
        ("www.contoso.fi", "contoso.fi", true),
        ("WWW.contoso.fi", "contoso.fi", true),
        ("contoso.fi.", "contoso.fi", true),
        ("www.contoso.fi.", "contoso.fi", true),
        ("contoso.fi/", "contoso.fi", true),
        ("contoso.fi?x=1", "contoso.fi", true),
        ("contoso.fi#x", "contoso.fi", true),
        // "www." is only a prefix when a domain remains after it.
        ("www.fi", "www.fi", false),
        ("my-company.fi", "my-company.fi", false),
        ("a--b.fi", "a--b.fi", false),
        ("123.contoso.fi", "123.contoso.fi", false),
        ("x.io", "x.io", false),
        ("xn--mller-kva.de", "xn--mller-kva.de", false),
        ("contoso.xn--p1ai", "contoso.xn--p1ai", false),
        (&label63, &label63, false),
        (&len253, &len253, false),
    ];
    for (input, value, changed) in cases {
        let expected = NormalisedDomain {
            value: (*value).to_owned(),
            changed: *changed,
        };
        assert_eq!(parse_domain(input), Ok(Some(expected)), "input {input:?}");
    }
}

#[test]
fn domain_rejects_with_reasons() {
    const HYPHEN: &str = "a label cannot start or end with a hyphen";
    const LABEL_LEN: &str = "a label can be at most 63 characters";
    const LEN: &str = "a domain can be at most 253 characters";
    const PUNYCODE: &str = "enter an internationalised domain in its xn-- (punycode) form";
    const TWO_PARTS: &str = "a domain needs at least two parts, e.g. contoso.fi";
    const TOP: &str = "the last part must be letters only, e.g. .fi or .com";
    const EMPTY_PART: &str =
        "a domain cannot have empty parts (two dots in a row, or a leading dot)";
    const CHARS: &str = "a domain can only contain letters, digits, hyphens and dots";
    const NOTHING: &str = "enter a domain such as contoso.fi";

    let label64 = format!("{}.fi", "a".repeat(64));
    let len254 = format!(
        "{}.{}.{}.{}",
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(62)
    );
    assert_eq!(len254.len(), 254);
    let cases: &[(&str, &str, &[&str])] = &[
        ("-contoso.fi", "-contoso.fi", &[HYPHEN]),
        ("contoso-.fi", "contoso-.fi", &[HYPHEN]),
        ("contoso.-fi", "contoso.-fi", &[HYPHEN, TOP]),
        (&label64, &label64, &[LABEL_LEN]),
        (&len254, &len254, &[LEN]),
        ("müller.de", "müller.de", &[PUNYCODE]),
        ("MÜLLER.DE", "müller.de", &[PUNYCODE]),
        ("contoso.suomi", "contoso.suomi", &[]),
        ("contoso", "contoso", &[TWO_PARTS]),
        ("localhost.", "localhost", &[TWO_PARTS]),
        ("contoso.123", "contoso.123", &[TOP]),
        ("contoso.f1", "contoso.f1", &[TOP]),
        ("contoso..fi", "contoso..fi", &[EMPTY_PART]),
        (".contoso.fi", ".contoso.fi", &[EMPTY_PART]),
        ("contoso.fi..", "contoso.fi.", &[EMPTY_PART]),
        ("con_toso.fi", "con_toso.fi", &[CHARS]),
        ("user@contoso.fi", "user@contoso.fi", &[CHARS]),
        ("contoso.fi:443", "contoso.fi:443", &[CHARS, TOP]),
        ("contoso fi", "contoso fi", &[CHARS, TWO_PARTS]),
        ("https://", "", &[NOTHING]),
        ("www.", "www", &[TWO_PARTS]),
        ("/contoso.fi", "", &[NOTHING]),
        ("-bad_.123", "-bad_.123", &[CHARS, HYPHEN, TOP]),
    ];
    for (input, value, reasons) in cases {
        let result = parse_domain(input);
        if reasons.is_empty() {
            assert!(result.is_ok(), "input {input:?}: {result:?}");
            continue;
        }
        let errors = result.expect_err(input);
        let got: Vec<&str> = errors.iter().map(|i| i.param("reason")).collect();
        assert_eq!(got, *reasons, "input {input:?}");
        for issue in &errors {
            assert_eq!(
                (issue.field, issue.code),
                (Field::Domain, Code::InvalidDomain)
            );
            assert_eq!(issue.param("value"), *value, "input {input:?}");
        }
    }
}

#[test]
fn domain_message_names_the_reason() {
    let errors = parse_domain(&format!("{}.fi", "a".repeat(64))).unwrap_err();
    assert_eq!(
        message(&errors[0]),
        format!(
            "“{}.fi” is not a valid domain: a label can be at most 63 characters.",
            "a".repeat(64)
        )
    );
    let errors = parse_domain("Müller.de").unwrap_err();
    assert_eq!(
        message(&errors[0]),
        "“müller.de” is not a valid domain: enter an internationalised domain in its xn-- (punycode) form."
    );
}

// ---------------------------------------------------------------------------------------------
// User Licenses
// ---------------------------------------------------------------------------------------------

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
        ("0.5", &[Code::NotWhole, Code::OutOfRange]),
        ("1000000.5", &[Code::NotWhole, Code::OutOfRange]),
        ("-2.5", &[Code::NotWhole, Code::OutOfRange]),
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
    assert_eq!(
        message(&errors[0]),
        "User Licenses must be between 1 and 1000000."
    );
    assert_eq!(
        message(&parse_license_count("x").unwrap_err()[0]),
        "User Licenses must be a number."
    );
    assert_eq!(
        message(&parse_license_count("1.5").unwrap_err()[0]),
        "User Licenses must be a whole number."
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

// ---------------------------------------------------------------------------------------------
// Extra Storage
// ---------------------------------------------------------------------------------------------

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
        ("-0.5 GB", &[Code::NotWhole, Code::OutOfRange]),
        ("10000000.5", &[Code::NotWhole, Code::OutOfRange]),
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
    assert_eq!(
        message(range),
        "Extra Storage must be between 0 and 10000000."
    );
    assert_eq!(
        message(&parse_storage("0.5 GB").unwrap_err()[0]),
        "Extra Storage must be a whole number of GB."
    );
    assert_eq!(
        message(&parse_storage("lots").unwrap_err()[0]),
        "Extra Storage must be a number of GB or TB, e.g. 500 GB or 1.5 TB."
    );
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

// ---------------------------------------------------------------------------------------------
// Notify Users
// ---------------------------------------------------------------------------------------------

#[test]
fn emails_split() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("  ", &[]),
        (" ; ;, \n", &[]),
        ("a@x.fi", &["a@x.fi"]),
        ("a@x.fi; b@y.fi", &["a@x.fi", "b@y.fi"]),
        ("a@x.fi;;b@y.fi", &["a@x.fi", "b@y.fi"]),
        ("a@x.fi,b@y.fi", &["a@x.fi", "b@y.fi"]),
        ("a@x.fi\nb@y.fi\r\n c@z.fi", &["a@x.fi", "b@y.fi", "c@z.fi"]),
        ("a@x.fi   b@y.fi\tc@z.fi", &["a@x.fi", "b@y.fi", "c@z.fi"]),
        ("Jane Doe <jane@contoso.fi>", &["jane@contoso.fi"]),
        ("A <a@x.fi>; B <b@y.fi>", &["a@x.fi", "b@y.fi"]),
        ("A <a@x.fi>, B <b@y.fi>", &["a@x.fi", "b@y.fi"]),
        (
            "Doe, Jane <jane@contoso.fi>; Smith, John <john@contoso.fi>",
            &["jane@contoso.fi", "john@contoso.fi"],
        ),
        ("\"Doe, Jane\" <jane@contoso.fi>", &["jane@contoso.fi"]),
        (
            "\"Jane (jane@x.fi)\" <jane@contoso.fi>",
            &["jane@contoso.fi"],
        ),
        (
            "bob@y.fi, Jane <jane@x.fi>, carol@z.fi",
            &["bob@y.fi", "jane@x.fi", "carol@z.fi"],
        ),
        ("Jane <jane@x.fi", &["jane@x.fi"]),
        ("Jane < jane@x.fi >", &["jane@x.fi"]),
        ("Jane <>", &[]),
        ("mailto:a@x.fi", &["a@x.fi"]),
        ("Jane <MAILTO:jane@x.fi>", &["jane@x.fi"]),
        (
            "\"john doe\"@contoso.fi, a@x.fi",
            &["\"john doe\"@contoso.fi", "a@x.fi"],
        ),
        ("\"a;b\"@contoso.fi", &["\"a;b\"@contoso.fi"]),
        ("jane", &["jane"]),
        ("jane+backup@contoso.fi", &["jane+backup@contoso.fi"]),
        // An unbalanced quote does not swallow the rest of the list.
        ("\"oops a@x.fi; b@y.fi", &["\"oops", "a@x.fi", "b@y.fi"]),
    ];
    for (input, expected) in cases {
        assert_eq!(split_emails(input), *expected, "input {input:?}");
    }
}

#[test]
fn email_check() {
    let local64 = "l".repeat(64);
    let len254 = format!(
        "{local64}@{}.{}.{}.fi",
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(58)
    );
    let len255 = format!(
        "{local64}@{}.{}.{}.fi",
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(59)
    );
    assert_eq!((len254.len(), len255.len()), (254, 255));
    let valid = [
        "jane@contoso.fi",
        "Jane.Doe@Contoso.FI",
        "jane+backup@contoso.fi",
        "first.last@sub.contoso.onmicrosoft.com",
        "o'brien@contoso.ie",
        "\"john doe\"@contoso.fi",
        "\"a;b\"@contoso.fi",
        &len254,
    ];
    for address in valid {
        assert_eq!(check_email(address), Ok(()), "address {address:?}");
    }
    let invalid = [
        "",
        "a@b",
        "jane@localhost",
        "jane",
        "@contoso.fi",
        "jane@",
        "jane@@contoso.fi",
        "jane@contoso..fi",
        "jane.@contoso.fi",
        "jane@-contoso.fi",
        "jane doe@contoso.fi",
        "jane@[127.0.0.1]",
        "Jane <jane@contoso.fi>",
        "\"unclosed@contoso.fi",
        &len255,
    ];
    for address in invalid {
        let issue = check_email(address).expect_err(address);
        assert_eq!(
            (issue.field, issue.code),
            (Field::NotifyEmails, Code::InvalidEmail)
        );
        assert_eq!(issue.param("value"), address);
    }
    let issue = check_email("a@b").unwrap_err();
    assert_eq!(message(&issue), "“a@b” is not a valid email address.");
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn notify_emails_normalise() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["a@x.fi"], &["a@x.fi"]),
        (&[" a@x.fi ", ""], &["a@x.fi"]),
        (
            &["Jane@Contoso.fi", "jane@contoso.FI", "JANE@CONTOSO.FI"],
            &["Jane@Contoso.fi"],
        ),
        (&["a@x.fi", "b@y.fi", "A@X.FI"], &["a@x.fi", "b@y.fi"]),
        (
            &["jane+backup@contoso.fi", "\"john doe\"@contoso.fi"],
            &["jane+backup@contoso.fi", "\"john doe\"@contoso.fi"],
        ),
    ];
    for (pieces, expected) in cases {
        assert_eq!(
            parse_notify_emails(&strings(pieces)),
            Ok(strings(expected)),
            "pieces {pieces:?}"
        );
    }
}

#[test]
fn notify_emails_required() {
    for pieces in [vec![], strings(&["", "  "])] {
        let errors = parse_notify_emails(&pieces).unwrap_err();
        assert_eq!(codes(&errors), [Code::Required]);
        assert_eq!(errors[0].field, Field::NotifyEmails);
        assert_eq!(
            message(&errors[0]),
            "Notify Users needs at least one email address."
        );
    }
    assert_eq!(
        parse_notify_emails(&split_emails(";;")).unwrap_err()[0].code,
        Code::Required
    );
}

#[test]
fn notify_emails_limit() {
    let many = |n: usize| {
        (0..n)
            .map(|i| format!("user{i}@contoso.fi"))
            .collect::<Vec<_>>()
    };
    assert_eq!(parse_notify_emails(&many(20)).map(|v| v.len()), Ok(20));

    let errors = parse_notify_emails(&many(21)).unwrap_err();
    assert_eq!(codes(&errors), [Code::TooMany]);
    assert_eq!(
        (errors[0].param("max"), errors[0].param("count")),
        ("20", "21")
    );
    assert_eq!(
        message(&errors[0]),
        "Enter at most 20 addresses (21 entered)."
    );

    // Duplicates do not count towards the limit.
    let mut with_duplicate = many(20);
    with_duplicate.push("USER0@contoso.fi".into());
    assert_eq!(
        parse_notify_emails(&with_duplicate).map(|v| v.len()),
        Ok(20)
    );

    // Both problems at once.
    let mut with_invalid = many(20);
    with_invalid.push("a@b".into());
    let errors = parse_notify_emails(&with_invalid).unwrap_err();
    assert_eq!(codes(&errors), [Code::TooMany, Code::InvalidEmail]);
}

#[test]
fn notify_emails_report_every_invalid_address_once() {
    let pieces = strings(&["a@b", "ok@x.fi", "jane", "A@B", "also-ok@y.fi", "@x.fi"]);
    let errors = parse_notify_emails(&pieces).unwrap_err();
    let values: Vec<&str> = errors.iter().map(|i| i.param("value")).collect();
    assert_eq!(values, ["a@b", "jane", "@x.fi"]);
    assert!(
        errors
            .iter()
            .all(|i| (i.field, i.code) == (Field::NotifyEmails, Code::InvalidEmail))
    );
}

#[test]
fn notify_emails_from_an_outlook_paste() {
    let pieces = split_emails("Anna A <anna@x.fi>; Bert B <bert@y.fi>; anna@X.fi");
    assert_eq!(
        parse_notify_emails(&pieces),
        Ok(strings(&["anna@x.fi", "bert@y.fi"]))
    );
}

// ---------------------------------------------------------------------------------------------
// Usage warnings
// ---------------------------------------------------------------------------------------------

#[test]
fn usage_warning_table() {
    type Usage = (u32, u32, u64, u64);
    type Expected<'a> = &'a [(Field, Code, &'a str, &'a str)];
    let licenses = |in_use| {
        (
            Field::UserLicenses,
            Code::InadequateLicenses,
            "in_use",
            in_use,
        )
    };
    let full = |percent| {
        (
            Field::ExtraStorageGb,
            Code::StorageNearlyFull,
            "percent",
            percent,
        )
    };
    let none = (Field::ExtraStorageGb, Code::NoStorage, "", "");
    let cases: &[(Usage, Expected)] = &[
        ((10, 5, 1000, 0), &[]),
        ((10, 10, 1000, 0), &[]),
        ((5, 10, 1000, 0), &[licenses("10")]),
        ((10, 0, 1000, 899), &[]),
        ((10, 0, 1000, 900), &[full("90")]),
        ((10, 0, 1000, 999), &[full("99")]),
        ((10, 0, 1000, 1000), &[full("100")]),
        ((10, 0, 1000, 1500), &[full("150")]),
        ((10, 0, 9, 8), &[]),
        ((10, 0, 10, 9), &[full("90")]),
        ((10, 0, 0, 0), &[none]),
        ((10, 0, 0, 5), &[none]),
        ((1, 2, 0, 0), &[licenses("2"), none]),
        ((1, 2, 100, 95), &[licenses("2"), full("95")]),
        ((1, 0, u64::MAX, u64::MAX), &[full("100")]),
    ];
    for (args @ (l, in_use, gb, used), expected) in cases {
        let warnings = usage_warnings(*l, *in_use, *gb, *used);
        let got: Vec<_> = warnings
            .iter()
            .map(|w| {
                let key = w.params.keys().next().map_or("", String::as_str);
                (w.field, w.code, key, w.param(key))
            })
            .collect();
        assert_eq!(got, *expected, "args {args:?}");
    }
}

#[test]
fn usage_warning_messages() {
    let warnings = usage_warnings(5, 12, 1000, 950);
    assert_eq!(
        message(&warnings[0]),
        "Inadequate licenses: 12 licenses are in use. Assign at least that many to avoid warnings."
    );
    assert_eq!(message(&warnings[1]), "Storage is 95% full.");
    assert_eq!(
        message(&usage_warnings(1, 0, 0, 0)[0]),
        "No storage is allocated: backups cannot be stored."
    );
}

// ---------------------------------------------------------------------------------------------
// The Add customer form
// ---------------------------------------------------------------------------------------------

#[test]
fn draft_valid() {
    let validated = good_draft().validate();
    assert_eq!(validated.report, Report::default());
    assert_eq!(
        validated.value,
        Some(NewCustomer {
            organization_name: "Contoso Oy".into(),
            domain: Some("contoso.fi".into()),
            user_licenses: 250,
            extra_storage_gb: 1500,
            notify_emails: vec!["it@contoso.fi".into(), "jane@contoso.fi".into()],
            storage_type: StorageType::AzureIreland,
        })
    );
}

#[test]
fn draft_normalises_and_notes_the_domain() {
    let draft = CustomerDraft {
        organization_name: "  Contoso   Oy ".into(),
        domain: "https://www.Contoso.fi/".into(),
        ..good_draft()
    };
    let validated = draft.validate();
    assert!(validated.report.is_ok());
    let notes = &validated.report.notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].field, notes[0].code, notes[0].param("value")),
        (Field::Domain, Code::Normalised, "contoso.fi")
    );
    assert_eq!(message(&notes[0]), "Saved as contoso.fi");
    let value = validated.value.unwrap();
    assert_eq!(value.organization_name, "Contoso Oy");
    assert_eq!(value.domain.as_deref(), Some("contoso.fi"));
}

#[test]
fn draft_without_domain_or_storage() {
    let draft = CustomerDraft {
        domain: "   ".into(),
        extra_storage: "0".into(),
        ..good_draft()
    };
    let validated = draft.validate();
    assert!(validated.report.errors.is_empty());
    assert!(validated.report.notes.is_empty());
    assert_eq!(codes(&validated.report.warnings), [Code::NoStorage]);
    let value = validated.value.unwrap();
    assert_eq!((value.domain, value.extra_storage_gb), (None, 0));
}

#[test]
fn draft_reports_every_error_at_once() {
    let draft = CustomerDraft {
        organization_name: " ".into(),
        domain: "-contoso".into(),
        user_licenses: "abc".into(),
        extra_storage: "1e3".into(),
        notify_emails: "a@b; jane".into(),
        storage_type: None,
    };
    let validated = draft.validate();
    assert_eq!(validated.value, None);
    let got: Vec<(Field, Code)> = validated
        .report
        .errors
        .iter()
        .map(|i| (i.field, i.code))
        .collect();
    assert_eq!(
        got,
        [
            (Field::OrganizationName, Code::Required),
            (Field::Domain, Code::InvalidDomain),
            (Field::Domain, Code::InvalidDomain),
            (Field::UserLicenses, Code::NotANumber),
            (Field::ExtraStorageGb, Code::NotANumber),
            (Field::NotifyEmails, Code::InvalidEmail),
            (Field::NotifyEmails, Code::InvalidEmail),
            (Field::StorageType, Code::Required),
        ]
    );
    assert!(validated.report.warnings.is_empty());
    assert!(validated.report.notes.is_empty());
    assert_eq!(
        message(validated.report.error_for(Field::StorageType).unwrap()),
        "Storage Type is required."
    );
}

#[test]
fn draft_with_one_bad_field_has_no_value() {
    let draft = CustomerDraft {
        user_licenses: "0".into(),
        ..good_draft()
    };
    let validated = draft.validate();
    assert_eq!(validated.value, None);
    assert_eq!(codes(&validated.report.errors), [Code::OutOfRange]);
}

#[test]
fn every_emitted_issue_renders_a_sentence() {
    let drafts = [
        CustomerDraft::default(),
        CustomerDraft {
            organization_name: format!("x\u{0}{}", "y".repeat(300)),
            domain: "https://www.Müller..de-/".into(),
            user_licenses: "0.5".into(),
            extra_storage: "-0.5 TB".into(),
            notify_emails: (0..25).map(|i| format!("u{i}@b ")).collect(),
            storage_type: None,
        },
        CustomerDraft {
            domain: "WWW.contoso.fi".into(),
            extra_storage: "0".into(),
            ..good_draft()
        },
    ];
    for draft in drafts {
        let report = draft.validate().report;
        for issue in report
            .errors
            .iter()
            .chain(&report.warnings)
            .chain(&report.notes)
        {
            let text = message(issue);
            assert!(
                !text.contains("“”") && !text.contains("  "),
                "{issue:?}: {text}"
            );
            assert!(
                !text.contains(" and .") && !text.contains("at most  "),
                "{issue:?}: {text}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The create payload
// ---------------------------------------------------------------------------------------------

#[test]
fn new_customer_valid_is_normalised() {
    let payload = NewCustomer {
        organization_name: " Contoso \t Oy ".into(),
        domain: Some("WWW.Contoso.FI.".into()),
        notify_emails: strings(&[" it@contoso.fi ", "IT@contoso.fi", "ops@contoso.fi"]),
        ..good_new_customer()
    };
    let validated = payload.validate();
    assert!(validated.report.errors.is_empty());
    assert_eq!(codes(&validated.report.notes), [Code::Normalised]);
    assert_eq!(
        validated.value,
        Some(NewCustomer {
            organization_name: "Contoso Oy".into(),
            domain: Some("contoso.fi".into()),
            notify_emails: strings(&["it@contoso.fi", "ops@contoso.fi"]),
            ..good_new_customer()
        })
    );
}

#[test]
fn new_customer_empty_domain_is_none() {
    for domain in [None, Some(String::new()), Some("  ".into())] {
        let validated = NewCustomer {
            domain,
            ..good_new_customer()
        }
        .validate();
        assert_eq!(validated.value.unwrap().domain, None);
    }
}

#[test]
fn new_customer_reports_every_error() {
    let payload = NewCustomer {
        organization_name: "x".into(),
        domain: Some("contoso".into()),
        user_licenses: 0,
        extra_storage_gb: 10_000_001,
        // Each element is one address: a list inside one element is invalid.
        notify_emails: strings(&["a@x.fi; b@y.fi"]),
        storage_type: StorageType::FinnishS3,
    };
    let validated = payload.validate();
    assert_eq!(validated.value, None);
    let got: Vec<(Field, Code)> = validated
        .report
        .errors
        .iter()
        .map(|i| (i.field, i.code))
        .collect();
    assert_eq!(
        got,
        [
            (Field::OrganizationName, Code::TooShort),
            (Field::Domain, Code::InvalidDomain),
            (Field::UserLicenses, Code::OutOfRange),
            (Field::ExtraStorageGb, Code::OutOfRange),
            (Field::NotifyEmails, Code::InvalidEmail),
        ]
    );
}

#[test]
fn new_customer_without_storage_warns() {
    let validated = NewCustomer {
        extra_storage_gb: 0,
        ..good_new_customer()
    }
    .validate();
    assert!(validated.value.is_some());
    assert_eq!(codes(&validated.report.warnings), [Code::NoStorage]);
}

// ---------------------------------------------------------------------------------------------
// The Edit customer form and the edit payload
// ---------------------------------------------------------------------------------------------

#[test]
fn edit_draft_from_customer() {
    let c = Customer {
        user_licenses: 1500,
        extra_storage_gb: 1400,
        ..customer()
    };
    assert_eq!(
        EditDraft::from_customer(&c),
        EditDraft {
            user_licenses: "1500".into(),
            extra_storage: "1.4 TB".into()
        }
    );
    let c = Customer {
        extra_storage_gb: 750,
        ..customer()
    };
    assert_eq!(EditDraft::from_customer(&c).extra_storage, "750 GB");
}

#[test]
fn edit_draft_unchanged_is_empty_changes() {
    let c = customer();
    let validated = EditDraft::from_customer(&c).validate(&c);
    assert_eq!(validated.report, Report::default());
    let changes = validated.value.unwrap();
    assert!(changes.is_empty());
    // Same values written differently are still no change.
    let draft = EditDraft {
        user_licenses: "100.0".into(),
        extra_storage: "2,000 GB".into(),
    };
    assert_eq!(draft.validate(&c).value, Some(CustomerChanges::default()));
}

#[test]
fn edit_draft_returns_only_changed_fields() {
    let c = customer();
    let cases: &[(&str, &str, CustomerChanges)] = &[
        (
            "120",
            "2 TB",
            CustomerChanges {
                user_licenses: Some(120),
                extra_storage_gb: None,
            },
        ),
        (
            "100",
            "2.5 TB",
            CustomerChanges {
                user_licenses: None,
                extra_storage_gb: Some(2500),
            },
        ),
        (
            "1 000",
            "3000",
            CustomerChanges {
                user_licenses: Some(1000),
                extra_storage_gb: Some(3000),
            },
        ),
    ];
    for (licenses, storage, expected) in cases {
        let draft = EditDraft {
            user_licenses: (*licenses).into(),
            extra_storage: (*storage).into(),
        };
        let validated = draft.validate(&c);
        assert!(
            validated.report.errors.is_empty(),
            "{licenses} {storage}: {:?}",
            validated.report
        );
        assert_eq!(
            validated.value.as_ref(),
            Some(expected),
            "{licenses} {storage}"
        );
    }
}

#[test]
fn edit_draft_storage_below_usage_is_an_error() {
    let c = customer(); // 1400 GB used
    let draft = EditDraft {
        user_licenses: "100".into(),
        extra_storage: "1 TB".into(),
    };
    let validated = draft.validate(&c);
    assert_eq!(validated.value, None);
    let error = &validated.report.errors[0];
    assert_eq!(
        (error.field, error.code, error.param("used")),
        (Field::ExtraStorageGb, Code::BelowUsage, "1.4 TB")
    );
    assert_eq!(
        message(error),
        "1.4 TB is already in use; allocate at least that much."
    );
    // Not also "140% full".
    assert!(validated.report.warnings.is_empty());
    // Exactly the usage is allowed, with a warning.
    let draft = EditDraft {
        user_licenses: "100".into(),
        extra_storage: "1.4 TB".into(),
    };
    let validated = draft.validate(&c);
    assert!(validated.value.is_some());
    assert_eq!(codes(&validated.report.warnings), [Code::StorageNearlyFull]);
    assert_eq!(validated.report.warnings[0].param("percent"), "100");
}

#[test]
fn edit_draft_fewer_licenses_than_used_is_a_warning() {
    let c = customer(); // 80 in use
    let draft = EditDraft {
        user_licenses: "50".into(),
        extra_storage: "1.5 TB".into(),
    };
    let validated = draft.validate(&c);
    assert!(validated.report.errors.is_empty());
    let got: Vec<(Field, Code)> = validated
        .report
        .warnings
        .iter()
        .map(|i| (i.field, i.code))
        .collect();
    assert_eq!(
        got,
        [
            (Field::UserLicenses, Code::InadequateLicenses),
            (Field::ExtraStorageGb, Code::StorageNearlyFull)
        ]
    );
    assert_eq!(validated.report.warnings[0].param("in_use"), "80");
    assert_eq!(validated.report.warnings[1].param("percent"), "93");
    assert_eq!(
        validated.value,
        Some(CustomerChanges {
            user_licenses: Some(50),
            extra_storage_gb: Some(1500)
        })
    );
}

#[test]
fn edit_draft_reports_both_parse_errors() {
    let c = customer();
    let draft = EditDraft {
        user_licenses: "".into(),
        extra_storage: "1,5 GB".into(),
    };
    let validated = draft.validate(&c);
    assert_eq!(validated.value, None);
    let got: Vec<(Field, Code)> = validated
        .report
        .errors
        .iter()
        .map(|i| (i.field, i.code))
        .collect();
    assert_eq!(
        got,
        [
            (Field::UserLicenses, Code::Required),
            (Field::ExtraStorageGb, Code::NotWhole)
        ]
    );
}

#[test]
fn edit_draft_zero_storage_with_nothing_stored_warns() {
    let c = Customer {
        storage_used_gb: 0,
        ..customer()
    };
    let draft = EditDraft {
        user_licenses: "100".into(),
        extra_storage: "0 GB".into(),
    };
    let validated = draft.validate(&c);
    assert_eq!(codes(&validated.report.warnings), [Code::NoStorage]);
    assert_eq!(validated.value.unwrap().extra_storage_gb, Some(0));
}

#[test]
fn customer_changes_server_check() {
    let c = customer(); // 100 licenses, 80 in use, 2000 GB, 1400 used
    type Case = (Option<u32>, Option<u64>, &'static [Code], &'static [Code]);
    let cases: &[Case] = &[
        (None, None, &[], &[]),
        (Some(120), None, &[], &[]),
        (Some(0), None, &[Code::OutOfRange], &[]),
        (Some(1_000_001), None, &[Code::OutOfRange], &[]),
        (Some(50), None, &[], &[Code::InadequateLicenses]),
        (None, Some(3000), &[], &[]),
        (None, Some(1500), &[], &[Code::StorageNearlyFull]),
        (None, Some(1000), &[Code::BelowUsage], &[]),
        (None, Some(10_000_001), &[Code::OutOfRange], &[]),
        (
            Some(0),
            Some(1000),
            &[Code::OutOfRange, Code::BelowUsage],
            &[],
        ),
        (
            Some(50),
            Some(1400),
            &[],
            &[Code::InadequateLicenses, Code::StorageNearlyFull],
        ),
    ];
    for (licenses, storage, errors, warnings) in cases {
        let changes = CustomerChanges {
            user_licenses: *licenses,
            extra_storage_gb: *storage,
        };
        let report = changes.validate(&c);
        assert_eq!(codes(&report.errors), *errors, "{changes:?}");
        assert_eq!(codes(&report.warnings), *warnings, "{changes:?}");
    }
    let report = CustomerChanges {
        user_licenses: None,
        extra_storage_gb: Some(0),
    }
    .validate(&Customer {
        storage_used_gb: 0,
        ..c
    });
    assert_eq!(codes(&report.warnings), [Code::NoStorage]);
}

// ---------------------------------------------------------------------------------------------
// One field at a time (the Add form checks the field being typed in, not the whole draft)
// ---------------------------------------------------------------------------------------------

/// The six per-field checks, merged in form order.
fn field_by_field(d: &CustomerDraft) -> Report {
    let mut report = Report::default();
    report.merge(CustomerDraft::check_organization_name(&d.organization_name).report);
    report.merge(CustomerDraft::check_domain(&d.domain).report);
    report.merge(CustomerDraft::check_user_licenses(&d.user_licenses).report);
    report.merge(CustomerDraft::check_extra_storage(&d.extra_storage).report);
    report.merge(CustomerDraft::check_notify_emails(&d.notify_emails).report);
    report.merge(CustomerDraft::check_storage_type(d.storage_type).report);
    report
}

#[test]
fn field_checks_report_what_the_whole_draft_reports() {
    let drafts = [
        good_draft(),
        CustomerDraft::default(),
        CustomerDraft {
            organization_name: "A".into(),
            domain: "https://WWW.Contoso.FI/path".into(),
            user_licenses: "0".into(),
            extra_storage: "0 GB".into(),
            notify_emails: "a@b; not-an-address".into(),
            storage_type: None,
        },
        CustomerDraft {
            domain: "contoso..fi".into(),
            extra_storage: "1.5 GB".into(),
            ..good_draft()
        },
        CustomerDraft {
            domain: "Contoso.fi".into(),
            extra_storage: "0".into(),
            ..good_draft()
        },
    ];
    for d in drafts {
        assert_eq!(field_by_field(&d), d.validate().report, "{d:?}");
    }
}

#[test]
fn field_checks_give_each_field_its_value() {
    let d = CustomerDraft {
        domain: "WWW.Contoso.fi".into(),
        ..good_draft()
    };
    let name = CustomerDraft::check_organization_name("  Contoso   Oy ");
    assert_eq!(name.value.as_deref(), Some("Contoso Oy"));
    let domain = CustomerDraft::check_domain(&d.domain);
    assert_eq!(domain.value, Some(Some("contoso.fi".to_owned())));
    assert_eq!(codes(&domain.report.notes), [Code::Normalised]);
    assert_eq!(domain.report.notes[0].param("value"), "contoso.fi");
    assert_eq!(CustomerDraft::check_domain("  ").value, Some(None));
    assert_eq!(
        CustomerDraft::check_user_licenses("1 000").value,
        Some(1000)
    );
    let storage = CustomerDraft::check_extra_storage("0");
    assert_eq!(storage.value, Some(0));
    assert_eq!(codes(&storage.report.warnings), [Code::NoStorage]);
    let emails = CustomerDraft::check_notify_emails("a@contoso.fi; A@contoso.fi, b@contoso.fi");
    assert_eq!(emails.value.map(|v| v.len()), Some(2));
    let missing = CustomerDraft::check_storage_type(None);
    assert_eq!(missing.value, None);
    assert_eq!(codes(&missing.report.errors), [Code::Required]);
}

#[test]
fn a_report_splits_by_field() {
    let report = CustomerDraft {
        organization_name: "A".into(),
        extra_storage: "0".into(),
        ..good_draft()
    }
    .validate()
    .report;
    let name = report.for_field(Field::OrganizationName);
    assert_eq!(codes(&name.errors), [Code::TooShort]);
    assert!(name.warnings.is_empty() && name.notes.is_empty());
    let storage = report.for_field(Field::ExtraStorageGb);
    assert!(storage.errors.is_empty());
    assert_eq!(codes(&storage.warnings), [Code::NoStorage]);
    assert_eq!(report.for_field(Field::Domain), Report::default());
}

#[test]
fn an_undeliverable_activation_email_needs_attention_on_its_own() {
    let fine = customer();
    assert!(!fine.needs_attention(), "active, within its allocations");
    for (state, expected) in [
        (ActivationEmail::Queued, false),
        (ActivationEmail::Sent, false),
        (ActivationEmail::Undeliverable, true),
    ] {
        let c = Customer {
            activation_email: state,
            ..customer()
        };
        assert_eq!(c.needs_attention(), expected, "{state:?}");
    }
    assert_eq!(
        ActivationEmail::from_wire("undeliverable"),
        Some(ActivationEmail::Undeliverable)
    );
    assert_eq!(ActivationEmail::from_wire("dead"), None);
}
