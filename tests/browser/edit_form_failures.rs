//! When saving the Edit customer form fails: a 412 conflict (apply mine or discard) and a
//! network failure with Retry.
//! Mounted in headless Chromium with fake save actions, no server. Run:
//! `cargo test --target wasm32-unknown-unknown --test browser edit_form_failures::`.

use crate::support::forms::*;
use crate::support::user::*;
use crate::support::{mount_point, text, texts};
use customers_app::api::ApiError;
use customers_app::features::edit_customer::Updated;
use domain::Customer;
use wasm_bindgen_test::*;

/// Contoso as someone else saved it meanwhile: 260 licenses, 2.5 TB, version 4.
fn theirs() -> Customer {
    Customer {
        user_licenses: 260,
        extra_storage_gb: 2500,
        version: 4,
        ..contoso()
    }
}

#[wasm_bindgen_test]
async fn a_412_shows_the_conflict_view_and_keeps_the_users_values() {
    let root = mount_point();
    let theirs = theirs();
    let after = Customer {
        user_licenses: 300,
        version: 5,
        ..theirs.clone()
    };
    let (save, sent) = fake_update(vec![
        Err(ApiError::Conflict {
            current: Box::new(theirs.clone()),
        }),
        Ok(Updated {
            before: theirs.clone(),
            after,
        }),
    ]);
    let _handle = mount_edit(&root, contoso(), save).await;

    save_licenses(&root, "300").await;

    let conflict = text(&root, ".cm-conflict");
    assert!(
        conflict.contains("Someone else changed this customer"),
        "{conflict}"
    );
    assert_eq!(
        texts(&root, ".cm-conflict tbody tr:nth-child(1) > *"),
        ["User Licenses", "250", "260", "300"]
    );
    assert_eq!(
        texts(&root, ".cm-conflict tbody tr:nth-child(2) > *"),
        ["Extra Storage", "2 TB", "2.5 TB", "not changed"]
    );
    assert_eq!(
        input(&root, "#cm-user-licenses").value(),
        "300",
        "the user's value is kept"
    );
    assert!(
        save_button(&root).disabled(),
        "the user chooses in the conflict view first"
    );
    let document = web_sys::window().unwrap().document().unwrap();
    assert!(
        document
            .active_element()
            .unwrap()
            .class_list()
            .contains("cm-conflict")
    );

    // Apply mine on top of the new version: the summary is against their values now.
    button(&root, "Apply my changes to the new version").click();
    settle().await;
    assert!(root.query_selector(".cm-conflict").unwrap().is_none());
    assert_eq!(
        input(&root, "#cm-user-licenses").value(),
        "300",
        "theirs is kept"
    );
    assert_eq!(
        input(&root, "#cm-extra-storage").value(),
        "2.5",
        "the untouched field takes the new value"
    );
    assert!(dialog(&root).open());
    assert_eq!(
        texts(&root, "dialog.cm-modal .cm-change-list li"),
        ["User Licenses 260 → 300"]
    );
    button(&root, "Save changes").click();
    settle().await;
    let sent = sent.borrow();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[1].before.version, 4,
        "If-Match carries the new version"
    );
    assert_eq!(
        sent[1].changes,
        domain::CustomerChanges {
            user_licenses: Some(300),
            extra_storage_gb: None
        }
    );
}

#[wasm_bindgen_test]
async fn discarding_after_a_conflict_shows_the_latest_values() {
    let root = mount_point();
    let theirs = theirs();
    let (save, _) = fake_update(vec![Err(ApiError::Conflict {
        current: Box::new(theirs),
    })]);
    let _handle = mount_edit(&root, contoso(), save).await;
    save_licenses(&root, "300").await;

    button(&root, "Discard my changes").click();
    settle().await;
    assert!(root.query_selector(".cm-conflict").unwrap().is_none());
    assert_eq!(input(&root, "#cm-user-licenses").value(), "260");
    assert_eq!(input(&root, "#cm-extra-storage").value(), "2.5");
    assert!(save_button(&root).disabled());
}

#[wasm_bindgen_test]
async fn edit_network_failure_keeps_values_and_retry_resends() {
    let root = mount_point();
    let (save, sent) = fake_update(vec![Err(ApiError::Server {
        status: 503,
        detail: String::new(),
        request_id: None,
    })]);
    let _handle = mount_edit(&root, contoso(), save).await;
    save_licenses(&root, "300").await;

    let alert = text(&root, ".cm-save-failure");
    assert!(alert.contains("The changes were not saved."), "{alert}");
    assert!(alert.contains("HTTP 503"), "{alert}");
    assert_eq!(input(&root, "#cm-user-licenses").value(), "300");
    button(&root, "Retry").click();
    settle().await;
    let sent = sent.borrow();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0], sent[1]);
}
