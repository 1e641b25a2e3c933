//! Handing text the app made (a CSV export, an import template or report) to the user as a
//! downloaded file.

use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;

/// Offers `text` to the user as a file download.
pub fn download(file_name: &str, text: &str) -> Result<(), String> {
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
