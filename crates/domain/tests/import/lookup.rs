//! The lookup batches: every valid name and domain key once per row, within the limits.

use super::*;

#[test]
fn batches_carry_each_rows_keys_normalised() {
    let file = read(&csv(&[
        "  Contoso   OY ,Contoso.FI,250,1 TB,it@contoso.fi,Azure (Ireland)",
        "Fabrikam Oy,,10,0,it@fabrikam.fi,Azure (Ireland)",
        "x,not a domain,10,0,it@x.fi,Azure (Ireland)",
    ]));
    let batches = file.lookup_batches();
    assert_eq!(
        batches,
        vec![CustomerLookup {
            organization_names: vec!["contoso oy".into(), "fabrikam oy".into()],
            domains: vec!["contoso.fi".into()],
        }]
    );
}

#[test]
fn a_full_file_is_asked_in_batches_within_the_limits() {
    let rows: Vec<String> = (0..1_200)
        .map(|i| format!("Customer {i:04} Oy,c{i}.fi,10,0,it@c{i}.fi,Azure (Ireland)"))
        .collect();
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let batches = read(&csv(&refs)).lookup_batches();
    assert_eq!(batches.len(), 3, "500 + 500 + 200");
    for batch in &batches {
        assert!(batch.organization_names.len() <= LOOKUP_MAX);
        assert!(batch.domains.len() <= LOOKUP_MAX);
        assert!(serde_json::to_vec(batch).unwrap().len() < 64 * 1024);
    }
    let names: usize = batches.iter().map(|b| b.organization_names.len()).sum();
    assert_eq!(names, 1_200);
}
