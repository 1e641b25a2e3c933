//! The delivery worker: claims due emails with a lease (so that several workers or processes
//! never send one twice at once), sends them, and marks each sent, or failed with its next
//! attempt after an exponential backoff with jitter; after three days of refusals it gives up
//! (the dead-letter state a Resend clears). On shutdown it finishes the email in hand and
//! releases the rest of its claim.

use std::time::Duration;

use time::OffsetDateTime;
use tokio::sync::watch;

use crate::AppState;
use crate::outbox::mailer::Mailer;
use crate::store::{OutboxClaim, OutboxEmail, OutboxFailure, StoreError};
use crate::util::{format_time, parse_time, random_hex};

/// The first retry comes about this long after a refusal; each next one waits twice as long.
pub const FIRST_RETRY: Duration = Duration::from_secs(30);
/// The longest wait between two attempts.
pub const MAX_RETRY: Duration = Duration::from_secs(4 * 3600);
/// An email refused for this long after it was queued is given up on (dead-lettered).
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(3 * 24 * 3600);
/// How many emails one claim takes.
const BATCH: u32 = 50;
/// How long a woken worker waits before it claims, so that a burst of creates (an import) is
/// claimed in a few transactions rather than one per email: each is a write with an fsync.
const GATHER: Duration = Duration::from_millis(100);

/// The wait before attempt `failures + 1`: 30 s doubled per failure, at most 4 h, ±20 % jitter
/// (`unit` in [0, 1)) so that emails refused together are not retried together.
pub fn retry_delay(failures: i64, unit: f64) -> Duration {
    let doublings = failures.clamp(1, 20) - 1;
    let base = FIRST_RETRY.saturating_mul(1u32 << doublings).min(MAX_RETRY);
    base.mul_f64(0.8 + 0.4 * unit.clamp(0.0, 1.0))
}

/// When to try a refused email again, or `None` when it has been refused for long enough.
pub fn next_attempt(email: &OutboxEmail, now: OffsetDateTime, unit: f64) -> Option<OffsetDateTime> {
    let queued = parse_time(&email.created_at).unwrap_or(now);
    if now - queued >= GIVE_UP_AFTER {
        return None;
    }
    Some(now + retry_delay(email.attempts + 1, unit))
}

/// A uniformly random number in [0, 1).
fn jitter_unit() -> f64 {
    let bits = getrandom::u32().expect("the operating system's random source failed");
    f64::from(bits) / (f64::from(u32::MAX) + 1.0)
}

/// A name for a worker, unique across processes.
fn worker_id() -> String {
    format!("{}-{}", std::process::id(), random_hex(6))
}

/// Delivers queued emails until `stop` turns true: woken on every new row (then [`GATHER`]
/// later), and polled (at most every 5 s, more often with a short lease). Returns once its claims are finished or released.
pub fn spawn_worker(
    state: AppState,
    mailer: Mailer,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let worker = worker_id();
        let poll = (state.settings.outbox_lease / 2)
            .clamp(Duration::from_millis(100), Duration::from_secs(5));
        loop {
            if let Err(e) = deliver_as(&state, &mailer, &worker, &stop).await {
                tracing::warn!(error = ?e, "outbox delivery failed");
            }
            if *stop.borrow() {
                break;
            }
            tokio::select! {
                _ = state.outbox_wakeup.notified() => {
                    tokio::select! {
                        _ = tokio::time::sleep(GATHER) => {}
                        _ = stop.changed() => {}
                    }
                }
                _ = tokio::time::sleep(poll) => {}
                _ = stop.changed() => {}
            }
        }
        match state.store.outbox_release(&worker).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(released = n, "outbox worker stopped; released its claims"),
            Err(e) => {
                tracing::warn!(error = ?e, "outbox worker stopped; releasing its claims failed (they free themselves when the lease ends)")
            }
        }
    })
}

/// Delivers every email due now once (tests, and each round of the worker).
pub async fn deliver_pending(state: &AppState, mailer: &Mailer) -> Result<(), StoreError> {
    let (_keep, stop) = watch::channel(false);
    deliver_as(state, mailer, &worker_id(), &stop).await
}

async fn deliver_as(
    state: &AppState,
    mailer: &Mailer,
    worker: &str,
    stop: &watch::Receiver<bool>,
) -> Result<(), StoreError> {
    loop {
        let now = state.clock.now();
        let claimed = state
            .store
            .outbox_claim(OutboxClaim {
                worker: worker.to_owned(),
                now: format_time(now),
                lease_until: format_time(now + state.settings.outbox_lease),
                limit: BATCH,
            })
            .await?;
        let full = claimed.len() == BATCH as usize;
        for email in claimed {
            if *stop.borrow() {
                // The rest of the claim goes back at once (the caller releases it).
                let released = state.store.outbox_release(worker).await?;
                tracing::info!(released, "shutting down: released the outbox claim");
                return Ok(());
            }
            deliver_one(state, mailer, worker, &email).await?;
        }
        if !full {
            return Ok(());
        }
    }
}

async fn deliver_one(
    state: &AppState,
    mailer: &Mailer,
    worker: &str,
    email: &OutboxEmail,
) -> Result<(), StoreError> {
    match mailer.deliver(email).await {
        Ok(()) => {
            crate::metrics::outbox_attempt("sent");
            let at = format_time(state.clock.now());
            if !state.store.outbox_mark_sent(email.id, worker, &at).await? {
                tracing::warn!(
                    id = email.id,
                    "an email was sent after its claim ended (its Message-ID marks a duplicate)"
                );
            }
        }
        Err(e) => {
            let now = state.clock.now();
            let retry_at = next_attempt(email, now, jitter_unit());
            let shown = error_for_logs(&e, &email.recipients);
            match retry_at {
                Some(at) => {
                    crate::metrics::outbox_attempt("retried");
                    tracing::warn!(id = email.id, attempts = email.attempts + 1, retry_at = %format_time(at), error = %shown, "could not deliver an activation email; will retry")
                }
                None => {
                    crate::metrics::outbox_attempt("dead_lettered");
                    tracing::error!(id = email.id, attempts = email.attempts + 1, error = %shown, "could not deliver an activation email for three days; giving up (Resend queues a new one)")
                }
            }
            state
                .store
                .outbox_mark_failed(OutboxFailure {
                    id: email.id,
                    worker: worker.to_owned(),
                    error: format!("{e:#}"),
                    at: format_time(now),
                    retry_at: retry_at.map(format_time),
                })
                .await?;
        }
    }
    Ok(())
}

/// A delivery error as logs show it: the recipients (which an SMTP refusal may quote, and which
/// are logged at DEBUG only) masked. The outbox keeps the whole text for the reseller.
fn error_for_logs(e: &anyhow::Error, recipients: &[String]) -> String {
    let mut text = format!("{e:#}");
    for recipient in recipients.iter().filter(|r| !r.is_empty()) {
        text = text.replace(recipient.as_str(), "<recipient>");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_logged_without_their_recipients() {
        let e = anyhow::anyhow!("permanent error (550): 5.1.1 <it@example.fi>: no such user");
        assert_eq!(
            error_for_logs(&e, &["it@example.fi".to_owned()]),
            "permanent error (550): 5.1.1 <<recipient>>: no such user"
        );
    }

    #[test]
    fn backoff_starts_near_30_s_doubles_and_stops_at_4_h() {
        assert_eq!(retry_delay(1, 0.5), Duration::from_secs(30));
        assert_eq!(retry_delay(2, 0.5), Duration::from_secs(60));
        assert_eq!(retry_delay(3, 0.5), Duration::from_secs(120));
        assert_eq!(retry_delay(30, 0.5), MAX_RETRY);
        assert_eq!(retry_delay(1, 0.0), Duration::from_secs(24));
        assert!(retry_delay(1, 0.999_999) < Duration::from_secs(36));
    }

    #[test]
    fn three_days_of_refusals_take_tens_of_attempts_then_give_up() {
        let start = OffsetDateTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let mut email = OutboxEmail {
            id: 1,
            reseller_id: "r".into(),
            customer_id: "c".into(),
            recipients: vec![],
            subject: String::new(),
            body: String::new(),
            created_at: format_time(start),
            sent_at: None,
            attempts: 0,
            last_error: None,
            next_attempt_at: None,
            dead_at: None,
        };
        let mut now = start;
        while let Some(next) = next_attempt(&email, now, 0.999) {
            email.attempts += 1;
            now = next;
        }
        assert!(now - start >= GIVE_UP_AFTER);
        assert!(now - start < GIVE_UP_AFTER + MAX_RETRY * 2);
        assert!((20..40).contains(&email.attempts), "{}", email.attempts);
    }
}
