//! Rows: quoting, numbering, the form's rules on every cell, duplicates within the file, and
//! fixing or dropping a row in place.

use super::*;

#[test]
fn quoted_cells_keep_delimiters_quotes_and_line_breaks() {
    let text = csv(&[
        "\"Contoso, \"\"Nordic\"\" Oy\",contoso.fi,250,1.5 TB,\"it@contoso.fi;\nJane Doe <jane@contoso.fi>\",Azure (Ireland)",
    ]);
    let file = read(&text);
    let row = &file.rows()[0];
    assert_eq!(row.cells().organization_name, "Contoso, \"Nordic\" Oy");
    assert_eq!(
        row.cells().notify_emails,
        "it@contoso.fi;\nJane Doe <jane@contoso.fi>"
    );
    let customer = row.customer().unwrap();
    assert_eq!(customer.organization_name, "Contoso, \"Nordic\" Oy");
    assert_eq!(customer.notify_emails, ["it@contoso.fi", "jane@contoso.fi"]);
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    // Blank lines are rows in a spreadsheet; a cell with a line break is still one row.
    let text = format!(
        "{HEADER}\r\n\r\n{ROW}\r\n\"Fabrikam\r\nOy\",,10,0,it@fabrikam.fi,finnish_s3\r\n,,,,,\r\nLitware Oy,,5,0,it@litware.fi,azure_ireland\r\n"
    );
    let file = read(&text);
    let numbers: Vec<usize> = file.rows().iter().map(ImportRow::number).collect();
    assert_eq!(numbers, [3, 4, 6]);
    // Line ends of any kind, blank lines at the start, and a CR-terminated record.
    let text = format!(
        "\n\r\n{HEADER}\r{ROW}\r\r\n\n\"Fabrikam\nOy\",,10,0,it@fabrikam.fi,finnish_s3\nLitware Oy,,5,0,it@litware.fi,azure_ireland"
    );
    let numbers: Vec<usize> = read(&text).rows().iter().map(ImportRow::number).collect();
    assert_eq!(numbers, [4, 7, 8]);
    assert_eq!(
        file.rows()[1].customer().unwrap().organization_name,
        "Fabrikam Oy"
    );
}

#[test]
fn every_row_reports_exactly_what_the_form_reports() {
    let rows = [
        ROW,
        " ,-contoso,abc,1e3,a@b; jane,",
        "  Contoso   Nordic ,https://www.Contoso.se/,\"1 000\",0,it@contoso.fi,azure_ireland",
        "A,a.fi,0,0.5 GB,x,Finnish S3 Storage",
    ];
    let file = read(&csv(&rows));
    for row in file.rows() {
        let form = row.cells().draft().validate();
        assert_eq!(row.report(), &form.report, "row {}", row.number());
        assert_eq!(row.customer(), form.value.as_ref());
    }
    let notes = &file.rows()[2].report().notes;
    assert_eq!(codes(notes), [(Field::Domain, Code::Normalised)]);
    assert_eq!(notes[0].param("value"), "contoso.se");
    assert_eq!(
        codes(&file.rows()[2].report().warnings),
        [(Field::ExtraStorageGb, Code::NoStorage)]
    );
}

#[test]
fn extra_storage_units() {
    let cases = [
        ("500", 500),
        ("500 GB", 500),
        ("500gb", 500),
        ("2 TB", 2000),
        ("\"1,5 TB\"", 1500),
        ("\"1,000 GB\"", 1000),
        ("0", 0),
    ];
    for (cell, gb) in cases {
        let text = csv(&[&format!(
            "Contoso Oy,contoso.fi,250,{cell},it@contoso.fi,Azure (Ireland)"
        )]);
        let file = read(&text);
        assert_eq!(
            file.rows()[0].customer().map(|c| c.extra_storage_gb),
            Some(gb),
            "{cell}"
        );
    }
    let file = read(&csv(&[
        "Contoso Oy,contoso.fi,250,5 PB,it@contoso.fi,Azure (Ireland)",
    ]));
    assert_eq!(
        codes(&file.rows()[0].report().errors),
        [(Field::ExtraStorageGb, Code::NotANumber)]
    );
}

#[test]
fn storage_type_labels_and_wire_names() {
    let cases = [
        ("Azure (Ireland)", StorageType::AzureIreland),
        ("azure (ireland)", StorageType::AzureIreland),
        ("AZURE_IRELAND", StorageType::AzureIreland),
        ("Azure  (Irlanti)", StorageType::AzureIreland),
        ("Finnish S3 Storage", StorageType::FinnishS3),
        ("suomalainen s3-tallennustila", StorageType::FinnishS3),
        (" finnish_s3 ", StorageType::FinnishS3),
    ];
    for (cell, expected) in cases {
        assert_eq!(parse_storage_type(cell), Ok(Some(expected)), "{cell}");
    }
    assert_eq!(parse_storage_type("  "), Ok(None));
    for storage_type in StorageType::ALL {
        for language in [Language::En, Language::Fi] {
            let label = storage_type_label(storage_type, language);
            assert_eq!(parse_storage_type(label), Ok(Some(storage_type)));
        }
    }
}

#[test]
fn an_unknown_storage_type_names_the_value_instead_of_required() {
    let file = read(&csv(&[
        "Contoso Oy,contoso.fi,250,1 TB,it@contoso.fi, Amazon S3 ",
        "Fabrikam Oy,,250,1 TB,it@fabrikam.fi,",
    ]));
    let unknown = &file.rows()[0].report().errors;
    assert_eq!(codes(unknown), [(Field::StorageType, Code::NotAnOption)]);
    assert_eq!(unknown[0].param("value"), "Amazon S3");
    assert_eq!(
        codes(&file.rows()[1].report().errors),
        [(Field::StorageType, Code::Required)]
    );
}

#[test]
fn notify_users_is_semicolon_separated_as_in_the_form() {
    let text = format!(
        "{}\n{}\n",
        HEADER.replace(',', ";"),
        "Contoso Oy;contoso.fi;250;1 TB;\"it@contoso.fi; Doe, Jane <jane@contoso.fi>\";Azure (Ireland)"
    );
    let customer = read(&text).rows()[0].customer().cloned().unwrap();
    assert_eq!(customer.notify_emails, ["it@contoso.fi", "jane@contoso.fi"]);
}

#[test]
fn a_row_with_more_cells_than_columns_is_an_error() {
    // "Contoso, Oy" without quotes shifts every cell one column to the right.
    let file = read(&csv(&[
        "Contoso, Oy,contoso.fi,250,1.5 TB,it@contoso.fi,Azure (Ireland)",
    ]));
    let errors = &file.rows()[0].report().errors;
    let extra = errors
        .iter()
        .find(|e| e.code == Code::TooManyCells)
        .unwrap();
    assert_eq!(
        (extra.field, extra.param("max"), extra.param("count")),
        (Field::Other, "6", "7")
    );
    assert_eq!(file.rows()[0].customer(), None);
}

#[test]
fn short_rows_read_missing_cells_as_empty() {
    let file = read(&csv(&["Contoso Oy,contoso.fi,250"]));
    assert_eq!(
        codes(&file.rows()[0].report().errors),
        [
            (Field::ExtraStorageGb, Code::Required),
            (Field::NotifyEmails, Code::Required),
            (Field::StorageType, Code::Required),
        ]
    );
}

#[test]
fn duplicates_in_the_file_name_the_earlier_row() {
    let file = read(&csv(&[
        ROW,
        "CONTOSO  oy,other.fi,1,0,it@other.fi,finnish_s3",
        "Fabrikam Oy,https://www.contoso.fi,1,0,it@fabrikam.fi,finnish_s3",
        "Litware Oy,,1,0,it@litware.fi,finnish_s3",
        "Tailspin Oy,,1,0,it@tailspin.fi,finnish_s3",
    ]));
    let dup = |n: usize| -> Vec<(Field, &str)> {
        let row = file.row(n).unwrap();
        row.report()
            .errors
            .iter()
            .filter(|e| e.code == Code::DuplicateInFile)
            .map(|e| (e.field, e.param("row")))
            .collect()
    };
    assert_eq!(dup(2), []);
    assert_eq!(dup(3), [(Field::OrganizationName, "2")]);
    assert_eq!(dup(4), [(Field::Domain, "2")]);
    // No domain twice is no duplicate: it is optional.
    assert_eq!((dup(5), dup(6)), (vec![], vec![]));
    assert_eq!(
        file.totals(),
        ImportTotals {
            ready: 3,
            with_errors: 2,
            with_warnings: 2,
        }
    );
}

#[test]
fn fixing_a_cell_rechecks_the_row_and_the_duplicates() {
    let mut file = read(&csv(&[
        ROW,
        "Contoso Oy,fabrikam.fi,x,1 TB,it@fabrikam.fi,Azure (Ireland)",
    ]));
    assert_eq!(
        codes(&file.row(3).unwrap().report().errors),
        [
            (Field::OrganizationName, Code::DuplicateInFile),
            (Field::UserLicenses, Code::NotANumber),
        ]
    );
    let row = file.set_cell(3, Field::UserLicenses, "20").unwrap();
    assert_eq!(row.cells().user_licenses, "20");
    assert_eq!(
        codes(&row.report().errors),
        [(Field::OrganizationName, Code::DuplicateInFile)]
    );
    // Renaming the first row clears the second's duplicate.
    file.set_cell(2, Field::OrganizationName, "Contoso Nordic Oy");
    assert_eq!(file.row(3).unwrap().report().errors, []);
    assert_eq!(file.totals().ready, 2);
    assert!(file.set_cell(99, Field::Domain, "x.fi").is_none());
}

#[test]
fn dropping_a_row_clears_the_duplicate_it_caused() {
    let mut file = read(&csv(&[ROW, ROW]));
    assert_eq!(file.totals().with_errors, 1);
    let dropped = file.remove_row(2).unwrap();
    assert_eq!(dropped.number(), 2);
    assert_eq!(file.rows().len(), 1);
    assert_eq!(file.row(3).unwrap().customer(), Some(&contoso()));
    assert!(file.remove_row(2).is_none());
}

#[test]
fn fixing_the_cells_of_a_shifted_row_clears_the_extra_cells_error() {
    let mut file = read(&csv(&[
        "Contoso, Oy,contoso.fi,250,1.5 TB,it@contoso.fi,Azure (Ireland)",
    ]));
    for (field, text) in [
        (Field::OrganizationName, "Contoso Oy"),
        (Field::Domain, "contoso.fi"),
        (Field::UserLicenses, "250"),
        (Field::ExtraStorageGb, "1.5 TB"),
        (Field::NotifyEmails, "it@contoso.fi"),
        (Field::StorageType, "Azure (Ireland)"),
    ] {
        file.set_cell(2, field, text);
    }
    assert_eq!(file.row(2).unwrap().customer(), Some(&contoso()));
}
