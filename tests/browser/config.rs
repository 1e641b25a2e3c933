//! Configuration from the mount element's data-* attributes, in headless Chromium.

use crate::support::mount_point;
use customers_app::context::{AppConfig, AuthMode, Locale};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn reads_the_settings_from_a_mount_elements_attributes() {
    let el = mount_point();
    for (name, value) in [
        ("data-base-path", "/partner/backup"),
        ("data-api-base", "/proxy/api/v1/"),
        ("data-auth", "bearer"),
        ("data-token", "t0ken"),
        ("data-locale", "fi"),
    ] {
        el.set_attribute(name, value).unwrap();
    }
    let config = AppConfig::from_attributes(|name| el.get_attribute(name)).unwrap();
    assert_eq!(config.base_path, "/partner/backup");
    assert_eq!(config.api_base, "/proxy/api/v1");
    assert_eq!(config.auth, AuthMode::Bearer);
    assert_eq!(config.token.as_deref(), Some("t0ken"));
    assert_eq!(config.locale, Some(Locale::Fi));
}

#[wasm_bindgen_test]
fn missing_attributes_fall_back_to_standalone_defaults() {
    let el = mount_point();
    assert_eq!(
        AppConfig::from_attributes(|name| el.get_attribute(name)),
        Ok(AppConfig::default())
    );
}

#[wasm_bindgen_test]
fn invalid_configuration_shows_a_visible_message_instead_of_a_blank_page() {
    let el = mount_point();
    el.set_attribute("data-customers-app", "").unwrap();
    el.set_attribute("data-auth", "magic").unwrap();
    el.set_attribute("data-base-path", "no-slash").unwrap();
    customers_app::start();

    let alert = el
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert in the mount element");
    let text = alert.text_content().unwrap();
    assert!(text.contains("could not start"), "{text}");
    assert!(text.contains("data-auth"), "{text}");
    assert!(text.contains("data-base-path"), "{text}");
    assert!(
        el.query_selector("main").unwrap().is_none(),
        "the app is not mounted"
    );
    el.remove_attribute("data-customers-app").unwrap();
}
