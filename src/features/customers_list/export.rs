//! Export CSV: every customer matching the current filters, in the chosen order.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{self, ListQuery};
use crate::app::{AppConfig, AuthMode, host_events};
use crate::i18n::{api_error, use_i18n};
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
