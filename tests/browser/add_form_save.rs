//! Saving the Add customer form: the busy state, failures and Retry under the same
//! Idempotency-Key, a changed form as a new submission, server field errors and a 401.
//! Mounted in headless Chromium with fake save actions, no server. Run:
//! `cargo test --target wasm32-unknown-unknown --test browser add_form_save::`.

use crate::support::forms::*;
use crate::support::user::*;
use crate::support::{mount_point, text, texts};
use customers_app::api::ApiError;
use domain::{Code, Field, Issue};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn save_is_disabled_with_a_busy_state_while_the_request_is_in_flight() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = mount_add(&root, save).await;
    fill_valid(&root).await;

    button(&root, "Save").click();
    settle().await;
    let busy = button(&root, "Saving…");
    assert!(busy.disabled(), "Save is disabled in flight");
    assert_eq!(
        el::<web_sys::Element>(&root, "form")
            .get_attribute("aria-busy")
            .as_deref(),
        Some("true")
    );
    for id in [
        "#cm-organization-name",
        "#cm-domain",
        "#cm-user-licenses",
        "#cm-extra-storage",
        "#cm-notify-users",
    ] {
        assert!(
            input(&root, id).read_only(),
            "{id} is read-only while saving"
        );
    }
    // Controls that cannot be read-only are disabled: the unit, each radio, each chip's button.
    let fixed = root
        .query_selector_all(
            "#cm-extra-storage-unit, input[type=radio], .cm-chip__remove, button.cm-chip__text",
        )
        .unwrap();
    assert_eq!(fixed.length(), 5, "unit, two radios, two chips' Remove");
    for i in 0..fixed.length() {
        let control = fixed
            .item(i)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap();
        assert!(
            control.has_attribute("disabled"),
            "{} is disabled while saving",
            control.outer_html()
        );
    }
    // A second click does nothing (the button is disabled; the handler also refuses).
    busy.click();
    settle().await;
    assert!(button(&root, "Saving…").disabled());
}

#[wasm_bindgen_test]
async fn a_failed_save_keeps_every_value_and_retry_reuses_the_idempotency_key() {
    let root = mount_point();
    let (save, sent) = fake_create(|| Err(ApiError::Timeout));
    let _handle = mount_add(&root, save).await;
    fill_valid(&root).await;

    button(&root, "Save").click();
    settle().await;
    let alert = text(&root, ".cm-save-failure");
    assert!(alert.contains("The customer was not created."), "{alert}");
    assert!(alert.contains("did not answer in time"), "{alert}");
    assert!(
        alert.contains("can never create the customer twice"),
        "{alert}"
    );
    assert_eq!(
        input(&root, "#cm-organization-name").value(),
        "Northwind Oy"
    );
    assert_eq!(input(&root, "#cm-domain").value(), "northwind.fi");
    assert_eq!(input(&root, "#cm-user-licenses").value(), "300");
    assert_eq!(input(&root, "#cm-extra-storage").value(), "2");
    assert_eq!(
        el::<web_sys::HtmlSelectElement>(&root, "#cm-extra-storage-unit").value(),
        "TB"
    );
    assert_eq!(
        texts(&root, ".cm-chip .cm-chip__text"),
        ["it@northwind.fi", "ceo@northwind.fi"]
    );
    assert!(input(&root, "input[value=finnish_s3]").checked());
    assert!(!button(&root, "Save").disabled());

    button(&root, "Retry").click();
    settle().await;
    let sent = sent.borrow();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[0], sent[1],
        "Retry sends the same body with the same Idempotency-Key"
    );
    assert_eq!(sent[0].0.organization_name, "Northwind Oy");
    assert_eq!(sent[0].0.extra_storage_gb, 2000);
    assert_eq!(
        sent[0].0.notify_emails,
        ["it@northwind.fi", "ceo@northwind.fi"]
    );
    assert_eq!(sent[0].1.len(), 36, "a UUID: {}", sent[0].1);
}

#[wasm_bindgen_test]
async fn a_changed_form_is_a_new_submission_with_a_new_key() {
    let root = mount_point();
    let (save, sent) = fake_create(|| Err(ApiError::Network));
    let _handle = mount_add(&root, save).await;
    fill_valid(&root).await;
    button(&root, "Save").click();
    settle().await;
    fill(&root, "#cm-user-licenses", "301");
    button(&root, "Save").click();
    settle().await;
    let sent = sent.borrow();
    assert_eq!(sent.len(), 2);
    assert_ne!(sent[0].1, sent[1].1);
}

#[wasm_bindgen_test]
async fn server_field_errors_show_at_their_fields_like_client_errors() {
    let root = mount_point();
    let (save, _sent) = fake_create(|| {
        Err(ApiError::Rejected {
            status: 409,
            detail: "Another customer already has this organization name.".into(),
            errors: vec![
                Issue::new(Field::OrganizationName, Code::Duplicate).with("value", "Northwind Oy"),
                Issue::new(Field::Domain, Code::Duplicate).with("value", "northwind.fi"),
            ],
        })
    });
    let _handle = mount_add(&root, save).await;
    fill_valid(&root).await;
    button(&root, "Save").click();
    settle().await;

    assert_eq!(
        described_message(&root, "cm-organization-name"),
        "Error: Another customer already has this organization name."
    );
    assert_eq!(invalid(&root, "cm-organization-name"), "true");
    assert!(
        described_message(&root, "cm-domain").contains("Another customer already has this domain.")
    );
    assert_eq!(texts(&root, ".cm-error-summary a").len(), 2);
    assert!(
        root.query_selector(".cm-save-failure").unwrap().is_none(),
        "no second, generic message"
    );

    // Editing the field clears the server's verdict on the old value.
    type_into(
        &input(&root, "#cm-organization-name"),
        "Northwind Finland Oy",
    );
    settle().await;
    assert_eq!(described_message(&root, "cm-organization-name"), "");
    assert_eq!(invalid(&root, "cm-organization-name"), "false");
}

#[wasm_bindgen_test]
async fn a_401_keeps_the_input_and_offers_sign_in_and_retry() {
    let root = mount_point();
    let (save, _sent) = fake_create(|| Err(ApiError::Unauthorized));
    let _handle = mount_add(&root, save).await;
    fill_valid(&root).await;
    button(&root, "Save").click();
    settle().await;

    let alert = text(&root, ".cm-save-failure");
    assert!(alert.contains("Your session has expired"), "{alert}");
    let sign_in = el::<web_sys::Element>(&root, ".cm-save-failure a");
    assert_eq!(sign_in.get_attribute("target").as_deref(), Some("_blank"));
    button(&root, "Retry");
    assert_eq!(
        input(&root, "#cm-organization-name").value(),
        "Northwind Oy"
    );
}
