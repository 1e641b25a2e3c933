//! The Add customer form's fields: labels, hints, each field's checks as it is typed or left,
//! the error summary, the domain as saved, and Notify Users as chips.
//! Mounted in headless Chromium with fake save actions, no server. Run:
//! `cargo test --target wasm32-unknown-unknown --test browser add_form_fields::`.

use crate::support::forms::*;
use crate::support::user::*;
use crate::support::{mount_point, text, texts};
use customers_app::api::ApiError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn labels_are_bound_to_their_controls_with_the_exact_texts() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = mount_add(&root, save).await;

    for (id, label) in [
        ("cm-organization-name", "Organization name"),
        ("cm-domain", "Domain"),
        ("cm-user-licenses", "User Licenses"),
        ("cm-extra-storage", "Extra Storage"),
        ("cm-notify-users", "Notify Users"),
    ] {
        let shown = text(&root, &format!("label[for={id}]"));
        assert_eq!(shown.trim_end_matches('*'), label, "label of #{id}");
    }
    // Every control takes its required and validity state from its field; Domain is optional.
    for (id, required) in [
        ("cm-organization-name", Some("true")),
        ("cm-domain", None),
        ("cm-user-licenses", Some("true")),
        ("cm-extra-storage", Some("true")),
        ("cm-notify-users", Some("true")),
    ] {
        let control = el::<web_sys::Element>(&root, &format!("#{id}"));
        let aria_required = control.get_attribute("aria-required");
        assert_eq!(aria_required.as_deref(), required, "aria-required of #{id}");
        assert_eq!(invalid(&root, id), "false", "aria-invalid of #{id}");
    }
    assert_eq!(
        text(&root, "fieldset legend").trim_end_matches('*'),
        "Storage Type"
    );
    assert_eq!(
        texts(&root, ".cm-radio"),
        ["Azure (Ireland)", "Finnish S3 Storage"]
    );
    let radios = root
        .query_selector_all("input[type=radio]:checked")
        .unwrap();
    assert_eq!(radios.length(), 0, "no storage type is preselected");
    assert!(
        text(&root, "#cm-storage-type-hint")
            .contains("cannot be changed once backups are configured")
    );
    assert!(
        text(&root, "#cm-domain-hint")
            .contains("registered later via the service activation email")
    );
    assert!(
        text(&root, "#cm-user-licenses-hint").contains("avoid warnings about inadequate licenses")
    );
    assert!(text(&root, "#cm-extra-storage-hint").contains("total storage"));
    assert!(text(&root, "#cm-notify-users-hint").contains("activation instructions"));
    // Nothing is shown as wrong before the user did anything.
    assert_eq!(
        root.query_selector_all("[aria-invalid=true]")
            .unwrap()
            .length(),
        0
    );
    button(&root, "Save");
    assert_eq!(text(&root, "a.cm-button"), "Cancel");
}

#[wasm_bindgen_test]
async fn save_shows_an_error_at_every_invalid_field_and_a_linked_summary() {
    let root = mount_point();
    let (save, sent) = fake_create(|| Err(ApiError::Network));
    let _handle = mount_add(&root, save).await;

    type_into(&input(&root, "#cm-organization-name"), "N");
    type_into(&input(&root, "#cm-domain"), "not a domain");
    type_into(&input(&root, "#cm-user-licenses"), "1.5");
    type_into(&input(&root, "#cm-extra-storage"), "lots");
    type_into(&input(&root, "#cm-notify-users"), "not-an-address");
    button(&root, "Save").click();
    settle().await;

    assert!(
        sent.borrow().is_empty(),
        "nothing is sent while there are errors"
    );
    let expected = [
        (
            "cm-organization-name",
            "Organization name must be at least 2 characters.",
        ),
        ("cm-domain", "is not a valid domain"),
        ("cm-user-licenses", "User Licenses must be a whole number."),
        (
            "cm-extra-storage",
            "Extra Storage must be a number of GB or TB",
        ),
        (
            "cm-notify-users",
            "“not-an-address” is not a valid email address.",
        ),
        ("cm-storage-type", "Storage Type is required."),
    ];
    for (id, message) in expected {
        if id == "cm-storage-type" {
            // A radio group carries its state on the group; the link target is its first radio.
            let group = el::<web_sys::Element>(&root, "[role=radiogroup]");
            assert_eq!(group.get_attribute("aria-invalid").as_deref(), Some("true"));
            let described_by = group.get_attribute("aria-describedby").unwrap_or_default();
            assert!(
                described_by.contains("cm-storage-type-message"),
                "{described_by}"
            );
            let shown = text(&root, "#cm-storage-type-message");
            assert!(
                shown.contains(message),
                "#{id}: expected “{message}” in “{shown}”"
            );
            continue;
        }
        assert_eq!(invalid(&root, id), "true", "#{id} is marked invalid");
        let shown = described_message(&root, id);
        assert!(
            shown.contains(message),
            "#{id}: expected “{message}” in “{shown}”"
        );
        assert_eq!(
            shown.matches(message).count(),
            1,
            "#{id}: one error: “{shown}”"
        );
    }
    // The summary lists each error as a link to its field, and has focus.
    let links = root.query_selector_all(".cm-error-summary a").unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .map(|i| {
            links
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("href")
                .unwrap()
        })
        .collect();
    // One link per field, in form order: "not a domain" breaks two domain rules but is one error.
    assert_eq!(
        hrefs,
        [
            "#cm-organization-name",
            "#cm-domain",
            "#cm-user-licenses",
            "#cm-extra-storage",
            "#cm-notify-users",
            "#cm-storage-type"
        ]
    );
    let summary = el::<web_sys::Element>(&root, ".cm-error-summary-region");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(
        active.as_ref(),
        Some(&summary),
        "focus moves to the error summary"
    );

    // A link moves focus to its field.
    let storage_link = (0..links.length())
        .map(|i| {
            links
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlElement>()
        })
        .find(|a| a.get_attribute("href").as_deref() == Some("#cm-extra-storage"))
        .unwrap();
    storage_link.click();
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.id(), "cm-extra-storage");
}

#[wasm_bindgen_test]
async fn picking_a_storage_type_clears_its_error_at_once() {
    let root = mount_point();
    let (save, _sent) = fake_create(|| Err(ApiError::Network));
    let _handle = mount_add(&root, save).await;
    button(&root, "Save").click();
    settle().await;
    let group = el::<web_sys::Element>(&root, "[role=radiogroup]");
    assert_eq!(group.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(text(&root, "#cm-storage-type-message").contains("Storage Type is required."));

    // A pick is a whole answer: checked at once, without leaving the group.
    click(&root, "input[value=azure_ireland]");
    settle().await;
    assert_eq!(
        group.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert!(
        !text(&root, "#cm-storage-type-message").contains("Storage Type is required."),
        "the message is gone: “{}”",
        text(&root, "#cm-storage-type-message")
    );
}

#[wasm_bindgen_test]
async fn a_field_is_checked_when_left_and_then_as_the_user_types() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = mount_add(&root, save).await;

    let name = input(&root, "#cm-organization-name");
    type_into(&name, "N");
    settle().await;
    assert_eq!(
        described_message(&root, "cm-organization-name"),
        "",
        "quiet while typing the first time"
    );
    leave(&name);
    settle().await;
    assert!(described_message(&root, "cm-organization-name").contains("at least 2 characters"));
    type_into(&name, "No");
    settle().await;
    assert_eq!(described_message(&root, "cm-organization-name"), "");
    assert_eq!(invalid(&root, "cm-organization-name"), "false");

    // Warnings show but do not block: 0 GB is allowed with a warning.
    fill(&root, "#cm-extra-storage", "0");
    settle().await;
    let storage = described_message(&root, "cm-extra-storage");
    assert!(storage.contains("No storage is allocated"), "{storage}");
    assert_eq!(invalid(&root, "cm-extra-storage"), "false");
}

#[wasm_bindgen_test]
async fn the_domain_shows_what_it_will_be_saved_as() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = mount_add(&root, save).await;

    fill(&root, "#cm-domain", "https://www.Contoso.FI/");
    settle().await;
    assert_eq!(described_message(&root, "cm-domain"), "Saved as contoso.fi");
}

#[wasm_bindgen_test]
async fn a_pasted_list_becomes_chips_and_invalid_ones_stay_editable() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = mount_add(&root, save).await;

    let notify = input(&root, "#cm-notify-users");
    paste(
        &notify,
        "anna@contoso.fi, Bob Smith <bob@contoso.fi>; not-an-address\nceo@contoso.fi",
    );
    settle().await;
    assert_eq!(
        texts(&root, ".cm-chip .cm-chip__text"),
        [
            "anna@contoso.fi",
            "bob@contoso.fi",
            "not-an-address",
            "ceo@contoso.fi"
        ]
    );
    assert_eq!(notify.value(), "");
    assert_eq!(
        texts(&root, ".cm-chip--invalid .cm-chip__text"),
        ["not-an-address"]
    );

    // Typing a separator turns what is before it into a chip.
    type_into(&notify, "dan@contoso.fi;");
    settle().await;
    assert_eq!(texts(&root, ".cm-chip .cm-chip__text").len(), 5);
    assert_eq!(notify.value(), "");

    // The invalid chip goes back into the input for editing; fixed, it becomes a valid chip.
    click(&root, "button[aria-label^='Edit not-an-address']");
    settle().await;
    assert_eq!(notify.value(), "not-an-address");
    type_into(&notify, "eve@contoso.fi,");
    settle().await;
    assert!(texts(&root, ".cm-chip--invalid").is_empty());

    // Chips can be removed.
    click(&root, "button[aria-label='Remove anna@contoso.fi']");
    settle().await;
    assert_eq!(
        texts(&root, ".cm-chip .cm-chip__text"),
        [
            "bob@contoso.fi",
            "ceo@contoso.fi",
            "dan@contoso.fi",
            "eve@contoso.fi"
        ]
    );
}
