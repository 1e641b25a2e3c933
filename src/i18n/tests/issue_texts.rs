//! The English and Finnish wording of what the domain rules report (the rules carry codes and
//! parameters only; these texts were the domain crate's `message` before it moved here).

use domain::*;

use super::super::{Locale, texts};

fn en(issue: &Issue) -> String {
    texts(Locale::En).issue(issue)
}

fn fi(issue: &Issue) -> String {
    texts(Locale::Fi).issue(issue)
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

#[test]
fn field_rule_messages_in_english() {
    let cases: Vec<(Issue, &str)> = vec![
        (
            parse_organization_name("A").unwrap_err().remove(0),
            "Organization name must be at least 2 characters.",
        ),
        (
            parse_organization_name(&"x".repeat(201))
                .unwrap_err()
                .remove(0),
            "Organization name must be at most 200 characters.",
        ),
        (
            parse_license_count("-1").unwrap_err().remove(0),
            "User Licenses must be between 1 and 1000000.",
        ),
        (
            parse_license_count("x").unwrap_err().remove(0),
            "User Licenses must be a number.",
        ),
        (
            parse_license_count("1.5").unwrap_err().remove(0),
            "User Licenses must be a whole number.",
        ),
        (
            parse_storage("-1").unwrap_err().remove(0),
            "Extra Storage must be between 0 and 10000000.",
        ),
        (
            parse_storage("0.5 GB").unwrap_err().remove(0),
            "Extra Storage must be a whole number of GB.",
        ),
        (
            parse_storage("lots").unwrap_err().remove(0),
            "Extra Storage must be a number of GB or TB, e.g. 500 GB or 1.5 TB.",
        ),
        (
            check_email("a@b").unwrap_err(),
            "“a@b” is not a valid email address.",
        ),
        (
            parse_notify_emails(&[]).unwrap_err().remove(0),
            "Notify Users needs at least one email address.",
        ),
        (
            parse_notify_emails(
                &(0..21)
                    .map(|i| format!("user{i}@contoso.fi"))
                    .collect::<Vec<_>>(),
            )
            .unwrap_err()
            .remove(0),
            "Enter at most 20 addresses (21 entered).",
        ),
        (
            CustomerDraft::check_storage_type(None)
                .report
                .errors
                .remove(0),
            "Storage Type is required.",
        ),
        (
            CustomerDraft::check_domain("WWW.contoso.fi")
                .report
                .notes
                .remove(0),
            "Saved as contoso.fi",
        ),
    ];
    for (issue, text) in cases {
        assert_eq!(en(&issue), text, "{issue:?}");
    }
}

#[test]
fn below_usage_names_what_is_stored() {
    let current = Customer {
        id: "c1".into(),
        organization_name: "Contoso Oy".into(),
        domain: None,
        user_licenses: 100,
        extra_storage_gb: 2000,
        notify_emails: vec![],
        storage_type: StorageType::FinnishS3,
        status: CustomerStatus::Active,
        licenses_in_use: 80,
        storage_used_gb: 1400,
        usage_updated_at: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
        version: 1,
        activation_email: domain::ActivationEmail::Sent,
        forecast: Default::default(),
    };
    let draft = EditDraft {
        user_licenses: "100".into(),
        extra_storage: "1 TB".into(),
    };
    let report = draft.validate(&current).report;
    assert_eq!(
        en(&report.errors[0]),
        "1.4 TB is already in use; allocate at least that much."
    );
}

#[test]
fn domain_message_names_the_reason() {
    let errors = parse_domain(&format!("{}.fi", "a".repeat(64))).unwrap_err();
    assert_eq!(
        en(&errors[0]),
        format!(
            "“{}.fi” is not a valid domain: a label can be at most 63 characters.",
            "a".repeat(64)
        )
    );
    assert_eq!(
        fi(&errors[0]),
        format!(
            "”{}.fi” ei ole kelvollinen verkkotunnus: osa voi olla enintään 63 merkkiä.",
            "a".repeat(64)
        )
    );
    let errors = parse_domain("Müller.de").unwrap_err();
    assert_eq!(
        en(&errors[0]),
        "“müller.de” is not a valid domain: enter an internationalised domain in its xn-- (punycode) form."
    );
}

#[test]
fn every_domain_reason_is_worded_in_both_languages() {
    for reason in DomainReason::ALL {
        let issue = Issue::new(Field::Domain, Code::InvalidDomain)
            .with("value", "x")
            .with("reason", reason.as_str());
        let (en, fi) = (en(&issue), fi(&issue));
        assert!(!en.contains(reason.as_str()), "{en}");
        assert!(!fi.contains(reason.as_str()), "{fi}");
        assert_ne!(en, fi);
    }
    // A reason the server words itself (not a code) is shown as given.
    let own = Issue::new(Field::Domain, Code::InvalidDomain)
        .with("value", "x.fi")
        .with(
            "reason",
            "the domain is already registered to another tenant",
        );
    assert_eq!(
        en(&own),
        "“x.fi” is not a valid domain: the domain is already registered to another tenant."
    );
}

#[test]
fn usage_warning_messages() {
    let warnings = usage_warnings(5, 12, 1000, 950);
    assert_eq!(
        en(&warnings[0]),
        "Inadequate licenses: 12 licenses are in use. Assign at least that many to avoid warnings."
    );
    assert_eq!(en(&warnings[1]), "Storage is 95% full.");
    assert_eq!(
        en(&usage_warnings(1, 0, 0, 0)[0]),
        "No storage is allocated: backups cannot be stored."
    );
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
            for text in [en(issue), fi(issue)] {
                assert!(
                    !text.contains("“”") && !text.contains("””") && !text.contains("  "),
                    "{issue:?}: {text}"
                );
                assert!(
                    !text.contains(" and .") && !text.contains("at most  "),
                    "{issue:?}: {text}"
                );
            }
        }
    }
}
