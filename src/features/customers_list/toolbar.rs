//! Search and filters above the table. Changes go to the URL through `on_change`.

use crate::i18n::{status_label, storage_type_label, use_i18n};
use domain::{CustomerStatus, StorageType};
use leptos::prelude::*;

use crate::api::ListQuery;

/// Typing pauses this long before the search runs, so each keystroke is not a request.
const SEARCH_DEBOUNCE_MS: u64 = 300;

/// Search box, status and storage type filters, "Needs attention", "Runs out within 30 days" and
/// Clear filters.
#[component]
pub fn Toolbar(
    /// The list state from the URL.
    query: Memo<ListQuery>,
    /// Called with the new list state; page resets to 1 on every filter change.
    on_change: Callback<ListQuery>,
    /// Clears search and filters.
    on_clear: Callback<()>,
) -> impl IntoView {
    // The box shows what is typed; the URL catches up after the debounce. A URL change from
    // elsewhere (Back, Clear filters) replaces the text unless it already matches.
    let i = use_i18n();
    let text = RwSignal::new(query.get_untracked().q);
    Effect::new(move || {
        let q = query.get().q;
        if text.get_untracked().trim() != q.trim() {
            text.set(q);
        }
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_search = move |value: String| {
        text.set(value.clone());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                on_change.run(ListQuery {
                    q: value,
                    page: 1,
                    ..query.get_untracked()
                })
            },
            std::time::Duration::from_millis(SEARCH_DEBOUNCE_MS),
        );
        pending.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });
    let change = move |f: Box<dyn Fn(&mut ListQuery)>| {
        let mut next = query.get_untracked();
        f(&mut next);
        next.page = 1;
        on_change.run(next);
    };
    let filtered = move || query.get().is_filtered();

    view! {
        <div class="cm-toolbar" role="search">
            <div class="cm-toolbar__field cm-toolbar__search">
                <label for="cm-search">{move || i.t().search}</label>
                <input
                    id="cm-search"
                    type="search"
                    placeholder=move || i.t().search_placeholder
                    autocomplete="off"
                    prop:value=move || text.get()
                    on:input:target=move |ev| on_search(ev.target().value())
                />
            </div>
            <div class="cm-toolbar__field">
                <label for="cm-filter-status">{move || i.t().status}</label>
                <select
                    id="cm-filter-status"
                    prop:value=move || query.get().status.map(|s| s.as_str()).unwrap_or("")
                    on:change:target=move |ev| {
                        let value = CustomerStatus::from_wire(&ev.target().value());
                        change(Box::new(move |q| q.status = value));
                    }
                >
                    <option value="">{move || i.t().all_statuses}</option>
                    {CustomerStatus::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str()>{move || status_label(i.t(), s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="cm-toolbar__field">
                <label for="cm-filter-storage">{move || i.t().storage_type}</label>
                <select
                    id="cm-filter-storage"
                    prop:value=move || query.get().storage_type.map(|s| s.as_str()).unwrap_or("")
                    on:change:target=move |ev| {
                        let value = StorageType::from_wire(&ev.target().value());
                        change(Box::new(move |q| q.storage_type = value));
                    }
                >
                    <option value="">{move || i.t().all_storage_types}</option>
                    {StorageType::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str()>{move || storage_type_label(i.t(), s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="cm-toolbar__check">
                <input
                    id="cm-filter-attention"
                    type="checkbox"
                    prop:checked=move || query.get().attention
                    on:change:target=move |ev| {
                        let value = ev.target().checked();
                        change(Box::new(move |q| q.attention = value));
                    }
                />
                <label for="cm-filter-attention">{move || i.t().needs_attention}</label>
            </div>
            <div class="cm-toolbar__check">
                <input
                    id="cm-filter-runs-out"
                    type="checkbox"
                    prop:checked=move || query.get().runs_out_soon
                    on:change:target=move |ev| {
                        let value = ev.target().checked();
                        change(Box::new(move |q| q.runs_out_soon = value));
                    }
                />
                <label for="cm-filter-runs-out">{move || i.t().runs_out_soon}</label>
            </div>
            <Show when=filtered>
                <button type="button" class="cm-button cm-button--quiet" on:click=move |_| on_clear.run(())>
                    {move || i.t().clear_filters}
                </button>
            </Show>
        </div>
    }
}
