//! The `auth-required` event the host page gets, in headless Chromium: once for a 401 with its
//! status and reason (`expired` for an expired token, `unauthorized` otherwise; once for a
//! burst of failures with one token), never for a success or another error; `expiring` a minute
//! before a JWT's `exp`, never for other tokens.

use std::cell::RefCell;
use std::rc::Rc;

use crate::support::fetch::FakeFetch;
use crate::support::user::sleep;
use customers_app::api::{self, ApiError};
use customers_app::context::host_events::on_unauthorized;
use customers_app::context::session::{jwt_exp, watch_expiry};
use customers_app::i18n::{Locale, api_error, texts};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::*;

/// One `auth-required` as the host sees it: `detail.status` (NaN without one) and `detail.reason`.
type Seen = (f64, String);

/// Listens for `auth-required` on the document until the returned guard is dropped.
struct Listener {
    seen: Rc<RefCell<Vec<Seen>>>,
    callback: Closure<dyn FnMut(web_sys::CustomEvent)>,
}

impl Listener {
    /// Also starts as a new token would: `auth-required` may be sent again for each reason.
    fn new() -> Self {
        watch_expiry(None);
        let seen = Rc::new(RefCell::new(Vec::new()));
        let callback = {
            let seen = seen.clone();
            Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
                let detail = event.detail();
                let status = js_sys::Reflect::get(&detail, &"status".into()).unwrap();
                let reason = js_sys::Reflect::get(&detail, &"reason".into()).unwrap();
                seen.borrow_mut().push((
                    status.as_f64().unwrap_or(f64::NAN),
                    reason.as_string().unwrap_or_default(),
                ));
            })
        };
        document()
            .add_event_listener_with_callback("auth-required", callback.as_ref().unchecked_ref())
            .unwrap();
        Listener { seen, callback }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.borrow().clone()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        document()
            .remove_event_listener_with_callback(
                "auth-required",
                self.callback.as_ref().unchecked_ref(),
            )
            .unwrap();
    }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn a_401_tells_the_host_once_and_passes_the_error_on() {
    let listener = Listener::new();
    let answer = on_unauthorized::<u32, ApiError>(Err(ApiError::Unauthorized));
    assert_eq!(listener.seen(), vec![(401.0, "unauthorized".to_owned())]);
    assert_eq!(answer, Err(ApiError::Unauthorized));
}

#[wasm_bindgen_test]
fn a_success_or_another_error_tells_the_host_nothing() {
    let listener = Listener::new();
    let answers = vec![
        on_unauthorized::<u32, ApiError>(Ok(7)),
        on_unauthorized::<u32, ApiError>(Err(ApiError::Forbidden)),
        on_unauthorized::<u32, ApiError>(Err(ApiError::ViewOnly)),
        on_unauthorized::<u32, ApiError>(Err(ApiError::Network)),
    ];
    assert!(listener.seen().is_empty(), "{:?}", listener.seen());
    assert_eq!(
        answers,
        vec![
            Ok(7),
            Err(ApiError::Forbidden),
            Err(ApiError::ViewOnly),
            Err(ApiError::Network)
        ]
    );
}

#[wasm_bindgen_test]
async fn a_401_token_expired_asks_the_host_with_reason_expired() {
    let listener = Listener::new();
    let answer = {
        let _fetch = FakeFetch::answer(
            401,
            r#"{"type":"about:blank","title":"Unauthorized","status":401,"code":"token-expired","detail":"The token has expired."}"#,
        );
        on_unauthorized(api::get_customer("contoso").await)
    };
    assert_eq!(answer, Err(ApiError::Expired));
    assert_eq!(listener.seen(), vec![(401.0, "expired".to_owned())]);

    // Any other 401 code keeps the reason it always had.
    let answer = {
        let _fetch = FakeFetch::answer(401, r#"{"status":401,"code":"token-revoked"}"#);
        on_unauthorized(api::get_customer("contoso").await)
    };
    assert_eq!(answer, Err(ApiError::Unauthorized));
    assert_eq!(
        listener.seen(),
        vec![
            (401.0, "expired".to_owned()),
            (401.0, "unauthorized".to_owned())
        ]
    );
}

#[wasm_bindgen_test]
fn a_burst_of_failures_with_one_token_asks_the_host_once_and_a_new_token_may_ask_again() {
    let listener = Listener::new();
    for _ in 0..3 {
        let _ = on_unauthorized::<u32, ApiError>(Err(ApiError::Expired));
    }
    let _ = on_unauthorized::<u32, ApiError>(Err(ApiError::Unauthorized));
    let _ = on_unauthorized::<u32, ApiError>(Err(ApiError::Expired));
    let once_each = vec![
        (401.0, "expired".to_owned()),
        (401.0, "unauthorized".to_owned()),
    ];
    assert_eq!(listener.seen(), once_each);

    // The host hands over a token (`set-token` watches it): a 401 with it asks again.
    watch_expiry(Some("cm_3f9a0c1d2e4b5a6978"));
    let _ = on_unauthorized::<u32, ApiError>(Err(ApiError::Expired));
    assert_eq!(listener.seen().len(), 3, "{:?}", listener.seen());
    assert_eq!(listener.seen()[2].1, "expired");
    watch_expiry(None);
}

#[wasm_bindgen_test]
async fn a_viewers_refused_write_reads_as_view_only() {
    let answer = {
        let _fetch = FakeFetch::answer(
            403,
            r#"{"status":403,"code":"forbidden","detail":"Viewers cannot change customers."}"#,
        );
        api::update_customer("contoso", 3, &Default::default()).await
    };
    let error = answer.unwrap_err();
    assert_eq!(error, ApiError::ViewOnly);
    assert_eq!(
        api_error(texts(Locale::En), &error),
        "Your role can view customers but not change them. Nothing was saved: ask a manager to make this change."
    );
    assert!(api_error(texts(Locale::Fi), &error).contains("hallinnoijaa"));
}

#[wasm_bindgen_test]
async fn me_names_the_role() {
    let me = {
        let _fetch = FakeFetch::answer(
            200,
            r#"{"reseller":{"id":"r1","name":"Reseller Oy"},"person":{"sub":"u1","name":"Aino"},"role":"viewer"}"#,
        );
        api::me().await
    };
    assert_eq!(me.unwrap().role, api::Role::Viewer);
}

/// A JWT (unsigned: only its payload matters here) with these claims.
fn jwt(claims: &str) -> String {
    let base64 = web_sys::window().unwrap().btoa(claims).unwrap();
    let base64url: String = base64
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    format!("eyJhbGciOiJSUzI1NiJ9.{base64url}.c2lnbmF0dXJl")
}

/// Seconds since the epoch, now.
fn now_secs() -> f64 {
    (js_sys::Date::now() / 1000.0).floor()
}

#[wasm_bindgen_test]
fn a_jwts_exp_is_read_and_other_tokens_have_none() {
    // "?>~" encodes with `-`: the payload is base64url, not base64.
    let token = jwt(r#"{"sub":"aino?>~","exp":1767225600}"#);
    assert!(token.contains('-'), "{token}");
    assert_eq!(jwt_exp(&token), Some(1_767_225_600.0));
    // Payloads whose length needs one and two padding characters.
    assert_eq!(jwt_exp(&jwt(r#"{"exp":1}"#)), Some(1.0));
    assert_eq!(jwt_exp(&jwt(r#"{"exp":12}"#)), Some(12.0));

    for not_a_jwt in ["cm_3f9a0c1d2e4b5a6978", "demo-token", ""] {
        assert_eq!(jwt_exp(not_a_jwt), None, "{not_a_jwt}");
    }
    for malformed in [
        "a.b",
        "a.b.c.d",
        "eyJhbGciOiJSUzI1NiJ9..sig",
        "eyJhbGciOiJSUzI1NiJ9.!!!.sig",
        &jwt("not json"),
        &jwt(r#"{"exp":"tomorrow"}"#),
        &jwt(r#"{"sub":"no exp"}"#),
        &jwt("[1767225600]"),
    ] {
        assert_eq!(jwt_exp(malformed), None, "{malformed}");
    }
}

#[wasm_bindgen_test]
async fn a_jwt_about_to_expire_asks_the_host_once_with_reason_expiring() {
    let listener = Listener::new();
    // Within the last minute: asked at once, and only once.
    watch_expiry(Some(&jwt(&format!(r#"{{"exp":{}}}"#, now_secs() + 30.0))));
    sleep(50).await;
    sleep(50).await;
    let expiring = listener.seen();
    assert_eq!(expiring.len(), 1, "{expiring:?}");
    assert_eq!(expiring[0].1, "expiring");
    assert!(expiring[0].0.is_nan(), "no status: no request failed");

    // A token that is no JWT, or one with an hour left, asks nothing; a new token replaces the
    // previous one's timer.
    watch_expiry(Some(&jwt(&format!(r#"{{"exp":{}}}"#, now_secs() + 30.0))));
    watch_expiry(Some(&jwt(&format!(r#"{{"exp":{}}}"#, now_secs() + 3600.0))));
    sleep(50).await;
    watch_expiry(Some("cm_3f9a0c1d2e4b5a6978"));
    sleep(50).await;
    assert_eq!(listener.seen().len(), 1, "{:?}", listener.seen());
    watch_expiry(None);
}
