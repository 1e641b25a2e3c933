//! Start-up: the configuration read from the mount element, `set-token` listened for, the app
//! mounted (or a visible message when the configuration is invalid).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::App;
use crate::api;
use crate::context::config::ConfigError;
use crate::context::session;
use crate::context::{AppConfig, SET_TOKEN_EVENT, Session};

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
    session::watch_expiry(config.token.as_deref());

    let session = Session::new();
    listen_for_tokens(&mount, session);
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

/// Listens for `set-token` on the mount element for the life of the page: the API client gets
/// the token (watched for expiry when it is a JWT) and `session` moves on, so views waiting on a
/// 401 retry.
fn listen_for_tokens(mount: &web_sys::HtmlElement, session: Session) {
    let on_token = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |ev: web_sys::CustomEvent| {
        if let Some(token) = ev.detail().as_string().filter(|t| !t.is_empty()) {
            session::watch_expiry(Some(&token));
            api::set_token(token);
            session.token_epoch.update(|n| *n += 1);
        }
    });
    let _ =
        mount.add_event_listener_with_callback(SET_TOKEN_EVENT, on_token.as_ref().unchecked_ref());
    // The listener lives as long as the page: the app is never unmounted.
    on_token.forget();
}
