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
        })
        .collect()
}

#[test]
fn every_validation_message_exists_in_both_languages_and_differs() {
    for issue in every_issue() {
        let en = (texts(Locale::En).issue)(&issue);
        let fi = (texts(Locale::Fi).issue)(&issue);
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
}
