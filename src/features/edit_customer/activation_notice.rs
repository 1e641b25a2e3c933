//! The Edit page's notice for an activation email that could not be delivered, with Resend.

use domain::{ActivationEmail, Customer};
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Says that the customer's activation email could not be delivered (after three days of
/// retries) and offers Resend (not to a viewer); renders nothing for any other state.
#[component]
pub fn ActivationUndeliverable(
    /// The customer as loaded.
    customer: Customer,
    /// Queues a new activation email.
    on_resend: Callback<()>,
    /// A resend is under way (the button waits).
    #[prop(into)]
    pending: Signal<bool>,
    /// The person may only view: the notice without Resend (the server would refuse it).
    #[prop(optional, into)]
    view_only: Signal<bool>,
) -> impl IntoView {
    let i = use_i18n();
    (customer.activation_email == ActivationEmail::Undeliverable).then(|| {
        let to = customer.notify_emails.join("; ");
        view! {
            <div class="cm-activation-failed" role="alert">
                <p>{move || (i.t().activation_undeliverable)(&to)}</p>
                <Show when=move || !view_only.get()>
                    <button
                        type="button"
                        class="cm-button"
                        disabled=move || pending.get()
                        aria-busy=move || pending.get().to_string()
                        on:click=move |_| on_resend.run(())
                    >
                        {move || i.t().resend_activation}
                    </button>
                </Show>
            </div>
        }
    })
}
