//! The wire names are a contract with the API and stored data: pin them.

use domain::*;
use serde_json::{Value, json};

fn wire<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn storage_types_use_their_wire_names() {
    for (t, name) in [
        (StorageType::AzureIreland, "azure_ireland"),
        (StorageType::FinnishS3, "finnish_s3"),
    ] {
        assert_eq!(wire(t), json!(name));
        assert_eq!(
            serde_json::from_value::<StorageType>(json!(name)).unwrap(),
            t
        );
        assert_eq!((t.as_str(), StorageType::from_wire(name)), (name, Some(t)));
    }
    assert_eq!(StorageType::from_wire("AzureIreland"), None);
    assert!(serde_json::from_value::<StorageType>(json!("azure")).is_err());
}

#[test]
fn statuses_use_their_wire_names() {
    for (s, name) in [
        (CustomerStatus::PendingActivation, "pending_activation"),
        (CustomerStatus::Active, "active"),
    ] {
        assert_eq!(wire(s), json!(name));
        assert_eq!(
            serde_json::from_value::<CustomerStatus>(json!(name)).unwrap(),
            s
        );
        assert_eq!(
            (s.as_str(), CustomerStatus::from_wire(name)),
            (name, Some(s))
        );
    }
}

#[test]
fn fields_serialise_as_their_json_keys() {
    let fields = [
        (Field::OrganizationName, "organization_name"),
        (Field::Domain, "domain"),
        (Field::UserLicenses, "user_licenses"),
        (Field::ExtraStorageGb, "extra_storage_gb"),
        (Field::NotifyEmails, "notify_emails"),
        (Field::StorageType, "storage_type"),
        (Field::Other, "other"),
    ];
    let new_customer_keys = wire(NewCustomer {
        organization_name: "Contoso Oy".into(),
        domain: None,
        user_licenses: 1,
        extra_storage_gb: 0,
        notify_emails: vec![],
        storage_type: StorageType::FinnishS3,
    });
    for (field, key) in fields {
        assert_eq!(wire(field), json!(key));
        assert_eq!(field.as_str(), key);
        assert_eq!(serde_json::from_value::<Field>(json!(key)).unwrap(), field);
        // Each field names a real key of the create payload.
        if field != Field::Other {
            assert!(new_customer_keys.get(key).is_some(), "{key}");
        }
    }
}

#[test]
fn codes_serialise_in_snake_case() {
    let codes = [
        (Code::Required, "required"),
        (Code::TooShort, "too_short"),
        (Code::TooLong, "too_long"),
        (Code::InvalidCharacters, "invalid_characters"),
        (Code::InvalidDomain, "invalid_domain"),
        (Code::InvalidEmail, "invalid_email"),
        (Code::TooMany, "too_many"),
        (Code::NotANumber, "not_a_number"),
        (Code::NotWhole, "not_whole"),
        (Code::OutOfRange, "out_of_range"),
        (Code::BelowUsage, "below_usage"),
        (Code::Immutable, "immutable"),
        (Code::Duplicate, "duplicate"),
        (Code::InadequateLicenses, "inadequate_licenses"),
        (Code::StorageNearlyFull, "storage_nearly_full"),
        (Code::NoStorage, "no_storage"),
        (Code::Normalised, "normalised"),
    ];
    for (code, name) in codes {
        assert_eq!(wire(code), json!(name));
        assert_eq!(serde_json::from_value::<Code>(json!(name)).unwrap(), code);
    }
}

#[test]
fn issues_and_reports_round_trip() {
    let report = Report {
        errors: parse_license_count("-1").unwrap_err(),
        warnings: usage_warnings(1, 2, 0, 0),
        notes: vec![],
    };
    let json = wire(&report);
    assert_eq!(
        json,
        json!({
            "errors": [{"field": "user_licenses", "code": "out_of_range", "params": {"min": "1", "max": "1000000"}}],
            "warnings": [
                {"field": "user_licenses", "code": "inadequate_licenses", "params": {"in_use": "2"}},
                {"field": "extra_storage_gb", "code": "no_storage", "params": {}},
            ],
        })
    );
    assert_eq!(serde_json::from_value::<Report>(json).unwrap(), report);
    // Clients may leave params out.
    let bare: Issue =
        serde_json::from_value(json!({"field": "domain", "code": "required"})).unwrap();
    assert_eq!(bare, Issue::new(Field::Domain, Code::Required));
}

#[test]
fn payloads_use_their_documented_shape() {
    let created = NewCustomer {
        organization_name: "Contoso Oy".into(),
        domain: Some("contoso.fi".into()),
        user_licenses: 250,
        extra_storage_gb: 1500,
        notify_emails: vec!["it@contoso.fi".into()],
        storage_type: StorageType::AzureIreland,
    };
    let json = json!({
        "organization_name": "Contoso Oy",
        "domain": "contoso.fi",
        "user_licenses": 250,
        "extra_storage_gb": 1500,
        "notify_emails": ["it@contoso.fi"],
        "storage_type": "azure_ireland",
    });
    assert_eq!(wire(&created), json);
    assert_eq!(
        serde_json::from_value::<NewCustomer>(json.clone()).unwrap(),
        created
    );

    let mut unknown = json;
    unknown["status"] = json!("active");
    assert!(serde_json::from_value::<NewCustomer>(unknown).is_err());

    let changes = CustomerChanges {
        user_licenses: Some(300),
        extra_storage_gb: None,
    };
    assert_eq!(wire(&changes), json!({"user_licenses": 300}));
    assert_eq!(
        serde_json::from_value::<CustomerChanges>(json!({})).unwrap(),
        CustomerChanges::default()
    );
}
