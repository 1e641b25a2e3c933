//! A failed load in headless Chromium: the Customers tab's list answered with a 500 problem
//! carrying a `request_id` shows the error panel with the server's words and "Reference: <id>"
//! (in Finnish "Viite: <id>", following a language switch), so a reseller can quote it to support.
//! Run: `cargo test --target wasm32-unknown-unknown --test browser error_panel::`.

use std::cell::Cell;
use std::rc::Rc;

use crate::support::fetch::FakeFetch;
use crate::support::user::sleep;
use crate::support::{mount_point, text};
use customers_app::context::Access;
use customers_app::features::customers_list::CustomersPage;
use customers_app::i18n::{I18n, Locale};
use customers_app::ui::toast::Notices;
use domain::Role;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen_test::*;

const REQUEST_ID: &str = "5f0c6a43-9f1e-4c1b-a0f4-2f3d1e9b7c11";

#[wasm_bindgen_test]
async fn a_failed_load_shows_the_servers_reference_in_english_and_finnish() {
    let root = mount_point();
    let _fetch = FakeFetch::answer(
        500,
        &serde_json::json!({
            "type": "about:blank",
            "title": "Internal Server Error",
            "status": 500,
            "detail": "Something went wrong on our side.",
            "request_id": REQUEST_ID,
        })
        .to_string(),
    );
    let i18n = Rc::new(Cell::new(None::<I18n>));
    let slot = i18n.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let i = I18n::new(Locale::En);
        provide_context(i);
        slot.set(Some(i));
        provide_context(Access::with_role(Role::Manager));
        provide_context(Notices::new());
        view! { <Router><CustomersPage/></Router> }
    });
    for _ in 0..50 {
        if root.query_selector(".cm-error-panel").unwrap().is_some() {
            break;
        }
        sleep(20).await;
    }

    assert_eq!(
        text(&root, ".cm-error-panel__message"),
        "Something went wrong on our side. (HTTP 500)"
    );
    assert_eq!(
        text(&root, ".cm-error-panel__reference"),
        format!("Reference: {REQUEST_ID}")
    );

    i18n.get().unwrap().set(Locale::Fi);
    sleep(20).await;
    assert_eq!(
        text(&root, ".cm-error-panel__reference"),
        format!("Viite: {REQUEST_ID}")
    );
}
