//! The rules, one module per field family: parse and normalise form text, check wire values.
//! Every function reports every problem it finds, never just the first.

mod add;
mod domain_name;
mod edit;
mod emails;
mod licenses;
mod number;
mod organization;
mod storage;
mod usage;

pub use add::CustomerDraft;
pub use domain_name::{DOMAIN_MAX_LEN, DomainReason, NormalisedDomain, parse_domain};
pub use edit::EditDraft;
pub use emails::{EMAIL_MAX_LEN, NOTIFY_MAX, check_email, parse_notify_emails, split_emails};
pub use licenses::{LICENSES_MAX, LICENSES_MIN, check_license_count, parse_license_count};
pub use organization::{ORGANIZATION_NAME_MAX, ORGANIZATION_NAME_MIN, parse_organization_name};
pub use storage::{STORAGE_MAX_GB, check_storage, format_storage, parse_storage};
pub use usage::{STORAGE_WARN_RATIO, usage_warnings};

use crate::issues::{Issue, Report};

/// The result of validating a draft: the value when there are no errors, and the full report.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated<T> {
    /// The normalised value; `Some` exactly when `report.errors` is empty.
    pub value: Option<T>,
    /// Every error, warning and note found.
    pub report: Report,
}

/// Keeps the value of a field rule and moves its issues into `errors`.
fn collect<T>(result: Result<T, Vec<Issue>>, errors: &mut Vec<Issue>) -> Option<T> {
    result.map_err(|issues| errors.extend(issues)).ok()
}

impl<T> Validated<T> {
    /// A field rule's result as a value and a report of its errors.
    fn from_result(result: Result<T, Vec<Issue>>) -> Self {
        match result {
            Ok(value) => Validated {
                value: Some(value),
                report: Report::default(),
            },
            Err(errors) => Validated {
                value: None,
                report: Report {
                    errors,
                    ..Report::default()
                },
            },
        }
    }
}

/// Keeps the value of a checked field and merges its issues into `report`.
fn take<T>(checked: Validated<T>, report: &mut Report) -> Option<T> {
    report.merge(checked.report);
    checked.value
}
