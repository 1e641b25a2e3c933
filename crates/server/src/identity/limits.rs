//! Abuse limits, per process: failed sign-ins per client address, requests per credential.
//! Past a limit the answer is 429 problem+json with `Retry-After`. With several replicas each
//! holds its own counts, so a client spread over N replicas gets up to N times the limit.

use std::collections::HashMap;
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
    /// Addresses past their failures, until when: nothing they send is checked meanwhile, so a
    /// guess past the limit learns nothing.
    blocked: Mutex<HashMap<String, Instant>>,
    requests: DefaultKeyedRateLimiter<String>,
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
        }
    }

    /// Refuses an address past its failed sign-ins, before its credentials are looked at.
    pub fn before_sign_in(&self, client: &str) -> Result<(), Limited> {
        let blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        match blocked.get(client) {
            Some(until) if *until > Instant::now() => {
                Err(too_many(*until - Instant::now(), FAILURES))
            }
            _ => Ok(()),
        }
    }

    /// Counts a failed sign-in of `client`: past the limit the address is blocked until the
    /// limit allows again, and this attempt too is answered 429.
    pub fn failed_sign_in(&self, client: &str) -> Option<Limited> {
        let not_until = self.failures.check_key(&client.to_owned()).err()?;
        let wait = wait(not_until);
        let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        if blocked.len() >= MAX_BLOCKED {
            let now = Instant::now();
            blocked.retain(|_, until| *until > now);
        }
        blocked.insert(client.to_owned(), Instant::now() + wait);
        Some(too_many(wait, FAILURES))
    }

    /// Counts a request of `credential`; refuses it past the limit.
    pub fn per_credential(&self, credential: &str) -> Result<(), Limited> {
        self.requests
            .check_key(&credential.to_owned())
            .map_err(|n| too_many(wait(n), "requests with these credentials"))
    }
}
