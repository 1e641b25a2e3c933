//! Toasts and the notices views leave each other: the row to highlight and the Next steps
//! panel after a save (views never import each other, so they meet here).

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// App-wide notices: toasts announced by a live region, and the row to highlight when a view
/// returns to the list after a save. Provided by [`crate::App`].
#[derive(Clone, Copy)]
pub struct Notices {
    toasts: RwSignal<Vec<(u32, String)>>,
    next_id: StoredValue<u32>,
    /// The customer id the list should scroll to and highlight once.
    pub highlight: RwSignal<Option<String>>,
    /// The organization just created: the list shows its Next steps panel until dismissed.
    pub next_steps: RwSignal<Option<String>>,
}

impl Notices {
    /// Empty notices.
    pub fn new() -> Self {
        Notices {
            toasts: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            highlight: RwSignal::new(None),
            next_steps: RwSignal::new(None),
        }
    }

    /// Shows a toast until dismissed (or for a few seconds).
    pub fn toast(&self, message: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.toasts.update(|t| t.push((id, message.into())));
        let toasts = self.toasts;
        set_timeout(
            move || toasts.update(|t| t.retain(|(i, _)| *i != id)),
            std::time::Duration::from_secs(8),
        );
    }

    fn dismiss(&self, id: u32) {
        self.toasts.update(|t| t.retain(|(i, _)| *i != id));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

/// The live region that shows and announces toasts.
#[component]
pub fn Toasts() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let i = use_i18n();
    view! {
        <div class="cm-toasts" role="status" aria-live="polite">
            <For each=move || notices.toasts.get() key=|(id, _)| *id let((id, message))>
                <div class="cm-toast">
                    <span>{message}</span>
                    <button type="button" class="cm-icon-button" aria-label=move || i.t().dismiss on:click=move |_| notices.dismiss(id)>
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
