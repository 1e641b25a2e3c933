//! The list request `src/preload.js` starts while the wasm downloads: adopted by the first list
//! request when it asks for exactly the same URL, aborted otherwise.

use wasm_bindgen::JsCast;

use super::transport::SETTINGS;

/// The name under which `src/preload.js` (in index.html) leaves the list request it started
/// while the wasm was downloading.
const PRELOAD_KEY: &str = "__cmListPreload";

/// The list request `src/preload.js` started, taken once (the first list request of the page):
/// its abort controller and the `fetch` promise, if it asks for exactly what this request would
/// (same absolute URL, cookie authentication). A preload for another URL is aborted.
pub(super) fn take(
    url: &str,
    pairs: &[(&'static str, String)],
) -> Option<(web_sys::AbortController, js_sys::Promise)> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(PRELOAD_KEY);
    let preload = js_sys::Reflect::get(&window, &key)
        .ok()
        .filter(|v| v.is_object())?;
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    let field = |name: &str| js_sys::Reflect::get(&preload, &name.into()).ok();
    let controller: web_sys::AbortController = field("controller")?.dyn_into().ok()?;
    let response: Option<js_sys::Promise> = field("response").and_then(|r| r.dyn_into().ok());
    let cookie_auth = SETTINGS.with(|s| {
        let s = s.borrow();
        s.token.is_none() && !s.include_credentials
    });
    let same = cookie_auth
        && field("url").and_then(|u| u.as_string()) == absolute_url(&window, url, pairs);
    match response {
        Some(response) if same => Some((controller, response)),
        _ => {
            controller.abort();
            None
        }
    }
}

/// `url` with the query `pairs`, absolute, as gloo-net sends it (resolved against the page,
/// the query encoded by `URLSearchParams`).
fn absolute_url(
    window: &web_sys::Window,
    url: &str,
    pairs: &[(&'static str, String)],
) -> Option<String> {
    let page = window.location().href().ok()?;
    let absolute = web_sys::Url::new_with_base(url, &page).ok()?;
    let search = web_sys::UrlSearchParams::new().ok()?;
    for (k, v) in pairs {
        search.append(k, v);
    }
    absolute.set_search(&String::from(search.to_string()));
    Some(absolute.href())
}

#[cfg(test)]
mod tests {
    use domain::{CustomerStatus, DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, SortKey, StorageType};

    /// The constants line `src/preload.js` must carry, written from the domain's list contract.
    fn list_line() -> String {
        let names = |names: Vec<&str>| serde_json::to_string(&names).unwrap();
        format!(
            "  const LIST = {{\"api\":\"{}/customers\",\"status\":{},\"storage_type\":{},\"sort\":{},\"per_page\":{DEFAULT_PER_PAGE},\"max_per_page\":{MAX_PER_PAGE},\"max_page\":{MAX_PAGE}}};",
            crate::api::DEFAULT_API_BASE,
            names(CustomerStatus::ALL.map(|s| s.as_str()).to_vec()),
            names(StorageType::ALL.map(|s| s.as_str()).to_vec()),
            names(SortKey::ALL.map(|k| k.as_str()).to_vec()),
        )
    }

    #[test]
    fn preload_js_carries_the_domain_list_contract() {
        let js = include_str!("../preload.js");
        let expected = list_line();
        assert!(
            js.lines().any(|line| line == expected),
            "src/preload.js must contain exactly this line (regenerate it):\n{expected}"
        );
    }

    #[test]
    fn preload_js_writes_the_parameters_in_the_domain_order() {
        let js = include_str!("../preload.js");
        let at = |needle: &str| {
            js.find(needle)
                .unwrap_or_else(|| panic!("preload.js never writes {needle}"))
        };
        let order: Vec<usize> = domain::LIST_PARAMS
            .iter()
            .map(|name| match *name {
                "status" | "storage_type" => at("for (const key of ['status', 'storage_type'])"),
                "per_page" => at("pairs.append('per_page'"),
                name => at(&format!("pairs.append('{name}'")),
            })
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }
}
