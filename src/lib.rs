//! Customer management for Microsoft 365 backup wholesale resellers: a Leptos single-page app.
//!
//! `main.rs` only calls [`start`]. The layers, from the bottom: `api` (the HTTP client), `i18n`
//! (every text, both languages), `ui` (generic widgets), `form` (field checks, frame, guard),
//! `features` (one folder per view), `app` (configuration, session, host events, the shell).
//! Imports run downward only; features never import each other.

pub mod api;
pub mod app;
pub mod context;
pub mod features;
pub mod form;
pub mod i18n;
pub mod ui;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod layers_tests;

pub use app::{App, start};
pub use context::{SET_TOKEN_EVENT, Session};
