//! The CSV import's words: the domain's column names and Storage Type labels are the form's
//! own labels in each language (so a template round-trips), and its file-level issues read as
//! sentences with their figures.

use domain::import::{IMPORT_COLUMNS, Language, column_name, storage_type_label};
use domain::{Code, Field, Issue, StorageType};

use super::super::{Locale, format, texts};

const LANGUAGES: [(Locale, Language); 2] = [(Locale::En, Language::En), (Locale::Fi, Language::Fi)];

#[test]
fn import_columns_are_named_as_the_form_labels_its_fields() {
    for (locale, language) in LANGUAGES {
        for field in IMPORT_COLUMNS {
            assert_eq!(
                column_name(field, language),
                (texts(locale).field_label)(field),
                "{locale:?} {field:?}"
            );
        }
    }
}

#[test]
fn import_storage_types_are_labelled_as_the_form_offers_them() {
    for (locale, language) in LANGUAGES {
        for storage_type in StorageType::ALL {
            assert_eq!(
                storage_type_label(storage_type, language),
                super::super::storage_type_label(texts(locale), storage_type),
                "{locale:?} {storage_type:?}"
            );
        }
    }
}

#[test]
fn megabytes_round_up_so_over_the_limit_never_reads_as_the_limit() {
    let cases = [
        ("2000000", "2"),
        ("2000001", "2.1"),
        ("2500000", "2.5"),
        ("2950001", "3"),
        ("1", "0.1"),
        ("0", "0"),
        ("x", "x"),
    ];
    for (bytes, mb) in cases {
        assert_eq!(format::megabytes(bytes), mb, "{bytes}");
    }
}

#[test]
fn file_issues_read_with_their_figures() {
    let too_large = Issue::new(Field::Other, Code::FileTooLarge)
        .with("max", 2_000_000)
        .with("actual", 2_000_001);
    assert_eq!(
        texts(Locale::En).issue(&too_large),
        "The file is 2.1 MB; at most 2 MB can be imported at once. Split it into smaller files."
    );
    assert_eq!(
        texts(Locale::Fi).issue(&too_large),
        "Tiedoston koko on 2,1 MB; kerralla voi tuoda enintään 2 MB. Jaa se pienempiin tiedostoihin."
    );
    let missing = Issue::new(Field::NotifyEmails, Code::MissingColumn);
    assert_eq!(
        texts(Locale::En).issue(&missing),
        "The file has no “Notify Users” column."
    );
    assert_eq!(
        texts(Locale::Fi).issue(&missing),
        "Tiedostosta puuttuu sarake ”Ilmoita käyttäjille”."
    );
    let duplicate = Issue::new(Field::Domain, Code::DuplicateInFile).with("row", 4);
    assert_eq!(
        texts(Locale::En).issue(&duplicate),
        "Row 4 of this file has the same domain."
    );
    assert_eq!(
        texts(Locale::Fi).issue(&duplicate),
        "Sama verkkotunnus on jo tämän tiedoston rivillä 4."
    );
    let unknown = Issue::new(Field::StorageType, Code::NotAnOption).with("value", "Amazon S3");
    assert_eq!(
        texts(Locale::En).issue(&unknown),
        "“Amazon S3” is not a Storage Type: use Azure (Ireland) or Finnish S3 Storage."
    );
}

#[test]
fn every_issue_the_import_reports_for_a_bad_file_is_worded() {
    // Real issues from the reader, not hand-built ones: their params are the ones it sets.
    let files: [&[u8]; 6] = [
        b"",
        b"PK\x03\x04\x00\x00",
        b"Organization name\nK\xe4pyl\xe4 Oy\n",
        b"Contoso Oy,contoso.fi\n",
        b"Organization name,Domain,Domain\n",
        b"Organization name,User Licenses,Extra Storage,Notify Users,Storage Type,Notes\nA,0,x,y,z,1,2\n",
    ];
    for bytes in files {
        let issues = match domain::import::read_import(bytes) {
            Err(errors) => errors,
            Ok(file) => {
                let mut issues = file.warnings().to_vec();
                issues.extend(file.rows()[0].report().errors.iter().cloned());
                issues
            }
        };
        assert!(!issues.is_empty(), "{bytes:?}");
        for issue in issues {
            for locale in [Locale::En, Locale::Fi] {
                let text = texts(locale).issue(&issue);
                assert!(text.ends_with('.'), "{locale:?} {issue:?}: {text}");
                assert!(!text.contains("{}"), "{text}");
            }
        }
    }
}
