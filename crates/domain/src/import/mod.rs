//! Importing customers from a CSV file (issue 17): everything but the UI, shared by the SPA's
//! preview and the server.
//!
//! [`read_import`] turns the file's bytes into an [`ImportFile`]: the text is decoded (UTF-8 with
//! or without a byte order mark, UTF-16 with one), the delimiter detected (`,`, `;` as Finnish
//! Excel writes, or tab), the header matched by name in English or Finnish, and every row checked
//! by [`CustomerDraft::validate`](crate::CustomerDraft::validate), the Add form's own rules, plus
//! duplicates within the file. A problem with the file as a whole is an error that stops the
//! import; a problem with a row is in that row's [`Report`](crate::Report), at its cell, and the
//! row can be fixed in place ([`ImportFile::set_cell`]) or dropped ([`ImportFile::remove_row`]).
//! Each ready row has an `Idempotency-Key` derived from the file's content and the row
//! ([`ImportFile::ready`]), so a retry or a re-import of the same file never creates a duplicate.
//!
//! Performance: reading and checking a 50,000-row file (the limit) must take a few seconds at most
//! in the browser, so the work is one pass over the text, one validation per row and one hash
//! map for duplicates; fixing a cell re-checks that row and re-runs only the duplicate pass.
//! The figure is measured by the benchmark scripts, never asserted in tests.

mod columns;
mod decode;
mod file;
mod key;
mod lookup;
mod names;
mod read;
mod rows;
mod write;

pub use file::{ImportFile, ImportTotals, ReadyRow, read_import};
pub use key::{ContentHash, row_idempotency_key};
pub use lookup::{CustomerLookup, LOOKUP_MAX, LOOKUP_MAX_BYTES};
pub use names::{IMPORT_COLUMNS, column_name, parse_storage_type, storage_type_label};
pub use rows::{ImportRow, RowCells};
pub use write::{OutcomeLine, neutralise_cell, outcome_csv, template_csv};

/// The largest import file, in bytes (10 MB, decimal as the app's other units): 50,000 rows
/// of 200 bytes.
pub const IMPORT_MAX_BYTES: usize = 10_000_000;
/// The most customer rows one import file may have (sent in batches of
/// [`BATCH_MAX_ROWS`](crate::BATCH_MAX_ROWS)).
pub const IMPORT_MAX_ROWS: usize = 50_000;

/// What separates the cells of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delimiter {
    /// `,` (English-locale Excel, most tools).
    Comma,
    /// `;` (Excel in Finnish and other locales where `,` is the decimal separator).
    Semicolon,
    /// Tab (Excel's "Unicode text", which is UTF-16).
    Tab,
}

impl Delimiter {
    /// Every delimiter, in the order a tie is decided.
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    /// The delimiter's byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// The delimiter a spreadsheet in `language` expects (`;` where `,` is the decimal comma).
    pub fn for_language(language: Language) -> Delimiter {
        match language {
            Language::En => Delimiter::Comma,
            Language::Fi => Delimiter::Semicolon,
        }
    }
}

/// The language of a template's header row and example values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    Fi,
}
