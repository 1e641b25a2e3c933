//! What to do after creating a customer, shown on the Customers tab until dismissed.

use leptos::prelude::*;

use crate::context::AppConfig;
use crate::i18n::use_i18n;
use crate::ui::help_link::HelpLink;
use crate::ui::toast::Notices;

/// The dismiss button's visible mark (its accessible name says what it does).
const DISMISS_GLYPH: &str = "×";

/// The dismissible Next steps panel for the customer just created (`Notices::next_steps`):
/// configure SSO, grant permissions, make backup settings. Renders nothing otherwise.
#[component]
pub fn NextStepsPanel() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let config = use_context::<AppConfig>().unwrap_or_default();
    let i = use_i18n();
    move || {
        let organization = notices.next_steps.get()?;
        let config = config.clone();
        Some(view! {
            <section class="cm-next-steps" aria-labelledby="cm-next-steps-title">
                <div class="cm-next-steps__header">
                    <h2 id="cm-next-steps-title">{move || (i.t().next_steps_for)(&organization)}</h2>
                    <button
                        type="button"
                        class="cm-icon-button"
                        aria-label=move || i.t().dismiss_next_steps
                        on:click=move |_| notices.next_steps.set(None)
                    >
                        {DISMISS_GLYPH}
                    </button>
                </div>
                <p>{move || i.t().next_steps_body}</p>
                <ol class="cm-next-steps__list">
                    <li><HelpLink href=config.sso_help_url>{move || i.t().next_step_sso}</HelpLink></li>
                    <li><HelpLink href=config.permissions_help_url>{move || i.t().next_step_permissions}</HelpLink></li>
                    <li><HelpLink href=config.backup_settings_help_url>{move || i.t().next_step_settings}</HelpLink></li>
                </ol>
            </section>
        })
    }
}
