//! The Customers tab. Everything the user chooses (search, filters, sort, page) lives in the URL
//! query, so a reload, a shared link and the Back button restore exactly the same view.

mod add_menu;
mod pager;
mod table;
mod toolbar;

pub use table::CustomersTable;
pub use toolbar::Toolbar;

use domain::{CustomerStatus, StorageType};
use leptos::prelude::*;

use crate::config::app_href;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use crate::api::{self, ApiError, ListQuery};
use crate::components::{ConfirmModal, ErrorPanel, NextStepsPanel, Notices};
use crate::config::{AppConfig, AuthMode};
use crate::i18n::{api_error, use_i18n};
use add_menu::AddMenu;
use pager::Pager;
use wasm_bindgen::JsCast;

/// How long a just-saved row stays highlighted.
const HIGHLIGHT_MS: u64 = 4000;

/// Reads the list state from the URL query; unknown or invalid values fall back to defaults.
pub fn query_from_params(params: &ParamsMap) -> ListQuery {
    let number = |key: &str| params.get(key).and_then(|v| v.parse::<u32>().ok());
    ListQuery {
        q: params.get("q").unwrap_or_default(),
        status: params
            .get("status")
            .and_then(|s| CustomerStatus::from_wire(&s)),
        storage_type: params
            .get("storage_type")
            .and_then(|s| StorageType::from_wire(&s)),
        attention: params.get("attention").as_deref() == Some("true"),
        sort: params.get("sort").filter(|s| !s.is_empty()),
        page: number("page").filter(|p| *p >= 1).unwrap_or(1),
        per_page: number("per_page")
            .filter(|n| (1..=100).contains(n))
            .unwrap_or(ListQuery::DEFAULT_PER_PAGE),
    }
}

/// Whether any filter narrows the list (sort and paging do not).
fn is_filtered(query: &ListQuery) -> bool {
    !query.q.trim().is_empty()
        || query.status.is_some()
        || query.storage_type.is_some()
        || query.attention
}

/// The Customers tab: toolbar, table, paging, and the loading, empty and error states.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(query_from_params));
    let navigate = use_navigate();
    let go = Callback::new(move |next: ListQuery| {
        let qs = next.to_query_string();
        let url = if qs.is_empty() {
            "/customers".to_owned()
        } else {
            format!("/customers?{qs}")
        };
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });

    let (reload, set_reload) = signal(0u32);
    let session = use_context::<crate::Session>().unwrap_or_default();
    let customers = LocalResource::new(move || {
        let q = query.get();
        reload.track();
        // A fresh token from the host page retries a list that failed with 401.
        session.token_epoch.track();
        async move { api::list_customers(&q).await }
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
    // Resend activation: the confirmation dialog and the request.
    let resend_target = RwSignal::new(None::<domain::Customer>);
    let resend_open = RwSignal::new(false);
    let resend = Action::new_local(move |customer: &domain::Customer| {
        let customer = customer.clone();
        async move {
            (
                customer.organization_name.clone(),
                api::resend_activation(&customer.id).await,
            )
        }
    });
    Effect::new(move || {
        if let Some((name, result)) = resend.value().get() {
            let t = i.t();
            notices.toast(match result {
                Ok(queued) => (t.resend_queued)(&name, &queued.recipients.join("; ")),
                Err(ApiError::RateLimited {
                    retry_after_secs, ..
                }) => (t.resend_rate_limited)(&name, retry_after_secs.unwrap_or(60)),
                Err(error) => (t.resend_failed)(&name, &api_error(t, &error)),
            });
        }
    });
    let on_resend = Callback::new(move |c| {
        resend_target.set(Some(c));
        resend_open.set(true);
    });
    let on_sort = Callback::new(move |sort: String| {
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
                    <AddMenu/>
                </div>
            </header>
            <NextStepsPanel/>
            <Toolbar query=query on_change=go on_clear=on_clear/>
            <MissingHighlight customers=customers just_saved=just_saved/>
            <div class="cm-results" aria-busy=move || pending.get().to_string()>
                <Transition fallback=|| view! { <TableSkeleton/> } set_pending>
                    {move || {
                        // A language switch re-renders the rows in the new language.
                        i.locale();
                        Suspend::new(async move {
                        match customers.await {
                            Ok(page) => {
                                let q = query.get_untracked();
                                let filtered = is_filtered(&q);
                                let total = page.total;
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
                                    />
                                    <Pager query=query total=total page=shown_page per_page=shown_per_page on_change=go/>
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

/// "Export CSV" for the current filters, all pages. With cookie auth it is a plain download link;
/// with a host-supplied bearer token the file is fetched (a link cannot carry the header) and
/// handed to the browser as a download.
#[component]
fn ExportCsv(query: Memo<ListQuery>) -> impl IntoView {
    let bearer = use_context::<AppConfig>().is_some_and(|c| c.auth == AuthMode::Bearer);
    let i = use_i18n();
    if !bearer {
        return view! {
            <a class="cm-button" href=move || api::export_csv_url(&query.get()) download="customers.csv">
                {move || i.t().export_csv}
            </a>
        }
        .into_any();
    }
    let notices = expect_context::<Notices>();
    let export = Action::new_local(move |q: &ListQuery| {
        let q = q.clone();
        async move { api::export_csv(&q).await }
    });
    Effect::new(move || match export.value().get() {
        Some(Ok(csv)) => {
            if let Err(problem) = download("customers.csv", &csv) {
                notices.toast((i.t().export_not_saved)(&problem));
            }
        }
        Some(Err(error)) => notices.toast((i.t().export_failed)(&api_error(i.t(), &error))),
        None => {}
    });
    view! {
        <button
            type="button"
            class="cm-button"
            aria-busy=move || export.pending().get().to_string()
            disabled=move || export.pending().get()
            on:click=move |_| {
                export.dispatch(query.get_untracked());
            }
        >
            {move || i.t().export_csv}
        </button>
    }
    .into_any()
}

/// Offers `text` to the user as a file download.
fn download(file_name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "no Blob support")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL support")?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link")?
        .dyn_into()
        .map_err(|_| "no link")?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Revoked later: revoking at once can cancel the download before the browser reads the blob.
    set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(30),
    );
    Ok(())
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
        <div class="cm-table-wrap">
            <p class="cm-visually-hidden" role="status">{move || i.t().loading_customers}</p>
            <table class="cm-table cm-table--skeleton" aria-hidden="true">
                <tbody>
                    {(0..10)
                        .map(|_| view! {
                            <tr>{(0..7).map(|_| view! { <td><span class="cm-skeleton"></span></td> }).collect_view()}</tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
