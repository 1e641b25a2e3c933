//! The API's English wording of domain issues and names (the domain crate carries codes only;
//! the SPA words them in its own catalogues, in each language).

use domain::{Code, DomainReason, Field, Issue, StorageType};

/// The English name of a field, as API messages use it.
pub fn field_label(field: Field) -> &'static str {
    match field {
        Field::OrganizationName => "Organization name",
        Field::Domain => "Domain",
        Field::UserLicenses => "User Licenses",
        Field::ExtraStorageGb => "Extra Storage",
        Field::NotifyEmails => "Notify Users",
        Field::StorageType => "Storage Type",
        Field::Other => "Customer",
    }
}

/// The English message the API sends with an issue (`errors[].message`, `detail`).
pub fn message(issue: &Issue) -> String {
    let label = field_label(issue.field);
    let p = |k| issue.param(k);
    match issue.code {
        Code::Required => match issue.field {
            Field::NotifyEmails => format!("{label} needs at least one email address."),
            _ => format!("{label} is required."),
        },
        Code::TooShort => format!("{label} must be at least {} characters.", p("min")),
        Code::TooLong => format!("{label} must be at most {} characters.", p("max")),
        Code::InvalidCharacters => format!("{label} contains characters that are not allowed."),
        Code::InvalidDomain => match p("reason") {
            "" => format!(
                "“{}” is not a valid domain, e.g. contoso.fi or contoso.onmicrosoft.com.",
                p("value")
            ),
            reason => format!(
                "“{}” is not a valid domain: {}.",
                p("value"),
                domain_reason(reason)
            ),
        },
        Code::InvalidEmail => format!("“{}” is not a valid email address.", p("value")),
        Code::TooMany => match p("count") {
            "" => format!("Enter at most {} addresses.", p("max")),
            count => format!("Enter at most {} addresses ({count} entered).", p("max")),
        },
        Code::NotANumber => match issue.field {
            Field::ExtraStorageGb => {
                format!("{label} must be a number of GB or TB, e.g. 500 GB or 1.5 TB.")
            }
            _ => format!("{label} must be a number."),
        },
        Code::NotWhole => match issue.field {
            Field::ExtraStorageGb => format!("{label} must be a whole number of GB."),
            _ => format!("{label} must be a whole number."),
        },
        Code::OutOfRange => format!("{label} must be between {} and {}.", p("min"), p("max")),
        Code::BelowUsage => format!(
            "{} is already in use; allocate at least that much.",
            p("used")
        ),
        Code::Immutable => match issue.field {
            Field::StorageType => {
                "Storage Type cannot be changed after creation. Contact support to correct it."
                    .to_owned()
            }
            _ => format!(
                "{} cannot be changed after the customer is created.",
                p("name")
            ),
        },
        Code::Duplicate => format!(
            "Another customer already has this {}.",
            label.to_lowercase()
        ),
        Code::InadequateLicenses => format!(
            "Inadequate licenses: {} licenses are in use. Assign at least that many to avoid warnings.",
            p("in_use")
        ),
        Code::StorageNearlyFull => format!("Storage is {}% full.", p("percent")),
        Code::NoStorage => "No storage is allocated: backups cannot be stored.".to_owned(),
        Code::Normalised => format!("Saved as {}", p("value")),
        Code::NotText => "This is not a CSV file.".to_owned(),
        Code::UnsupportedEncoding => format!(
            "The file is not UTF-8 text (line {} cannot be read); save it as CSV UTF-8.",
            p("line")
        ),
        Code::EmptyFile => "The file is empty.".to_owned(),
        Code::FileTooLarge => format!(
            "The file is {} bytes; at most {} bytes can be imported at once.",
            p("actual"),
            p("max")
        ),
        Code::TooManyRows => format!(
            "The file has {} customer rows; at most {} can be imported at once.",
            p("actual"),
            p("max")
        ),
        Code::NoHeaderRow => "The first row must name the columns.".to_owned(),
        Code::NoDataRows => "The file has a header row but no customers.".to_owned(),
        Code::MissingColumn => format!("The file has no “{label}” column."),
        Code::UnknownColumn => format!(
            "Column {} “{}” is not a customer field; it is ignored.",
            p("column"),
            p("name")
        ),
        Code::DuplicateColumn => format!(
            "Columns {} and {} are both “{label}”.",
            p("first"),
            p("column")
        ),
        Code::TooManyCells => format!(
            "The row has {} cells but the header has {} columns.",
            p("count"),
            p("max")
        ),
        Code::NotAnOption => match issue.field {
            Field::StorageType => format!(
                "“{}” is not a Storage Type: use {} or {}.",
                p("value"),
                storage_type_label(StorageType::AzureIreland),
                storage_type_label(StorageType::FinnishS3)
            ),
            _ => format!("“{}” is not one of the choices for {label}.", p("value")),
        },
        Code::DuplicateInFile => format!(
            "Row {} of the file has the same {}.",
            p("row"),
            label.to_lowercase()
        ),
    }
}

/// Why a domain is invalid, from its `reason` code.
fn domain_reason(code: &str) -> &str {
    match DomainReason::from_wire(code) {
        Some(DomainReason::Empty) => "enter a domain such as contoso.fi",
        Some(DomainReason::NotPunycode) => {
            "enter an internationalised domain in its xn-- (punycode) form"
        }
        Some(DomainReason::TooLong) => "a domain can be at most 253 characters",
        Some(DomainReason::EmptyLabel) => {
            "a domain cannot have empty parts (two dots in a row, or a leading dot)"
        }
        Some(DomainReason::LabelTooLong) => "a label can be at most 63 characters",
        Some(DomainReason::InvalidCharacters) => {
            "a domain can only contain letters, digits, hyphens and dots"
        }
        Some(DomainReason::HyphenAtEdge) => "a label cannot start or end with a hyphen",
        Some(DomainReason::TooFewLabels) => "a domain needs at least two parts, e.g. contoso.fi",
        Some(DomainReason::InvalidTopLevel) => {
            "the last part must be letters only, e.g. .fi or .com"
        }
        None => code,
    }
}

/// The English name of a storage type, as the help-centre article and the activation email use it.
pub fn storage_type_label(storage_type: StorageType) -> &'static str {
    match storage_type {
        StorageType::AzureIreland => "Azure (Ireland)",
        StorageType::FinnishS3 => "Finnish S3 Storage",
    }
}
