//! The rules: parse and normalise form text, check wire values. Every function reports every
//! problem it finds, never just the first.
//!
//! SKELETON: signatures are fixed (the SPA and the server call them); bodies are being written.

use crate::issues::{Issue, Report};
use crate::types::{Customer, CustomerChanges, NewCustomer, StorageType};

pub const ORGANIZATION_NAME_MIN: usize = 2;
pub const ORGANIZATION_NAME_MAX: usize = 200;
pub const DOMAIN_MAX_LEN: usize = 253;
pub const LICENSES_MIN: u32 = 1;
pub const LICENSES_MAX: u32 = 1_000_000;
pub const STORAGE_MAX_GB: u64 = 10_000_000;
pub const NOTIFY_MAX: usize = 20;
pub const EMAIL_MAX_LEN: usize = 254;
/// Storage use at or above this share of the allocation is a warning.
pub const STORAGE_WARN_RATIO: f64 = 0.9;

/// A domain after normalisation, and whether normalising changed what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalisedDomain {
    pub value: String,
    pub changed: bool,
}

/// The result of validating a draft: the value when there are no errors, and the full report.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated<T> {
    pub value: Option<T>,
    pub report: Report,
}

/// The Add customer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerDraft {
    pub organization_name: String,
    pub domain: String,
    pub user_licenses: String,
    /// Number and unit as one string, e.g. "1.5 TB" or "500".
    pub extra_storage: String,
    /// Addresses separated by `;`, `,`, newlines or spaces.
    pub notify_emails: String,
    pub storage_type: Option<StorageType>,
}

/// The Edit customer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditDraft {
    pub user_licenses: String,
    pub extra_storage: String,
}

pub fn parse_organization_name(_input: &str) -> Result<String, Vec<Issue>> {
    todo!()
}
pub fn parse_domain(_input: &str) -> Result<Option<NormalisedDomain>, Vec<Issue>> {
    todo!()
}
pub fn parse_license_count(_input: &str) -> Result<u32, Vec<Issue>> {
    todo!()
}
pub fn check_license_count(_n: u32) -> Result<u32, Vec<Issue>> {
    todo!()
}
pub fn parse_storage(_input: &str) -> Result<u64, Vec<Issue>> {
    todo!()
}
pub fn check_storage(_gb: u64) -> Result<u64, Vec<Issue>> {
    todo!()
}
pub fn format_storage(_gb: u64) -> String {
    todo!()
}
pub fn split_emails(_input: &str) -> Vec<String> {
    todo!()
}
pub fn check_email(_address: &str) -> Result<(), Issue> {
    todo!()
}
pub fn parse_notify_emails(_pieces: &[String]) -> Result<Vec<String>, Vec<Issue>> {
    todo!()
}
pub fn usage_warnings(_user_licenses: u32, _licenses_in_use: u32, _extra_storage_gb: u64, _storage_used_gb: u64) -> Vec<Issue> {
    todo!()
}
impl CustomerDraft {
    pub fn validate(&self) -> Validated<NewCustomer> {
        todo!()
    }
}
impl NewCustomer {
    pub fn validate(&self) -> Validated<NewCustomer> {
        todo!()
    }
}
impl EditDraft {
    pub fn from_customer(_c: &Customer) -> Self {
        todo!()
    }
    pub fn validate(&self, _current: &Customer) -> Validated<CustomerChanges> {
        todo!()
    }
}
impl CustomerChanges {
    pub fn validate(&self, _current: &Customer) -> Report {
        todo!()
    }
}
