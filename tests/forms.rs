//! The Add and Edit customer forms mounted in headless Chromium with given data and fake save
//! actions: no server. Run: `cargo test --target wasm32-unknown-unknown --test forms`.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use customers_app::api::ApiError;
use customers_app::features::add_customer::CreateInput;
use customers_app::features::add_customer::CustomerForm;
use customers_app::features::edit_customer::{
    AuditTrail, EditCustomerForm, UpdateRequest, Updated,
};
use domain::{Code, Customer, Field, Issue};
use leptos::prelude::*;
use support::user::*;
use support::{mount_point, text, texts};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The text of the message area the control `id` points at with `aria-describedby`.
fn described_message(root: &web_sys::HtmlElement, id: &str) -> String {
    let control = el::<web_sys::Element>(root, &format!("#{id}"));
    let described_by = control
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    let message_id = format!("{id}-message");
    assert!(
        described_by.split(' ').any(|i| i == message_id),
        "#{id} aria-describedby=“{described_by}” does not name {message_id}"
    );
    text(root, &format!("#{message_id}"))
}

fn invalid(root: &web_sys::HtmlElement, id: &str) -> String {
    el::<web_sys::Element>(root, &format!("#{id}"))
        .get_attribute("aria-invalid")
        .unwrap_or_default()
}

type CreateResult = Result<Customer, ApiError>;

/// A save action answering every request with `answer`, recording each request.
fn fake_create(
    answer: impl Fn() -> CreateResult + 'static,
) -> (
    Action<CreateInput, CreateResult>,
    Rc<RefCell<Vec<CreateInput>>>,
) {
    let sent = Rc::new(RefCell::new(Vec::new()));
    let log = sent.clone();
    let answer = Rc::new(answer);
    let action = Action::new_local(move |input: &CreateInput| {
        log.borrow_mut().push(input.clone());
        let answer = answer.clone();
        async move { answer() }
    });
    (action, sent)
}

/// A save action whose request never answers.
fn hanging_create() -> Action<CreateInput, CreateResult> {
    Action::new_local(|_: &CreateInput| std::future::pending::<CreateResult>())
}

/// Fills the whole Add form with valid values.
async fn fill_valid(root: &web_sys::HtmlElement) {
    fill(root, "#cm-organization-name", "Northwind Oy");
    fill(root, "#cm-domain", "northwind.fi");
    fill(root, "#cm-user-licenses", "300");
    fill(root, "#cm-extra-storage", "2");
    let unit = el::<web_sys::HtmlSelectElement>(root, "#cm-extra-storage-unit");
    unit.set_value("TB");
    unit.dispatch_event(&event("change", true)).unwrap();
    paste(
        &input(root, "#cm-notify-users"),
        "it@northwind.fi; ceo@northwind.fi",
    );
    click(root, "input[value=finnish_s3]");
    settle().await;
}

// ---------------------------------------------------------------------------------------------
// Add customer

#[wasm_bindgen_test]
async fn labels_are_bound_to_their_controls_with_the_exact_texts() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;

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
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;

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
async fn a_field_is_checked_when_left_and_then_as_the_user_types() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;

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
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;

    fill(&root, "#cm-domain", "https://www.Contoso.FI/");
    settle().await;
    assert_eq!(described_message(&root, "cm-domain"), "Saved as contoso.fi");
}

#[wasm_bindgen_test]
async fn a_pasted_list_becomes_chips_and_invalid_ones_stay_editable() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;

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

#[wasm_bindgen_test]
async fn save_is_disabled_with_a_busy_state_while_the_request_is_in_flight() {
    let root = mount_point();
    let save = hanging_create();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;
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
    // A second click does nothing (the button is disabled; the handler also refuses).
    busy.click();
    settle().await;
    assert!(button(&root, "Saving…").disabled());
}

#[wasm_bindgen_test]
async fn a_failed_save_keeps_every_value_and_retry_reuses_the_idempotency_key() {
    let root = mount_point();
    let (save, sent) = fake_create(|| Err(ApiError::Timeout));
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;
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
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;
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
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;
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
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;
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

// ---------------------------------------------------------------------------------------------
// Edit customer

type UpdateResult = Result<Updated, ApiError>;

/// A save action answering each request with the next of `answers` (then the last again).
fn fake_update(
    answers: Vec<UpdateResult>,
) -> (
    Action<UpdateRequest, UpdateResult>,
    Rc<RefCell<Vec<UpdateRequest>>>,
) {
    let sent = Rc::new(RefCell::new(Vec::new()));
    let log = sent.clone();
    let answers = Rc::new(answers);
    let action = Action::new_local(move |request: &UpdateRequest| {
        let n = {
            let mut log = log.borrow_mut();
            log.push(request.clone());
            log.len()
        };
        let answer = answers[(n - 1).min(answers.len() - 1)].clone();
        async move { answer }
    });
    (action, sent)
}

/// Contoso: 250 licenses (212 in use), 2 TB (1.4 TB used), version 3.
fn contoso() -> Customer {
    support::customer("contoso", "Contoso Oy")
}

fn dialog(root: &web_sys::HtmlElement) -> web_sys::HtmlDialogElement {
    el(root, "dialog.cm-modal")
}

#[wasm_bindgen_test]
async fn edit_shows_fixed_details_read_only_and_usage_beside_the_inputs() {
    let root = mount_point();
    let (save, _) = fake_update(vec![Err(ApiError::Network)]);
    let customer = Customer {
        domain: None,
        ..contoso()
    };
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;

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
    let customer = contoso();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;

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
    let customer = contoso();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;

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
    let customer = contoso();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;

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
    let customer = contoso();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;
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
async fn a_412_shows_the_conflict_view_and_keeps_the_users_values() {
    let root = mount_point();
    let theirs = Customer {
        user_licenses: 260,
        extra_storage_gb: 2500,
        version: 4,
        ..contoso()
    };
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
    let customer = contoso();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;

    type_into(&input(&root, "#cm-user-licenses"), "300");
    settle().await;
    save_button(&root).click();
    settle().await;
    button(&root, "Save changes").click();
    settle().await;

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
    let theirs = Customer {
        user_licenses: 260,
        extra_storage_gb: 2500,
        version: 4,
        ..contoso()
    };
    let (save, _) = fake_update(vec![Err(ApiError::Conflict {
        current: Box::new(theirs),
    })]);
    let customer = contoso();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;
    type_into(&input(&root, "#cm-user-licenses"), "300");
    settle().await;
    save_button(&root).click();
    settle().await;
    button(&root, "Save changes").click();
    settle().await;

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
    })]);
    let customer = contoso();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;
    type_into(&input(&root, "#cm-user-licenses"), "300");
    settle().await;
    save_button(&root).click();
    settle().await;
    button(&root, "Save changes").click();
    settle().await;

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
        },
        customers_app::api::AuditEntry {
            at: "2026-11-19T09:30:00Z".into(),
            actor: "bob@reseller.example".into(),
            field: "user_licenses".into(),
            old: 250.into(),
            new: 1200.into(),
        },
        customers_app::api::AuditEntry {
            at: "2026-01-05T08:00:00Z".into(),
            actor: "bob@reseller.example".into(),
            field: "created".into(),
            old: serde_json::Value::Null,
            new: "Contoso Oy".into(),
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
