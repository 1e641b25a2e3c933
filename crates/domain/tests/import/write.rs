//! The template and the outcome report: they read back, and formulas stay text.

use super::*;

#[test]
fn templates_read_back_without_errors_in_both_languages() {
    for language in [Language::En, Language::Fi] {
        let template = template_csv(language);
        assert!(
            template.starts_with('\u{feff}'),
            "Excel needs the BOM for ä"
        );
        assert!(template.ends_with("\r\n"));
        let file = read(&template);
        assert_eq!(file.delimiter(), Delimiter::for_language(language));
        assert_eq!(file.columns(), IMPORT_COLUMNS);
        assert!(file.warnings().is_empty());
        let row = &file.rows()[0];
        assert_eq!(row.report(), &Report::default());
        let customer = row.customer().unwrap();
        assert_eq!(customer.extra_storage_gb, 1500);
        assert_eq!(
            customer.notify_emails,
            ["it@contoso.fi", "admin@contoso.fi"]
        );
    }
}

#[test]
fn the_finnish_template_is_in_finnish() {
    let template = template_csv(Language::Fi);
    let header = template
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap();
    assert_eq!(
        header,
        "Organisaation nimi;Verkkotunnus;Käyttäjälisenssit;Lisätallennustila;Ilmoita käyttäjille;Tallennustilan tyyppi"
    );
    assert!(template.contains("Azure (Irlanti)"));
    assert!(template.contains("1,5 TB"));
}

#[test]
fn cells_that_start_a_formula_are_neutralised() {
    for (cell, expected) in [
        (
            "=HYPERLINK(\"http://evil\",\"x\")",
            "'=HYPERLINK(\"http://evil\",\"x\")",
        ),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Contoso Oy", "Contoso Oy"),
        ("a=b", "a=b"),
        ("", ""),
        ("<b>x</b>", "<b>x</b>"),
    ] {
        assert_eq!(neutralise_cell(cell), expected, "{cell:?}");
    }
}

#[test]
fn the_outcome_report_keeps_hostile_names_as_text() {
    let lines = [
        OutcomeLine {
            row: 2,
            organization_name: "Contoso Oy",
            outcome: "Created",
            message: "",
        },
        OutcomeLine {
            row: 3,
            organization_name: "=HYPERLINK(\"http://evil\";\"x\")",
            outcome: "Failed",
            message: "-Organization name contains; \"quotes\"",
        },
    ];
    let header = ["Row", "Organization name", "Outcome", "Message"];
    let text = outcome_csv(header, &lines, Delimiter::Semicolon);
    let body = text.strip_prefix('\u{feff}').unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body.as_bytes());
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        records,
        [
            vec!["Row", "Organization name", "Outcome", "Message"],
            vec!["2", "Contoso Oy", "Created", ""],
            vec![
                "3",
                "'=HYPERLINK(\"http://evil\";\"x\")",
                "Failed",
                "'-Organization name contains; \"quotes\"",
            ],
        ]
    );
}
