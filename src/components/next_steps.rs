//! What to do after creating a customer, shown on the Customers tab until dismissed.

use leptos::prelude::*;

use super::Notices;
use crate::config::AppConfig;

/// The dismissible Next steps panel for the customer just created (`Notices::next_steps`):
/// configure SSO, grant permissions, make backup settings. Renders nothing otherwise.
#[component]
pub fn NextStepsPanel() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let config = use_context::<AppConfig>().unwrap_or_default();
    move || {
        let organization = notices.next_steps.get()?;
        let config = config.clone();
        Some(view! {
            <section class="cm-next-steps" aria-labelledby="cm-next-steps-title">
                <div class="cm-next-steps__header">
                    <h2 id="cm-next-steps-title">"Next steps for " {organization}</h2>
                    <button
                        type="button"
                        class="cm-icon-button"
                        aria-label="Dismiss next steps"
                        on:click=move |_| notices.next_steps.set(None)
                    >
                        "×"
                    </button>
                </div>
                <p>"The customer has been sent the activation email. To start backing up their Microsoft 365 data:"</p>
                <ol class="cm-next-steps__list">
                    <li><HelpLink href=config.sso_help_url>"Configure SSO to the customer's backup environment"</HelpLink></li>
                    <li><HelpLink href=config.permissions_help_url>"Grant permissions for the backup applications"</HelpLink></li>
                    <li><HelpLink href=config.backup_settings_help_url>"Make backup settings for the customer"</HelpLink></li>
                </ol>
            </section>
        })
    }
}

/// A link to help outside the app, opening in a new tab (and saying so).
#[component]
pub fn HelpLink(
    /// Where the help lives.
    href: String,
    /// The link text.
    children: Children,
) -> impl IntoView {
    view! {
        <a href=href target="_blank" rel="noopener noreferrer">
            {children()}
            <span class="cm-visually-hidden">" (opens in a new tab)"</span>
        </a>
    }
}
