//! Suggest: fills User Licenses and Extra Storage with what the usage trend calls for
//! (`domain::usage::suggest`), for the user to review; the form's own Save still decides.

use domain::usage::Suggestion;
use leptos::prelude::*;

use crate::i18n::{fill, format, use_i18n};

/// The Suggest button with what it does, and what it filled in once pressed.
#[component]
pub fn SuggestButton(
    /// What to fill in; no button without one (no usage yet, or it did not load).
    #[prop(into)]
    suggestion: Signal<Option<Suggestion>>,
    /// Fills the form's fields.
    on_apply: Callback<Suggestion>,
    /// The fields take no input now (a save on its way).
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let i = use_i18n();
    let applied = RwSignal::new(None::<Suggestion>);
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
                            on_apply.run(s);
                            applied.set(Some(s));
                        }
                    >
                        {move || i.t().usage.suggest}
                    </button>
                    <p id="cm-suggest-hint" class="cm-muted">{move || i.t().usage.suggest_hint}</p>
                    <p class="cm-suggest__done" role="status">
                        {move || applied.get().map(|s| fill(
                            i.t().usage.suggested,
                            &[&format::storage(s.extra_storage_gb), &format::count(s.user_licenses.into())],
                        ))}
                    </p>
                </div>
            }
        })
    }
}
