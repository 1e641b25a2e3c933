//! Abuse limits, per process: failed sign-ins per client address, requests per credential.
//! Past a limit the answer is 429 problem+json with `Retry-After`. With several replicas each
//! holds its own counts, so a client spread over N replicas gets up to N times the limit.

use std::collections::{HashMap, HashSet};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Failed sign-ins a client address may make per minute unless configured.
pub const DEFAULT_FAILURES_PER_MINUTE: u32 = 20;
/// Requests one credential may make per minute unless configured.
pub const DEFAULT_REQUESTS_PER_MINUTE: u32 = 600;

/// At most this many addresses are remembered as blocked (then the expired ones are dropped).
const MAX_BLOCKED: usize = 10_000;

/// The limiters of one process.
pub struct Limits {
    failures: DefaultKeyedRateLimiter<String>,
    /// Addresses past their failures, until when: their failures are answered 429 meanwhile.
    blocked: Mutex<HashMap<String, Instant>>,
    requests: DefaultKeyedRateLimiter<String>,
    /// API tokens whose last use is being written: one such write per token at a time.
    touching: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Limits")
    }
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).expect("at least one"))
}

/// A request past a limit: answered 429 with `Retry-After`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limited {
    /// Seconds until the limit allows again (rounded up).
    pub retry_after: u64,
    /// What to tell the client.
    pub detail: String,
}

fn too_many(wait: Duration, what: &str) -> Limited {
    Limited {
        retry_after: wait.as_secs() + 1,
        detail: format!("Too many {what}: try again in a moment."),
    }
}

/// How long until `not_until` allows.
fn wait(not_until: governor::NotUntil<governor::clock::QuantaInstant>) -> Duration {
    not_until.wait_time_from(DefaultClock::default().now())
}

const FAILURES: &str = "failed sign-ins from this address";

impl Limits {
    /// Limits of `failures` failed sign-ins per address and `requests` requests per credential,
    /// each per minute.
    pub fn new(failures: u32, requests: u32) -> Limits {
        Limits {
            failures: RateLimiter::keyed(per_minute(failures)),
            blocked: Mutex::new(HashMap::new()),
            requests: RateLimiter::keyed(per_minute(requests)),
            touching: Mutex::new(HashSet::new()),
        }
    }

    /// Whether the caller may record `prefix`'s last use now (none is being recorded); it calls
    /// [`Limits::touched`] when done. Under load this keeps one write per token, not one per request.
    pub fn may_touch(&self, prefix: &str) -> bool {
        let mut touching = self.touching.lock().unwrap_or_else(|e| e.into_inner());
        touching.insert(prefix.to_owned())
    }

    /// `prefix`'s last use is written (or failed).
    pub fn touched(&self, prefix: &str) {
        let mut touching = self.touching.lock().unwrap_or_else(|e| e.into_inner());
        touching.remove(prefix);
    }

    /// Counts a failed sign-in of `client` and says whether the address is past its limit: then
    /// it stays blocked until the limit allows again, and its failures are answered 429. Good
    /// credentials are never refused by this, so one bad client behind a shared proxy address
    /// cannot lock out everyone else behind it.
    pub fn failed_sign_in(&self, client: &str) -> Option<Limited> {
        let now = Instant::now();
        let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = blocked.get(client).filter(|until| **until > now) {
            crate::metrics::rate_limited("sign-in-failures");
            return Some(too_many(*until - now, FAILURES));
        }
        let not_until = self.failures.check_key(&client.to_owned()).err()?;
        let wait = wait(not_until);
        if blocked.len() >= MAX_BLOCKED {
            blocked.retain(|_, until| *until > now);
            // The limiters' own per-key state is dropped once it is back to full.
            self.failures.retain_recent();
            self.requests.retain_recent();
        }
        blocked.insert(client.to_owned(), now + wait);
        crate::metrics::rate_limited("sign-in-failures");
        Some(too_many(wait, FAILURES))
    }

    /// Counts a request of `credential`; refuses it past the limit.
    pub fn per_credential(&self, credential: &str) -> Result<(), Limited> {
        if self.requests.len() >= MAX_BLOCKED {
            self.requests.retain_recent();
        }
        self.requests
            .check_key(&credential.to_owned())
            .map_err(|n| {
                crate::metrics::rate_limited("requests");
                too_many(wait(n), "requests with these credentials")
            })
    }
}
