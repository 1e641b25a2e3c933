//! The run on screen: progress with Cancel while rows are sent, then (or after a stop, with
//! Retry) what became of every row, downloadable as CSV.

use domain::Field;
use domain::import::{OutcomeLine, outcome_csv};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;

use super::ImportState;
use super::pager::{Pager, page_range};
use super::run::{Outcome, Phase, Run};
use crate::context::app_href;
use crate::i18n::{Texts, api_error, use_i18n};
use crate::ui::download::download;

/// An outcome's label and details, in the catalogue's language.
fn words(t: &'static Texts, outcome: Option<&Outcome>) -> (&'static str, String) {
    let issues = |issues: &[domain::Issue]| {
        issues
            .iter()
            .map(|i| t.issue(i))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match outcome {
        None => (t.import().outcome_not_sent, String::new()),
        Some(Outcome::Created) => (t.import().outcome_created, String::new()),
        Some(Outcome::Replayed) => (t.import().outcome_existed, t.import().replayed.to_owned()),
        Some(Outcome::Existed(found)) => (t.import().outcome_existed, issues(found)),
        Some(Outcome::Failed(found, _)) if !found.is_empty() => {
            (t.import().outcome_failed, issues(found))
        }
        Some(Outcome::Failed(_, Some(error))) => (t.import().outcome_failed, api_error(t, error)),
        Some(Outcome::Failed(_, None)) => (t.import().outcome_failed, String::new()),
    }
}

/// The per-row report as CSV, worded in the catalogue's language.
fn report_csv(t: &'static Texts, run: Run, delimiter: domain::import::Delimiter) -> String {
    run.jobs.with_value(|jobs| {
        run.outcomes.with_untracked(|outcomes| {
            let worded: Vec<_> = outcomes.iter().map(|o| words(t, o.as_ref())).collect();
            let lines: Vec<OutcomeLine<'_>> = jobs
                .iter()
                .zip(&worded)
                .map(|(job, (outcome, message))| OutcomeLine {
                    row: job.number,
                    organization_name: &job.name,
                    outcome,
                    message,
                })
                .collect();
            let header = [
                t.import().col_row,
                (t.field_label)(Field::OrganizationName),
                t.import().col_outcome,
                t.import().col_details,
            ];
            outcome_csv(header, &lines, delimiter)
        })
    })
}

/// Progress, then the result.
#[component]
pub fn RunView(
    /// The view's state; must hold a run.
    state: ImportState,
) -> impl IntoView {
    let i = use_i18n();
    let Some(run) = state.run.get_untracked() else {
        return ().into_any();
    };
    let progress = Memo::new(move |_| run.progress());
    let status_ref = NodeRef::<leptos::html::P>::new();
    super::focus_on_mount(status_ref);
    let phase = run.phase;
    let busy = move || matches!(phase.get(), Phase::Running | Phase::Cancelling);
    let status = move || {
        let t = i.t();
        let (done, total) = progress.get();
        match phase.get() {
            Phase::Running => (t.import().progress)(done, total),
            Phase::Cancelling => t.import().cancelling.to_owned(),
            Phase::Done => t.import().finished.to_owned(),
            Phase::Cancelled => (t.import().cancelled)(total - done),
            Phase::Stopped(error) => (t.import().stopped)(&api_error(t, &error)),
        }
    };
    let summary = move || {
        let t = i.t();
        run.outcomes.with(|outcomes| {
            let (mut created, mut existed, mut failed) = (0, 0, 0);
            for outcome in outcomes.iter().flatten() {
                match outcome {
                    Outcome::Created => created += 1,
                    Outcome::Replayed | Outcome::Existed(_) => existed += 1,
                    Outcome::Failed(..) => failed += 1,
                }
            }
            (t.import().summary)(created, existed, failed)
        })
    };
    let delimiter = state
        .file
        .with_untracked(|f| f.as_ref().map(|f| f.delimiter()))
        .unwrap_or(domain::import::Delimiter::Comma);
    let on_download = move |_| {
        let t = i.t();
        let _ = download(t.import().results_file, &report_csv(t, run, delimiter));
    };
    let actions = move || {
        let t = i.t();
        if busy() {
            Either::Left(view! {
                <button
                    type="button"
                    class="cm-button"
                    disabled=move || phase.get() == Phase::Cancelling
                    on:click=move |_| run.cancel()
                >
                    {t.import().cancel_import}
                </button>
            })
        } else {
            let (done, total) = progress.get_untracked();
            let retry = matches!(phase.get_untracked(), Phase::Stopped(_) | Phase::Cancelled)
                .then(|| view! {
                    <button type="button" class="cm-button cm-button--primary" on:click=move |_| run.start()>
                        {(t.import().retry_rest)(total - done)}
                    </button>
                });
            Either::Right(view! {
                {retry}
                <button type="button" class="cm-button" on:click=on_download>{t.import().download_results}</button>
                <A href=app_href("/customers") attr:class="cm-button">{t.import().back_to_list}</A>
                <button type="button" class="cm-button" on:click=move |_| state.reset()>{t.import().import_another}</button>
            })
        }
    };
    view! {
        <div class="cm-import__run">
            <label for="cm-import-progress">{move || i.t().import().progress_label}</label>
            <progress
                id="cm-import-progress"
                max=move || progress.get().1.max(1)
                value=move || progress.get().0
            ></progress>
            <p class="cm-import__status" role="status" aria-live="polite" tabindex="-1" node_ref=status_ref>{status}</p>
            <p class="cm-import__summary-line">{summary}</p>
            <div class="cm-form__actions">{actions}</div>
            <Show when=move || !busy()>
                <Outcomes run/>
            </Show>
        </div>
    }
    .into_any()
}

/// Every row's outcome, in file order, a page at a time.
#[component]
fn Outcomes(run: Run) -> impl IntoView {
    let i = use_i18n();
    let page = RwSignal::new(0usize);
    let total = run.jobs.with_value(Vec::len);
    let rows = move || {
        let t = i.t();
        let (_, shown) = page_range(total, page.get());
        run.jobs.with_value(|jobs| {
            run.outcomes.with(|outcomes| {
                jobs[shown.clone()]
                    .iter()
                    .zip(&outcomes[shown])
                    .map(|(job, outcome)| {
                        let (label, details) = words(t, outcome.as_ref());
                        let (number, name) = (job.number, job.name.clone());
                        view! {
                            <tr>
                                <td class="cm-num">{number}</td>
                                <th scope="row">{name}</th>
                                <td>{label}</td>
                                <td>{details}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        // Scrolls sideways on a phone: focusable and named, so the keyboard can scroll it too.
        <div class="cm-table-wrap" tabindex="0" role="region" aria-label=move || i.t().import().results_caption>
            <table class="cm-table cm-import__results">
                <caption class="cm-visually-hidden">{move || i.t().import().results_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i.t().import().col_row}</th>
                        <th scope="col">{move || (i.t().field_label)(Field::OrganizationName)}</th>
                        <th scope="col">{move || i.t().import().col_outcome}</th>
                        <th scope="col">{move || i.t().import().col_details}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager total=Signal::stored(total) page/>
    }
}
