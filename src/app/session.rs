//! The session: the host page hands over a fresh bearer token with a `set-token` event; views
//! waiting on a 401 retry when it arrives.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::api;

/// The host page's handle on authentication: bumped each time the host hands over a fresh token,
/// so views waiting on a 401 can retry. Provided as context by [`App`].
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

/// Listens for `set-token` on the mount element for the life of the page: the API client gets
/// the token and `session` moves on, so views waiting on a 401 retry.
pub fn listen_for_tokens(mount: &web_sys::HtmlElement, session: Session) {
    let on_token = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |ev: web_sys::CustomEvent| {
        if let Some(token) = ev.detail().as_string().filter(|t| !t.is_empty()) {
            api::set_token(token);
            session.token_epoch.update(|n| *n += 1);
        }
    });
    let _ =
        mount.add_event_listener_with_callback(SET_TOKEN_EVENT, on_token.as_ref().unchecked_ref());
    // The listener lives as long as the page: the app is never unmounted.
    on_token.forget();
}
