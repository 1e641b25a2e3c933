//! The whole app: context for every view, the router with its routes and fallback, the language
//! switcher (unless the host sets the language) and the toasts.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use super::lazy::{Chunk, LazyView};
use super::not_found::NotFound;
use crate::api;
use crate::context::{Access, AppConfig, Locale, Session};
use crate::features::customers_list::CustomersPage;
use crate::form::guard::install_history_gate;
use crate::i18n::{self, use_i18n};
use crate::ui::toast::{Notices, Toasts};

/// The whole app: the router and its views, inside the app's root element.
#[component]
pub fn App(
    /// Settings from the host page; defaults for standalone use and tests.
    #[prop(optional)]
    config: Option<AppConfig>,
    /// Token hand-over from the host page.
    #[prop(optional)]
    session: Option<Session>,
    /// A known role (tests); without it the role is asked of `GET /me`.
    #[prop(optional)]
    access: Option<Access>,
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
    let session = session.unwrap_or_default();
    provide_context(session);
    provide_context(access.unwrap_or_else(|| ask_role(session)));
    provide_context(Notices::new());
    // Before the router: the unsaved-changes guard must see Back/Forward first.
    install_history_gate();
    // The views' chunks are fetched when the pointer or focus first reaches a link or button
    // (the user is about to act), so a click rarely waits for them.
    let preloaded = StoredValue::new(false);
    let warm = move |ev: &web_sys::Event| {
        if preloaded.get_value() {
            return;
        }
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a, button").ok().flatten())
            .is_some();
        if on_control {
            preloaded.set_value(true);
            leptos::task::spawn_local(super::lazy::preload());
        }
    };
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
        <div
            class="cm-app"
            node_ref=root
            lang=move || i18n.locale().tag()
            on:mouseover=move |ev| warm(&ev)
            on:focusin=move |ev| warm(&ev)
        >
            <Router base=base>
                {switcher.then(|| view! { <LanguageSwitcher remember/> })}
                <main class="cm-main">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                        <Route path=path!("/customers") view=CustomersPage/>
                        <Route path=path!("/customers/new") view=|| view! { <LazyView chunk=Chunk::AddCustomer/> }/>
                        <Route path=path!("/customers/import") view=|| view! { <LazyView chunk=Chunk::ImportCustomers/> }/>
                        <Route path=path!("/customers/:id/edit") view=|| view! { <LazyView chunk=Chunk::EditCustomer/> }/>
                    </Routes>
                </main>
            </Router>
            <Toasts/>
        </div>
    }
}

/// The role, asked of `GET /me` at start-up (after the list's early request, which does not wait
/// for it) and again for each new token. Until it answers, and if it fails (no error is shown:
/// the list says what is wrong with the session), the role is unknown, which reads as a
/// manager's; see [`Access`].
fn ask_role(session: Session) -> Access {
    let access = Access::new();
    Effect::new(move || {
        session.token_epoch.track();
        leptos::task::spawn_local(async move {
            if let Ok(me) = api::me().await {
                let _ = access.role.try_set(Some(me.role));
            }
        });
    });
    access
}

/// The language choice, offered unless the host set `data-locale`.
#[component]
fn LanguageSwitcher(
    /// Keep the choice in `localStorage` for the next visit.
    remember: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="cm-language">
            <label for="cm-language">{move || i18n.t().language}</label>
            <select
                id="cm-language"
                prop:value=move || i18n.locale().tag()
                on:change:target=move |ev| {
                    if let Some(locale) = Locale::from_tag(&ev.target().value()) {
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
