use leptos::prelude::*;

use crate::api::ApiError;
use crate::config::{AppConfig, AuthMode};

/// A failed load: what went wrong, in the server's words where it gave any, and a way forward.
#[component]
pub fn ErrorPanel(
    /// The failure to explain.
    error: ApiError,
    /// Runs the failed request again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let retryable = error.is_retryable();
    let unauthorized = error == ApiError::Unauthorized;
    // Embedded with a host-supplied token, the host re-authenticates (it got `auth-required`) and
    // the view retries when the new token arrives; standalone, a reload goes through sign-in.
    let host_signs_in = use_context::<AppConfig>().is_some_and(|c| c.auth == AuthMode::Bearer);
    view! {
        <div class="cm-error-panel" role="alert">
            <p class="cm-error-panel__message">{error.to_string()}</p>
            {(unauthorized && host_signs_in).then(|| view! {
                <p>"Sign in again in the portal; this view then reloads by itself."</p>
            })}
            <div class="cm-error-panel__actions">
                {(unauthorized && !host_signs_in).then(|| view! {
                    <button type="button" class="cm-button" on:click=move |_| reload()>"Sign in again"</button>
                })}
                {(!unauthorized).then(|| view! {
                    <button type="button" class="cm-button cm-button--primary" on:click=move |_| on_retry.run(())>
                        {if retryable { "Retry" } else { "Try again" }}
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
