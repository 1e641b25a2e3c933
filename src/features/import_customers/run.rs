//! Sending the ready rows: the batch create endpoint, [`BATCH_MAX_ROWS`] rows a request, each
//! under the row's idempotency key, at most [`IN_FLIGHT`] batches at a time; Cancel stops
//! sending new batches, a network failure stops the run with the report so far, and Retry sends
//! the rows not yet answered (the same keys, so nothing is created twice).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use domain::import::ImportFile;
use domain::{BATCH_MAX_ROWS, BatchOutcome, BatchRowResult, Code, Issue, NewCustomer};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::context::host_events::{self, AuthFailure};

/// Batches sent at once: one is written while the next travels; the server writes a reseller's
/// batches one at a time anyway.
pub const IN_FLIGHT: usize = 2;

/// One row of the file as the run knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The row's number in the file.
    pub number: usize,
    /// The organization name as written (for the report).
    pub name: String,
    /// What to send and under which key; `None` for a row with errors, never sent.
    pub send: Option<(NewCustomer, String)>,
}

/// What became of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Created now.
    Created,
    /// Its key had created it before (an earlier run or import of the same file).
    Replayed,
    /// A customer with its name or domain exists (the preview's or the API's `Duplicate`).
    Existed(Vec<Issue>),
    /// Not created: the row's errors, or the API's refusal.
    Failed(Vec<Issue>, Option<ApiError>),
}

/// Where the run is.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Rows are being sent.
    Running,
    /// Cancel was pressed: rows in flight finish, no new row is sent.
    Cancelling,
    /// Every row has its outcome.
    Done,
    /// Cancelled; some rows were not sent.
    Cancelled,
    /// Stopped by a failure that is not the row's fault (network, server, session).
    Stopped(ApiError),
}

/// An import run: the rows fixed when the user confirmed, and what became of each.
#[derive(Clone, Copy)]
pub struct Run {
    /// Every row of the file at confirmation, in file order.
    pub jobs: StoredValue<Vec<Job>>,
    /// Each job's outcome (`None`: not answered yet).
    pub outcomes: RwSignal<Vec<Option<Outcome>>>,
    /// Where the run is.
    pub phase: RwSignal<Phase>,
}

/// Whether a row's errors are all clashes with existing customers (it "already existed").
fn only_clashes(errors: &[Issue]) -> bool {
    !errors.is_empty() && errors.iter().all(|i| i.code == Code::Duplicate)
}

impl Run {
    /// An empty run, created with the page so its signals outlive the preview that starts it.
    pub fn empty() -> Run {
        Run {
            jobs: StoredValue::new(Vec::new()),
            outcomes: RwSignal::new(Vec::new()),
            phase: RwSignal::new(Phase::Done),
        }
    }

    /// Loads `file` as it is now: ready rows are to be sent; the others are reported as they are.
    pub fn load(&self, file: &ImportFile) {
        let ready = file.ready();
        let mut ready = ready.into_iter().peekable();
        let mut jobs = Vec::with_capacity(file.rows().len());
        let mut outcomes = Vec::with_capacity(file.rows().len());
        for row in file.rows() {
            let send = ready
                .next_if(|r| r.number == row.number())
                .map(|r| (r.customer.clone(), r.idempotency_key));
            let errors = row.report().errors.clone();
            outcomes.push(match send {
                Some(_) => None,
                None if only_clashes(&errors) => Some(Outcome::Existed(errors)),
                None => Some(Outcome::Failed(errors, None)),
            });
            jobs.push(Job {
                number: row.number(),
                name: row.cells().organization_name.clone(),
                send,
            });
        }
        self.jobs.set_value(jobs);
        self.outcomes.set(outcomes);
        self.phase.set(Phase::Running);
    }

    /// Rows to send and how many of them have an answer.
    pub fn progress(&self) -> (usize, usize) {
        self.jobs.with_value(|jobs| {
            self.outcomes.with(|outcomes| {
                jobs.iter()
                    .zip(outcomes)
                    .fold((0, 0), |(done, total), (job, outcome)| {
                        if job.send.is_some() {
                            (done + usize::from(outcome.is_some()), total + 1)
                        } else {
                            (done, total)
                        }
                    })
            })
        })
    }

    /// Stops sending new rows; those in flight finish.
    pub fn cancel(&self) {
        if self.phase.get_untracked() == Phase::Running {
            self.phase.set(Phase::Cancelling);
        }
    }

    /// Sends every row not answered yet in batches, [`IN_FLIGHT`] at a time (also Retry after
    /// a stop).
    pub fn start(self) {
        let unsent: Vec<usize> = self.jobs.with_value(|jobs| {
            self.outcomes.with_untracked(|outcomes| {
                (0..jobs.len())
                    .filter(|&i| jobs[i].send.is_some() && outcomes[i].is_none())
                    .collect()
            })
        });
        self.phase.set(Phase::Running);
        if unsent.is_empty() {
            self.phase.set(Phase::Done);
            return;
        }
        let queue: VecDeque<Vec<usize>> = unsent
            .chunks(BATCH_MAX_ROWS)
            .map(<[usize]>::to_vec)
            .collect();
        let queue = Rc::new(RefCell::new(queue));
        let stop = Rc::new(RefCell::new(None::<ApiError>));
        let workers = IN_FLIGHT.min(queue.borrow().len());
        let active = Rc::new(Cell::new(workers));
        for _ in 0..workers {
            let (queue, stop, active) = (queue.clone(), stop.clone(), active.clone());
            spawn_local(async move {
                self.work(&queue, &stop).await;
                active.set(active.get() - 1);
                if active.get() == 0 {
                    self.finish(stop.borrow_mut().take());
                }
            });
        }
    }

    /// One worker: takes the next batch until none is left, Cancel was pressed or a send failed.
    async fn work(self, queue: &RefCell<VecDeque<Vec<usize>>>, stop: &RefCell<Option<ApiError>>) {
        loop {
            let cancelled = self.phase.try_get_untracked() != Some(Phase::Running);
            if cancelled || stop.borrow().is_some() {
                return;
            }
            let Some(batch) = queue.borrow_mut().pop_front() else {
                return;
            };
            // Gone when the view was left mid-run: nothing more to send.
            let Some(rows) = self.jobs.try_with_value(|jobs| {
                batch
                    .iter()
                    .filter_map(|&i| jobs[i].send.clone())
                    .collect::<Vec<_>>()
            }) else {
                return;
            };
            let outcomes: Vec<Outcome> =
                match host_events::on_unauthorized(api::import_batch(&rows).await) {
                    Ok(answer) => answer.results.into_iter().map(row_outcome).collect(),
                    // Not the rows' fault: they stay unsent and the run stops for Retry.
                    Err(error) if error.is_retryable() || error.is_unauthorized() => {
                        stop.borrow_mut().get_or_insert(error);
                        return;
                    }
                    Err(error) => batch
                        .iter()
                        .map(|_| Outcome::Failed(Vec::new(), Some(error.clone())))
                        .collect(),
                };
            self.outcomes.try_update(|all| {
                for (index, outcome) in batch.into_iter().zip(outcomes) {
                    all[index] = Some(outcome);
                }
            });
        }
    }

    /// The last worker is done: say how the run ended.
    fn finish(self, stopped: Option<ApiError>) {
        let Some((done, total)) = self.jobs.try_with_value(|_| self.progress()) else {
            return;
        };
        let phase = match stopped {
            Some(error) => Phase::Stopped(error),
            None if done < total => Phase::Cancelled,
            None => Phase::Done,
        };
        self.phase.try_set(phase);
    }
}

/// What the server's result for one row means for the report.
fn row_outcome(result: BatchRowResult) -> Outcome {
    match result.outcome {
        BatchOutcome::Created => Outcome::Created,
        BatchOutcome::Replayed => Outcome::Replayed,
        BatchOutcome::Duplicate if only_clashes(&result.errors) => Outcome::Existed(result.errors),
        BatchOutcome::Duplicate | BatchOutcome::Invalid | BatchOutcome::KeyReused => {
            let error = ApiError::Rejected {
                status: result.status,
                detail: String::new(),
                errors: result.errors.clone(),
            };
            Outcome::Failed(result.errors, Some(error))
        }
    }
}
