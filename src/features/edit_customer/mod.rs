//! Edit customer (`/customers/:id/edit`): loads the customer, its usage and its change history,
//! saves with `If-Match`, and returns to the list.

use leptos::prelude::*;

mod activation_notice;
mod audit;
mod conflict;
mod form;
mod suggest;
mod usage;

pub use activation_notice::ActivationUndeliverable;
pub use audit::AuditTrail;
pub use form::{EditCustomerForm, UpdateRequest, Updated, change_lines};
pub use suggest::SuggestButton;
pub use usage::UsagePanel;

use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiError};
use crate::context::{Access, app_href, host_events};
use crate::i18n::{Texts, api_error, current_locale, resend_outcome, texts, use_i18n};
use crate::ui::error_panel::ErrorPanel;
use crate::ui::toast::Notices;

/// The toast after an edit was saved.
pub fn updated_message(t: &Texts, updated: &Updated) -> String {
    let changes = domain::CustomerChanges {
        user_licenses: (updated.before.user_licenses != updated.after.user_licenses)
            .then_some(updated.after.user_licenses),
        extra_storage_gb: (updated.before.extra_storage_gb != updated.after.extra_storage_gb)
            .then_some(updated.after.extra_storage_gb),
    };
    let lines = change_lines(t, &updated.before, &changes);
    if lines.is_empty() {
        (t.saved_toast)(&updated.after.organization_name)
    } else {
        (t.updated_toast)(&updated.after.organization_name, &lines.join("; "))
    }
}

/// The Edit customer view: loading, not-found and error states around the form, and the
/// audit trail below it.
#[component]
pub fn EditCustomerPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let notices = expect_context::<Notices>();
    let i = use_i18n();
    let navigate = use_navigate();
    // A viewer sees the customer read-only; an unknown role reads as a manager's.
    let view_only = Signal::from(Access::view_only());
    let title = move || {
        if view_only.get() {
            i.t().view_customer
        } else {
            i.t().edit_customer
        }
    };

    let (reload, set_reload) = signal(0u32);
    let customer = LocalResource::new(move || {
        let id = id.get();
        reload.track();
        async move { host_events::on_unauthorized(api::get_customer(&id).await) }
    });
    let save = Action::new_local(|request: &UpdateRequest| {
        let request = request.clone();
        async move {
            let before = request.before;
            host_events::on_unauthorized(
                api::update_customer(&before.id, before.version, &request.changes).await,
            )
            .map(|after| Updated { before, after })
        }
    });
    // The history is read again after every answer (a conflict means someone else saved).
    let audit = LocalResource::new(move || {
        let id = id.get();
        save.version().track();
        async move { host_events::on_unauthorized(api::customer_audit(&id).await) }
    });

    Effect::new(move |_| {
        if let Some(Ok(updated)) = save.value().get() {
            // In the language of the moment (untracked: a switch must not toast again).
            notices.toast(updated_message(texts(current_locale()), &updated));
            notices.highlight.set(Some(updated.after.id.clone()));
            host_events::customer_updated(&updated.before, &updated.after);
            navigate("/customers", Default::default());
        }
    });
    let retry = Callback::new(move |()| set_reload.update(|n| *n += 1));

    // The usage history for the chart and Suggest.
    let (usage_reload, set_usage_reload) = signal(0u32);
    let usage = LocalResource::new(move || {
        let id = id.get();
        usage_reload.track();
        async move {
            let days = domain::usage::DEFAULT_USAGE_DAYS;
            host_events::on_unauthorized(api::customer_usage(&id, days).await)
        }
    });
    let usage_retry = Callback::new(move |()| set_usage_reload.update(|n| *n += 1));
    let suggestion = Signal::derive(move || {
        usage.with(|u| match u {
            Some(Ok(u)) => domain::usage::suggest(&u.history(), u.extra_storage_gb),
            _ => None,
        })
    });

    // Resend of an undeliverable activation email: a toast says how it went; once queued the
    // notice goes (the customer is not reloaded, so nothing typed in the form is lost).
    let resent = RwSignal::new(false);
    let resend = Action::new_local(|(id, name): &(String, String)| {
        let (id, name) = (id.clone(), name.clone());
        async move {
            (
                name,
                host_events::on_unauthorized(api::resend_activation(&id).await),
            )
        }
    });
    Effect::new(move |_| {
        if let Some((name, result)) = resend.value().get() {
            resent.set(result.is_ok());
            // In the language of the moment (untracked: a switch must not toast again).
            notices.toast(resend_outcome(texts(current_locale()), &name, &result));
        }
    });

    view! {
        <section class="cm-form-page" aria-labelledby="cm-edit-customer-title">
            <nav class="cm-breadcrumbs" aria-label=move || i.t().breadcrumb>
                <A href=app_href("/customers")>{move || i.t().customers}</A>
            </nav>
            <Transition fallback=move || view! { <p class="cm-muted" role="status">{move || i.t().loading_customer}</p> }>
                {move || Suspend::new(async move {
                    match customer.await {
                        Ok(c) => {
                            let target = (c.id.clone(), c.organization_name.clone());
                            let on_resend = Callback::new(move |()| {
                                resend.dispatch(target.clone());
                            });
                            let notice = c.clone();
                            view! {
                            <header class="cm-page-header">
                                <h1 id="cm-edit-customer-title">{title}</h1>
                            </header>
                            <Show when=move || !resent.get()>
                                <ActivationUndeliverable
                                    customer=notice.clone()
                                    on_resend
                                    pending=resend.pending()
                                    view_only
                                />
                            </Show>
                            <EditCustomerForm customer=c save view_only suggestion/>
                            <UsagePanel usage=Signal::derive(move || usage.get()) on_retry=usage_retry/>
                            <section class="cm-audit" aria-labelledby="cm-audit-title">
                                <h2 id="cm-audit-title">{move || i.t().change_history}</h2>
                                <Transition fallback=move || view! { <p class="cm-muted">{move || i.t().loading_history}</p> }>
                                    {move || Suspend::new(async move {
                                        match audit.await {
                                            Ok(entries) => view! { <AuditTrail entries/> }.into_any(),
                                            Err(e) => view! {
                                                <p class="cm-muted">{move || (i.t().history_failed)(&api_error(i.t(), &e))}</p>
                                            }.into_any(),
                                        }
                                    })}
                                </Transition>
                            </section>
                            }
                            .into_any()
                        }
                        Err(ApiError::NotFound) => view! { <CustomerNotFound/> }.into_any(),
                        Err(error) => view! {
                            <h1 id="cm-edit-customer-title">{title}</h1>
                            <ErrorPanel error on_retry=retry/>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// An unknown id, or another reseller's customer: said plainly, with the way back.
#[component]
fn CustomerNotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="cm-not-found">
            <h1 id="cm-edit-customer-title">{move || i.t().customer_not_found}</h1>
            <p>{move || i.t().customer_not_found_body}</p>
            <A href=app_href("/customers")>{move || i.t().go_to_customers}</A>
        </div>
    }
}
