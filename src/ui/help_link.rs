//! A link to help outside the app that opens in a new tab and says so.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A link to help outside the app, opening in a new tab (and saying so).
#[component]
pub fn HelpLink(
    /// Where the help lives.
    href: String,
    /// The link text.
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <a href=href target="_blank" rel="noopener noreferrer">
            {children()}
            <span class="cm-visually-hidden">{move || i.t().opens_in_new_tab}</span>
        </a>
    }
}
