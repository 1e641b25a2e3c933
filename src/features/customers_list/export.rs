//! Export CSV: every customer matching the current filters, in the chosen order.

use leptos::prelude::*;

use crate::api::{self, ListQuery};
use crate::context::{AppConfig, AuthMode, host_events};
use crate::i18n::{api_error, use_i18n};
use crate::ui::download::download;
use crate::ui::toast::Notices;

/// "Export CSV" for the current filters, all pages. With cookie auth it is a plain download link;
/// with a host-supplied bearer token the file is fetched (a link cannot carry the header) and
/// handed to the browser as a download.
#[component]
pub(super) fn ExportCsv(query: Memo<ListQuery>) -> impl IntoView {
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
        async move { host_events::on_unauthorized(api::export_csv(&q).await) }
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
