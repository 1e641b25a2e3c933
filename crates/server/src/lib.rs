//! The customers API: an axum router over a store (SQLite or PostgreSQL) that also serves the
//! built SPA. `app(state)` is the whole application, so tests drive it with `oneshot` and no
//! port. Layers, each importing only those before it: `util`, `logging`, `metrics`, `clock`, `demo`, `store`, `list_cache`, `identity`, `state`,
//! `http`, the resources (`customers`, `outbox`, `me`), then `app` and `api_doc`; `retention`
//! (the clean-up job) and `backup` (the backup command) beside them; then `config` and
//! `operations` (start-up and stop, for `main`).

pub mod admin;
pub mod api_doc;
pub mod app;
pub mod backup;
pub mod clock;
pub mod config;
pub mod customers;
pub mod demo;
pub mod http;
pub mod identity;
pub mod list_cache;
pub mod logging;
pub mod me;
pub mod messages;
pub mod metrics;
pub mod operations;
pub mod outbox;
pub mod retention;
pub mod seed;
pub mod seed_history;
pub mod state;
pub mod store;
pub mod usage;
pub mod util;

pub use app::app;
pub use state::{AppState, Settings};
