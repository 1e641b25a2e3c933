//! The Import customers preview mounted in headless Chromium with a given file text: totals,
//! issues at the cells, fixing a cell in place, removing a row (and where focus goes), the
//! problem filter, paging, the unknown-columns step, and file-level refusals. No server. Run:
//! `cargo test --target wasm32-unknown-unknown --test browser import_preview::`.

use crate::support::user::*;
use crate::support::{mount_point, text, texts};
use customers_app::features::import_customers::{ImportInput, ImportPreview, ImportState};
use leptos::prelude::*;
use wasm_bindgen_test::*;

const HEADER: &str =
    "Organization name,Domain,User Licenses,Extra Storage,Notify Users,Storage Type";

/// Mounts the preview of `csv` (read as the file input would) and returns its root.
async fn preview(csv: &str) -> (web_sys::HtmlElement, impl Drop) {
    let file = domain::import::read_import(csv.as_bytes()).expect("a file the import accepts");
    let root = mount_point();
    let state = ImportState::new();
    // Set directly rather than `load`: no existing-customers lookup without a server.
    state.file.set(Some(file));
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <ImportPreview state/> });
    settle().await;
    (root, handle)
}

fn totals(root: &web_sys::HtmlElement) -> String {
    text(root, ".cm-import__totals")
}

#[wasm_bindgen_test]
async fn rows_show_their_cells_and_the_issues_at_each_cell() {
    let csv = format!(
        "{HEADER}\n\
         Contoso Oy,contoso.fi,250,1 TB,it@contoso.fi,Azure (Ireland)\n\
         Fabrikam Oy,fabrikam.fi,abc,0,it@fabrikam.fi,Azure (Ireland)\n\
         \"=HYPERLINK(\"\"http://x\"\")<b>\",hostile.fi,10,0,it@hostile.fi,Azure (Ireland)\n\
         Contoso Oy,other.fi,5,0,it@other.fi,Azure (Ireland)\n"
    );
    let (root, _handle) = preview(&csv).await;
    assert_eq!(totals(&root), "2 ready, 2 with errors, 1 with warnings");
    // The licence error sits at row 3's User Licenses cell, with an input to fix it.
    let fix = input(&root, "#cm-import-3-UserLicenses");
    assert_eq!(fix.value(), "abc");
    assert_eq!(fix.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        text(&root, "#cm-import-3-UserLicenses-issues").starts_with("Error: "),
        "{}",
        text(&root, "#cm-import-3-UserLicenses-issues")
    );
    // The second Contoso Oy is a duplicate of row 2, said at its name.
    assert_eq!(
        text(&root, "#cm-import-5-OrganizationName-issues"),
        "Error: Row 2 of this file has the same organization name."
    );
    // Hostile content is text: no element was made of it.
    let cells = texts(&root, ".cm-import__text");
    assert!(
        cells.contains(&"=HYPERLINK(\"http://x\")<b>".to_owned()),
        "{cells:?}"
    );
    assert!(root.query_selector("tbody b").unwrap().is_none());
    assert_eq!(text(&root, ".cm-import__start"), "Import 2 customers");
}

#[wasm_bindgen_test]
async fn fixing_a_cell_in_place_rechecks_the_row_and_keeps_the_input() {
    let csv = format!("{HEADER}\nFabrikam Oy,fabrikam.fi,abc,500,it@fabrikam.fi,Azure (Ireland)\n");
    let (root, _handle) = preview(&csv).await;
    assert_eq!(totals(&root), "0 ready, 1 with errors, 0 with warnings");
    let fix = input(&root, "#cm-import-2-UserLicenses");
    fix.set_value("25");
    fix.dispatch_event(&event("change", true)).unwrap();
    settle().await;
    assert_eq!(totals(&root), "1 ready, 0 with errors, 0 with warnings");
    assert_eq!(text(&root, "#cm-import-2-UserLicenses-issues"), "");
    let fix = input(&root, "#cm-import-2-UserLicenses");
    assert_eq!(
        fix.value(),
        "25",
        "the fixed cell stays an input with the new value"
    );
    assert_eq!(fix.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert_eq!(text(&root, ".cm-import__start"), "Import 1 customer");
}

#[wasm_bindgen_test]
async fn removing_a_row_clears_the_duplicate_it_caused() {
    let csv = format!(
        "{HEADER}\n\
         Contoso Oy,contoso.fi,250,500,it@contoso.fi,Azure (Ireland)\n\
         Contoso Oy,contoso2.fi,250,500,it@contoso.fi,Azure (Ireland)\n"
    );
    let (root, _handle) = preview(&csv).await;
    assert_eq!(totals(&root), "1 ready, 1 with errors, 0 with warnings");
    button(&root, "Remove").click();
    settle().await;
    assert_eq!(totals(&root), "1 ready, 0 with errors, 0 with warnings");
    assert!(
        root.query_selector("#cm-import-2-Domain-issues")
            .unwrap()
            .is_none(),
        "row 2 is gone"
    );
    assert_eq!(text(&root, "#cm-import-3-OrganizationName-issues"), "");
    assert_eq!(
        focused_label(),
        "Remove row 3",
        "focus moves to the next row's Remove"
    );
}

/// The `aria-label` or text of the focused element.
fn focused_label() -> String {
    let active = document().active_element().expect("something has focus");
    active
        .get_attribute("aria-label")
        .unwrap_or_else(|| active.text_content().unwrap_or_default())
}

/// A file of `n` valid rows after the header.
fn valid_rows(n: usize) -> String {
    let rows: String = (1..=n)
        .map(|i| {
            format!("Customer {i} Oy,customer{i}.fi,10,500,it@customer{i}.fi,Azure (Ireland)\n")
        })
        .collect();
    format!("{HEADER}\n{rows}")
}

#[wasm_bindgen_test]
async fn with_only_problems_shown_a_fixed_row_stays_in_view_with_focus() {
    let csv = format!(
        "{HEADER}\n\
         Contoso Oy,contoso.fi,250,500,it@contoso.fi,Azure (Ireland)\n\
         Fabrikam Oy,fabrikam.fi,abc,500,it@fabrikam.fi,Azure (Ireland)\n"
    );
    let (root, _handle) = preview(&csv).await;
    click(&root, "#cm-import-only-problems");
    settle().await;
    assert_eq!(text(&root, ".cm-pager span"), "Rows 1–1 of 1");
    assert!(
        root.query_selector("#cm-import-2-Domain-issues")
            .unwrap()
            .is_none()
    );
    let fix = input(&root, "#cm-import-3-UserLicenses");
    fix.focus().unwrap();
    fix.set_value("25");
    fix.dispatch_event(&event("change", true)).unwrap();
    settle().await;
    assert_eq!(totals(&root), "2 ready, 0 with errors, 0 with warnings");
    assert_eq!(
        text(&root, ".cm-pager span"),
        "Rows 1–1 of 1",
        "the fixed row stays"
    );
    assert_eq!(
        focused_label(),
        "User Licenses, row 3",
        "focus stays in the fixed cell"
    );
    // Turning the filter off and on again asks afresh: no row has problems now.
    click(&root, "#cm-import-only-problems");
    settle().await;
    click(&root, "#cm-import-only-problems");
    settle().await;
    assert_eq!(text(&root, ".cm-pager span"), "");
    assert!(
        root.text_content()
            .unwrap_or_default()
            .contains("No row has errors or warnings.")
    );
}

#[wasm_bindgen_test]
async fn removing_the_last_row_of_the_last_page_shows_the_page_before() {
    let csv = valid_rows(101);
    let (root, _handle) = preview(&csv).await;
    assert_eq!(text(&root, ".cm-pager span"), "Rows 1–100 of 101");
    button(&root, "Next").click();
    settle().await;
    assert_eq!(text(&root, ".cm-pager span"), "Rows 101–101 of 101");
    button(&root, "Remove").click();
    settle().await;
    assert_eq!(text(&root, ".cm-pager span"), "Rows 1–100 of 100");
    assert!(button(&root, "Next").disabled(), "there is no page after");
    assert!(button(&root, "Previous").disabled(), "nor one before");
    assert_eq!(totals(&root), "100 ready, 0 with errors, 0 with warnings");
    let focused = document().active_element().expect("something has focus");
    assert_eq!(
        focused.class_name(),
        "cm-import__totals",
        "the row was alone on its page: focus goes to the totals"
    );
}

#[wasm_bindgen_test]
async fn unknown_columns_are_confirmed_before_the_preview() {
    let csv =
        format!("{HEADER},Notes\nContoso Oy,contoso.fi,250,500,it@contoso.fi,Azure (Ireland),x\n");
    let (root, _handle) = preview(&csv).await;
    assert_eq!(
        text(&root, "#cm-import-columns-title"),
        "Some columns will be ignored"
    );
    assert!(text(&root, ".cm-import__columns").contains("“Notes”"));
    assert!(
        root.query_selector("table").unwrap().is_none(),
        "no preview before confirming"
    );
    button(&root, "Ignore these columns and continue").click();
    settle().await;
    assert_eq!(totals(&root), "1 ready, 0 with errors, 0 with warnings");
}

#[wasm_bindgen_test]
async fn a_problem_with_the_whole_file_is_an_alert_and_no_preview() {
    let root = mount_point();
    let state = ImportState::new();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <ImportInput state/> });
    settle().await;
    let paste: web_sys::HtmlTextAreaElement = el(&root, "#cm-import-paste");
    paste.set_value("Organization name,Domain\nContoso Oy,contoso.fi\n");
    paste.dispatch_event(&event("input", true)).unwrap();
    settle().await;
    button(&root, "Check pasted text").click();
    settle().await;
    let alert = text(&root, "[role=alert]");
    assert!(
        alert.starts_with("This file cannot be imported. Nothing was created."),
        "{alert}"
    );
    assert!(
        alert.contains("The file has no “User Licenses” column."),
        "{alert}"
    );
    assert!(state.file.with_untracked(Option::is_none));
}
