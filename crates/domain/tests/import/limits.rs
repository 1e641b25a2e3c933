//! The file size and row limits, and a full-size file read correctly (its speed is measured by
//! the benchmark scripts, not here).

use super::*;
use std::collections::HashSet;

/// A file of `n` valid, distinct customers.
fn customers(n: usize) -> String {
    let rows: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                "Customer {i} Oy,customer{i}.fi,{i},{i} GB,it@customer{i}.fi; admin@customer{i}.fi,{}",
                if i % 2 == 0 { "finnish_s3" } else { "Azure (Ireland)" }
            )
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    csv(&rows)
}

#[test]
fn a_file_over_ten_megabytes_is_too_large() {
    let bytes = vec![b'a'; IMPORT_MAX_BYTES + 1];
    let errors = refused(&bytes);
    assert_eq!(codes(&errors), [(Field::Other, Code::FileTooLarge)]);
    assert_eq!(
        (errors[0].param("max"), errors[0].param("actual")),
        ("10000000", "10000001")
    );
}

#[test]
fn a_file_of_exactly_ten_megabytes_is_read() {
    let mut text = csv(&[ROW]);
    text.push('\n');
    text.push_str(&" ".repeat(IMPORT_MAX_BYTES - text.len()));
    assert_eq!(text.len(), IMPORT_MAX_BYTES);
    assert_eq!(read(&text).rows().len(), 1);
}

#[test]
fn fifty_thousand_rows_are_read_and_all_ready() {
    let file = read(&customers(IMPORT_MAX_ROWS));
    assert_eq!(file.rows().len(), IMPORT_MAX_ROWS);
    assert_eq!(
        file.totals(),
        ImportTotals {
            ready: IMPORT_MAX_ROWS,
            with_errors: 0,
            with_warnings: 0,
        }
    );
    let ready = file.ready();
    assert_eq!(ready.len(), IMPORT_MAX_ROWS);
    let last = &ready[IMPORT_MAX_ROWS - 1];
    assert_eq!(last.number, IMPORT_MAX_ROWS + 1);
    assert_eq!(last.customer.organization_name, "Customer 50000 Oy");
    assert_eq!(last.customer.extra_storage_gb, 50000);
    assert_eq!(last.customer.storage_type, StorageType::FinnishS3);
    let keys: HashSet<&str> = ready.iter().map(|r| r.idempotency_key.as_str()).collect();
    assert_eq!(keys.len(), IMPORT_MAX_ROWS);
}

#[test]
fn fifty_thousand_and_one_rows_are_too_many() {
    let errors = refused(customers(IMPORT_MAX_ROWS + 1).as_bytes());
    assert_eq!(codes(&errors), [(Field::Other, Code::TooManyRows)]);
    assert_eq!(
        (errors[0].param("max"), errors[0].param("actual")),
        ("50000", "50001")
    );
}

#[test]
fn blank_rows_do_not_count_towards_the_limit() {
    let text = customers(IMPORT_MAX_ROWS) + "\n\n,,,,,\n , ,\t,\n";
    assert_eq!(read(&text).rows().len(), IMPORT_MAX_ROWS);
}
