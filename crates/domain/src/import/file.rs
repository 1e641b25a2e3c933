//! A whole import file: read and checked in one pass, fixed row by row in the preview, and the
//! rows ready to send with their idempotency keys.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::columns::{Columns, match_header};
use super::decode::decode;
use super::key::{ContentHash, row_idempotency_key};
use super::read::read_records;
use super::rows::ImportRow;
use super::{Delimiter, IMPORT_MAX_ROWS};
use crate::issues::{Code, Field, Issue};
use crate::types::NewCustomer;

/// An import file, read and checked: its columns, the warnings to confirm, and every row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFile {
    delimiter: Delimiter,
    content: ContentHash,
    columns: Columns,
    warnings: Vec<Issue>,
    rows: Vec<ImportRow>,
    /// The reseller's existing customers' names (lower-cased) and domains, once known.
    existing: Existing,
}

/// Names (lower-cased, as the server compares them) and domains existing customers have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Existing {
    names: HashSet<String>,
    domains: HashSet<String>,
}

/// How many rows are ready and how many need attention (the preview's totals).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportTotals {
    /// Rows without errors: these are imported.
    pub ready: usize,
    /// Rows with at least one error: not imported unless fixed.
    pub with_errors: usize,
    /// Ready rows that have warnings (counted in `ready` too).
    pub with_warnings: usize,
}

/// A row to send: its number, the customer and the request's `Idempotency-Key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadyRow<'a> {
    pub number: usize,
    pub customer: &'a NewCustomer,
    pub idempotency_key: String,
}

/// Reads an import file (pasted text goes in as its UTF-8 bytes) and checks every row.
///
/// Errors stop the import and list every problem with the file as a whole: one of
/// `FileTooLarge`, `NotText`, `UnsupportedEncoding`, `EmptyFile` or `NoHeaderRow` alone (see
/// [`Code`]); otherwise each `MissingColumn` (at the missing field), `DuplicateColumn`, and
/// `NoDataRows` or `TooManyRows` (`max`, `actual`). Rows' own problems are never errors here:
/// they are in each [`ImportRow::report`].
pub fn read_import(bytes: &[u8]) -> Result<ImportFile, Vec<Issue>> {
    let text = decode(bytes).map_err(|issue| vec![issue])?;
    // The header plus one row beyond the limit: enough to know it is exceeded.
    let records = read_records(&text, IMPORT_MAX_ROWS + 2);
    let mut rows = records.rows.into_iter();
    let Some(header) = rows.next() else {
        return Err(vec![Issue::new(Field::Other, Code::EmptyFile)]);
    };
    let data_rows = records.count - 1;
    let mut errors = Vec::new();
    let header = match match_header(&header.cells) {
        Ok(matched) => Some(matched),
        Err(issues) if issues.iter().any(|i| i.code == Code::NoHeaderRow) => return Err(issues),
        Err(issues) => {
            errors.extend(issues);
            None
        }
    };
    if data_rows == 0 {
        errors.push(Issue::new(Field::Other, Code::NoDataRows));
    } else if data_rows > IMPORT_MAX_ROWS {
        errors.push(
            Issue::new(Field::Other, Code::TooManyRows)
                .with("max", IMPORT_MAX_ROWS)
                .with("actual", data_rows),
        );
    }
    let Some((columns, warnings)) = header.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    let rows = rows
        .map(|record| {
            let cells = columns.cells(&record.cells);
            let extra = columns.extra_cells(&record.cells);
            ImportRow::new(record.number, cells, columns.width(), extra)
        })
        .collect();
    let mut file = ImportFile {
        delimiter: records.delimiter,
        content: ContentHash::of(&text),
        columns,
        warnings,
        rows,
        existing: Existing::default(),
    };
    file.mark_duplicates();
    Ok(file)
}

impl ImportFile {
    /// The delimiter the file uses (a result file can be written the same way).
    pub fn delimiter(&self) -> Delimiter {
        self.delimiter
    }

    /// The hash of the file's content, from which the rows' idempotency keys are derived.
    pub fn content_hash(&self) -> &ContentHash {
        &self.content
    }

    /// The known columns in the order the file has them (a preview shows them so).
    pub fn columns(&self) -> Vec<Field> {
        self.columns.fields()
    }

    /// Findings about the file the user must confirm before importing: `UnknownColumn` for each
    /// column the import does not know (ignored once confirmed).
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }

    /// Every row, in file order.
    pub fn rows(&self) -> &[ImportRow] {
        &self.rows
    }

    /// The row with spreadsheet number `number`.
    pub fn row(&self, number: usize) -> Option<&ImportRow> {
        self.index_of(number).map(|i| &self.rows[i])
    }

    /// Fixes one cell in place: the row is re-checked and duplicates across the file are found
    /// again (fixing one row may clear or create another's). `None` if there is no such row.
    pub fn set_cell(&mut self, number: usize, field: Field, text: &str) -> Option<&ImportRow> {
        let i = self.index_of(number)?;
        self.rows[i].set_cell(field, text.to_owned());
        self.mark_duplicates();
        Some(&self.rows[i])
    }

    /// Drops a row from the import; duplicates are found again without it.
    pub fn remove_row(&mut self, number: usize) -> Option<ImportRow> {
        let i = self.index_of(number)?;
        let row = self.rows.remove(i);
        self.mark_duplicates();
        Some(row)
    }

    /// Tells the file which organization names and domains the reseller's customers already
    /// have (the SPA asks the API once per batch): each row with one of them gets the error the
    /// API would answer a create with, `Duplicate` (`value`) at that cell, so it is not sent.
    /// Replaces what an earlier call said; kept when cells are fixed.
    pub fn set_existing<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
        domains: impl IntoIterator<Item = &'a str>,
    ) {
        self.existing = Existing {
            names: names.into_iter().map(str::to_lowercase).collect(),
            domains: domains.into_iter().map(str::to_lowercase).collect(),
        };
        self.mark_duplicates();
    }

    /// How many rows are ready, have errors, or are ready with warnings.
    pub fn totals(&self) -> ImportTotals {
        self.rows
            .iter()
            .fold(ImportTotals::default(), |mut totals, row| {
                if row.report().is_ok() {
                    totals.ready += 1;
                    totals.with_warnings += usize::from(!row.report().warnings.is_empty());
                } else {
                    totals.with_errors += 1;
                }
                totals
            })
    }

    /// The rows to send, in file order, each with its `Idempotency-Key`.
    pub fn ready(&self) -> Vec<ReadyRow<'_>> {
        self.rows
            .iter()
            .filter_map(|row| {
                let customer = row.customer()?;
                Some(ReadyRow {
                    number: row.number(),
                    customer,
                    idempotency_key: row_idempotency_key(&self.content, row.number(), customer),
                })
            })
            .collect()
    }

    fn index_of(&self, number: usize) -> Option<usize> {
        self.rows
            .binary_search_by_key(&number, ImportRow::number)
            .ok()
    }

    /// Flags each row whose organization name (compared case-insensitively after the name's
    /// normalisation) or domain (normalised) an existing customer has (`Duplicate`), or else an
    /// earlier row has (`DuplicateInFile`, naming that row): one error per cell.
    fn mark_duplicates(&mut self) {
        let mut names: HashMap<String, usize> = HashMap::with_capacity(self.rows.len());
        let mut domains: HashMap<String, usize> = HashMap::with_capacity(self.rows.len());
        for row in &mut self.rows {
            let number = row.number();
            let mut found = Vec::new();
            let keys = [
                (
                    Field::OrganizationName,
                    row.name_key.clone(),
                    &mut names,
                    &self.existing.names,
                ),
                (
                    Field::Domain,
                    row.domain_key.clone(),
                    &mut domains,
                    &self.existing.domains,
                ),
            ];
            for (field, key, seen, existing) in keys {
                let Some(key) = key else { continue };
                if existing.contains(&key) {
                    let value = row.customer_value(field);
                    found.push(Issue::new(field, Code::Duplicate).with("value", value));
                    continue;
                }
                match seen.entry(key) {
                    Entry::Occupied(first) => found
                        .push(Issue::new(field, Code::DuplicateInFile).with("row", *first.get())),
                    Entry::Vacant(slot) => {
                        slot.insert(number);
                    }
                }
            }
            row.set_file_findings(found);
        }
    }
}
