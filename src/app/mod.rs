//! The app itself: configuration from the mount element's `data-*` attributes, the session
//! and `set-token`, the events the host page receives, the shell (router and views) and the
//! views loaded on demand.

pub mod config;
pub mod host_events;
pub mod lazy;
mod not_found;
pub mod session;
mod shell;

pub use config::{AppConfig, AuthMode, Locale, app_href};
pub use session::{SET_TOKEN_EVENT, Session};
pub use shell::App;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api;
use config::ConfigError;

/// Starts the app: reads the configuration from the mount element (`[data-customers-app]`, or
/// `<body>` when standalone) and mounts into it. Invalid configuration is reported once on the
/// console and visibly in the mount element instead of leaving a blank page.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let mount: web_sys::HtmlElement = match document
        .query_selector("[data-customers-app]")
        .ok()
        .flatten()
    {
        Some(el) => match el.dyn_into() {
            Ok(el) => el,
            Err(_) => return,
        },
        None => match document.body() {
            Some(body) => body,
            None => return,
        },
    };
    let is_body = document.body().is_some_and(|body| body == mount);
    let config = match AppConfig::from_attributes(|name| mount.get_attribute(name)) {
        Ok(config) => config,
        Err(errors) => return show_config_error(&document, &mount, &errors),
    };
    api::configure(&config.api_base, config.token.clone());

    let session = Session::new();
    session::listen_for_tokens(&mount, session);
    let config = AppConfig {
        standalone: is_body,
        // Standalone the page is the app's own, so its storage is too.
        remember_locale: config.remember_locale || is_body,
        ..config
    };
    leptos::mount::mount_to(mount, move || view! { <App config session/> }).forget();
}

fn show_config_error(
    document: &web_sys::Document,
    mount: &web_sys::HtmlElement,
    errors: &[ConfigError],
) {
    let details: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let message = format!(
        "The customers app could not start: its configuration is invalid ({}).",
        details.join("; ")
    );
    web_sys::console::error_1(&message.clone().into());
    if let Ok(notice) = document.create_element("div") {
        notice.set_class_name("cm-app cm-config-error");
        let _ = notice.set_attribute("role", "alert");
        notice.set_text_content(Some(&message));
        let _ = mount.append_child(&notice);
    }
}
