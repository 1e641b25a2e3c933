//! The CSV import: reading files, matching headers, checking rows, keys and the files it
//! writes. Each case states the exact codes and params expected.

use domain::import::*;
use domain::*;

mod decode;
mod existing;
mod header;
mod keys;
mod limits;
mod lookup;
mod props;
mod rows;
mod write;

const HEADER: &str =
    "Organization name,Domain,User Licenses,Extra Storage,Notify Users,Storage Type";
const ROW: &str = "Contoso Oy,contoso.fi,250,1.5 TB,it@contoso.fi,Azure (Ireland)";

/// A file with the English header and `rows`, one per line.
fn csv(rows: &[&str]) -> String {
    std::iter::once(HEADER)
        .chain(rows.iter().copied())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a file that must be accepted.
fn read(text: &str) -> ImportFile {
    read_import(text.as_bytes()).unwrap_or_else(|e| panic!("refused: {e:?}\n{text}"))
}

/// The errors of a file that must be refused, as (field, code) pairs.
fn refused(bytes: &[u8]) -> Vec<Issue> {
    match read_import(bytes) {
        Ok(file) => panic!("accepted a bad file: {:?}", file.rows()),
        Err(errors) => errors,
    }
}

fn codes(issues: &[Issue]) -> Vec<(Field, Code)> {
    issues.iter().map(|i| (i.field, i.code)).collect()
}

fn contoso() -> NewCustomer {
    NewCustomer {
        organization_name: "Contoso Oy".into(),
        domain: Some("contoso.fi".into()),
        user_licenses: 250,
        extra_storage_gb: 1500,
        notify_emails: vec!["it@contoso.fi".into()],
        storage_type: StorageType::AzureIreland,
    }
}
