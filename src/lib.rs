//! Customer management for Microsoft 365 backup wholesale resellers: a Leptos single-page app.
//!
//! `main.rs` only calls [`start`]. The layers, from the bottom: `context` (configuration,
//! language, session, host events, hrefs), `api` (the HTTP client), `i18n` (every text, both
//! languages), `ui` (generic widgets), `form` (field checks, frame, guard), `features` (one folder
//! per view), `shell` (start-up, router, views loaded on demand). Imports run downward only
//! (`layers_tests` checks it); features never import each other.

pub mod api;
pub mod context;
pub mod features;
pub mod form;
pub mod i18n;
pub mod shell;
pub mod ui;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod layers_tests;

pub use context::{SET_TOKEN_EVENT, Session};
pub use shell::{App, start};
