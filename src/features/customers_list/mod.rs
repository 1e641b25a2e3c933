//! The Customers tab. Everything the user chooses (search, filters, sort, page) lives in the URL
//! query, so a reload, a shared link and the Back button restore exactly the same view.

mod add_menu;
mod export;
mod next_steps;
mod pager;
mod table;
mod toolbar;
mod url;

pub use pager::Pager;
pub use table::CustomersTable;
pub use toolbar::Toolbar;
pub use url::query_from_params;

use domain::Sort;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError, ListQuery};
use crate::context::{Access, Session, app_href, host_events};
use crate::i18n::{resend_outcome, use_i18n};
use crate::ui::dialog::ConfirmModal;
use crate::ui::error_panel::ErrorPanel;
use crate::ui::toast::Notices;
use add_menu::AddMenu;
use export::ExportCsv;
use next_steps::NextStepsPanel;

/// How long a just-saved row stays highlighted.
const HIGHLIGHT_MS: u64 = 4000;

/// The Customers tab: toolbar, table, paging, and the loading, empty and error states.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(query_from_params));
    let go = url::navigator();

    let (reload, set_reload) = signal(0u32);
    let session = use_context::<Session>().unwrap_or_default();
    let customers = LocalResource::new(move || {
        let q = query.get();
        reload.track();
        // A fresh token from the host page retries a list that failed with 401.
        session.token_epoch.track();
        async move { host_events::on_unauthorized(api::list_customers(&q).await) }
    });
    let retry = Callback::new(move |()| set_reload.update(|n| *n += 1));
    let (pending, set_pending) = signal(false);

    let notices = expect_context::<Notices>();
    let highlight = notices.highlight;
    // Kept after the highlight fades, so the "not on this page" callout stays until the user moves on.
    let just_saved = highlight.get_untracked();
    Effect::new(move || {
        if highlight.get().is_some() {
            set_timeout(
                move || highlight.set(None),
                std::time::Duration::from_millis(HIGHLIGHT_MS),
            );
        }
    });

    let i = use_i18n();
    // A viewer gets no Add menu and reads "View customer"; an unknown role reads as a manager's.
    let view_only = Access::view_only();
    // Resend activation: the confirmation dialog and the request.
    let resend_target = RwSignal::new(None::<domain::Customer>);
    let resend_open = RwSignal::new(false);
    let resend = Action::new_local(move |customer: &domain::Customer| {
        let customer = customer.clone();
        async move {
            (
                customer.organization_name.clone(),
                host_events::on_unauthorized(api::resend_activation(&customer.id).await),
            )
        }
    });
    Effect::new(move || {
        if let Some((name, result)) = resend.value().get() {
            notices.toast(resend_outcome(i.t(), &name, &result));
        }
    });
    let on_resend = Callback::new(move |c| {
        resend_target.set(Some(c));
        resend_open.set(true);
    });
    let on_sort = Callback::new(move |sort: Sort| {
        go.run(ListQuery {
            sort: Some(sort),
            page: 1,
            ..query.get()
        })
    });
    let on_clear = Callback::new(move |()| {
        go.run(ListQuery {
            sort: query.get().sort,
            per_page: query.get().per_page,
            ..ListQuery::default()
        })
    });

    view! {
        <section class="cm-customers" aria-labelledby="cm-customers-title">
            <header class="cm-page-header">
                <h1 id="cm-customers-title">{move || i.t().customers}</h1>
                <div class="cm-page-header__actions">
                    <ExportCsv query=query/>
                    <Show when=move || !view_only.get()>
                        <AddMenu/>
                    </Show>
                </div>
            </header>
            <NextStepsPanel/>
            <Toolbar query=query on_change=go on_clear=on_clear/>
            <MissingHighlight customers=customers just_saved=just_saved/>
            <div class="cm-results" aria-busy=move || pending.get().to_string()>
                <Transition fallback=|| view! { <TableSkeleton/> } set_pending>
                    {move || {
                        // A language switch re-renders the rows in the new language, and a role
                        // known to be a viewer's re-renders them read-only.
                        i.locale();
                        let view_only = view_only.get();
                        Suspend::new(async move {
                        match customers.await {
                            Ok(page) => {
                                let q = query.get_untracked();
                                let filtered = q.is_filtered();
                                let (total, total_is_lower_bound) = (page.total, page.total_is_lower_bound);
                                let (shown_page, shown_per_page) = (page.page, page.per_page);
                                view! {
                                    <CustomersTable
                                        customers=page.items
                                        sort=Signal::derive(move || query.get().sort)
                                        on_sort
                                        highlight=highlight
                                        on_resend
                                        filtered
                                        on_clear_filters=on_clear
                                        view_only
                                    />
                                    <Pager query=query total=total total_is_lower_bound page=shown_page per_page=shown_per_page on_change=go/>
                                }
                                .into_any()
                            }
                            Err(error) => view! { <ErrorPanel error on_retry=retry/> }.into_any(),
                        }
                    })
                    }}
                </Transition>
            </div>
            <ConfirmModal
                open=resend_open
                title=Signal::derive(move || i.t().resend_question.to_owned())
                confirm_label=Signal::derive(move || i.t().resend.to_owned())
                cancel_label=Signal::derive(move || i.t().cancel.to_owned())
                on_confirm=move |()| {
                    if let Some(c) = resend_target.get_untracked() {
                        resend.dispatch(c);
                    }
                }
            >
                {move || resend_target.get().map(|c| view! {
                    <p>{(i.t().resend_explained)(&c.organization_name, &c.notify_emails.join("; "))}</p>
                })}
            </ConfirmModal>
        </section>
    }
}

/// When the customer just saved is not on the current page, says so and offers a link to it.
#[component]
fn MissingHighlight(
    customers: LocalResource<Result<domain::CustomerPage, ApiError>>,
    just_saved: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let missing = move || {
        let id = just_saved.clone()?;
        let page = customers.get()?.ok()?;
        (!page.items.iter().any(|c| c.id == id)).then_some(id)
    };
    move || {
        missing().map(|id| {
            let href = app_href(&format!(
                "/customers?q={}",
                js_sys::encode_uri_component(&id)
            ));
            view! {
                <p class="cm-callout" role="status">
                    {move || i18n.t().saved_not_on_page}
                    <leptos_router::components::A href=href>{move || i18n.t().show_it}</leptos_router::components::A>
                </p>
            }
        })
    }
}

/// Placeholder rows the size of real ones, so the layout does not shift when data arrives.
#[component]
fn TableSkeleton() -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="cm-table-wrap cm-table-wrap--customers">
            <p class="cm-visually-hidden" role="status">{move || i.t().loading_customers}</p>
            <table class="cm-table cm-table--customers cm-table--skeleton" aria-hidden="true">
                <tbody>
                    {(0..10)
                        .map(|_| view! {
                            <tr>{(0..8).map(|_| view! { <td><span class="cm-skeleton"></span></td> }).collect_view()}</tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
