//! The session: the host page hands over a fresh bearer token with a `set-token` event; views
//! waiting on a 401 retry when it arrives (the shell listens for it at start-up). A token that is
//! a JWT is watched: a minute before it expires the host is asked for a fresh one.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::host_events::{self, AuthReason};

/// The host page's handle on authentication: bumped each time the host hands over a fresh token,
/// so views waiting on a 401 can retry. Provided as context by [`crate::App`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Session {
    /// Increments on every new token.
    pub token_epoch: RwSignal<u32>,
}

impl Session {
    /// A session with no token handed over yet.
    pub fn new() -> Self {
        Session {
            token_epoch: RwSignal::new(0),
        }
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The event a host page dispatches on the mount element to hand over a fresh bearer token:
/// `el.dispatchEvent(new CustomEvent("set-token", { detail: token }))`.
pub const SET_TOKEN_EVENT: &str = "set-token";

/// How long before a JWT's `exp` the host is asked for a fresh token.
const EXPIRING_WITHIN_MS: f64 = 60_000.0;

/// The `exp` claim (seconds since the epoch) of `token` when it is a JWT, read without verifying
/// it (the server does that); `None` for any other token (an API token `cm_…`, the demo token)
/// or a JWT without a numeric `exp`. Decoded by the browser (`atob`, `JSON.parse`), so no base64
/// or JSON code ships for it.
pub fn jwt_exp(token: &str) -> Option<f64> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || payload.is_empty() {
        return None;
    }
    // base64url → base64, padded to a multiple of 4.
    let mut base64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !base64.len().is_multiple_of(4) {
        base64.push('=');
    }
    let json = web_sys::window()?.atob(&base64).ok()?;
    let claims = js_sys::JSON::parse(&json).ok()?;
    if !claims.is_object() {
        return None;
    }
    js_sys::Reflect::get(&claims, &"exp".into())
        .ok()?
        .as_f64()
        .filter(|exp| exp.is_finite())
}

/// A pending `setTimeout`: its id and its callback (kept alive until the timer is replaced).
type Timer = (i32, Closure<dyn FnMut()>);

thread_local! {
    /// The timer that says a JWT is about to expire.
    static EXPIRY_TIMER: RefCell<Option<Timer>> = const { RefCell::new(None) };
}

/// Watches the token now in use (at start-up and on every `set-token`): `auth-required` may be
/// sent again at once, the previous token's timer is cancelled, and when `token` is a JWT,
/// `auth-required` with reason `expiring` is dispatched once, a minute before its `exp` (at once
/// if that is already past). Any other token is used as is, with no timer.
pub fn watch_expiry(token: Option<&str>) {
    host_events::token_replaced();
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some((id, _callback)) = EXPIRY_TIMER.take() {
        window.clear_timeout_with_handle(id);
    }
    let Some(exp) = token.and_then(jwt_exp) else {
        return;
    };
    let delay = (exp * 1000.0 - EXPIRING_WITHIN_MS - js_sys::Date::now()).max(0.0);
    // Beyond what setTimeout can wait (about 24 days) it would fire at once: no timer then.
    if delay > f64::from(i32::MAX) {
        return;
    }
    let callback = Closure::<dyn FnMut()>::new(|| host_events::auth_required(AuthReason::Expiring));
    if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        callback.as_ref().unchecked_ref(),
        delay as i32,
    ) {
        EXPIRY_TIMER.set(Some((id, callback)));
    }
}
