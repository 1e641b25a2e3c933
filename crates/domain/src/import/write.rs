//! Files the import writes: the template to fill in and the per-row outcome report, with every
//! cell a spreadsheet would run as a formula kept as text.

use std::borrow::Cow;

use super::names::{IMPORT_COLUMNS, column_name, storage_type_label};
use super::{Delimiter, Language};
use crate::types::StorageType;

/// The import template in `language`: a header row and one example row, delimited as a
/// spreadsheet in that language expects (`,` in English, `;` in Finnish), with a UTF-8 byte
/// order mark so Excel reads "ä" correctly, and CRLF line ends.
pub fn template_csv(language: Language) -> String {
    let header = IMPORT_COLUMNS.map(|field| column_name(field, language));
    let storage = match language {
        Language::En => "1.5 TB",
        Language::Fi => "1,5 TB",
    };
    let example = [
        "Contoso Oy",
        "contoso.fi",
        "250",
        storage,
        "it@contoso.fi; admin@contoso.fi",
        storage_type_label(StorageType::AzureIreland, language),
    ];
    let delimiter = Delimiter::for_language(language);
    write_csv([header, example], delimiter)
}

/// One line of the outcome report, already worded by the caller's catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeLine<'a> {
    /// The row's number in the imported file.
    pub row: usize,
    pub organization_name: &'a str,
    /// Created, already existed (skipped) or failed, in the user's language.
    pub outcome: &'a str,
    /// Why it failed or was skipped; may be empty.
    pub message: &'a str,
}

/// The outcome report as CSV: `header` (row, organization name, outcome, message, worded by the
/// caller), then one line per row. Every cell is [`neutralise_cell`]ed, so names such as
/// `=HYPERLINK(…)` stay text in a spreadsheet. UTF-8 with a byte order mark, CRLF line ends.
pub fn outcome_csv(header: [&str; 4], lines: &[OutcomeLine<'_>], delimiter: Delimiter) -> String {
    let rows = lines.iter().map(|line| {
        [
            Cow::Owned(line.row.to_string()),
            Cow::Borrowed(line.organization_name),
            Cow::Borrowed(line.outcome),
            Cow::Borrowed(line.message),
        ]
    });
    let header = header.map(Cow::Borrowed);
    write_csv(std::iter::once(header).chain(rows), delimiter)
}

/// A cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
/// return) prefixed with `'`, which spreadsheets show as text; any other cell unchanged.
pub fn neutralise_cell(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Writes rows as CSV (quoting only where needed) with every cell neutralised.
fn write_csv<R, C>(rows: impl IntoIterator<Item = R>, delimiter: Delimiter) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter.byte())
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|cell| neutralise_cell(cell.as_ref()).into_owned())
            .collect();
        // Writing to memory cannot fail.
        let _ = out.write_record(&cells);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
