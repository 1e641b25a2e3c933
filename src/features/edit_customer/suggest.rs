//! Suggest: fills User Licenses and Extra Storage with what the usage trend calls for
//! (`domain::usage::suggest`), for the user to review; the form's own Save still decides.

use domain::format_storage;
use domain::usage::Suggestion;
use leptos::prelude::*;

use crate::i18n::{fill, format, use_i18n};
use crate::ui::inputs::StorageAmount;

/// Extra Storage as the field shows a suggested amount ("2.15 TB").
fn storage_field(s: &Suggestion) -> StorageAmount {
    StorageAmount::from_formatted(&format_storage(s.extra_storage_gb))
}

/// The Suggest button with what it does, and what it filled in while the fields still hold it.
#[component]
pub fn SuggestButton(
    /// What to fill in; no button without one (no usage yet, or it did not load).
    #[prop(into)]
    suggestion: Signal<Option<Suggestion>>,
    /// User Licenses as typed: Suggest fills it in.
    licenses: RwSignal<String>,
    /// Extra Storage as typed: Suggest fills it in.
    storage: RwSignal<StorageAmount>,
    /// Runs after Suggest filled the fields (the form clears its own notes).
    on_apply: Callback<()>,
    /// The fields take no input now (a save on its way).
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let i = use_i18n();
    let applied = RwSignal::new(None::<Suggestion>);
    // Once either field is changed the values are the user's, no longer the suggestion.
    let holds = move || {
        applied.get().filter(|s| {
            licenses.with(|l| *l == s.user_licenses.to_string())
                && storage.with(|v| *v == storage_field(s))
        })
    };
    move || {
        suggestion.get().map(|s| {
            view! {
                <div class="cm-suggest">
                    <button
                        type="button"
                        class="cm-button"
                        aria-describedby="cm-suggest-hint"
                        disabled=move || disabled.get()
                        on:click=move |_| {
                            licenses.set(s.user_licenses.to_string());
                            storage.set(storage_field(&s));
                            applied.set(Some(s));
                            on_apply.run(());
                        }
                    >
                        {move || i.t().usage.suggest}
                    </button>
                    <p id="cm-suggest-hint" class="cm-muted">{move || i.t().usage.suggest_hint}</p>
                    <p class="cm-suggest__done" role="status">
                        {move || holds().map(|s| fill(
                            i.t().usage.suggested,
                            &[&format::storage(s.extra_storage_gb), &format::count(s.user_licenses.into())],
                        ))}
                    </p>
                </div>
            }
        })
    }
}
