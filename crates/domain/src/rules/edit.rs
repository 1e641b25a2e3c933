//! The Edit customer form and the edit payload: licenses and storage against current usage.

use super::Validated;
use super::collect;
use super::licenses::{check_license_count, parse_license_count};
use super::storage::{check_storage, format_storage, parse_storage};
use super::usage::{below_usage, license_warning, storage_warning};
use crate::issues::Report;
use crate::types::{Customer, CustomerChanges};

/// The Edit customer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditDraft {
    /// User Licenses as typed.
    pub user_licenses: String,
    /// Extra Storage as typed, number and unit.
    pub extra_storage: String,
}

impl EditDraft {
    /// The form text for a customer's current values (`1000`, `1.5 TB`).
    pub fn from_customer(c: &Customer) -> Self {
        EditDraft {
            user_licenses: c.user_licenses.to_string(),
            extra_storage: format_storage(c.extra_storage_gb),
        }
    }

    /// Parses the Edit customer form against the customer's current values.
    ///
    /// Errors: parse failures; `BelowUsage` (`used`, formatted like `1.4 TB`) when the storage is
    /// less than is stored. Warnings: `InadequateLicenses`, `StorageNearlyFull`, `NoStorage`.
    /// `value` holds only the fields that differ from `current` (possibly none).
    pub fn validate(&self, current: &Customer) -> Validated<CustomerChanges> {
        let mut report = Report::default();
        let licenses = collect(parse_license_count(&self.user_licenses), &mut report.errors);
        let storage = collect(parse_storage(&self.extra_storage), &mut report.errors);
        report.merge(edit_report(licenses, storage, current));
        let value = report.is_ok().then(|| CustomerChanges {
            user_licenses: licenses.filter(|&n| n != current.user_licenses),
            extra_storage_gb: storage.filter(|&gb| gb != current.extra_storage_gb),
        });
        Validated { value, report }
    }
}

impl CustomerChanges {
    /// The server-side check of an edit payload against the stored customer: range checks on
    /// the fields present, `BelowUsage`, and the usage warnings for those fields.
    pub fn validate(&self, current: &Customer) -> Report {
        let mut report = Report::default();
        let licenses = self
            .user_licenses
            .and_then(|n| collect(check_license_count(n), &mut report.errors));
        let storage = self
            .extra_storage_gb
            .and_then(|gb| collect(check_storage(gb), &mut report.errors));
        report.merge(edit_report(licenses, storage, current));
        report
    }
}

/// The usage error and warnings for the new values of an edit (`None` = absent or invalid).
fn edit_report(licenses: Option<u32>, storage_gb: Option<u64>, current: &Customer) -> Report {
    let mut report = Report::default();
    report
        .warnings
        .extend(licenses.and_then(|n| license_warning(n, current.licenses_in_use)));
    if let Some(gb) = storage_gb {
        match below_usage(gb, current.storage_used_gb) {
            Some(error) => report.errors.push(error),
            None => report
                .warnings
                .extend(storage_warning(gb, current.storage_used_gb)),
        }
    }
    report
}
