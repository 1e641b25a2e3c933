//! One row of an import file: its cells as written, the Add form's draft they make, and the
//! row's report (the form's rules plus what only a file can get wrong).

use super::names::parse_storage_type;
use crate::issues::{Code, Field, Issue, Report};
use crate::rules::{CustomerDraft, Validated, parse_domain, parse_organization_name};
use crate::types::NewCustomer;

/// A row's cells by column, as written in the file or as fixed in the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowCells {
    pub organization_name: String,
    pub domain: String,
    pub user_licenses: String,
    pub extra_storage: String,
    pub notify_emails: String,
    pub storage_type: String,
}

impl RowCells {
    /// The cell of a column; "" for `Field::Other`.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::OrganizationName => &self.organization_name,
            Field::Domain => &self.domain,
            Field::UserLicenses => &self.user_licenses,
            Field::ExtraStorageGb => &self.extra_storage,
            Field::NotifyEmails => &self.notify_emails,
            Field::StorageType => &self.storage_type,
            Field::Other => "",
        }
    }

    /// Replaces the cell of a column (`Field::Other` has none: nothing changes).
    pub fn set(&mut self, field: Field, text: String) {
        let cell = match field {
            Field::OrganizationName => &mut self.organization_name,
            Field::Domain => &mut self.domain,
            Field::UserLicenses => &mut self.user_licenses,
            Field::ExtraStorageGb => &mut self.extra_storage,
            Field::NotifyEmails => &mut self.notify_emails,
            Field::StorageType => &mut self.storage_type,
            Field::Other => return,
        };
        *cell = text;
    }

    /// The Add form's draft these cells make: every text as is, the Storage Type read from its
    /// label or wire name (`None` when empty or unknown).
    pub fn draft(&self) -> CustomerDraft {
        CustomerDraft {
            organization_name: self.organization_name.clone(),
            domain: self.domain.clone(),
            user_licenses: self.user_licenses.clone(),
            extra_storage: self.extra_storage.clone(),
            notify_emails: self.notify_emails.clone(),
            storage_type: parse_storage_type(&self.storage_type).ok().flatten(),
        }
    }

    /// The draft checked by the form's rules; an unknown Storage Type is `NotAnOption` (with
    /// the text) where the form, which offers a choice, can only say `Required`.
    fn check(&self) -> Validated<NewCustomer> {
        let mut checked = self.draft().validate();
        if let Err(unknown) = parse_storage_type(&self.storage_type) {
            let required = |i: &Issue| i.field == Field::StorageType && i.code == Code::Required;
            if let Some(issue) = checked.report.errors.iter_mut().find(|i| required(i)) {
                *issue = unknown;
            }
        }
        checked
    }
}

/// One customer row of an import file and everything found wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    number: usize,
    cells: RowCells,
    /// Non-blank cells beyond the header's columns.
    extra_cells: usize,
    width: usize,
    /// The form's rules on the cells.
    rules: Validated<NewCustomer>,
    /// What duplicates are compared by: the normalised, lower-cased name and the domain.
    pub(super) name_key: Option<String>,
    pub(super) domain_key: Option<String>,
    /// `rules`' report with the file's own findings (duplicates, extra cells) in form order.
    report: Report,
}

impl ImportRow {
    /// Checks a row; `width` is the header's column count, `extra_cells` the cells beyond it.
    pub(super) fn new(number: usize, cells: RowCells, width: usize, extra_cells: usize) -> Self {
        let mut row = ImportRow {
            number,
            cells,
            extra_cells,
            width,
            rules: Validated {
                value: None,
                report: Report::default(),
            },
            name_key: None,
            domain_key: None,
            report: Report::default(),
        };
        row.recheck();
        row
    }

    /// The row's number as a spreadsheet shows it (the header is row 1); stable for a file, so
    /// it identifies the row in [`ImportFile`](super::ImportFile)'s methods.
    pub fn number(&self) -> usize {
        self.number
    }

    /// The cells as written in the file (or as fixed since).
    pub fn cells(&self) -> &RowCells {
        &self.cells
    }

    /// Every error, warning and note for the row, each at its cell (`Field::Other`: the row).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The normalised customer to create when the row has no errors.
    pub fn customer(&self) -> Option<&NewCustomer> {
        self.rules.value.as_ref().filter(|_| self.report.is_ok())
    }

    /// The normalised name or domain as the API would save it (for `Duplicate`'s `value`).
    pub(super) fn customer_value(&self, field: Field) -> String {
        match field {
            Field::OrganizationName => {
                parse_organization_name(&self.cells.organization_name).unwrap_or_default()
            }
            Field::Domain => self.domain_key.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Replaces one cell and re-checks the row by the form's rules (duplicates are the file's
    /// business: it re-runs them).
    pub(super) fn set_cell(&mut self, field: Field, text: String) {
        self.cells.set(field, text);
        // A fixed row has no cells beyond the header any more: they were not part of it.
        self.extra_cells = 0;
        self.recheck();
    }

    fn recheck(&mut self) {
        self.rules = self.cells.check();
        self.name_key = parse_organization_name(&self.cells.organization_name)
            .ok()
            .map(|name| name.to_lowercase());
        self.domain_key = parse_domain(&self.cells.domain)
            .ok()
            .flatten()
            .map(|domain| domain.value);
        self.set_file_findings(Vec::new());
    }

    /// Rebuilds the report from the rules' and the file's findings (`DuplicateInFile` issues).
    pub(super) fn set_file_findings(&mut self, mut errors: Vec<Issue>) {
        if self.extra_cells > 0 {
            errors.push(
                Issue::new(Field::Other, Code::TooManyCells)
                    .with("max", self.width)
                    .with("count", self.width + self.extra_cells),
            );
        }
        let mut report = self.rules.report.clone();
        report.errors.extend(errors);
        // Stable: each field's issues keep their order, fields come in form order.
        report.errors.sort_by_key(|issue| issue.field);
        self.report = report;
    }
}
