//! Customer management for Microsoft 365 backup wholesale resellers: a Leptos single-page app.
//!
//! `main.rs` only calls [`start`]; components live here so browser tests can mount them.

pub mod api;
pub mod components;
pub mod config;
pub mod format;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use components::{Notices, Toasts};
use config::AppConfig;
use pages::add_customer::AddCustomerPage;
use pages::customers::CustomersPage;
use pages::edit_customer::EditCustomerPage;
use pages::not_found::NotFound;

/// The host page's handle on authentication: bumped each time the host hands over a fresh token,
/// so views waiting on a 401 can retry. Provided as context by [`App`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Session {
    /// Increments on every new token.
    pub token_epoch: RwSignal<u32>,
}

impl Session {
    /// A session with no token handed over yet.
    pub fn new() -> Self {
        Session {
            token_epoch: RwSignal::new(0),
        }
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The event a host page dispatches on the mount element to hand over a fresh bearer token:
/// `el.dispatchEvent(new CustomEvent("set-token", { detail: token }))`.
pub const SET_TOKEN_EVENT: &str = "set-token";

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
    let on_token = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |ev: web_sys::CustomEvent| {
        if let Some(token) = ev.detail().as_string().filter(|t| !t.is_empty()) {
            api::set_token(token);
            session.token_epoch.update(|n| *n += 1);
        }
    });
    let _ =
        mount.add_event_listener_with_callback(SET_TOKEN_EVENT, on_token.as_ref().unchecked_ref());
    // The listener lives as long as the page: the app is never unmounted.
    on_token.forget();
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
    errors: &[config::ConfigError],
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

/// The whole app: the router and its views, inside the app's root element.
#[component]
pub fn App(
    /// Settings from the host page; defaults for standalone use and tests.
    #[prop(optional)]
    config: Option<AppConfig>,
    /// Token hand-over from the host page.
    #[prop(optional)]
    session: Option<Session>,
) -> impl IntoView {
    let config = config.unwrap_or_default();
    let base = config.base_path.clone();
    let standalone = config.standalone;
    let remember = config.remember_locale;
    // A host that sets the language keeps it; otherwise the user can switch.
    let switcher = config.locale.is_none();
    let i18n = i18n::I18n::new(i18n::preference::start_locale(config.locale, remember));
    provide_context(i18n);
    provide_context(config);
    provide_context(session.unwrap_or_default());
    provide_context(Notices::new());
    // Before the router: the unsaved-changes guard must see Back/Forward first.
    components::unsaved_guard::install_history_gate();
    // Assistive technology and the browser (hyphenation, spelling, translation offers) read the
    // language from `<html lang>` standalone, from the mount element embedded.
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move || {
        let tag = i18n.locale().tag();
        let target = if standalone {
            document().document_element()
        } else {
            root.get().and_then(|app| app.parent_element())
        };
        if let Some(target) = target {
            let _ = target.set_attribute("lang", tag);
        }
    });
    view! {
        <div class="cm-app" node_ref=root lang=move || i18n.locale().tag()>
            <Router base=base>
                {switcher.then(|| view! { <LanguageSwitcher remember/> })}
                <main class="cm-main">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                        <Route path=path!("/customers") view=CustomersPage/>
                        <Route path=path!("/customers/new") view=AddCustomerPage/>
                        <Route path=path!("/customers/:id/edit") view=EditCustomerPage/>
                    </Routes>
                </main>
            </Router>
            <Toasts/>
        </div>
    }
}

/// The language choice, offered unless the host set `data-locale`.
#[component]
fn LanguageSwitcher(
    /// Keep the choice in `localStorage` for the next visit.
    remember: bool,
) -> impl IntoView {
    let i18n = i18n::use_i18n();
    view! {
        <div class="cm-language">
            <label for="cm-language">{move || i18n.t().language}</label>
            <select
                id="cm-language"
                prop:value=move || i18n.locale().tag()
                on:change:target=move |ev| {
                    if let Some(locale) = config::Locale::from_tag(&ev.target().value()) {
                        i18n.set(locale);
                        if remember {
                            i18n::preference::remember(locale);
                        }
                    }
                }
            >
                <option value="en" lang="en">"English"</option>
                <option value="fi" lang="fi">"Suomi"</option>
            </select>
        </div>
    }
}
