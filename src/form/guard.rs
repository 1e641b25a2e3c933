//! Asks before unsaved input is lost: when a link inside the app is followed (the router's
//! navigation, including Cancel), on Back/Forward, and when the page is closed or reloaded.
//! Silent while `when` is false (nothing typed, or just saved).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::i18n::{current_locale, texts, use_i18n};
use crate::ui::dialog::ConfirmModal;

/// The question for Back/Forward, which can only be asked with the browser's own dialog.
fn leave_question() -> &'static str {
    texts(current_locale()).leave_question
}

/// A guard's answer to Back/Forward: `true` when it kept the user on the form.
type BackOrForward = Rc<dyn Fn(&web_sys::Event) -> bool>;

thread_local! {
    /// The Back/Forward check of the guard mounted last (a view has at most one form).
    static ACTIVE_GUARD: RefCell<Option<BackOrForward>> = const { RefCell::new(None) };
    /// The gate is on the page (once, however often the app mounts).
    static GATE_INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Lets [`UnsavedChangesGuard`] ask before Back/Forward leaves a form. Call it once in the app's
/// root component *before* the `<Router>` is created: listeners on `window` run in the order
/// they were added, and this one must see `popstate` before the router does.
pub fn install_history_gate() {
    if GATE_INSTALLED.with(|g| g.replace(true)) {
        return;
    }
    let gate = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let guard = ACTIVE_GUARD.with(|g| g.borrow().clone());
        if let Some(guard) = guard {
            guard(&ev);
        }
    });
    let _ = window().add_event_listener_with_callback("popstate", gate.as_ref().unchecked_ref());
    // The app lives as long as the page.
    gate.forget();
}

/// The guard's capturing listeners on `window`. They are removed when the guard's owner is
/// cleaned up (the view is left), and each one also checks that the guard's element is still in
/// the document, so a listener can never act for a form that is gone.
#[derive(Clone, Default)]
struct WindowListeners {
    added: Rc<RefCell<Vec<(&'static str, js_sys::Function)>>>,
    seen_connected: Rc<Cell<bool>>,
}

impl WindowListeners {
    /// Adds a capturing listener for `name` that runs `handler` while `marker` is connected.
    fn add(
        &self,
        marker: NodeRef<html::Div>,
        name: &'static str,
        handler: impl Fn(web_sys::Event) + 'static,
    ) {
        let this = self.clone();
        let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let connected = marker
                .try_get_untracked()
                .flatten()
                .is_some_and(|m| m.is_connected());
            if connected {
                this.seen_connected.set(true);
                handler(ev);
            } else if this.seen_connected.get() {
                this.remove_all();
            }
        });
        let function: js_sys::Function = closure.into_js_value().unchecked_into();
        let _ = window().add_event_listener_with_callback_and_bool(name, &function, true);
        self.added.borrow_mut().push((name, function));
    }

    fn remove_all(&self) {
        for (name, function) in self.added.borrow_mut().drain(..) {
            let _ = window().remove_event_listener_with_callback_and_bool(name, &function, true);
        }
    }
}

/// Guards the current view's unsaved input. Place it inside the form's view. Back/Forward are
/// only guarded when the app called [`install_history_gate`] before creating its router.
#[component]
pub fn UnsavedChangesGuard(
    /// There is unsaved input to protect.
    #[prop(into)]
    when: Signal<bool>,
) -> impl IntoView {
    let i = use_i18n();
    let marker = NodeRef::<html::Div>::new();
    let ask = RwSignal::new(false);
    let pending_link = StoredValue::new_local(None::<web_sys::HtmlAnchorElement>);
    let bypass = Rc::new(Cell::new(false));
    // The address of this view, as of the last edit (the router updates the address bar only
    // after the view rendered, so it is read when the user types, not when the guard mounts).
    let here = Rc::new(RefCell::new(None::<String>));
    let active = move || when.try_get_untracked().unwrap_or(false);
    let listeners = WindowListeners::default();
    let on_leave = StoredValue::new_local(listeners.clone());
    on_cleanup(move || on_leave.with_value(WindowListeners::remove_all));

    listeners.add(marker, "input", {
        let here = here.clone();
        move |_| *here.borrow_mut() = window().location().href().ok()
    });

    // Closing or reloading the tab, or leaving the app: the browser's own prompt.
    listeners.add(marker, "beforeunload", move |ev| {
        if active() {
            ev.prevent_default();
            if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                ev.set_return_value(leave_question());
            }
        }
    });

    // Links handled by the router: intercepted before the router sees the click.
    listeners.add(marker, "click", {
        let bypass = bypass.clone();
        move |ev| {
            if bypass.get() || !active() {
                return;
            }
            let Some(ev) = ev.dyn_ref::<web_sys::MouseEvent>() else {
                return;
            };
            if let Some(anchor) = app_link(ev) {
                ev.prevent_default();
                ev.stop_propagation();
                pending_link.set_value(Some(anchor));
                ask.set(true);
            }
        }
    });

    // Back and Forward: the URL has already changed; if the user stays, put it back before the
    // router sees the event. Window listeners run in the order they were added, so this only
    // works from the gate the app installs before its router (see `install_history_gate`).
    let on_back_or_forward = move |ev: &web_sys::Event| -> bool {
        let connected = marker
            .try_get_untracked()
            .flatten()
            .is_some_and(|m| m.is_connected());
        if !connected || !active() {
            return false;
        }
        let leave = window()
            .confirm_with_message(leave_question())
            .unwrap_or(true);
        if !leave {
            ev.stop_immediate_propagation();
            if let (Some(url), Ok(history)) = (here.borrow().clone(), window().history()) {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
        !leave
    };
    ACTIVE_GUARD.with(|g| *g.borrow_mut() = Some(Rc::new(on_back_or_forward)));

    let bypass = StoredValue::new_local(bypass);
    let leave = move |()| {
        if let Some(anchor) = pending_link.get_value() {
            pending_link.set_value(None);
            bypass.with_value(|b| b.set(true));
            anchor.click();
            bypass.with_value(|b| b.set(false));
        }
    };

    view! {
        <div class="cm-guard" node_ref=marker>
            <ConfirmModal
                open=ask
                title=Signal::derive(move || i.t().leave_title.to_owned())
                confirm_label=Signal::derive(move || i.t().leave_confirm.to_owned())
                cancel_label=Signal::derive(move || Some(i.t().leave_stay.to_owned()))
                on_confirm=leave
            >
                <p>{move || i.t().leave_body}</p>
            </ConfirmModal>
        </div>
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
