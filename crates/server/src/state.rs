//! What every handler shares: the store, the optional list accelerator, the settings, the clock
//! and the outbox worker's wake-up. Cheap to clone.

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::{Clock, SystemClock};
use crate::identity::jwt::JwtVerifier;
use crate::identity::limits::Limits;
use crate::list_cache::ListCache;
use crate::store::DynStore;

/// How long an outbox claim holds unless `--outbox-lease-secs` says otherwise.
pub const DEFAULT_OUTBOX_LEASE: std::time::Duration = std::time::Duration::from_secs(120);

/// What the application needs besides the database.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Accept the session cookie, sign browsers in as the demo reseller, enable demo sign-in.
    pub demo_mode: bool,
    /// Accept the seeded demo and benchmark resellers' tokens (`--seed-demo`, `--bench-seed`):
    /// without it a database that has them refuses them.
    pub seeded_identities: bool,
    /// trunk's dist/ directory (none: API only).
    pub static_dir: Option<PathBuf>,
    /// CSP frame-ancestors.
    pub frame_ancestors: String,
    /// Base URL of activation links.
    pub public_url: String,
    /// The list accelerator's memory cap in MiB (0: lists are answered by the database alone).
    pub list_cache_mb: u64,
    /// How long an outbox worker's claim holds: a worker that dies mid-send leaves its emails to
    /// others after this.
    pub outbox_lease: std::time::Duration,
    /// The partner portal's JWTs are accepted, checked by this (none: API tokens only).
    pub jwt: Option<Arc<JwtVerifier>>,
    /// Failed sign-ins a client address may make per minute.
    pub auth_failures_per_minute: u32,
    /// Requests one credential may make per minute.
    pub requests_per_minute: u32,
    /// A request still unanswered after this is answered 503 `timeout`.
    pub request_timeout: std::time::Duration,
    /// Requests this process serves at once; more are answered 503 `overloaded`.
    pub max_in_flight: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            demo_mode: false,
            seeded_identities: false,
            static_dir: None,
            frame_ancestors: "'self'".to_owned(),
            public_url: "http://127.0.0.1:8080".to_owned(),
            list_cache_mb: crate::list_cache::DEFAULT_CAP_MB,
            outbox_lease: DEFAULT_OUTBOX_LEASE,
            jwt: None,
            auth_failures_per_minute: crate::identity::limits::DEFAULT_FAILURES_PER_MINUTE,
            requests_per_minute: crate::identity::limits::DEFAULT_REQUESTS_PER_MINUTE,
            request_timeout: crate::http::limits::DEFAULT_REQUEST_TIMEOUT,
            max_in_flight: crate::http::limits::DEFAULT_MAX_IN_FLIGHT,
        }
    }
}

/// Shared state: cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<StateInner>);

/// What [`AppState`] holds.
pub struct StateInner {
    pub store: DynStore,
    /// In front of the store's lists when `--list-cache-mb` is above 0.
    pub list_cache: Option<ListCache>,
    pub settings: Settings,
    /// Wakes the outbox worker when an email is queued.
    pub outbox_wakeup: tokio::sync::Notify,
    /// What time it is (the system's clock unless a test moves its own).
    pub clock: Arc<dyn Clock>,
    /// Failed sign-ins and requests per credential (this process's counts).
    pub limits: Limits,
    /// Set on SIGTERM: readiness answers 503 `draining` while requests are still served.
    pub draining: std::sync::atomic::AtomicBool,
}

impl AppState {
    /// The state over a store (the accelerator per `settings.list_cache_mb`).
    pub fn new(store: DynStore, settings: Settings) -> Self {
        Self::with_clock(store, settings, Arc::new(SystemClock))
    }

    /// The state with another clock (tests).
    pub fn with_clock(store: DynStore, settings: Settings, clock: Arc<dyn Clock>) -> Self {
        let list_cache = (settings.list_cache_mb > 0)
            .then(|| ListCache::new(settings.list_cache_mb * 1024 * 1024));
        let limits = Limits::new(
            settings.auth_failures_per_minute,
            settings.requests_per_minute,
        );
        AppState(Arc::new(StateInner {
            store,
            list_cache,
            limits,
            settings,
            outbox_wakeup: tokio::sync::Notify::new(),
            clock,
            draining: std::sync::atomic::AtomicBool::new(false),
        }))
    }
}

impl Deref for AppState {
    type Target = StateInner;
    fn deref(&self) -> &StateInner {
        &self.0
    }
}
