//! Transport: where requests go and how they authenticate, abort on drop, the timeout, and
//! turning every non-2xx answer into an [`ApiError`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use domain::identity::auth_codes;
use domain::{Customer, Issue};
use gloo_net::http::{RequestBuilder, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::ApiError;

/// Where the API lives unless the configuration says otherwise.
pub const DEFAULT_API_BASE: &str = "/api/v1";

/// Where requests go and how they authenticate; set once at start-up, the token again whenever
/// the host page hands over a fresh one.
pub(super) struct Settings {
    pub(super) base: String,
    pub(super) token: Option<String>,
    /// Send cookies to a cross-origin API too (cookie auth with an absolute API URL).
    pub(super) include_credentials: bool,
}

thread_local! {
    pub(super) static SETTINGS: RefCell<Settings> = RefCell::new(Settings {
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
pub(super) fn base() -> String {
    SETTINGS.with(|s| s.borrow().base.clone())
}
/// A request that has not answered after this long is abandoned and reported as a timeout.
const TIMEOUT_MS: i32 = 15_000;

/// An RFC 9457 problem document as the server sends it (its `title` only repeats the status,
/// which the app words itself).
#[derive(Debug, Default, Deserialize)]
struct ProblemDocument {
    /// Which refusal it is (`domain::auth_codes` for 401 and 403).
    #[serde(default)]
    code: String,
    #[serde(default)]
    detail: String,
    #[serde(default)]
    errors: Vec<Issue>,
    #[serde(default)]
    current: Option<Customer>,
    /// The request's id, for support.
    #[serde(default)]
    request_id: Option<String>,
}

/// Aborts the fetch when dropped, so a superseded request (the view moved on) stops at once.
pub(super) struct AbortOnDrop {
    pub(super) controller: web_sys::AbortController,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
    timed_out: Rc<Cell<bool>>,
}

impl AbortOnDrop {
    pub(super) fn new() -> Result<Self, ApiError> {
        let controller = web_sys::AbortController::new()
            .map_err(|_| ApiError::Decode("this browser cannot cancel requests".into()))?;
        Ok(Self::with_controller(controller))
    }

    /// A guard (with the same timeout) on a request started elsewhere with `controller`.
    pub(super) fn with_controller(controller: web_sys::AbortController) -> Self {
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
pub(super) async fn call<T: DeserializeOwned>(
    request: RequestBuilder,
    body: Option<String>,
) -> Result<T, ApiError> {
    call_guarded(AbortOnDrop::new()?, request, body).await
}

/// [`call`] under a given abort guard (so a caller can also cancel it).
pub(super) async fn call_guarded<T: DeserializeOwned>(
    guard: AbortOnDrop,
    request: RequestBuilder,
    body: Option<String>,
) -> Result<T, ApiError> {
    let response = send_guarded(&guard, request, body).await?;
    decode(&guard, response).await
}

/// Reads a successful answer's JSON body (under `guard`'s timeout).
pub(super) async fn decode<T: DeserializeOwned>(
    guard: &AbortOnDrop,
    response: Response,
) -> Result<T, ApiError> {
    let value = read_json(guard, response).await?;
    serde_wasm_bindgen::from_value(value).map_err(|e| ApiError::Decode(e.to_string()))
}

/// A successful answer's JSON body as the browser parsed it (under `guard`'s timeout).
async fn read_json(
    guard: &AbortOnDrop,
    response: Response,
) -> Result<wasm_bindgen::JsValue, ApiError> {
    match json(response).await {
        Ok(value) => Ok(value),
        Err(_) if guard.timed_out.get() => Err(ApiError::Timeout),
        Err(e) => Err(ApiError::Decode(e)),
    }
}

/// [`call`] without decoding: the JSON body as a JS value, for a caller that reads it itself
/// (one non-generic request path instead of a `call::<T>` copy per answer type).
pub(super) async fn call_json(
    request: RequestBuilder,
    body: Option<String>,
) -> Result<wasm_bindgen::JsValue, ApiError> {
    let guard = AbortOnDrop::new()?;
    let response = send_guarded(&guard, request, body).await?;
    read_json(&guard, response).await
}

/// The body as parsed by the browser's `JSON.parse` (which serde_json's parser would duplicate
/// in the first load), or what kept it from being read.
async fn json(response: Response) -> Result<wasm_bindgen::JsValue, String> {
    let read = web_sys::Response::from(response).json();
    let parsed = match read {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    parsed.map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => "the body could not be read".to_owned(),
    })
}

/// Sends the request with the configured credentials; any non-2xx answer becomes an `ApiError`.
/// The caller keeps `guard` alive until it has read the body.
pub(super) async fn send_guarded(
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
pub(super) async fn checked(
    guard: &AbortOnDrop,
    sent: Result<Response, ()>,
) -> Result<Response, ApiError> {
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

/// The `ApiError` for an error answer (a 404 stays `Server`: what it means is the endpoint's
/// to say, see [`ApiError::missing_customer`]).
async fn error_from(response: Response) -> ApiError {
    let status = response.status();
    let retry_after_secs = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.trim().parse().ok());
    let problem: ProblemDocument = match json(response).await {
        Ok(value) => serde_wasm_bindgen::from_value(value).unwrap_or_default(),
        Err(_) => ProblemDocument::default(),
    };
    // A title alone ("Conflict") says less than the app's own wording for the status.
    let detail = problem.detail;
    match status {
        // The caller tells the host page (`auth-required`); the client never calls into views.
        401 if problem.code == auth_codes::TOKEN_EXPIRED => ApiError::Expired,
        401 => ApiError::Unauthorized,
        403 if problem.code == auth_codes::FORBIDDEN => ApiError::ViewOnly,
        403 => ApiError::Forbidden,
        409 | 422 => ApiError::Rejected {
            status,
            detail,
            errors: problem.errors,
        },
        412 => match problem.current {
            Some(current) => ApiError::Conflict {
                current: Box::new(current),
            },
            None => ApiError::Server {
                status,
                detail,
                request_id: problem.request_id,
            },
        },
        429 => ApiError::RateLimited {
            detail,
            retry_after_secs,
        },
        _ => ApiError::Server {
            status,
            detail,
            request_id: problem.request_id,
        },
    }
}
