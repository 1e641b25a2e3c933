//! The Add customer form in Finnish, in headless Chromium: labels, hints, buttons and validation
//! messages come from the Finnish catalogue, and a language switch re-renders them.
//! Run: `cargo test --target wasm32-unknown-unknown --test browser i18n::`.

use std::cell::Cell;
use std::rc::Rc;

use crate::support::user::{fill, label, save_button, settle};
use crate::support::{mount_point, text, texts};
use customers_app::api::ApiError;
use customers_app::features::add_customer::CreateInput;
use customers_app::features::add_customer::CustomerForm;
use customers_app::i18n::{I18n, Locale};
use domain::Customer;
use leptos::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn the_add_form_speaks_finnish_and_follows_a_language_switch() {
    let root = mount_point();
    let i18n = Rc::new(Cell::new(None::<I18n>));
    let slot = i18n.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let i = I18n::new(Locale::Fi);
        provide_context(i);
        slot.set(Some(i));
        let save = Action::new_local(|_: &CreateInput| {
            std::future::pending::<Result<Customer, ApiError>>()
        });
        view! { <CustomerForm save/> }
    });
    settle().await;

    for (id, expected) in [
        ("cm-organization-name", "Organisaation nimi"),
        ("cm-domain", "Verkkotunnus"),
        ("cm-user-licenses", "Käyttäjälisenssit"),
        ("cm-extra-storage", "Lisätallennustila"),
        ("cm-notify-users", "Ilmoita käyttäjille"),
    ] {
        assert_eq!(label(&root, id), expected, "label of #{id}");
    }
    assert_eq!(
        text(&root, "fieldset legend").trim_end_matches('*'),
        "Tallennustilan tyyppi"
    );
    assert_eq!(
        texts(&root, ".cm-radio span"),
        ["Azure (Irlanti)", "Suomalainen S3-tallennustila"]
    );
    assert!(
        text(&root, "#cm-domain-hint").starts_with("Valinnainen: asiakkaan"),
        "{}",
        text(&root, "#cm-domain-hint")
    );
    assert_eq!(
        root.query_selector("#cm-extra-storage-unit")
            .unwrap()
            .unwrap()
            .get_attribute("aria-label"),
        Some("Lisätallennustilan yksikkö".to_owned())
    );
    assert_eq!(
        save_button(&root).text_content().unwrap().trim(),
        "Tallenna"
    );

    // An invalid domain: the domain rule's message, in Finnish, at the field.
    fill(&root, "#cm-domain", "not a domain");
    settle().await;
    let message = text(&root, "#cm-domain-message");
    assert!(
        message.contains("”not a domain” ei ole kelvollinen verkkotunnus"),
        "{message}"
    );
    assert!(message.starts_with("Virhe: "), "{message}");

    // Save with the required fields empty: a Finnish summary and required-field messages.
    save_button(&root).click();
    settle().await;
    let summary = text(&root, ".cm-error-summary__title");
    assert!(summary.starts_with("Lomakkeessa on "), "{summary}");
    let items = texts(&root, ".cm-error-summary__list li");
    assert!(
        items.contains(&"Organisaation nimi on pakollinen.".to_owned()),
        "{items:?}"
    );

    // Switching the language re-renders the same form in English, messages included.
    i18n.get().unwrap().set(Locale::En);
    settle().await;
    assert_eq!(label(&root, "cm-organization-name"), "Organization name");
    assert_eq!(save_button(&root).text_content().unwrap().trim(), "Save");
    let message = text(&root, "#cm-domain-message");
    assert!(message.contains("is not a valid domain"), "{message}");
}
