//! The delivery worker: claims queued emails with a lease (so that several workers or processes
//! never send one twice at once), sends them, and marks each sent or failed.

use std::time::Duration;

use crate::AppState;
use crate::outbox::mailer::Mailer;
use crate::store::{OutboxClaim, StoreError};
use crate::util::{format_time, now, random_hex};

/// Give up on a message after this many failed attempts.
pub const MAX_ATTEMPTS: i64 = 5;
/// How long a claim holds: a worker that dies mid-send leaves its emails to others after this.
pub const LEASE: Duration = Duration::from_secs(120);
/// How many emails one claim takes.
const BATCH: u32 = 50;

/// Delivers queued emails until the process ends: woken on every new row, and every few seconds.
pub fn spawn_worker(state: AppState, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let worker = worker_id();
        loop {
            if let Err(e) = deliver_as(&state, &mailer, &worker).await {
                tracing::warn!(error = ?e, "outbox delivery failed");
            }
            tokio::select! {
                _ = state.outbox_wakeup.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
    })
}

/// A name for this worker, unique across processes.
fn worker_id() -> String {
    format!("{}-{}", std::process::id(), random_hex(6))
}

/// Delivers every queued email once (tests, and each round of the worker).
pub async fn deliver_pending(state: &AppState, mailer: &Mailer) -> Result<(), StoreError> {
    deliver_as(state, mailer, &worker_id()).await
}

async fn deliver_as(state: &AppState, mailer: &Mailer, worker: &str) -> Result<(), StoreError> {
    loop {
        let now_t = time::OffsetDateTime::now_utc();
        let claimed = state
            .store
            .outbox_claim(OutboxClaim {
                worker: worker.to_owned(),
                now: format_time(now_t),
                lease_until: format_time(now_t + LEASE),
                limit: BATCH,
                max_attempts: MAX_ATTEMPTS,
            })
            .await?;
        let full = claimed.len() == BATCH as usize;
        for email in claimed {
            match mailer.deliver(&email).await {
                Ok(()) => {
                    state
                        .store
                        .outbox_mark_sent(email.id, worker, &now())
                        .await?;
                }
                Err(e) => {
                    tracing::warn!(id = email.id, error = %e, "could not deliver an activation email");
                    state
                        .store
                        .outbox_mark_failed(email.id, worker, &e.to_string())
                        .await?;
                }
            }
        }
        if !full {
            return Ok(());
        }
    }
}
