//! The Add menu button (a real menu: `aria-haspopup`, arrow keys, Escape).

use crate::i18n::use_i18n;
use leptos::html;
use leptos::prelude::*;

use crate::context::app_href;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

/// "Add" with its menu: Add customer (the form) and Import customers (a CSV file).
#[component]
pub fn AddMenu() -> impl IntoView {
    let i = use_i18n();
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();

    let items = move || -> Vec<web_sys::HtmlElement> {
        let Some(menu) = menu.get_untracked() else {
            return Vec::new();
        };
        let Ok(list) = menu.query_selector_all("[role=menuitem]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    };
    // Focus moves into the menu at once (unhiding it ahead of the reactive update, which sets the
    // same value), so a second key pressed right away already lands on the item.
    let focus_item = move |index: Option<usize>| {
        if let Some(menu) = menu.get_untracked() {
            menu.set_hidden(false);
        }
        let items = items();
        let i = index.unwrap_or(items.len().saturating_sub(1));
        if let Some(item) = items.get(i) {
            let _ = item.focus();
        }
    };
    let close = move |restore_focus: bool| {
        open.set(false);
        if let (true, Some(button)) = (restore_focus, button.get_untracked()) {
            let _ = button.focus();
        }
    };
    let on_button_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "Enter" | " " => {
            ev.prevent_default();
            open.set(true);
            focus_item(Some(0));
        }
        "ArrowUp" => {
            ev.prevent_default();
            open.set(true);
            focus_item(None);
        }
        _ => {}
    };
    let on_menu_key = move |ev: web_sys::KeyboardEvent| {
        let items = items();
        let current = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|active| items.iter().position(|i| **i == active));
        let step = |delta: isize| {
            let n = items.len() as isize;
            let next = (current.map_or(0, |c| c as isize) + delta).rem_euclid(n.max(1));
            if let Some(item) = items.get(next as usize) {
                let _ = item.focus();
            }
        };
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                step(1);
            }
            "ArrowUp" => {
                ev.prevent_default();
                step(-1);
            }
            "Home" => {
                ev.prevent_default();
                if let Some(item) = items.first() {
                    let _ = item.focus();
                }
            }
            "End" => {
                ev.prevent_default();
                if let Some(item) = items.last() {
                    let _ = item.focus();
                }
            }
            "Escape" => {
                ev.prevent_default();
                close(true);
            }
            "Tab" => close(false),
            _ => {}
        }
    };
    // Clicking or tabbing anywhere outside closes the menu.
    let on_focus_out = move |ev: web_sys::FocusEvent| {
        let wrapper = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let next = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if wrapper.is_some_and(|w| !w.contains(next.as_ref())) {
            open.set(false);
        }
    };

    view! {
        <div class="cm-menu" on:focusout=on_focus_out>
            <button
                node_ref=button
                type="button"
                class="cm-button cm-button--primary"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls="cm-add-menu"
                on:click=move |_| {
                    let now_open = !open.get_untracked();
                    open.set(now_open);
                    if now_open {
                        focus_item(Some(0));
                    }
                }
                on:keydown=on_button_key
            >
                {move || i.t().add}
                <span aria-hidden="true">"▾"</span>
            </button>
            <div
                node_ref=menu
                id="cm-add-menu"
                class="cm-menu__list"
                role="menu"
                aria-label=move || i.t().add
                hidden=move || !open.get()
                on:keydown=on_menu_key
                on:click=move |_| open.set(false)
            >
                <A href=app_href("/customers/new") attr:role="menuitem" attr:tabindex="-1" attr:class="cm-menu__item">
                    {move || i.t().add_customer}
                </A>
                <A href=app_href("/customers/import") attr:role="menuitem" attr:tabindex="-1" attr:class="cm-menu__item">
                    {move || i.t().import_customers}
                </A>
            </div>
        </div>
    }
}
