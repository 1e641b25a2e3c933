//! Clashes with the reseller's existing customers: the error the API would answer a create
//! with, at the cell, before anything is sent.

use super::*;

const OTHER: &str = "Fabrikam Oy,fabrikam.fi,10,0,it@fabrikam.fi,finnish_s3";

#[test]
fn rows_clashing_with_existing_customers_get_the_apis_duplicate_error() {
    let mut file = read(&csv(&[
        ROW,
        OTHER,
        "Litware Oy,www.CONTOSO.fi,5,0,it@litware.fi,finnish_s3",
    ]));
    file.set_existing(
        ["CONTOSO OY", "Someone Else Oy"],
        ["elsewhere.fi", "contoso.fi"],
    );
    let errors = |n: usize| -> Vec<(Field, Code, String)> {
        file.row(n)
            .unwrap()
            .report()
            .errors
            .iter()
            .map(|e| (e.field, e.code, e.param("value").to_owned()))
            .collect()
    };
    assert_eq!(
        errors(2),
        [
            (
                Field::OrganizationName,
                Code::Duplicate,
                "Contoso Oy".into()
            ),
            (Field::Domain, Code::Duplicate, "contoso.fi".into()),
        ]
    );
    assert_eq!(errors(3), []);
    // The existing customer is named rather than row 2, which will not be created either.
    assert_eq!(
        errors(4),
        [(Field::Domain, Code::Duplicate, "contoso.fi".into())]
    );
    let numbers: Vec<usize> = file.ready().iter().map(|r| r.number).collect();
    assert_eq!(numbers, [3]);
}

#[test]
fn a_fixed_cell_is_checked_against_existing_customers_too() {
    let mut file = read(&csv(&[ROW, OTHER]));
    file.set_existing(["contoso oy"], []);
    assert_eq!(file.totals().ready, 1);
    file.set_cell(3, Field::OrganizationName, "  Contoso   OY ");
    assert_eq!(file.totals().ready, 0);
    file.set_cell(2, Field::OrganizationName, "Contoso Nordic Oy");
    file.set_cell(3, Field::OrganizationName, "Fabrikam Oy");
    assert_eq!(file.totals().ready, 2);
    // A later answer replaces the earlier one.
    file.set_existing([], ["fabrikam.fi"]);
    let row = file.row(3).unwrap();
    assert_eq!(
        codes(&row.report().errors),
        [(Field::Domain, Code::Duplicate)]
    );
}
