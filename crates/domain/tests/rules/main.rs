//! Table-driven tests of every rule: each case states the exact value, codes and params expected.

use domain::*;

mod add_form;
mod create;
mod domain_name;
mod edit;
mod emails;
mod licenses;
mod one_field;
mod organization;
mod storage;
mod usage;

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
        forecast: Default::default(),
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
