//! The Edit customer form and the edit payload.

use super::*;

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
