//! Asks before unsaved input is lost: when a link inside the app is followed (the router's
//! navigation, including Cancel), on Back/Forward, and when the page is closed or reloaded.
//! Silent while `when` is false (nothing typed, or just saved).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The question for Back/Forward, which can only be asked with the browser's own dialog.
const LEAVE_QUESTION: &str = "You have unsaved changes. Leave this page and lose them?";

/// Guards the current view's unsaved input. Place it inside the form's view.
#[component]
pub fn UnsavedChangesGuard(
    /// There is unsaved input to protect.
    #[prop(into)]
    when: Signal<bool>,
) -> impl IntoView {
    let ask = RwSignal::new(false);
    let pending_link = StoredValue::new_local(None::<web_sys::HtmlAnchorElement>);
    let bypass = StoredValue::new(false);
    // The address of this view once the user has typed (the router updates the address bar
    // only after the view rendered, so it is read when the guard becomes active).
    let here = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        if when.get() {
            here.set_value(window().location().href().ok());
        }
    });

    // Closing or reloading the tab, or leaving the app: the browser's own prompt.
    let unload = window_event_listener(ev::beforeunload, move |ev| {
        if when.get_untracked() {
            ev.prevent_default();
            ev.set_return_value(LEAVE_QUESTION);
        }
    });

    // Links handled by the router: intercepted before the router sees the click.
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if bypass.get_value() || !when.get_untracked() {
            return;
        }
        if let Some(anchor) = app_link(&ev) {
            ev.prevent_default();
            ev.stop_propagation();
            pending_link.set_value(Some(anchor));
            ask.set(true);
        }
    });
    // Back and Forward: the URL has already changed; if the user stays, put it back before the
    // router sees the event.
    let on_popstate = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if !when.get_untracked() {
            return;
        }
        let leave = window()
            .confirm_with_message(LEAVE_QUESTION)
            .unwrap_or(true);
        if !leave {
            ev.stop_immediate_propagation();
            if let (Some(url), Ok(history)) = (here.get_value(), window().history()) {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
    });
    let win = window();
    let _ = win.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    let _ = win.add_event_listener_with_callback_and_bool(
        "popstate",
        on_popstate.as_ref().unchecked_ref(),
        true,
    );
    let listeners = StoredValue::new_local((on_click, on_popstate));
    on_cleanup(move || {
        unload.remove();
        listeners.with_value(|(click, popstate)| {
            let win = window();
            let _ = win.remove_event_listener_with_callback_and_bool(
                "click",
                click.as_ref().unchecked_ref(),
                true,
            );
            let _ = win.remove_event_listener_with_callback_and_bool(
                "popstate",
                popstate.as_ref().unchecked_ref(),
                true,
            );
        });
    });

    let leave = move |()| {
        if let Some(anchor) = pending_link.get_value() {
            pending_link.set_value(None);
            bypass.set_value(true);
            anchor.click();
            bypass.set_value(false);
        }
    };

    view! {
        <super::ConfirmModal
            open=ask
            title="Leave without saving?"
            confirm_label="Leave without saving"
            cancel_label="Stay on this page"
            on_confirm=leave
        >
            <p>"The changes you made on this page have not been saved. If you leave now, they will be lost."</p>
        </super::ConfirmModal>
    }
}

/// The link a click follows when the router would handle it: a plain left click on a
/// same-origin link to another path (in-page `#` links and new tabs are not navigation away).
fn app_link(ev: &web_sys::MouseEvent) -> Option<web_sys::HtmlAnchorElement> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let anchor: web_sys::HtmlAnchorElement = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into()
        .ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let location = window().location();
    let same_origin = anchor.origin() == location.origin().ok()?;
    let other_path = anchor.pathname() != location.pathname().ok()?;
    (same_origin && other_path).then_some(anchor)
}
