//! Shared helpers for the browser tests: fixtures, a mount point, reading what is shown, acting
//! like a user ([`user`]), the Add and Edit form tests' fakes ([`forms`]) and a fake server
//! ([`fetch`]).

pub mod fetch;
pub mod forms;
pub mod user;

use domain::{Customer, CustomerStatus, StorageType};
use wasm_bindgen::JsCast;

/// A valid active customer with the given name; adjust fields with struct update syntax.
pub fn customer(id: &str, name: &str) -> Customer {
    Customer {
        id: id.to_owned(),
        organization_name: name.to_owned(),
        domain: Some(format!("{}.fi", id)),
        user_licenses: 250,
        extra_storage_gb: 2000,
        notify_emails: vec![format!("it@{id}.fi")],
        storage_type: StorageType::AzureIreland,
        status: CustomerStatus::Active,
        licenses_in_use: 212,
        storage_used_gb: 1400,
        usage_updated_at: "2026-11-28T10:42:00Z".to_owned(),
        created_at: "2026-01-05T08:00:00Z".to_owned(),
        updated_at: "2026-11-01T08:00:00Z".to_owned(),
        version: 3,
        activation_email: domain::ActivationEmail::Sent,
        forecast: Default::default(),
    }
}

/// A fresh element attached to the document to mount a component into, in English: every test
/// starts as a fresh page does, although they all share one page and the locale kept for
/// formatting outside views (`i18n::current_locale`, one per thread).
pub fn mount_point() -> web_sys::HtmlElement {
    customers_app::i18n::I18n::new(customers_app::context::Locale::En);
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

/// The visible text of the first element matching `selector` inside `root`.
pub fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// The visible text of every element matching `selector` inside `root`.
pub fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}
