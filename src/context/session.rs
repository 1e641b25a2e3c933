//! The session: the host page hands over a fresh bearer token with a `set-token` event; views
//! waiting on a 401 retry when it arrives (the shell listens for it at start-up).

use leptos::prelude::*;

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
