//! The Edit page's notice for an activation email that could not be delivered, in headless
//! Chromium: what it says, in both languages, and that Resend asks for a new email.

use std::sync::{Arc, Mutex};

use crate::support::{customer, mount_point, text};
use customers_app::features::edit_customer::ActivationUndeliverable;
use customers_app::i18n::{I18n, Locale};
use domain::{ActivationEmail, Customer};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn undeliverable() -> Customer {
    Customer {
        activation_email: ActivationEmail::Undeliverable,
        notify_emails: vec!["it@lost.fi".into(), "boss@lost.fi".into()],
        ..customer("lost", "Lost Mail Oy")
    }
}

#[wasm_bindgen_test]
async fn says_the_email_could_not_be_delivered_and_resend_asks_for_a_new_one() {
    let root = mount_point();
    let clicks = Arc::new(Mutex::new(0));
    let on_resend = {
        let clicks = clicks.clone();
        Callback::new(move |()| *clicks.lock().unwrap() += 1)
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <ActivationUndeliverable customer=undeliverable() on_resend pending=false/> }
    });
    leptos::task::tick().await;

    let notice = text(&root, "[role='alert']");
    assert!(
        notice.contains("The activation email could not be delivered to it@lost.fi; boss@lost.fi"),
        "{notice}"
    );
    let button = root
        .query_selector("[role='alert'] button")
        .unwrap()
        .expect("a Resend button")
        .unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(
        button.text_content().as_deref(),
        Some("Resend activation email")
    );
    button.click();
    assert_eq!(*clicks.lock().unwrap(), 1);
}

#[wasm_bindgen_test]
async fn is_in_finnish_too_and_absent_while_the_email_is_fine() {
    let root = mount_point();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(I18n::new(Locale::Fi));
        view! {
            <ActivationUndeliverable customer=undeliverable() on_resend=Callback::new(|()| {}) pending=false/>
            <div class="sent">
                <ActivationUndeliverable customer=customer("ok", "Ok Oy") on_resend=Callback::new(|()| {}) pending=false/>
            </div>
        }
    });
    leptos::task::tick().await;
    assert!(text(&root, "[role='alert']").contains("Aktivointiviestiä ei voitu toimittaa"));
    assert_eq!(
        text(&root, ".sent"),
        "",
        "nothing for an email that was sent"
    );
}
