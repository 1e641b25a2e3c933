//! The header row and the delimiter: names in English, Finnish and wire form; missing, unknown
//! and duplicate columns.

use super::*;

#[test]
fn finnish_headers_and_semicolons_as_finnish_excel_writes_them() {
    let text = "Organisaation nimi;Verkkotunnus;Käyttäjälisenssit;Lisätallennustila;Ilmoita käyttäjille;Tallennustilan tyyppi\r\n\
                Contoso Oy;contoso.fi;250;1,5 TB;it@contoso.fi;Azure (Irlanti)\r\n";
    let file = read(text);
    assert_eq!(file.delimiter(), Delimiter::Semicolon);
    assert_eq!(file.columns(), IMPORT_COLUMNS);
    assert_eq!(file.rows()[0].customer(), Some(&contoso()));
}

#[test]
fn headers_match_regardless_of_case_spaces_and_order() {
    let text = "  STORAGE   type ,notify users,EXTRA\u{a0}STORAGE,user  Licenses,Microsoft 365 Domain,organisation NAME\n\
                Azure (Ireland),it@contoso.fi,1.5 TB,250,contoso.fi,Contoso Oy\n";
    let file = read(text);
    assert!(file.warnings().is_empty());
    assert_eq!(
        file.columns(),
        [
            Field::StorageType,
            Field::NotifyEmails,
            Field::ExtraStorageGb,
            Field::UserLicenses,
            Field::Domain,
            Field::OrganizationName,
        ]
    );
    assert_eq!(file.rows()[0].customer(), Some(&contoso()));
}

#[test]
fn the_api_export_columns_are_known_and_its_extra_ones_reported() {
    // The list's "Export CSV" file: wire names, GB numbers, addresses joined with "; ".
    let text = "id,organization_name,domain,status,user_licenses,licenses_in_use,extra_storage_gb,storage_used_gb,storage_type,notify_emails,created_at\n\
                c1,Contoso Oy,contoso.fi,active,250,80,1500,1400,azure_ireland,it@contoso.fi,2026-01-01T00:00:00Z\n";
    let file = read(text);
    assert_eq!(file.rows()[0].customer(), Some(&contoso()));
    let unknown: Vec<(&str, &str)> = file
        .warnings()
        .iter()
        .map(|w| {
            assert_eq!((w.field, w.code), (Field::Other, Code::UnknownColumn));
            (w.param("column"), w.param("name"))
        })
        .collect();
    assert_eq!(
        unknown,
        [
            ("1", "id"),
            ("4", "status"),
            ("6", "licenses_in_use"),
            ("8", "storage_used_gb"),
            ("11", "created_at"),
        ]
    );
}

#[test]
fn domain_column_is_optional() {
    let text = "Organization name,User Licenses,Extra Storage,Notify Users,Storage Type\n\
                Contoso Oy,250,1.5 TB,it@contoso.fi,Azure (Ireland)\n";
    let customer = read(text).rows()[0].customer().cloned().unwrap();
    assert_eq!(customer.domain, None);
}

#[test]
fn each_missing_column_is_named() {
    let errors = refused(b"Organization name,Domain,Notes\nContoso Oy,contoso.fi,x\n");
    assert_eq!(
        codes(&errors),
        [
            (Field::UserLicenses, Code::MissingColumn),
            (Field::ExtraStorageGb, Code::MissingColumn),
            (Field::NotifyEmails, Code::MissingColumn),
            (Field::StorageType, Code::MissingColumn),
        ]
    );
}

#[test]
fn a_duplicate_column_is_an_error_naming_both() {
    let text = format!("{HEADER},organization NAME\n{ROW},Other Oy\n");
    let errors = refused(text.as_bytes());
    assert_eq!(
        codes(&errors),
        [(Field::OrganizationName, Code::DuplicateColumn)]
    );
    let e = &errors[0];
    assert_eq!(
        (e.param("name"), e.param("column"), e.param("first")),
        ("organization NAME", "7", "1")
    );
}

#[test]
fn a_first_row_of_data_is_no_header() {
    for text in [ROW, "Contoso Oy;contoso.fi;250\nFabrikam Oy;fabrikam.fi;20"] {
        assert_eq!(
            codes(&refused(text.as_bytes())),
            [(Field::Other, Code::NoHeaderRow)],
            "{text}"
        );
    }
}

#[test]
fn header_only_has_no_data_rows() {
    for text in [HEADER.to_owned(), format!("{HEADER}\r\n\r\n,,,,,\r\n")] {
        assert_eq!(
            codes(&refused(text.as_bytes())),
            [(Field::Other, Code::NoDataRows)]
        );
    }
}

#[test]
fn header_errors_are_reported_together() {
    let errors = refused(b"Organization name,Domain,Domain\n");
    assert_eq!(
        codes(&errors),
        [
            (Field::UserLicenses, Code::MissingColumn),
            (Field::ExtraStorageGb, Code::MissingColumn),
            (Field::NotifyEmails, Code::MissingColumn),
            (Field::StorageType, Code::MissingColumn),
            (Field::Domain, Code::DuplicateColumn),
            (Field::Other, Code::NoDataRows),
        ]
    );
}

#[test]
fn trailing_delimiters_are_no_unknown_columns() {
    let text = format!("{HEADER},,\n{ROW},,\n");
    let file = read(&text);
    assert!(file.warnings().is_empty());
    assert_eq!(file.rows()[0].report(), &Report::default());
}

#[test]
fn delimiter_is_decided_outside_quotes() {
    // Commas inside a quoted header do not outvote the semicolons between the columns.
    let text = "\"Organization name, legal\";Domain;User Licenses;Extra Storage;Notify Users;Storage Type;\"a,b,c,d,e,f\"\n";
    let errors = refused(text.as_bytes());
    // Read with ';': the first column is unknown, so the name column is missing.
    assert_eq!(
        codes(&errors),
        [
            (Field::OrganizationName, Code::MissingColumn),
            (Field::Other, Code::NoDataRows),
        ]
    );
    let text = "\"Organization; name\",Domain\n";
    assert!(
        refused(text.as_bytes())
            .iter()
            .all(|e| e.code != Code::NoHeaderRow)
    );
}

#[test]
fn excel_sep_line_sets_the_delimiter() {
    let text = format!(
        "sep=;\r\n{}\r\n{}\r\n",
        HEADER.replace(',', ";"),
        ROW.replace(',', ";")
    );
    let file = read(&text);
    assert_eq!(file.delimiter(), Delimiter::Semicolon);
    // Excel hides the sep line: the header is row 1 there.
    assert_eq!(file.rows()[0].number(), 2);
    assert_eq!(file.rows()[0].customer(), Some(&contoso()));
}
