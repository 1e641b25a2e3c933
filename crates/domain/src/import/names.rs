//! The names an import file may use: column headers and Storage Type values, in English,
//! Finnish (as the SPA's catalogues label the form) and wire form, compared loosely.

use super::Language;
use crate::issues::{Code, Field, Issue};
use crate::types::StorageType;

/// The columns of an import file, in the order templates write them.
pub const IMPORT_COLUMNS: [Field; 6] = [
    Field::OrganizationName,
    Field::Domain,
    Field::UserLicenses,
    Field::ExtraStorageGb,
    Field::NotifyEmails,
    Field::StorageType,
];

/// The header a template writes for a column: the Add form's label in that language (the SPA's
/// tests check the two agree). `Field::Other` is not a column and has an empty name.
pub fn column_name(field: Field, language: Language) -> &'static str {
    match (language, field) {
        (Language::En, Field::OrganizationName) => "Organization name",
        (Language::En, Field::Domain) => "Domain",
        (Language::En, Field::UserLicenses) => "User Licenses",
        (Language::En, Field::ExtraStorageGb) => "Extra Storage",
        (Language::En, Field::NotifyEmails) => "Notify Users",
        (Language::En, Field::StorageType) => "Storage Type",
        (Language::Fi, Field::OrganizationName) => "Organisaation nimi",
        (Language::Fi, Field::Domain) => "Verkkotunnus",
        (Language::Fi, Field::UserLicenses) => "Käyttäjälisenssit",
        (Language::Fi, Field::ExtraStorageGb) => "Lisätallennustila",
        (Language::Fi, Field::NotifyEmails) => "Ilmoita käyttäjille",
        (Language::Fi, Field::StorageType) => "Tallennustilan tyyppi",
        (_, Field::Other) => "",
    }
}

/// Other headers accepted for a column, in [`loose`] form: British spelling, the help centre's
/// "Microsoft 365 Domain", and the JSON keys the API and its CSV export use (`organization_name`
/// reads as "organization name", so only keys that differ from a label are listed).
fn aliases(field: Field) -> &'static [&'static str] {
    match field {
        Field::OrganizationName => &["organisation name"],
        Field::Domain => &["microsoft 365 domain", "microsoft 365 -verkkotunnus"],
        Field::ExtraStorageGb => &["extra storage gb", "extra storage (gb)"],
        Field::NotifyEmails => &["notify emails"],
        // `user_licenses` and `storage_type` read as the English labels already.
        _ => &[],
    }
}

/// The column a header names, if any.
pub(super) fn column_for_header(header: &str) -> Option<Field> {
    let header = loose(header);
    IMPORT_COLUMNS.into_iter().find(|&field| {
        [Language::En, Language::Fi]
            .iter()
            .any(|&l| loose(column_name(field, l)) == header)
            || aliases(field).contains(&header.as_str())
    })
}

/// A storage type as the form labels it, in `language` (as in the SPA's catalogues).
pub fn storage_type_label(storage_type: StorageType, language: Language) -> &'static str {
    match (language, storage_type) {
        (Language::En, StorageType::AzureIreland) => "Azure (Ireland)",
        (Language::En, StorageType::FinnishS3) => "Finnish S3 Storage",
        (Language::Fi, StorageType::AzureIreland) => "Azure (Irlanti)",
        (Language::Fi, StorageType::FinnishS3) => "Suomalainen S3-tallennustila",
    }
}

/// Reads a Storage Type cell: its English or Finnish label or its wire name (`azure_ireland`,
/// `finnish_s3`), case- and space-insensitive. Empty text is `Ok(None)` (the draft then reports
/// `Required`).
///
/// Error: `Field::StorageType`, `Code::NotAnOption` with `value` (the trimmed text).
pub fn parse_storage_type(text: &str) -> Result<Option<StorageType>, Issue> {
    let wanted = loose(text);
    if wanted.is_empty() {
        return Ok(None);
    }
    StorageType::ALL
        .into_iter()
        .find(|&t| {
            loose(t.as_str()) == wanted
                || [Language::En, Language::Fi]
                    .iter()
                    .any(|&l| loose(storage_type_label(t, l)) == wanted)
        })
        .map(Some)
        .ok_or_else(|| Issue::new(Field::StorageType, Code::NotAnOption).with("value", text.trim()))
}

/// Text compared loosely: lowercase, `_` read as a space, whitespace runs as one space, trimmed.
pub(super) fn loose(text: &str) -> String {
    text.to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
