//! The view for any path the app does not know.

use leptos::prelude::*;

use crate::config::app_href;
use leptos_router::components::A;

/// "Page not found" with a way back to the customer list.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="cm-not-found" aria-labelledby="cm-not-found-title">
            <h1 id="cm-not-found-title">"Page not found"</h1>
            <p>"There is nothing at this address. It may have been mistyped or the link may be out of date."</p>
            <A href=app_href("/customers")>"Go to Customers"</A>
        </section>
    }
}
