//! The header row: which column holds which field, and what is wrong with the header (missing,
//! duplicate and unknown columns).

use super::names::column_for_header;
use super::rows::RowCells;
use crate::issues::{Code, Field, Issue};

/// Columns without which no row could be valid (Domain is optional in the Add form, so its
/// column may be missing too).
const REQUIRED_COLUMNS: [Field; 5] = [
    Field::OrganizationName,
    Field::UserLicenses,
    Field::ExtraStorageGb,
    Field::NotifyEmails,
    Field::StorageType,
];

/// Where each known column is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Columns {
    /// The field of each header cell, in file order; `None` for an ignored column.
    by_position: Vec<Option<Field>>,
}

impl Columns {
    /// The known columns in the order the file has them.
    pub fn fields(&self) -> Vec<Field> {
        self.by_position.iter().flatten().copied().collect()
    }

    /// How many columns the header has (up to its last named one).
    pub fn width(&self) -> usize {
        self.by_position.len()
    }

    /// A row's cells by column; cells under ignored columns are dropped and missing ones are "".
    pub fn cells(&self, row: &[String]) -> RowCells {
        let mut cells = RowCells::default();
        for (field, text) in self.by_position.iter().zip(row) {
            if let Some(field) = field {
                cells.set(*field, text.clone());
            }
        }
        cells
    }

    /// How many cells a row has beyond the header's width, up to its last non-blank one.
    pub fn extra_cells(&self, row: &[String]) -> usize {
        let used = row
            .iter()
            .rposition(|cell| !cell.trim().is_empty())
            .map_or(0, |last| last + 1);
        used.saturating_sub(self.width())
    }
}

/// The header's columns and its warnings (`UnknownColumn`, to confirm), or its errors:
/// `NoHeaderRow` when it names no known column, else one `MissingColumn` per missing required
/// column (at that field) and one `DuplicateColumn` per repeated column.
pub(super) fn match_header(header: &[String]) -> Result<(Columns, Vec<Issue>), Vec<Issue>> {
    // A trailing delimiter leaves empty header cells; they are no column at all.
    let named = header
        .iter()
        .rposition(|cell| !cell.trim().is_empty())
        .map_or(0, |last| last + 1);
    let header = &header[..named];
    let by_position: Vec<Option<Field>> = header.iter().map(|h| column_for_header(h)).collect();
    if by_position.iter().all(Option::is_none) {
        return Err(vec![Issue::new(Field::Other, Code::NoHeaderRow)]);
    }
    let mut errors: Vec<Issue> = REQUIRED_COLUMNS
        .into_iter()
        .filter(|field| !by_position.contains(&Some(*field)))
        .map(|field| Issue::new(field, Code::MissingColumn))
        .collect();
    let mut warnings = Vec::new();
    for (i, (name, field)) in header.iter().zip(&by_position).enumerate() {
        match field {
            Some(field) => {
                let first = by_position.iter().position(|f| f == &Some(*field));
                if let Some(first) = first.filter(|&first| first < i) {
                    errors.push(
                        Issue::new(*field, Code::DuplicateColumn)
                            .with("name", name.trim())
                            .with("column", i + 1)
                            .with("first", first + 1),
                    );
                }
            }
            None if name.trim().is_empty() => {}
            None => warnings.push(
                Issue::new(Field::Other, Code::UnknownColumn)
                    .with("name", name.trim())
                    .with("column", i + 1),
            ),
        }
    }
    if errors.is_empty() {
        Ok((Columns { by_position }, warnings))
    } else {
        Err(errors)
    }
}
