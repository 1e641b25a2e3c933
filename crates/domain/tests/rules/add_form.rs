//! The Add customer form as a whole.

use super::*;

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
            (Field::UserLicenses, Code::NotANumber),
            (Field::ExtraStorageGb, Code::NotANumber),
            (Field::NotifyEmails, Code::InvalidEmail),
            (Field::NotifyEmails, Code::InvalidEmail),
            (Field::StorageType, Code::Required),
        ]
    );
    assert!(validated.report.warnings.is_empty());
    assert!(validated.report.notes.is_empty());
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
