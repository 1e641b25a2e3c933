//! The domain: normalising what people paste, and each reason it can be invalid.

use super::*;

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
fn domain_rejects_with_its_first_reason_only() {
    const HYPHEN: &str = "hyphen_at_edge";
    const LABEL_LEN: &str = "label_too_long";
    const LEN: &str = "too_long";
    const PUNYCODE: &str = "not_punycode";
    const TWO_PARTS: &str = "too_few_labels";
    const TOP: &str = "invalid_top_level";
    const EMPTY_PART: &str = "empty_label";
    const CHARS: &str = "invalid_characters";
    const NOTHING: &str = "empty";

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
        ("contoso.-fi", "contoso.-fi", &[HYPHEN]),
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
        ("contoso.fi:443", "contoso.fi:443", &[CHARS]),
        ("contoso fi", "contoso fi", &[CHARS]),
        ("https://", "", &[NOTHING]),
        ("www.", "www", &[TWO_PARTS]),
        ("/contoso.fi", "", &[NOTHING]),
        ("-bad_.123", "-bad_.123", &[CHARS]),
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
