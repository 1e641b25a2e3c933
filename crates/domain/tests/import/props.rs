//! Property tests: valid customers written as any spreadsheet would write them read back to the
//! same drafts, and no input makes the reader panic.

use super::*;
use proptest::prelude::*;

/// A valid organization name, possibly with the characters CSV must quote and spaces around:
/// mostly what names look like, sometimes any visible Unicode (slower to generate).
fn name() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => "[a-zA-ZåäöÅÄÖ0-9\"',;=@+&.()-]{1,10}",
        1 => "[^\\p{C}\\s]{1,4}",
    ];
    (prop::collection::vec(word, 1..=4), "[ ]{0,2}", "[ ]{0,2}")
        .prop_map(|(words, before, after)| format!("{before}{}{after}", words.join(" ")))
}

fn domain() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z][a-z0-9-]{0,10}[a-z0-9]\\.(fi|com|se)"
    ]
}

fn licenses() -> impl Strategy<Value = String> {
    (1u32..=1_000_000).prop_map(|n| n.to_string())
}

fn storage() -> impl Strategy<Value = String> {
    (0u64..=10_000_000, 0..3).prop_map(|(gb, style)| match style {
        0 => gb.to_string(),
        1 => format!("{gb} GB"),
        _ => format_storage(gb),
    })
}

fn emails() -> impl Strategy<Value = String> {
    prop::collection::vec("[a-z]{1,8}@[a-z]{1,8}\\.fi", 1..=3).prop_map(|list| list.join("; "))
}

/// A storage type and how the file names it: a label in either language or the wire name.
fn storage_type() -> impl Strategy<Value = (StorageType, String)> {
    (prop::sample::select(StorageType::ALL.to_vec()), 0..3).prop_map(|(t, how)| {
        let text = match how {
            0 => storage_type_label(t, Language::En).to_owned(),
            1 => storage_type_label(t, Language::Fi).to_uppercase(),
            _ => t.as_str().to_owned(),
        };
        (t, text)
    })
}

/// A valid row: the draft and its Storage Type cell.
fn row() -> impl Strategy<Value = (CustomerDraft, String)> {
    (
        name(),
        domain(),
        licenses(),
        storage(),
        emails(),
        storage_type(),
    )
        .prop_map(
            |(
                organization_name,
                domain,
                user_licenses,
                extra_storage,
                notify_emails,
                (t, text),
            )| {
                let draft = CustomerDraft {
                    organization_name,
                    domain,
                    user_licenses,
                    extra_storage,
                    notify_emails,
                    storage_type: Some(t),
                };
                (draft, text)
            },
        )
}

/// Rows whose names and domains differ, so that no row is a duplicate of another.
fn distinct_rows() -> impl Strategy<Value = Vec<(CustomerDraft, String)>> {
    prop::collection::vec(row(), 1..12).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (mut draft, text))| {
                draft.organization_name = format!("{i} {}", draft.organization_name);
                if !draft.domain.is_empty() {
                    draft.domain = format!("d{i}.{}", draft.domain);
                }
                (draft, text)
            })
            .collect()
    })
}

/// A header cell as people write it: either language, any letter case, spaces doubled.
fn header_cell(field: Field, finnish: bool, upper: &[bool]) -> String {
    let language = if finnish { Language::Fi } else { Language::En };
    column_name(field, language)
        .chars()
        .enumerate()
        .map(|(i, c)| match c {
            ' ' if upper[i % upper.len()] => "  ".to_owned(),
            c if upper[(i + 1) % upper.len()] => c.to_uppercase().to_string(),
            c => c.to_lowercase().to_string(),
        })
        .collect()
}

fn write(records: &[Vec<String>], delimiter: Delimiter) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter.byte())
        .from_writer(Vec::new());
    for record in records {
        out.write_record(record).unwrap();
    }
    out.into_inner().unwrap()
}

/// The same text as UTF-8, UTF-8 with a BOM, or UTF-16 LE or BE with a BOM.
fn encode(bytes: Vec<u8>, how: u8) -> Vec<u8> {
    let text = String::from_utf8(bytes).unwrap();
    let utf16 = |bom: [u8; 2], unit: fn(u16) -> [u8; 2]| {
        bom.into_iter()
            .chain(text.encode_utf16().flat_map(unit))
            .collect::<Vec<u8>>()
    };
    match how {
        0 => text.into_bytes(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => utf16([0xFF, 0xFE], u16::to_le_bytes),
        _ => utf16([0xFE, 0xFF], u16::to_be_bytes),
    }
}

proptest! {
    #[test]
    fn valid_customers_read_back_to_the_same_drafts(
        rows in distinct_rows(),
        columns in Just(IMPORT_COLUMNS.to_vec()).prop_shuffle(),
        with_domain in any::<bool>(),
        finnish in prop::collection::vec(any::<bool>(), 6),
        upper in prop::collection::vec(any::<bool>(), 1..8),
        delimiter in prop::sample::select(Delimiter::ALL.to_vec()),
        encoding in 0u8..4,
    ) {
        let columns: Vec<Field> = columns
            .into_iter()
            .filter(|&f| with_domain || f != Field::Domain)
            .collect();
        let header = columns
            .iter()
            .zip(&finnish)
            .map(|(&f, &fi)| header_cell(f, fi, &upper))
            .collect();
        let records: Vec<Vec<String>> = std::iter::once(header)
            .chain(rows.iter().map(|(draft, storage_type)| {
                columns
                    .iter()
                    .map(|&f| match f {
                        Field::StorageType => storage_type.clone(),
                        _ => RowCells {
                            organization_name: draft.organization_name.clone(),
                            domain: draft.domain.clone(),
                            user_licenses: draft.user_licenses.clone(),
                            extra_storage: draft.extra_storage.clone(),
                            notify_emails: draft.notify_emails.clone(),
                            storage_type: String::new(),
                        }
                        .get(f)
                        .to_owned(),
                    })
                    .collect()
            }))
            .collect();
        let bytes = encode(write(&records, delimiter), encoding);
        let file = read_import(&bytes).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(file.delimiter(), delimiter);
        prop_assert!(file.warnings().is_empty());
        prop_assert_eq!(file.rows().len(), rows.len());
        for (row, (draft, _)) in file.rows().iter().zip(&rows) {
            let expected = CustomerDraft {
                domain: if with_domain { draft.domain.clone() } else { String::new() },
                ..draft.clone()
            };
            prop_assert_eq!(&row.cells().draft(), &expected);
            let validated = expected.validate();
            prop_assert_eq!(row.report(), &validated.report);
            prop_assert!(row.customer().is_some());
            prop_assert_eq!(row.customer(), validated.value.as_ref());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read_import(&bytes);
    }

    #[test]
    fn csv_like_text_never_panics_and_rows_agree_with_their_reports(
        tail in "[,;\"\r\n\t a-zA-Z0-9=@.\u{feff}ä]{0,400}",
        semicolons in any::<bool>(),
    ) {
        let header = if semicolons { HEADER.replace(',', ";") } else { HEADER.to_owned() };
        let text = format!("{header}\n{tail}");
        if let Ok(mut file) = read_import(text.as_bytes()) {
            let numbers: Vec<usize> = file.rows().iter().map(ImportRow::number).collect();
            prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{:?}", numbers);
            for row in file.rows() {
                prop_assert_eq!(row.customer().is_some(), row.report().is_ok());
            }
            let totals = file.totals();
            prop_assert_eq!(totals.ready + totals.with_errors, file.rows().len());
            prop_assert_eq!(file.ready().len(), totals.ready);
            if let Some(n) = numbers.first() {
                file.set_cell(*n, Field::OrganizationName, &tail);
                file.remove_row(*n);
            }
        }
    }
}
