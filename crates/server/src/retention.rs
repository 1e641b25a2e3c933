//! The retention job: delivered activation emails lose their body and activation token after
//! `--retain-email-days`, expired idempotency keys are deleted, and audit entries older than
//! `--retain-audit-days` (when set) are deleted. Each job works in rounds of at most
//! [`BATCH`] rows, each round one short write, and stops after [`MAX_ROUNDS`] (the rest waits
//! for the next run), so it never holds a lock for long. Replicas may run it at once: every
//! round is idempotent.

use std::time::Duration;

use time::OffsetDateTime;
use tokio::sync::watch;

use crate::AppState;
use crate::store::{Store, StoreResult};
use crate::util::format_time;

/// Rows one round touches at most.
pub const BATCH: u32 = 500;
/// Rounds one job makes per run at most.
pub const MAX_ROUNDS: u32 = 20;
/// The first run comes this long after start-up.
pub const FIRST_RUN: Duration = Duration::from_secs(30);
/// Then a run every this long.
pub const INTERVAL: Duration = Duration::from_secs(10 * 60);
/// The pause between two rounds, so that writers waiting for the lock get it.
const PAUSE: Duration = Duration::from_millis(20);

/// `--retain-email-days` and `--retain-audit-days`.
#[derive(Debug, Clone, clap::Args)]
pub struct RetentionFlags {
    /// Days after delivery an activation email keeps its body and activation token (its link
    /// works that long); then both are emptied.
    #[arg(long, env = "CUSTOMERS_RETAIN_EMAIL_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=36_500))]
    pub retain_email_days: u32,

    /// Days audit entries are kept; unset, they are kept for ever.
    #[arg(long, env = "CUSTOMERS_RETAIN_AUDIT_DAYS", value_parser = clap::value_parser!(u32).range(1..=36_500))]
    pub retain_audit_days: Option<u32>,
}

impl RetentionFlags {
    /// The policy these flags set.
    pub fn policy(&self) -> Policy {
        Policy {
            email: days(self.retain_email_days),
            audit: self.retain_audit_days.map(days),
            ..Policy::default()
        }
    }
}

fn days(n: u32) -> Duration {
    Duration::from_secs(u64::from(n) * 86_400)
}

/// What the job keeps and how much one run may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// How long after delivery an email keeps its body and activation token.
    pub email: Duration,
    /// How long audit entries are kept (`None`: for ever).
    pub audit: Option<Duration>,
    /// How long an idempotency key is kept (as long as it is honoured).
    pub idempotency_keys: Duration,
    /// Rows one round touches at most.
    pub batch: u32,
    /// Rounds one job makes per run at most.
    pub max_rounds: u32,
    /// The pause between two rounds.
    pub pause: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            email: days(30),
            audit: None,
            idempotency_keys: Duration::from_secs(crate::store::IDEMPOTENCY_KEY_TTL_SECS as u64),
            batch: BATCH,
            max_rounds: MAX_ROUNDS,
            pause: PAUSE,
        }
    }
}

/// What one job did in a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Done {
    /// Rows emptied or deleted.
    pub rows: u64,
    /// Rounds made (each at most `batch` rows).
    pub rounds: u32,
    /// Whether rows were left for the next run (the last round was full at `max_rounds`).
    pub more_left: bool,
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Delivered emails whose body and activation token were emptied.
    pub emails: Done,
    /// Expired idempotency keys deleted.
    pub idempotency_keys: Done,
    /// Audit entries deleted (none when audit entries are kept for ever).
    pub audit: Done,
}

impl Report {
    /// Whether the run changed anything.
    pub fn touched(&self) -> bool {
        self.emails.rows + self.idempotency_keys.rows + self.audit.rows > 0
    }
}

/// Which rows a job works on.
#[derive(Debug, Clone, Copy)]
enum Job {
    Emails,
    IdempotencyKeys,
    Audit,
}

/// One run of every job at `now`.
pub async fn run_once(
    store: &dyn Store,
    now: OffsetDateTime,
    policy: &Policy,
) -> StoreResult<Report> {
    let before = |keep: Duration| format_time(now - keep);
    let mut report = Report {
        emails: run_job(store, Job::Emails, &before(policy.email), policy).await?,
        idempotency_keys: run_job(
            store,
            Job::IdempotencyKeys,
            &before(policy.idempotency_keys),
            policy,
        )
        .await?,
        ..Report::default()
    };
    if let Some(keep) = policy.audit {
        report.audit = run_job(store, Job::Audit, &before(keep), policy).await?;
    }
    Ok(report)
}

/// Rounds of one job until one touches fewer than `batch` rows, or `max_rounds` of them.
async fn run_job(store: &dyn Store, job: Job, before: &str, policy: &Policy) -> StoreResult<Done> {
    let mut done = Done::default();
    while done.rounds < policy.max_rounds {
        if done.rounds > 0 && !policy.pause.is_zero() {
            tokio::time::sleep(policy.pause).await;
        }
        let n = match job {
            Job::Emails => store.purge_delivered_emails(before, policy.batch).await?,
            Job::IdempotencyKeys => store.purge_idempotency_keys(before, policy.batch).await?,
            Job::Audit => store.purge_audit(before, policy.batch).await?,
        };
        done.rows += n;
        done.rounds += 1;
        if n < u64::from(policy.batch) {
            return Ok(done);
        }
    }
    done.more_left = true;
    Ok(done)
}

/// Runs the jobs [`FIRST_RUN`] after start and then every [`INTERVAL`] until `stop` turns true
/// (a run in progress is abandoned: its round rolls back). Logs one line per run that changed
/// anything (counts only).
pub fn spawn(
    state: AppState,
    policy: Policy,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut wait = FIRST_RUN;
        loop {
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => break,
            }
            wait = INTERVAL;
            let now = state.clock.now();
            let report = tokio::select! {
                r = run_once(state.store.as_ref(), now, &policy) => r,
                _ = stop.changed() => break,
            };
            match report {
                Ok(r) if r.touched() => tracing::info!(
                    emails_emptied = r.emails.rows,
                    idempotency_keys_deleted = r.idempotency_keys.rows,
                    audit_entries_deleted = r.audit.rows,
                    more_left =
                        r.emails.more_left || r.idempotency_keys.more_left || r.audit.more_left,
                    "retention run"
                ),
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = ?e, "the retention run failed; the next one retries")
                }
            }
            if *stop.borrow() {
                break;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::config::Config;

    fn parse(args: &[&str]) -> Result<Policy, clap::Error> {
        let args = std::iter::once("server").chain(args.iter().copied());
        Config::try_parse_from(args).map(|c| c.retention.policy())
    }

    #[test]
    fn emails_are_kept_30_days_and_audit_entries_for_ever_by_default() {
        let policy = parse(&[]).unwrap();
        assert_eq!(policy.email, days(30));
        assert_eq!(policy.audit, None);
        assert_eq!(policy.idempotency_keys, Duration::from_secs(86_400));
        assert_eq!((policy.batch, policy.max_rounds), (500, 20));
    }

    #[test]
    fn the_windows_are_whole_days_of_at_least_one() {
        let policy = parse(&["--retain-email-days", "7", "--retain-audit-days", "400"]).unwrap();
        assert_eq!(policy.email, days(7));
        assert_eq!(policy.audit, Some(days(400)));
        for bad in [
            &["--retain-email-days", "0"][..],
            &["--retain-audit-days", "0"],
            &["--retain-email-days", "-1"],
            &["--retain-audit-days", "1.5"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
