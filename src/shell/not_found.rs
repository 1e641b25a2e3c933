//! The view for any path the app does not know.

use crate::i18n::use_i18n;
use leptos::prelude::*;

use crate::context::app_href;
use leptos_router::components::A;

/// {move || i.t().page_not_found} with a way back to the customer list.
#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="cm-not-found" aria-labelledby="cm-not-found-title">
            <h1 id="cm-not-found-title">{move || i.t().page_not_found}</h1>
            <p>{move || i.t().page_not_found_body}</p>
            <A href=app_href("/customers")>{move || i.t().go_to_customers}</A>
        </section>
    }
}
