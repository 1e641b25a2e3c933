//! A failed load: what went wrong, the server's reference for it (to quote to support), and the
//! way forward (Retry, or signing in again).

use leptos::prelude::*;

use crate::api::Problem;
use crate::context::{AppConfig, AuthMode};
use crate::i18n::{Worded, use_i18n};

/// A failed load: what went wrong, in the server's words where it gave any, and a way forward.
#[component]
pub fn ErrorPanel<P: Problem + Worded>(
    /// The failure to explain.
    error: P,
    /// Runs the failed request again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let retryable = error.is_retryable();
    let unauthorized = error.is_unauthorized();
    // Embedded with a host-supplied token, the host re-authenticates (it got `auth-required`) and
    // the view retries when the new token arrives; standalone, a reload goes through sign-in.
    let host_signs_in = use_context::<AppConfig>().is_some_and(|c| c.auth == AuthMode::Bearer);
    let i = use_i18n();
    let message = {
        let error = error.clone();
        move || error.words(i.t())
    };
    let reference = error.reference().map(|id| {
        view! {
            <p class="cm-error-panel__reference">{move || (i.t().error_reference)(&id)}</p>
        }
    });
    view! {
        <div class="cm-error-panel" role="alert">
            <p class="cm-error-panel__message">{message}</p>
            {reference}
            {(unauthorized && host_signs_in).then(|| view! {
                <p>{move || i.t().sign_in_in_portal}</p>
            })}
            <div class="cm-error-panel__actions">
                {(unauthorized && !host_signs_in).then(|| view! {
                    <button type="button" class="cm-button" on:click=move |_| reload()>{move || i.t().sign_in_again}</button>
                })}
                {(!unauthorized).then(|| view! {
                    <button type="button" class="cm-button cm-button--primary" on:click=move |_| on_retry.run(())>
                        {move || if retryable { i.t().retry } else { i.t().try_again }}
                    </button>
                })}
            </div>
        </div>
    }
}

/// A full reload sends the browser through the host's sign-in again.
fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
