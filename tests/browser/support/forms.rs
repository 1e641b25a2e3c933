//! Helpers for the Add and Edit customer form tests: fake save actions, a valid Add form, and
//! reading a control's messages and validity.

use std::cell::RefCell;
use std::rc::Rc;

use customers_app::api::ApiError;
use customers_app::features::add_customer::{CreateInput, CustomerForm};
use customers_app::features::edit_customer::{EditCustomerForm, UpdateRequest, Updated};
use domain::Customer;
use leptos::prelude::*;

use super::text;
use super::user::*;

/// The text of the message area the control `id` points at with `aria-describedby`.
pub fn described_message(root: &web_sys::HtmlElement, id: &str) -> String {
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

/// The `aria-invalid` of the control `id` ("" without one).
pub fn invalid(root: &web_sys::HtmlElement, id: &str) -> String {
    el::<web_sys::Element>(root, &format!("#{id}"))
        .get_attribute("aria-invalid")
        .unwrap_or_default()
}

/// What a create answers.
pub type CreateResult = Result<Customer, ApiError>;

/// A save action answering every request with `answer`, recording each request.
pub fn fake_create(
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
pub fn hanging_create() -> Action<CreateInput, CreateResult> {
    Action::new_local(|_: &CreateInput| std::future::pending::<CreateResult>())
}

/// Mounts the Add form saving through `save` and waits for the render; the form stays mounted
/// while the returned handle lives.
pub async fn mount_add(
    root: &web_sys::HtmlElement,
    save: Action<CreateInput, CreateResult>,
) -> impl Sized {
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <CustomerForm save/> });
    settle().await;
    handle
}

/// Fills the whole Add form with valid values.
pub async fn fill_valid(root: &web_sys::HtmlElement) {
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

/// What an update answers.
pub type UpdateResult = Result<Updated, ApiError>;

/// A save action answering each request with the next of `answers` (then the last again).
pub fn fake_update(
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
pub fn contoso() -> Customer {
    super::customer("contoso", "Contoso Oy")
}

/// The modal dialog (the change summary to confirm).
pub fn dialog(root: &web_sys::HtmlElement) -> web_sys::HtmlDialogElement {
    el(root, "dialog.cm-modal")
}

/// Mounts the Edit form for `customer` saving through `save` and waits for the render; the form
/// stays mounted while the returned handle lives.
pub async fn mount_edit(
    root: &web_sys::HtmlElement,
    customer: Customer,
    save: Action<UpdateRequest, UpdateResult>,
) -> impl Sized {
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EditCustomerForm customer save/> },
    );
    settle().await;
    handle
}

/// Types `licenses` into User Licenses, presses Save and confirms the change summary.
pub async fn save_licenses(root: &web_sys::HtmlElement, licenses: &str) {
    type_into(&input(root, "#cm-user-licenses"), licenses);
    settle().await;
    save_button(root).click();
    settle().await;
    button(root, "Save changes").click();
    settle().await;
}
