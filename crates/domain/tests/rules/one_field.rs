//! One field at a time, as the Add form checks the field being typed in.

use super::*;

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
