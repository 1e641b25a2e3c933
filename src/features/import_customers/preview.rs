//! The preview: unknown columns confirmed first, then the totals, the rows with their errors
//! and warnings at the cells (a page of 100 at a time, or only the rows with problems), and
//! the import button with its confirmation.

use domain::import::ImportFile;
use leptos::prelude::*;

use super::ImportState;
use super::existing::Check;
use super::pager::{Pager, page_range};
use super::row::PreviewRow;
use crate::i18n::{api_error, use_i18n};
use crate::ui::dialog::ConfirmModal;

/// Whether a row needs the user's attention.
fn has_problems(row: &domain::import::ImportRow) -> bool {
    !row.report().errors.is_empty() || !row.report().warnings.is_empty()
}

/// The preview of a read file.
#[component]
pub fn ImportPreview(
    /// The view's state; must hold a file.
    state: ImportState,
) -> impl IntoView {
    let i = use_i18n();
    let file = state.file;
    let confirmed_columns =
        RwSignal::new(file.with_untracked(|f| f.as_ref().is_none_or(|f| f.warnings().is_empty())));
    let unknown_columns = move || {
        let t = i.t();
        let warnings = file.with(|f| {
            f.as_ref()
                .map(|f| f.warnings().to_vec())
                .unwrap_or_default()
        });
        view! {
            <div class="cm-import__columns" role="region" aria-labelledby="cm-import-columns-title">
                <h2 id="cm-import-columns-title">{t.import().unknown_columns_title}</h2>
                <p>{t.import().unknown_columns_body}</p>
                <ul>{warnings.iter().map(|w| view! { <li>{t.issue(w)}</li> }).collect_view()}</ul>
                <div class="cm-form__actions">
                    <button
                        type="button"
                        class="cm-button cm-button--primary"
                        on:click=move |_| confirmed_columns.set(true)
                    >
                        {t.import().ignore_and_continue}
                    </button>
                    <button type="button" class="cm-button" on:click=move |_| state.reset()>
                        {t.import().choose_other_file}
                    </button>
                </div>
            </div>
        }
    };
    view! {
        <p class="cm-import__file-name">
            {move || state.file_name.get().map(|name| (i.t().import().file_name)(&name))}
        </p>
        <Show when=move || confirmed_columns.get() fallback=unknown_columns>
            <Rows state/>
        </Show>
    }
}

/// Totals, filter, table, pager and the import button.
#[component]
fn Rows(state: ImportState) -> impl IntoView {
    let i = use_i18n();
    let file = state.file;
    // The rows with problems when the filter was turned on: a row fixed meanwhile stays in view
    // (showing that its errors are gone, with focus where it was) until the filter is redone.
    let problem_rows = RwSignal::new(None::<Vec<usize>>);
    let only_problems = move || problem_rows.with(Option::is_some);
    let page = RwSignal::new(0usize);
    let confirm_open = RwSignal::new(false);
    let totals =
        Memo::new(move |_| file.with(|f| f.as_ref().map(ImportFile::totals).unwrap_or_default()));
    let columns =
        Memo::new(move |_| file.with(|f| f.as_ref().map(ImportFile::columns).unwrap_or_default()));
    // Every row, or the rows with problems that are still in the file.
    let matching = Memo::new(move |_| {
        problem_rows.with(|problems| {
            file.with(|f| {
                let Some(f) = f else { return Vec::new() };
                match problems {
                    None => f.rows().iter().map(|row| row.number()).collect(),
                    Some(numbers) => numbers
                        .iter()
                        .copied()
                        .filter(|&n| f.row(n).is_some())
                        .collect(),
                }
            })
        })
    });
    let total = Signal::derive(move || matching.with(Vec::len));
    let on_page = move || {
        let (_, rows) = page_range(total.get(), page.get());
        matching.with(|m| m[rows].to_vec())
    };
    let existing_status = move || {
        let t = i.t();
        match state.existing.get() {
            Check::Checking => Some(view! { <p class="cm-import__checking">{t.import().checking_existing}</p> }.into_any()),
            Check::Failed(error) => Some(
                view! { <p class="cm-import__check-failed">{(t.import().existing_failed)(&api_error(t, &error))}</p> }
                    .into_any(),
            ),
            _ => None,
        }
    };
    let start = move |_| {
        let run = state.runner;
        if file
            .with_untracked(|f| f.as_ref().map(|f| run.load(f)))
            .is_some()
        {
            state.run.set(Some(run));
            run.start();
        }
    };
    let ready = move || totals.get().ready;
    let summary = NodeRef::<leptos::html::P>::new();
    super::focus_on_mount(summary);

    view! {
        <div class="cm-import__summary" aria-live="polite">
            <p class="cm-import__totals" tabindex="-1" node_ref=summary>
                {move || {
                    let totals = totals.get();
                    (i.t().import().totals)(totals.ready, totals.with_errors, totals.with_warnings)
                }}
            </p>
            {existing_status}
        </div>
        <div class="cm-import__filter">
            <input
                type="checkbox"
                id="cm-import-only-problems"
                prop:checked=only_problems
                on:change:target=move |ev| {
                    let problems = ev.target().checked().then(|| {
                        file.with_untracked(|f| {
                            f.iter()
                                .flat_map(|f| f.rows())
                                .filter(|row| has_problems(row))
                                .map(|row| row.number())
                                .collect()
                        })
                    });
                    problem_rows.set(problems);
                    page.set(0);
                }
            />
            <label for="cm-import-only-problems">{move || i.t().import().only_problems}</label>
        </div>
        <div class="cm-table-wrap">
            <table class="cm-table cm-import__table">
                <caption class="cm-visually-hidden">{move || i.t().import().preview_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i.t().import().col_row}</th>
                        {move || {
                            let t = i.t();
                            columns.get().into_iter().map(|field| view! { <th scope="col">{(t.field_label)(field)}</th> }).collect_view()
                        }}
                        <th scope="col">{move || i.t().import().col_actions}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=on_page key=|number| *number let:number>
                        <PreviewRow file number columns/>
                    </For>
                </tbody>
            </table>
        </div>
        <Show when=move || only_problems() && total.get() == 0>
            <p>{move || i.t().import().no_problem_rows}</p>
        </Show>
        <Pager total page/>
        <div class="cm-form__actions">
            <button
                type="button"
                class="cm-button cm-button--primary cm-import__start"
                aria-disabled=move || (ready() == 0).to_string()
                aria-describedby="cm-import-nothing-ready"
                on:click=move |_| {
                    if ready() > 0 {
                        confirm_open.set(true);
                    }
                }
            >
                {move || (i.t().import().import_button)(ready())}
            </button>
            <button type="button" class="cm-button" on:click=move |_| state.reset()>
                {move || i.t().import().choose_other_file}
            </button>
        </div>
        <p id="cm-import-nothing-ready" class="cm-field__hint">
            {move || (ready() == 0).then(|| i.t().import().nothing_ready)}
        </p>
        <ConfirmModal
            open=confirm_open
            title=Signal::derive(move || (i.t().import().confirm_title)(ready()))
            confirm_label=Signal::derive(move || i.t().import().confirm.to_owned())
            on_confirm=Callback::new(start)
        >
            <p>{move || (i.t().import().confirm_body)(ready())}</p>
        </ConfirmModal>
    }
}
