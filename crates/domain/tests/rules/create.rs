//! The create payload, checked by the server.

use super::emails::strings;
use super::*;

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
