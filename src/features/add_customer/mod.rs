//! Add customer (`/customers/new`): the form, the create request, and the way back to the list.

use domain::Customer;
use leptos::either::Either;
use leptos::prelude::*;

mod form;

pub use form::{CreateInput, CustomerForm};

use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::context::{Access, app_href, host_events};
use crate::i18n::{Texts, current_locale, texts, use_i18n};
use crate::ui::toast::Notices;

/// The toast after a customer was created.
pub fn created_message(t: &Texts, customer: &Customer) -> String {
    (t.created_toast)(
        &customer.organization_name,
        &customer.notify_emails.join(", "),
    )
}

/// The Add customer view (for a viewer, a line saying a manager adds customers). On success: toast, highlight the row and show the Next steps panel
/// on the list, tell the host page, and return to the list.
#[component]
pub fn AddCustomerPage() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let i = use_i18n();
    let navigate = use_navigate();
    let view_only = Access::view_only();
    let save = Action::new_local(|(customer, key): &CreateInput| {
        let (customer, key) = (customer.clone(), key.clone());
        async move { host_events::on_unauthorized(api::create_customer(&customer, &key).await) }
    });
    Effect::new(move |_| {
        if let Some(Ok(customer)) = save.value().get() {
            // In the language of the moment (untracked: a switch must not toast again).
            notices.toast(created_message(texts(current_locale()), &customer));
            notices.highlight.set(Some(customer.id.clone()));
            notices
                .next_steps
                .set(Some(customer.organization_name.clone()));
            host_events::customer_created(&customer);
            navigate("/customers", Default::default());
        }
    });

    view! {
        <section class="cm-form-page" aria-labelledby="cm-add-customer-title">
            <nav class="cm-breadcrumbs" aria-label=move || i.t().breadcrumb>
                <A href=app_href("/customers")>{move || i.t().customers}</A>
            </nav>
            <header class="cm-page-header">
                <h1 id="cm-add-customer-title">{move || i.t().add_customer}</h1>
            </header>
            // A viewer gets why there is no form rather than one whose save would be refused.
            {move || if view_only.get() {
                Either::Left(view! { <p class="cm-view-only">{move || i.t().view_only_add}</p> })
            } else {
                Either::Right(view! { <CustomerForm save/> })
            }}
        </section>
    }
}
