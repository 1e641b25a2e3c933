//! Both catalogues: every key translated, every issue worded, formats per language.

mod import_texts;
mod issue_texts;

use domain::{Code, Field, Issue};

use super::{Locale, texts};

/// Every issue the domain can raise, with the parameters its messages use.
fn every_issue() -> Vec<Issue> {
    let codes = [
        Code::Required,
        Code::TooShort,
        Code::TooLong,
        Code::InvalidCharacters,
        Code::InvalidDomain,
        Code::InvalidEmail,
        Code::TooMany,
        Code::NotANumber,
        Code::NotWhole,
        Code::OutOfRange,
        Code::BelowUsage,
        Code::Immutable,
        Code::Duplicate,
        Code::InadequateLicenses,
        Code::StorageNearlyFull,
        Code::NoStorage,
        Code::Normalised,
        Code::NotText,
        Code::UnsupportedEncoding,
        Code::EmptyFile,
        Code::FileTooLarge,
        Code::TooManyRows,
        Code::NoHeaderRow,
        Code::NoDataRows,
        Code::MissingColumn,
        Code::UnknownColumn,
        Code::DuplicateColumn,
        Code::TooManyCells,
        Code::NotAnOption,
        Code::DuplicateInFile,
    ];
    let fields = [
        Field::OrganizationName,
        Field::Domain,
        Field::UserLicenses,
        Field::ExtraStorageGb,
        Field::NotifyEmails,
        Field::StorageType,
    ];
    codes
        .iter()
        .flat_map(|&code| fields.iter().map(move |&field| Issue::new(field, code)))
        .map(|i| {
            i.with("min", 1)
                .with("max", 9)
                .with("value", "x")
                .with("used", "1 TB")
                .with("in_use", 5)
                .with("percent", 95)
                .with("name", "domain")
                .with("actual", 2_000_001)
                .with("line", 3)
                .with("column", 7)
                .with("first", 1)
                .with("count", 7)
                .with("row", 4)
        })
        .collect()
}

#[test]
fn every_validation_message_exists_in_both_languages_and_differs() {
    for issue in every_issue() {
        let en = texts(Locale::En).issue(&issue);
        let fi = texts(Locale::Fi).issue(&issue);
        assert!(!en.trim().is_empty() && !fi.trim().is_empty(), "{issue:?}");
        assert_ne!(en, fi, "{issue:?} is not translated");
    }
}

#[test]
fn finnish_texts_are_translated_not_copied() {
    let (en, fi) = (texts(Locale::En), texts(Locale::Fi));
    // A few spot checks that catch a catalogue pasted from the other language.
    for (e, f) in [
        (en.customers, fi.customers),
        (en.add_customer, fi.add_customer),
        (en.retry, fi.retry),
        (en.not_registered, fi.not_registered),
    ] {
        assert!(!f.is_empty());
        assert_ne!(e, f);
    }
    assert_eq!((fi.range_of)("1", "25", "312"), "1–25 / 312");
    assert_eq!((en.range_of)("1", "25", "312"), "1–25 of 312");
    assert_eq!(
        (en.range_of_at_least)("1", "25", "1,000"),
        "1–25 of 1,000+ customers"
    );
    assert_eq!(
        (fi.range_of_at_least)("1", "25", "1 000"),
        "1–25 / vähintään 1 000 asiakasta"
    );
}

/// Every way an API call can fail, with and without the server's own explanation.
fn every_api_error() -> Vec<crate::api::ApiError> {
    use crate::api::ApiError;
    let issue = || vec![Issue::new(Field::Domain, Code::InvalidDomain).with("value", "x")];
    let mut errors = vec![
        ApiError::Network,
        ApiError::Offline,
        ApiError::Timeout,
        ApiError::Unauthorized,
        ApiError::Expired,
        ApiError::ViewOnly,
        ApiError::Forbidden,
        ApiError::NotFound,
        ApiError::Decode("expected `,` at line 1".into()),
        ApiError::RateLimited {
            detail: String::new(),
            retry_after_secs: Some(30),
        },
        ApiError::RateLimited {
            detail: String::new(),
            retry_after_secs: None,
        },
        ApiError::RateLimited {
            detail: "Slow down.".into(),
            retry_after_secs: Some(3),
        },
    ];
    for status in [409, 422] {
        for detail in ["", "Another customer already has this name."] {
            errors.push(ApiError::Rejected {
                status,
                detail: detail.into(),
                errors: issue(),
            });
        }
    }
    for status in [400, 404, 412, 500, 503] {
        for detail in ["", "Database unavailable"] {
            errors.push(ApiError::Server {
                status,
                detail: detail.into(),
                request_id: None,
            });
        }
    }
    errors
}

#[test]
fn english_api_errors_read_exactly_as_before_the_catalogue() {
    // The browser and end-to-end tests assert on these texts.
    for error in every_api_error() {
        let mut expected = String::new();
        as_displayed(&error, &mut expected).unwrap();
        assert_eq!(
            super::api_error(texts(Locale::En), &error),
            expected,
            "{error:?}"
        );
    }
}

/// The English texts `ApiError`'s `Display` used to write (it is gone: only this test read it).
fn as_displayed(error: &crate::api::ApiError, f: &mut String) -> std::fmt::Result {
    use crate::api::ApiError;
    use std::fmt::Write;
    match error {
        ApiError::Network => {
            f.write_str("Could not reach the server. Check your connection and try again.")
        }
        ApiError::Offline => f.write_str(
            "You are offline. Nothing was sent: reconnect to the internet and try again.",
        ),
        ApiError::Timeout => f.write_str("The server did not answer in time. Try again."),
        ApiError::Unauthorized | ApiError::Expired => {
            f.write_str("Your session has expired. Sign in again to continue.")
        }
        ApiError::ViewOnly => f.write_str(
            "Your role can view customers but not change them. Nothing was saved: ask a manager to make this change.",
        ),
        ApiError::Forbidden => {
            f.write_str("You do not have permission to do this. Ask your administrator for access.")
        }
        ApiError::NotFound => f.write_str("This customer does not exist or is not yours."),
        ApiError::Rejected { detail, .. } if !detail.is_empty() => f.write_str(detail),
        ApiError::Rejected { status: 409, .. } => f.write_str(
            "The server refused this because it conflicts with data it already has (HTTP 409).",
        ),
        ApiError::Rejected { status, .. } => write!(
            f,
            "The server did not accept what was sent (HTTP {status}). Check the values and try again."
        ),
        ApiError::Conflict { .. } => {
            f.write_str("Someone else changed this customer while you were editing.")
        }
        ApiError::RateLimited { detail, .. } if !detail.is_empty() => f.write_str(detail),
        ApiError::RateLimited {
            retry_after_secs: Some(secs),
            ..
        } => write!(
            f,
            "Too many requests: the server asks to wait {secs} seconds before trying again."
        ),
        ApiError::RateLimited { .. } => {
            f.write_str("Too many requests: wait a moment before trying again.")
        }
        ApiError::Server { status, detail, .. } if *status >= 500 && detail.is_empty() => {
            write!(
                f,
                "The server failed (HTTP {status}). Try again in a moment."
            )
        }
        ApiError::Server { status, detail, .. } if *status >= 500 => {
            write!(f, "{detail} (HTTP {status})")
        }
        ApiError::Server { status: 404, .. } => f.write_str(
            "The server does not offer this request (HTTP 404). Try again in a moment; if it \
                 keeps happening, reload the page to update the app.",
        ),
        ApiError::Server { status, detail, .. } if detail.is_empty() => {
            write!(f, "The server refused the request (HTTP {status}).")
        }
        ApiError::Server { status, detail, .. } => {
            write!(
                f,
                "The server refused the request (HTTP {status}): {detail}"
            )
        }
        ApiError::Decode(what) => write!(
            f,
            "The server sent an answer the app could not read ({what}). Try again."
        ),
    }
}

#[test]
fn finnish_api_errors_are_translated_unless_the_server_explained() {
    use crate::api::ApiError;
    for error in every_api_error() {
        let server_text = match &error {
            ApiError::Rejected { detail, .. } | ApiError::RateLimited { detail, .. } => {
                !detail.is_empty()
            }
            ApiError::Server { status, detail, .. } => *status >= 500 && !detail.is_empty(),
            _ => false,
        };
        let (en, fi) = (
            super::api_error(texts(Locale::En), &error),
            super::api_error(texts(Locale::Fi), &error),
        );
        assert!(!fi.trim().is_empty(), "{error:?}");
        assert_eq!(en == fi, server_text, "{error:?}: {fi}");
    }
}

#[test]
fn form_texts_are_translated() {
    let (en, fi) = (texts(Locale::En), texts(Locale::Fi));
    for (e, f) in [
        (en.hint_domain, fi.hint_domain),
        (en.hint_licenses, fi.hint_licenses),
        (en.hint_storage, fi.hint_storage),
        (en.hint_notify, fi.hint_notify),
        (en.hint_storage_type, fi.hint_storage_type),
        (en.storage_unit_label, fi.storage_unit_label),
        (en.required_legend, fi.required_legend),
        (en.summary_one, fi.summary_one),
        (en.save, fi.save),
        (en.not_created, fi.not_created),
        (en.not_saved, fi.not_saved),
        (en.conflict_title, fi.conflict_title),
        (en.apply_mine, fi.apply_mine),
        (en.discard_mine, fi.discard_mine),
        (en.leave_question, fi.leave_question),
        (en.leave_title, fi.leave_title),
        (en.next_steps_body, fi.next_steps_body),
        (en.customer_not_found, fi.customer_not_found),
        (en.entra_before, fi.entra_before),
    ] {
        assert!(!f.trim().is_empty());
        assert_ne!(e, f);
    }
    for field in [
        Field::OrganizationName,
        Field::Domain,
        Field::UserLicenses,
        Field::ExtraStorageGb,
        Field::NotifyEmails,
        Field::StorageType,
    ] {
        assert_ne!((fi.field_label)(field), (en.field_label)(field));
    }
    assert_eq!((en.field_label)(Field::UserLicenses), "User Licenses");
    assert_eq!((fi.field_label)(Field::UserLicenses), "Käyttäjälisenssit");
    assert_eq!(
        (en.summary_many)(3),
        "There are 3 problems: fix them to save"
    );
    assert_eq!(
        (fi.summary_many)(3),
        "Lomakkeessa on 3 virhettä: korjaa ne tallentaaksesi"
    );
    assert_eq!((en.licenses_in_use)(1, "1"), "1 license in use");
    assert_eq!((fi.licenses_in_use)(1, "1"), "1 lisenssi käytössä");
    assert_eq!((fi.licenses_in_use)(212, "212"), "212 lisenssiä käytössä");
    assert_eq!((en.date_time)(28, 10, 2026, 9, 5), "28 Nov 2026, 09:05");
    assert_eq!((fi.date_time)(28, 10, 2026, 9, 5), "28.11.2026 klo 9.05");
    assert_eq!(
        (en.storage_in_use)("1.4 TB", "2 TB", "28 Nov 2026, 10:42"),
        "1.4 TB of 2 TB used (as of 28 Nov 2026, 10:42)"
    );
}
