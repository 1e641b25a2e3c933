//! The customers API: every URL, header and JSON decode the app uses lives here. Every call
//! returns `Result<T, ApiError>` so a view can say exactly what went wrong.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use domain::{
    Customer, CustomerChanges, CustomerPage, CustomerStatus, Issue, NewCustomer, StorageType,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Where the API lives unless the configuration says otherwise.
pub const DEFAULT_API_BASE: &str = "/api/v1";

/// Where requests go and how they authenticate; set once at start-up, the token again whenever
/// the host page hands over a fresh one.
struct Settings {
    base: String,
    token: Option<String>,
    /// Send cookies to a cross-origin API too (cookie auth with an absolute API URL).
    include_credentials: bool,
}

thread_local! {
    static SETTINGS: RefCell<Settings> = RefCell::new(Settings {
        base: DEFAULT_API_BASE.to_owned(),
        token: None,
        include_credentials: false,
    });
}

/// Points the API client at `base` (a path or an absolute URL). With a `token`, every request
/// carries `Authorization: Bearer <token>`; without one, the browser's cookies authenticate.
pub fn configure(base: &str, token: Option<String>) {
    SETTINGS.with(|s| {
        let mut s = s.borrow_mut();
        s.base = base.trim_end_matches('/').to_owned();
        s.include_credentials = token.is_none() && s.base.starts_with("http");
        s.token = token;
    });
}

/// Replaces the bearer token (the host re-authenticated after `auth-required`).
pub fn set_token(token: String) {
    SETTINGS.with(|s| s.borrow_mut().token = Some(token));
}

/// The configured API base.
fn base() -> String {
    SETTINGS.with(|s| s.borrow().base.clone())
}
/// A request that has not answered after this long is abandoned and reported as a timeout.
const TIMEOUT_MS: i32 = 15_000;

/// What went wrong with an API call, in terms a view can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached (refused, DNS, connection lost).
    Network,
    /// The browser is offline, so the request was never sent.
    Offline,
    /// The server did not answer in time.
    Timeout,
    /// 401: the session is missing or expired.
    Unauthorized,
    /// 403: signed in, but not allowed.
    Forbidden,
    /// 404 for one customer: no such customer (or not this reseller's). A 404 for the list or
    /// create URL is a [`ApiError::Server`] (the API is not where the app expects it).
    NotFound,
    /// 409 or 422: the server rejected values; `errors` name the fields.
    Rejected {
        status: u16,
        detail: String,
        errors: Vec<Issue>,
    },
    /// 412: someone else saved the customer first; `current` is what the server has now.
    Conflict { current: Box<Customer> },
    /// 429: too many requests; try again after the given number of seconds.
    RateLimited {
        detail: String,
        retry_after_secs: Option<u32>,
    },
    /// Any other error status (5xx and unexpected 4xx) with the server's explanation.
    Server { status: u16, detail: String },
    /// The server answered, but not with what the app expects.
    Decode(String),
}

impl ApiError {
    /// Whether trying the same request again may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network
                | ApiError::Offline
                | ApiError::Timeout
                | ApiError::RateLimited { .. }
                | ApiError::Decode(_)
        ) || matches!(self, ApiError::Server { status, .. } if *status >= 500)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network => {
                f.write_str("Could not reach the server. Check your connection and try again.")
            }
            ApiError::Offline => f.write_str(
                "You are offline. Nothing was sent: reconnect to the internet and try again.",
            ),
            ApiError::Timeout => f.write_str("The server did not answer in time. Try again."),
            ApiError::Unauthorized => {
                f.write_str("Your session has expired. Sign in again to continue.")
            }
            ApiError::Forbidden => f.write_str(
                "You do not have permission to do this. Ask your administrator for access.",
            ),
            ApiError::NotFound => f.write_str("This customer does not exist or is not yours."),
            ApiError::Rejected { detail, .. } if !detail.is_empty() => f.write_str(detail),
            ApiError::Rejected { status: 409, .. } => f.write_str(
                "The server refused this because it conflicts with data it already has (HTTP 409).",
            ),
            ApiError::Rejected { status, .. } => write!(
                f,
                "The server did not accept what was sent (HTTP {status}). Check the values and try again."
            ),
            ApiError::Conflict { .. } => {
                f.write_str("Someone else changed this customer while you were editing.")
            }
            ApiError::RateLimited { detail, .. } if !detail.is_empty() => f.write_str(detail),
            ApiError::RateLimited {
                retry_after_secs: Some(secs),
                ..
            } => write!(
                f,
                "Too many requests: the server asks to wait {secs} seconds before trying again."
            ),
            ApiError::RateLimited { .. } => {
                f.write_str("Too many requests: wait a moment before trying again.")
            }
            ApiError::Server { status, detail } if *status >= 500 && detail.is_empty() => {
                write!(
                    f,
                    "The server failed (HTTP {status}). Try again in a moment."
                )
            }
            ApiError::Server { status, detail } if *status >= 500 => {
                write!(f, "{detail} (HTTP {status})")
            }
            ApiError::Server { status: 404, .. } => f.write_str(
                "The server does not offer this request (HTTP 404). Try again in a moment; if it \
                 keeps happening, reload the page to update the app.",
            ),
            ApiError::Server { status, detail } if detail.is_empty() => {
                write!(f, "The server refused the request (HTTP {status}).")
            }
            ApiError::Server { status, detail } => {
                write!(
                    f,
                    "The server refused the request (HTTP {status}): {detail}"
                )
            }
            ApiError::Decode(what) => write!(
                f,
                "The server sent an answer the app could not read ({what}). Try again."
            ),
        }
    }
}

/// The filters, sort and page of the customer list, as the API takes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    /// Free text matched against organization name, domain and id.
    pub q: String,
    pub status: Option<CustomerStatus>,
    pub storage_type: Option<StorageType>,
    /// Only customers over licenses, nearly full or pending activation.
    pub attention: bool,
    /// A column name, `-` prefixed for descending; `None` for the server's default.
    pub sort: Option<String>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl ListQuery {
    /// The list page's default page size.
    pub const DEFAULT_PER_PAGE: u32 = 25;

    /// The non-default parameters as query pairs; the app's own URL uses the same names.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.trim().is_empty() {
            pairs.push(("q", self.q.trim().to_owned()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(storage_type) = self.storage_type {
            pairs.push(("storage_type", storage_type.as_str().to_owned()));
        }
        if self.attention {
            pairs.push(("attention", "true".to_owned()));
        }
        if let Some(sort) = &self.sort {
            pairs.push(("sort", sort.clone()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page > 0 && self.per_page != Self::DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs
    }

    /// The non-default parameters as an encoded query string without `?` ("" when all default).
    pub fn to_query_string(&self) -> String {
        let pairs: Vec<String> = self
            .pairs()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&v)))
            .collect();
        pairs.join("&")
    }
}

thread_local! {
    /// The list request in flight: a newer list request cancels it, since only one list shows.
    static LIST_IN_FLIGHT: RefCell<Option<web_sys::AbortController>> = const { RefCell::new(None) };
}

/// `GET /customers`: one page of the reseller's customers. Starting another list request
/// cancels this one, so a slow stale answer never competes with the newer query.
pub async fn list_customers(query: &ListQuery) -> Result<CustomerPage, ApiError> {
    let url = format!("{}/customers", base());
    let pairs = query.pairs();
    let preloaded = take_preloaded_list(&url, &pairs);
    let guard = match &preloaded {
        Some((controller, _)) => AbortOnDrop::with_controller(controller.clone()),
        None => AbortOnDrop::new()?,
    };
    LIST_IN_FLIGHT.with(|slot| {
        if let Some(previous) = slot.replace(Some(guard.controller.clone())) {
            previous.abort();
        }
    });
    if let Some((_, response)) = preloaded {
        let sent = wasm_bindgen_futures::JsFuture::from(response)
            .await
            .and_then(|value| value.dyn_into::<web_sys::Response>())
            .map(Response::from)
            .map_err(|_| ());
        let response = checked(&guard, sent).await?;
        return decode(&guard, response).await;
    }
    let request = Request::get(&url).query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    call_guarded(guard, request, None).await
}

/// The name under which `src/preload.js` (in index.html) leaves the list request it started
/// while the wasm was downloading.
const PRELOAD_KEY: &str = "__cmListPreload";

/// The list request `src/preload.js` started, taken once (the first list request of the page):
/// its abort controller and the `fetch` promise, if it asks for exactly what this request would
/// (same absolute URL, cookie authentication). A preload for another URL is aborted.
fn take_preloaded_list(
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

/// `POST /customers`: creates a customer and queues its activation email. The same
/// `idempotency_key` with the same body never creates a second customer (the server replays the
/// first answer), so a retry after a timeout is safe.
pub async fn create_customer(
    draft: &NewCustomer,
    idempotency_key: &str,
) -> Result<Customer, ApiError> {
    let url = format!("{}/customers", base());
    let body = serde_json::to_string(draft).map_err(|e| ApiError::Decode(e.to_string()))?;
    let request = Request::post(&url).header("Idempotency-Key", idempotency_key);
    call(request, Some(body)).await
}

/// `GET /customers/{id}`: one customer; its `version` is what an edit sends back in `If-Match`.
pub async fn get_customer(id: &str) -> Result<Customer, ApiError> {
    let url = format!("{}/customers/{}", base(), path_segment(id));
    call(Request::get(&url), None).await
}

/// `PATCH /customers/{id}` with `If-Match: "<version>"`: changes licenses and storage only if
/// nobody saved the customer since `version` was read; otherwise `ApiError::Conflict` carries
/// what the server has now.
pub async fn update_customer(
    id: &str,
    version: i64,
    changes: &CustomerChanges,
) -> Result<Customer, ApiError> {
    let url = format!("{}/customers/{}", base(), path_segment(id));
    let body = serde_json::to_string(changes).map_err(|e| ApiError::Decode(e.to_string()))?;
    let request = Request::patch(&url).header("If-Match", &format!("\"{version}\""));
    call(request, Some(body)).await
}

/// One change in a customer's history, newest first from [`customer_audit`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuditEntry {
    /// When, RFC 3339 in UTC.
    pub at: String,
    /// Who made the change (the reseller user's email).
    pub actor: String,
    /// `created`, `user_licenses` or `extra_storage_gb`.
    pub field: String,
    /// The value before (`null` for `created`).
    pub old: serde_json::Value,
    /// The value after (the organization name for `created`).
    pub new: serde_json::Value,
}

/// `GET /customers/{id}/audit`: who changed what and when, newest first.
pub async fn customer_audit(id: &str) -> Result<Vec<AuditEntry>, ApiError> {
    let url = format!("{}/customers/{}/audit", base(), path_segment(id));
    call(Request::get(&url), None).await
}

/// An id as one URL path segment: anything but unreserved characters is percent-encoded, so an
/// id from the address bar can never reach another endpoint.
fn path_segment(id: &str) -> String {
    js_sys::encode_uri_component(id).into()
}

/// The CSV export of every customer matching `query`'s filters (all pages), for a download link.
pub fn export_csv_url(query: &ListQuery) -> String {
    let filters = ListQuery {
        page: 0,
        per_page: 0,
        ..query.clone()
    };
    match filters.to_query_string() {
        qs if qs.is_empty() => format!("{}/customers/export.csv", base()),
        qs => format!("{}/customers/export.csv?{qs}", base()),
    }
}

/// `GET /customers/export.csv` through fetch, for bearer-token auth where a plain download link
/// cannot carry the `Authorization` header.
pub async fn export_csv(query: &ListQuery) -> Result<String, ApiError> {
    let guard = AbortOnDrop::new()?;
    let response = send_guarded(&guard, Request::get(&export_csv_url(query)), None).await?;
    response
        .text()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

/// What the server did with a resend request.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ActivationQueued {
    /// The addresses the activation email goes to.
    pub recipients: Vec<String>,
}

/// `POST /customers/{id}/activation-email`: queue the activation email again.
pub async fn resend_activation(id: &str) -> Result<ActivationQueued, ApiError> {
    let url = format!("{}/customers/{}/activation-email", base(), path_segment(id));
    call(Request::post(&url), None).await
}

/// An RFC 9457 problem document as the server sends it (its `title` only repeats the status,
/// which the app words itself).
#[derive(Debug, Default, Deserialize)]
struct Problem {
    #[serde(default)]
    detail: String,
    #[serde(default)]
    errors: Vec<Issue>,
    #[serde(default)]
    current: Option<Customer>,
}

/// Aborts the fetch when dropped, so a superseded request (the view moved on) stops at once.
struct AbortOnDrop {
    controller: web_sys::AbortController,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
    timed_out: Rc<Cell<bool>>,
}

impl AbortOnDrop {
    fn new() -> Result<Self, ApiError> {
        let controller = web_sys::AbortController::new()
            .map_err(|_| ApiError::Decode("this browser cannot cancel requests".into()))?;
        Ok(Self::with_controller(controller))
    }

    /// A guard (with the same timeout) on a request started elsewhere with `controller`.
    fn with_controller(controller: web_sys::AbortController) -> Self {
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                TIMEOUT_MS,
            )
            .ok()
        });
        AbortOnDrop {
            controller,
            timer: timer.map(|id| (id, on_timeout)),
            timed_out,
        }
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let (Some(window), Some((id, _))) = (web_sys::window(), &self.timer) {
            window.clear_timeout_with_handle(*id);
        }
        self.controller.abort();
    }
}

/// Sends a request (with a JSON body, if any) under a timeout and decodes the JSON answer; every
/// non-2xx answer becomes an `ApiError`. The abort guard lives until the body has been read.
async fn call<T: DeserializeOwned>(
    request: RequestBuilder,
    body: Option<String>,
) -> Result<T, ApiError> {
    call_guarded(AbortOnDrop::new()?, request, body).await
}

/// [`call`] under a given abort guard (so a caller can also cancel it).
async fn call_guarded<T: DeserializeOwned>(
    guard: AbortOnDrop,
    request: RequestBuilder,
    body: Option<String>,
) -> Result<T, ApiError> {
    let response = send_guarded(&guard, request, body).await?;
    decode(&guard, response).await
}

/// Reads a successful answer's JSON body (under `guard`'s timeout).
async fn decode<T: DeserializeOwned>(
    guard: &AbortOnDrop,
    response: Response,
) -> Result<T, ApiError> {
    match response.json::<T>().await {
        Ok(value) => Ok(value),
        Err(_) if guard.timed_out.get() => Err(ApiError::Timeout),
        Err(e) => Err(ApiError::Decode(e.to_string())),
    }
}

/// Sends the request with the configured credentials; any non-2xx answer becomes an `ApiError`.
/// The caller keeps `guard` alive until it has read the body.
async fn send_guarded(
    guard: &AbortOnDrop,
    request: RequestBuilder,
    body: Option<String>,
) -> Result<Response, ApiError> {
    let signal = guard.controller.signal();
    let mut request = request.abort_signal(Some(&signal));
    let (token, include_credentials) = SETTINGS.with(|s| {
        let s = s.borrow();
        (s.token.clone(), s.include_credentials)
    });
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    if include_credentials {
        request = request.credentials(web_sys::RequestCredentials::Include);
    }
    let request = match body {
        Some(body) => request
            .header("Content-Type", "application/json")
            .body(body),
        None => request.build(),
    }
    .map_err(|e| ApiError::Decode(e.to_string()))?;
    checked(guard, request.send().await.map_err(|_| ())).await
}

/// What a sent request came to: the answer if it is 2xx, otherwise the `ApiError` for the
/// failed send (timeout, offline, network) or for the error status.
async fn checked(guard: &AbortOnDrop, sent: Result<Response, ()>) -> Result<Response, ApiError> {
    let response = match sent {
        Ok(response) => response,
        Err(()) if guard.timed_out.get() => return Err(ApiError::Timeout),
        Err(()) if is_offline() => return Err(ApiError::Offline),
        Err(()) => return Err(ApiError::Network),
    };
    if !response.ok() {
        return Err(error_from(response).await);
    }
    Ok(response)
}

/// Whether the browser says it has no network (`navigator.onLine` is false).
fn is_offline() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| js_sys::Reflect::get(&n, &"onLine".into()).ok())
        .and_then(|v| v.as_bool())
        == Some(false)
}

/// Whether `url` names one customer (`…/customers/{id}…`) rather than the collection.
fn is_customer_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.split_once("/customers/")
        .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with("export.csv"))
}

async fn error_from(response: Response) -> ApiError {
    let status = response.status();
    let customer_url = is_customer_url(&response.url());
    let retry_after_secs = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.trim().parse().ok());
    let problem: Problem = response.json().await.unwrap_or_default();
    // A title alone ("Conflict") says less than the app's own wording for the status.
    let detail = problem.detail;
    match status {
        401 => {
            // The host page (if any) re-authenticates and hands over a new token.
            crate::components::host_events::emit(
                "auth-required",
                &serde_json::json!({ "status": 401 }),
            );
            ApiError::Unauthorized
        }
        403 => ApiError::Forbidden,
        404 if customer_url => ApiError::NotFound,
        409 | 422 => ApiError::Rejected {
            status,
            detail,
            errors: problem.errors,
        },
        412 => match problem.current {
            Some(current) => ApiError::Conflict {
                current: Box::new(current),
            },
            None => ApiError::Server { status, detail },
        },
        429 => ApiError::RateLimited {
            detail,
            retry_after_secs,
        },
        _ => ApiError::Server { status, detail },
    }
}
