//! A viewer's app in headless Chromium: the Customers tab without Add and with "View customer",
//! the customer page read-only with the line saying who changes it, Add customer replaced by a
//! line, and the change history naming each person's role. A manager (or a role not known yet)
//! keeps every control.

use crate::support::fetch::FakeFetch;
use crate::support::forms::*;
use crate::support::user::*;
use crate::support::{mount_point, text};
use customers_app::context::Access;
use customers_app::features::add_customer::AddCustomerPage;
use customers_app::features::customers_list::CustomersPage;
use customers_app::features::edit_customer::AuditTrail;
use customers_app::ui::toast::Notices;
use domain::{AuditEntry, CustomerPage, Role};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// The accessible names of the links and buttons inside `root`.
fn control_names(root: &web_sys::HtmlElement) -> Vec<String> {
    let list = root.query_selector_all("a, button").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<web_sys::Element>())
        .map(|el| {
            el.get_attribute("aria-label")
                .unwrap_or_else(|| el.text_content().unwrap_or_default().trim().to_owned())
        })
        .collect()
}

/// Mounts the Customers tab (its list answered by a fake server with Contoso, pending activation)
/// for `access` and waits for the rows.
async fn mount_list(root: &web_sys::HtmlElement, access: Access) -> impl Sized {
    let page = CustomerPage {
        items: vec![domain::Customer {
            status: domain::CustomerStatus::PendingActivation,
            ..contoso()
        }],
        total: 1,
        total_is_lower_bound: false,
        page: 1,
        per_page: 25,
    };
    let fetch = FakeFetch::answer(200, &serde_json::to_string(&page).unwrap());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(access);
        provide_context(Notices::new());
        view! { <Router><CustomersPage/></Router> }
    });
    for _ in 0..20 {
        if root.query_selector("tbody tr").unwrap().is_some() {
            break;
        }
        sleep(20).await;
    }
    drop(fetch);
    handle
}

/// The Customers tab's controls are a viewer's: "View customer" for Contoso, and nothing that
/// adds, imports, edits or resends.
fn assert_viewers_controls(root: &web_sys::HtmlElement) {
    let names = control_names(root);
    assert!(
        names.contains(&"View customer Contoso Oy".to_owned()),
        "{names:?}"
    );
    let writes = [
        "Add",
        "Import customers",
        "Edit customer",
        "Resend activation email to",
    ];
    assert!(
        !names
            .iter()
            .any(|n| writes.iter().any(|w| n.starts_with(w))),
        "{names:?}"
    );
}

/// The Customers tab's controls are a manager's: Add (with Add customer), Edit and Resend.
fn assert_managers_controls(root: &web_sys::HtmlElement) {
    let names = control_names(root);
    for name in [
        "Add customer",
        "Import customers",
        "Edit customer Contoso Oy",
        "Resend activation email to Contoso Oy",
    ] {
        assert!(names.contains(&name.to_owned()), "{name} in {names:?}");
    }
}

#[wasm_bindgen_test]
async fn a_viewer_sees_no_add_menu_and_views_each_customer() {
    let root = mount_point();
    let _handle = mount_list(&root, Access::with_role(Role::Viewer)).await;

    assert_viewers_controls(&root);
    let view = el::<web_sys::Element>(&root, "[aria-label='View customer Contoso Oy']");
    assert_eq!(
        view.get_attribute("title").as_deref(),
        Some("View customer")
    );
    assert!(
        view.get_attribute("href")
            .unwrap()
            .ends_with("/customers/contoso/edit")
    );
}

#[wasm_bindgen_test]
async fn a_manager_or_an_unknown_role_keeps_add_and_edit_until_a_viewer_is_known() {
    let root = mount_point();
    let _handle = mount_list(&root, Access::with_role(Role::Manager)).await;
    assert_managers_controls(&root);

    // Before /me answers the screen is a manager's; a viewer's answer then takes the controls.
    let root = mount_point();
    let access = Access::new();
    let _handle = mount_list(&root, access).await;
    assert_managers_controls(&root);
    access.role.set(Some(Role::Viewer));
    settle().await;
    assert_viewers_controls(&root);
}

#[wasm_bindgen_test]
async fn a_viewers_customer_page_is_read_only_with_the_line() {
    let root = mount_point();
    let (save, _) = fake_update(vec![Err(customers_app::api::ApiError::ViewOnly)]);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <customers_app::features::edit_customer::EditCustomerForm customer=contoso() save view_only=true/> }
    });
    settle().await;

    assert_eq!(
        text(&root, ".cm-view-only"),
        "You can view this customer. Ask a manager to change licenses or storage."
    );
    assert!(input(&root, "#cm-user-licenses").read_only());
    assert!(input(&root, "#cm-extra-storage").read_only());
    assert!(el::<web_sys::HtmlSelectElement>(&root, "#cm-extra-storage-unit").disabled());
    assert!(
        root.query_selector("button[type=submit]")
            .unwrap()
            .is_none(),
        "no Save for a viewer"
    );
}

#[wasm_bindgen_test]
async fn a_managers_customer_page_has_save_and_no_line() {
    let root = mount_point();
    let (save, _) = fake_update(vec![Err(customers_app::api::ApiError::Network)]);
    let _handle = mount_edit(&root, contoso(), save).await;
    assert!(root.query_selector(".cm-view-only").unwrap().is_none());
    assert!(!input(&root, "#cm-user-licenses").read_only());
    assert_eq!(save_button(&root).text_content().unwrap().trim(), "Save");
}

#[wasm_bindgen_test]
async fn add_customer_for_a_viewer_says_a_manager_adds_customers() {
    let root = mount_point();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Access::with_role(Role::Viewer));
        provide_context(Notices::new());
        view! { <Router><AddCustomerPage/></Router> }
    });
    settle().await;
    assert_eq!(
        text(&root, ".cm-view-only"),
        "You can view customers. Ask a manager to add or import customers."
    );
    assert!(root.query_selector("form, input").unwrap().is_none());
    assert_eq!(text(&root, "h1"), "Add customer");

    let root = mount_point();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Access::with_role(Role::Manager));
        provide_context(Notices::new());
        view! { <Router><AddCustomerPage/></Router> }
    });
    settle().await;
    assert!(root.query_selector(".cm-view-only").unwrap().is_none());
    assert!(
        root.query_selector("#cm-organization-name")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn the_history_names_each_persons_role() {
    let root = mount_point();
    let entry = |actor: &str, role| AuditEntry {
        at: "2026-10-14T12:30:00Z".into(),
        actor: actor.into(),
        actor_sub: None,
        actor_email: None,
        actor_role: role,
        field: "user_licenses".into(),
        old: 200.into(),
        new: 250.into(),
    };
    let entries = vec![
        entry("Aino Virtanen", Some(Role::Manager)),
        entry("anna@reseller.example", None),
    ];
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <AuditTrail entries/> });
    settle().await;
    assert_eq!(
        text(&root, "tbody tr:nth-child(1) td:nth-child(2)").trim(),
        "Aino Virtanen (manager)"
    );
    assert_eq!(
        text(&root, "tbody tr:nth-child(1) td:nth-child(2) .cm-muted"),
        "(manager)"
    );
    assert_eq!(
        text(&root, "tbody tr:nth-child(2) td:nth-child(2)").trim(),
        "anna@reseller.example"
    );
}
