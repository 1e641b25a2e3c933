//! The Edit customer form: fixed details and usage, when Save is enabled, usage warnings and
//! errors, the change summary it confirms, and the audit trail.
//! Mounted in headless Chromium with fake save actions, no server. Run:
//! `cargo test --target wasm32-unknown-unknown --test browser edit_form::`.

use crate::support::forms::*;
use crate::support::user::*;
use crate::support::{mount_point, text, texts};
use customers_app::api::ApiError;
use customers_app::features::edit_customer::{AuditTrail, Updated};
use domain::Customer;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn edit_shows_fixed_details_read_only_and_usage_beside_the_inputs() {
    let root = mount_point();
    let (save, _) = fake_update(vec![Err(ApiError::Network)]);
    let customer = Customer {
        domain: None,
        ..contoso()
    };
    let _handle = mount_edit(&root, customer, save).await;

    // The only controls are the two editable fields (and the storage unit).
    let controls = root.query_selector_all("input, select, textarea").unwrap();
    let ids: Vec<String> = (0..controls.length())
        .map(|i| {
            controls
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .id()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "cm-user-licenses",
            "cm-extra-storage",
            "cm-extra-storage-unit"
        ]
    );
    let details = text(&root, ".cm-readonly");
    for shown in [
        "Contoso Oy",
        "Not registered",
        "it@contoso.fi",
        "Active",
        "Azure (Ireland)",
        "corrected by support",
    ] {
        assert!(details.contains(shown), "“{shown}” in {details}");
    }
    assert_eq!(text(&root, ".cm-readonly a"), "Contact support");
    assert!(text(&root, ".cm-note").contains("Entra ID"));

    assert_eq!(input(&root, "#cm-user-licenses").value(), "250");
    assert_eq!(input(&root, "#cm-extra-storage").value(), "2");
    assert_eq!(
        el::<web_sys::HtmlSelectElement>(&root, "#cm-extra-storage-unit").value(),
        "TB"
    );
    assert_eq!(
        text(&root, "#cm-user-licenses-aside"),
        "212 licenses in use"
    );
    let storage = text(&root, "#cm-extra-storage-aside");
    assert!(
        storage.starts_with("1.4 TB of 2 TB used (as of "),
        "{storage}"
    );
    let described = el::<web_sys::Element>(&root, "#cm-user-licenses")
        .get_attribute("aria-describedby")
        .unwrap();
    assert!(described.contains("cm-user-licenses-aside"), "{described}");
}

#[wasm_bindgen_test]
async fn edit_save_is_disabled_until_something_changed() {
    let root = mount_point();
    let (save, _) = fake_update(vec![Err(ApiError::Network)]);
    let _handle = mount_edit(&root, contoso(), save).await;

    assert!(save_button(&root).disabled());
    type_into(&input(&root, "#cm-user-licenses"), "251");
    settle().await;
    assert!(!save_button(&root).disabled());
    type_into(&input(&root, "#cm-user-licenses"), "250");
    settle().await;
    assert!(save_button(&root).disabled());
    // The same size written differently is no change.
    type_into(&input(&root, "#cm-extra-storage"), "2000");
    let unit = el::<web_sys::HtmlSelectElement>(&root, "#cm-extra-storage-unit");
    unit.set_value("GB");
    unit.dispatch_event(&event("change", true)).unwrap();
    settle().await;
    assert!(save_button(&root).disabled());
}

#[wasm_bindgen_test]
async fn licenses_below_use_warn_but_storage_below_use_is_an_error() {
    let root = mount_point();
    let (save, sent) = fake_update(vec![Err(ApiError::Network)]);
    let _handle = mount_edit(&root, contoso(), save).await;

    fill(&root, "#cm-user-licenses", "200");
    settle().await;
    let licenses = described_message(&root, "cm-user-licenses");
    assert!(
        licenses.contains("Inadequate licenses: 212 licenses are in use."),
        "{licenses}"
    );
    assert!(licenses.starts_with("Warning: "), "{licenses}");
    assert_eq!(invalid(&root, "cm-user-licenses"), "false");
    assert!(!save_button(&root).disabled());

    fill(&root, "#cm-extra-storage", "1");
    settle().await;
    let storage = described_message(&root, "cm-extra-storage");
    assert!(
        storage.contains("1.4 TB is already in use; allocate at least that much."),
        "{storage}"
    );
    assert!(storage.starts_with("Error: "), "{storage}");
    assert_eq!(invalid(&root, "cm-extra-storage"), "true");

    save_button(&root).click();
    settle().await;
    assert!(
        !dialog(&root).open(),
        "no confirmation while there is an error"
    );
    assert_eq!(
        texts(&root, ".cm-error-summary a"),
        ["1.4 TB is already in use; allocate at least that much."]
    );
    assert!(sent.borrow().is_empty());

    // Fixed: only the warning remains, and Save asks for confirmation, listing the warning.
    type_into(&input(&root, "#cm-extra-storage"), "1.5");
    settle().await;
    save_button(&root).click();
    settle().await;
    assert!(dialog(&root).open());
    assert!(text(&root, "dialog.cm-modal").contains("Inadequate licenses"));
}

#[wasm_bindgen_test]
async fn save_confirms_a_change_summary_and_sends_the_loaded_version() {
    let root = mount_point();
    let after = Customer {
        user_licenses: 300,
        extra_storage_gb: 3000,
        version: 4,
        ..contoso()
    };
    let (save, sent) = fake_update(vec![Ok(Updated {
        before: contoso(),
        after,
    })]);
    let _handle = mount_edit(&root, contoso(), save).await;

    let licenses = input(&root, "#cm-user-licenses");
    licenses.focus().unwrap();
    type_into(&licenses, "300");
    type_into(&input(&root, "#cm-extra-storage"), "3");
    settle().await;
    save_button(&root).focus().unwrap();
    save_button(&root).click();
    settle().await;

    let modal = dialog(&root);
    assert!(modal.open());
    assert_eq!(
        modal
            .get_attribute("aria-labelledby")
            .map(|id| text(&root, &format!("#{id}")))
            .as_deref(),
        Some("Save changes to Contoso Oy?")
    );
    assert_eq!(
        texts(&root, "dialog.cm-modal .cm-change-list li"),
        ["User Licenses 250 → 300", "Extra Storage 2 TB → 3 TB"]
    );
    let document = web_sys::window().unwrap().document().unwrap();
    assert_eq!(
        document.active_element().unwrap().text_content().unwrap(),
        "Save changes",
        "focus is in the dialog"
    );

    button(&root, "Save changes").click();
    settle().await;
    let sent = sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].before.version, 3);
    assert_eq!(
        sent[0].changes,
        domain::CustomerChanges {
            user_licenses: Some(300),
            extra_storage_gb: Some(3000)
        }
    );
}

#[wasm_bindgen_test]
async fn cancelling_the_confirmation_sends_nothing_and_focus_returns_to_save() {
    let root = mount_point();
    let (save, sent) = fake_update(vec![Err(ApiError::Network)]);
    let _handle = mount_edit(&root, contoso(), save).await;
    type_into(&input(&root, "#cm-user-licenses"), "300");
    settle().await;
    save_button(&root).focus().unwrap();
    save_button(&root).click();
    settle().await;
    assert!(dialog(&root).open());

    button(&root, "Keep editing").click();
    settle().await;
    assert!(!dialog(&root).open());
    let document = web_sys::window().unwrap().document().unwrap();
    assert_eq!(
        document
            .active_element()
            .unwrap()
            .get_attribute("type")
            .as_deref(),
        Some("submit")
    );
    assert!(sent.borrow().is_empty());
    assert_eq!(input(&root, "#cm-user-licenses").value(), "300");
}

#[wasm_bindgen_test]
async fn the_audit_trail_lists_who_changed_what_and_when() {
    let root = mount_point();
    let entries = vec![
        customers_app::api::AuditEntry {
            at: "2026-11-20T09:30:00Z".into(),
            actor: "anna@reseller.example".into(),
            field: "extra_storage_gb".into(),
            old: 2000.into(),
            new: 3000.into(),
            actor_sub: None,
            actor_email: None,
            actor_role: None,
        },
        customers_app::api::AuditEntry {
            at: "2026-11-19T09:30:00Z".into(),
            actor: "bob@reseller.example".into(),
            field: "user_licenses".into(),
            old: 250.into(),
            new: 1200.into(),
            actor_sub: None,
            actor_email: None,
            actor_role: None,
        },
        customers_app::api::AuditEntry {
            at: "2026-01-05T08:00:00Z".into(),
            actor: "bob@reseller.example".into(),
            field: "created".into(),
            old: serde_json::Value::Null,
            new: "Contoso Oy".into(),
            actor_sub: None,
            actor_email: None,
            actor_role: None,
        },
    ];
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <AuditTrail entries/> });
    settle().await;
    let rows = texts(&root, "tbody tr td:nth-child(3)");
    assert_eq!(
        rows,
        [
            "Extra Storage 2 TB → 3 TB",
            "User Licenses 250 → 1,200",
            "Customer created"
        ]
    );
    assert_eq!(
        texts(&root, "tbody tr td:nth-child(2)")[0],
        "anna@reseller.example"
    );
    assert!(texts(&root, "tbody tr td:nth-child(1)")[0].contains("2026"));
}
