//! The Add customer form and the create payload: every field rule, merged in form order.

use super::domain_name::{NormalisedDomain, parse_domain};
use super::emails::{parse_notify_emails, split_emails};
use super::licenses::{check_license_count, parse_license_count};
use super::organization::parse_organization_name;
use super::storage::{check_storage, parse_storage};
use super::usage::storage_warning;
use super::{Validated, collect, take};
use crate::issues::{Code, Field, Issue, Report};
use crate::types::{NewCustomer, StorageType};

/// The Add customer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerDraft {
    /// Organization name as typed.
    pub organization_name: String,
    /// Domain as typed; may be empty.
    pub domain: String,
    /// User Licenses as typed, e.g. "1 000".
    pub user_licenses: String,
    /// Number and unit as one string, e.g. "1.5 TB" or "500".
    pub extra_storage: String,
    /// Addresses separated by `;`, `,`, newlines or spaces.
    pub notify_emails: String,
    /// The chosen storage type; `None` until one is picked.
    pub storage_type: Option<StorageType>,
}

/// The parts of a new customer after each field's rule has run; `None` where the rule failed.
struct NewCustomerParts {
    organization_name: Option<String>,
    domain: Option<Option<String>>,
    user_licenses: Option<u32>,
    extra_storage_gb: Option<u64>,
    notify_emails: Option<Vec<String>>,
    storage_type: Option<StorageType>,
}

impl NewCustomerParts {
    /// Assembles the customer when every part is valid and the report has no errors.
    fn finish(self, report: Report) -> Validated<NewCustomer> {
        let value = match self {
            NewCustomerParts {
                organization_name: Some(organization_name),
                domain: Some(domain),
                user_licenses: Some(user_licenses),
                extra_storage_gb: Some(extra_storage_gb),
                notify_emails: Some(notify_emails),
                storage_type: Some(storage_type),
            } if report.errors.is_empty() => Some(NewCustomer {
                organization_name,
                domain,
                user_licenses,
                extra_storage_gb,
                notify_emails,
                storage_type,
            }),
            _ => None,
        };
        Validated { value, report }
    }
}

impl CustomerDraft {
    /// Runs every field rule on the Add customer form and reports all errors at once, the
    /// domain normalisation as a `Normalised` note (`value`), and `NoStorage` when 0 GB.
    /// `value` is the normalised payload to send when there are no errors.
    ///
    /// It is exactly the six `check_*` functions below, one per field, merged in form order.
    pub fn validate(&self) -> Validated<NewCustomer> {
        let mut report = Report::default();
        // Fields are evaluated in the order written: the report lists issues in form order.
        let parts = NewCustomerParts {
            organization_name: take(
                Self::check_organization_name(&self.organization_name),
                &mut report,
            ),
            domain: take(Self::check_domain(&self.domain), &mut report),
            user_licenses: take(Self::check_user_licenses(&self.user_licenses), &mut report),
            extra_storage_gb: take(Self::check_extra_storage(&self.extra_storage), &mut report),
            notify_emails: take(Self::check_notify_emails(&self.notify_emails), &mut report),
            storage_type: take(Self::check_storage_type(self.storage_type), &mut report),
        };
        parts.finish(report)
    }

    /// Organization name on its own, as [`CustomerDraft::validate`] checks it: the form runs
    /// one field's `check_*` per keystroke instead of the whole draft.
    pub fn check_organization_name(text: &str) -> Validated<String> {
        Validated::from_result(parse_organization_name(text))
    }

    /// Domain on its own (the normalised domain; `Normalised` note when normalising changed it).
    pub fn check_domain(text: &str) -> Validated<Option<String>> {
        let mut checked = Validated::from_result(parse_domain(text));
        if let Some(Some(domain)) = &checked.value {
            checked.report.notes.extend(normalised_note(domain));
        }
        Validated {
            value: checked.value.map(|d| d.map(|d| d.value)),
            report: checked.report,
        }
    }

    /// User Licenses on its own.
    pub fn check_user_licenses(text: &str) -> Validated<u32> {
        Validated::from_result(parse_license_count(text))
    }

    /// Extra Storage on its own (in GB; the `NoStorage` warning when 0).
    pub fn check_extra_storage(text: &str) -> Validated<u64> {
        let mut checked = Validated::from_result(parse_storage(text));
        if let Some(gb) = checked.value {
            checked.report.warnings.extend(new_storage_warning(gb));
        }
        checked
    }

    /// Notify Users on its own: the text as the form joins it (addresses separated by `;`, `,`,
    /// newlines or spaces), split and checked.
    pub fn check_notify_emails(text: &str) -> Validated<Vec<String>> {
        Validated::from_result(parse_notify_emails(&split_emails(text)))
    }

    /// Storage Type on its own: `Required` until one is picked.
    pub fn check_storage_type(choice: Option<StorageType>) -> Validated<StorageType> {
        Validated::from_result(
            choice.ok_or_else(|| vec![Issue::new(Field::StorageType, Code::Required)]),
        )
    }
}

/// "Saved as contoso.fi" when normalising changed what was typed.
fn normalised_note(domain: &NormalisedDomain) -> Option<Issue> {
    domain
        .changed
        .then(|| Issue::new(Field::Domain, Code::Normalised).with("value", &domain.value))
}

/// A new customer uses nothing yet, so of the usage warnings only "no storage" can apply.
fn new_storage_warning(allocated_gb: u64) -> Option<Issue> {
    storage_warning(allocated_gb, 0)
}

impl NewCustomer {
    /// The server-side check of a create payload: the same rules as the form, on wire values
    /// (each `notify_emails` element is one address). `value` is the normalised customer.
    pub fn validate(&self) -> Validated<NewCustomer> {
        let mut report = Report::default();
        let errors = &mut report.errors;
        let organization_name = collect(parse_organization_name(&self.organization_name), errors);
        let domain = collect(
            self.domain.as_deref().map_or(Ok(None), parse_domain),
            errors,
        );
        let user_licenses = collect(check_license_count(self.user_licenses), errors);
        let extra_storage_gb = collect(check_storage(self.extra_storage_gb), errors);
        let notify_emails = collect(parse_notify_emails(&self.notify_emails), errors);
        if let Some(Some(domain)) = &domain {
            report.notes.extend(normalised_note(domain));
        }
        if let Some(gb) = extra_storage_gb {
            report.warnings.extend(new_storage_warning(gb));
        }
        NewCustomerParts {
            organization_name,
            domain: domain.map(|d| d.map(|d| d.value)),
            user_licenses,
            extra_storage_gb,
            notify_emails,
            storage_type: Some(self.storage_type),
        }
        .finish(report)
    }
}
