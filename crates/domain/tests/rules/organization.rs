//! Organization name: trimming, collapsing, length, control characters.

use super::*;

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
        ("\u{7}", &[Code::InvalidCharacters]),
        (&control201, &[Code::InvalidCharacters]),
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
    let long = parse_organization_name(&"x".repeat(201)).unwrap_err();
    assert_eq!(long[0].param("max"), "200");
}
