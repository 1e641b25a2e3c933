//! Validation errors and warnings: a field, a stable machine code and the parameters a message
//! needs; never prose. The SPA's catalogues and the API server word them by code.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The customer field an issue is about; serialised as its JSON key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Field {
    OrganizationName,
    Domain,
    UserLicenses,
    ExtraStorageGb,
    NotifyEmails,
    StorageType,
    /// Any field that exists but may not be changed (with `Code::Immutable`), the body as a
    /// whole, or an import file (or one of its rows) as a whole.
    Other,
}

impl Field {
    /// The JSON key of the field.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::OrganizationName => "organization_name",
            Field::Domain => "domain",
            Field::UserLicenses => "user_licenses",
            Field::ExtraStorageGb => "extra_storage_gb",
            Field::NotifyEmails => "notify_emails",
            Field::StorageType => "storage_type",
            Field::Other => "other",
        }
    }
}

/// A stable, machine-readable reason. Never renamed: clients translate by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Code {
    Required,
    TooShort,
    TooLong,
    InvalidCharacters,
    InvalidDomain,
    InvalidEmail,
    TooMany,
    NotANumber,
    NotWhole,
    OutOfRange,
    BelowUsage,
    Immutable,
    Duplicate,
    /// Warning: fewer licenses assigned than in use.
    InadequateLicenses,
    /// Warning: storage use is at or above 90 % of the allocation.
    StorageNearlyFull,
    /// Warning: no storage allocated.
    NoStorage,
    /// Information: the value was normalised before saving (`params.value` is what is saved).
    Normalised,
    // CSV import (issue 17). File-level codes are on `Field::Other` unless they name a column.
    /// Import: the file is binary (e.g. an Excel workbook), not CSV text.
    NotText,
    /// Import: the file is text but not UTF-8 (nor UTF-16 with a byte order mark); `line` is
    /// where the first unreadable byte is.
    UnsupportedEncoding,
    /// Import: the file has no content.
    EmptyFile,
    /// Import: the file is larger than `max` bytes (`actual` bytes).
    FileTooLarge,
    /// Import: more than `max` customer rows (`actual` rows).
    TooManyRows,
    /// Import: the first row names none of the columns.
    NoHeaderRow,
    /// Import: a header row and no customer rows.
    NoDataRows,
    /// Import: the column for `field` is missing.
    MissingColumn,
    /// Import warning: column number `column` is named `name`, which is not a known column; it
    /// is ignored once the user confirms.
    UnknownColumn,
    /// Import: column `column` (`name`) is a second column for `field`, first at column `first`.
    DuplicateColumn,
    /// Import: a row has `count` cells but the header only `max` columns (usually a value
    /// with an unquoted delimiter).
    TooManyCells,
    /// Import: `value` is not one of the field's choices (a Storage Type label or wire name).
    NotAnOption,
    /// Import: the same value as row `row` of the same file (organization name or domain).
    DuplicateInFile,
}

/// One validation error or warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub field: Field,
    pub code: Code,
    /// Values the message needs, e.g. `min`, `max`, `value`, `used`.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

impl Issue {
    /// An issue without parameters.
    pub fn new(field: Field, code: Code) -> Self {
        Issue {
            field,
            code,
            params: BTreeMap::new(),
        }
    }

    /// Adds a parameter.
    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }

    /// A parameter's value, or "" when absent.
    pub fn param(&self, key: &str) -> &str {
        self.params.get(key).map(String::as_str).unwrap_or("")
    }
}

/// Every error (blocks saving) and every warning (shown, does not block) for one value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
    /// Information such as what a value was normalised to (`Code::Normalised`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Issue>,
}

impl Report {
    /// No errors (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first error for a field, if any.
    pub fn error_for(&self, field: Field) -> Option<&Issue> {
        self.errors.iter().find(|i| i.field == field)
    }

    /// The first warning for a field, if any.
    pub fn warning_for(&self, field: Field) -> Option<&Issue> {
        self.warnings.iter().find(|i| i.field == field)
    }

    /// The issues about one field, in the same order (a form shows them at that field).
    pub fn for_field(&self, field: Field) -> Report {
        let of = |issues: &[Issue]| -> Vec<Issue> {
            issues
                .iter()
                .filter(|i| i.field == field)
                .cloned()
                .collect()
        };
        Report {
            errors: of(&self.errors),
            warnings: of(&self.warnings),
            notes: of(&self.notes),
        }
    }

    /// Appends another report's issues.
    pub fn merge(&mut self, other: Report) {
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
        self.notes.extend(other.notes);
    }
}
