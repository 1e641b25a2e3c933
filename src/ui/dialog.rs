//! A modal confirmation on the native `<dialog>`: the rest of the page is inert while it is open,
//! Tab cycles inside it, Escape closes it, and focus returns to where it was.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// What can take focus inside the dialog, for the Tab cycle.
const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

/// A modal dialog asking the user to confirm or cancel.
#[component]
pub fn ConfirmModal(
    /// Whether the dialog is shown. Set it to open; the dialog sets it back to `false` when it
    /// closes (Escape, Cancel, Confirm).
    open: RwSignal<bool>,
    /// The heading; it is also the dialog's accessible name. Texts follow the language.
    #[prop(into)]
    title: Signal<String>,
    /// The confirm button's text, e.g. "Save changes".
    #[prop(into)]
    confirm_label: Signal<String>,
    /// The cancel button's text (default: the catalogue's "Cancel").
    #[prop(optional, into)]
    cancel_label: MaybeProp<String>,
    /// Focus the confirm button when the dialog opens (default: the cancel button, the safe
    /// choice).
    #[prop(optional)]
    focus_confirm: bool,
    /// Runs after the user confirmed and the dialog closed.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// The dialog's content between the heading and the buttons.
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    let restore_to = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let title_id = format!("cm-modal-{}", next_modal_id());

    Effect::new(move |_| {
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        let want_open = open.get();
        if want_open && !dialog.open() {
            let active = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            restore_to.set_value(active);
            if dialog.show_modal().is_err() {
                // Not connected to the document (yet): show it inline rather than not at all.
                dialog.set_open(true);
            }
            let selector = if focus_confirm {
                ".cm-modal__confirm"
            } else {
                ".cm-modal__cancel"
            };
            if let Some(button) = dialog
                .query_selector(selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        } else if !want_open && dialog.open() {
            dialog.close();
        }
    });

    let restore_focus = move || {
        let body = document().body();
        let back = restore_to
            .get_value()
            .filter(|el| el.is_connected() && body.as_ref() != Some(el));
        restore_to.set_value(None);
        // Where it was is gone (the control that opened the dialog was removed): the form's
        // submit button, so keyboard focus is never dropped on the page.
        let fallback = || {
            dialog_ref
                .get_untracked()?
                .closest("form")
                .ok()??
                .query_selector("button[type=submit]:not([disabled])")
                .ok()??
                .dyn_into::<web_sys::HtmlElement>()
                .ok()
        };
        if let Some(el) = back.or_else(fallback) {
            let _ = el.focus();
        }
    };
    let close = move || {
        open.set(false);
        if let Some(dialog) = dialog_ref.get_untracked()
            && dialog.open()
        {
            dialog.close();
        }
    };

    // Tab and Shift+Tab wrap around inside the dialog.
    let trap_tab = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(dialog) = dialog_ref.get_untracked() else {
            return;
        };
        let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
            return;
        };
        let items: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into().ok())
            .collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return;
        };
        let active = document().active_element();
        let at = |el: &web_sys::HtmlElement| active.as_ref() == Some(el.unchecked_ref());
        if ev.shift_key() && at(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };

    let labelled_by = title_id.clone();
    view! {
        <dialog
            node_ref=dialog_ref
            class="cm-modal"
            aria-labelledby=labelled_by
            on:close=move |_| {
                open.set(false);
                restore_focus();
            }
            on:keydown=trap_tab
        >
            <h2 class="cm-modal__title" id=title_id>{move || title.get()}</h2>
            <div class="cm-modal__body">{children()}</div>
            <div class="cm-modal__actions">
                <button
                    type="button"
                    class="cm-button cm-button--primary cm-modal__confirm"
                    on:click=move |_| {
                        close();
                        on_confirm.run(());
                    }
                >
                    {move || confirm_label.get()}
                </button>
                <button type="button" class="cm-button cm-modal__cancel" on:click=move |_| close()>
                    {move || cancel_label.get().unwrap_or_else(|| i.t().cancel.to_owned())}
                </button>
            </div>
        </dialog>
    }
}

/// A number unique to this page, for ids.
fn next_modal_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
