//! The preview: unknown columns confirmed first, then the totals, the rows with their errors
//! and warnings at the cells (a page of 100 at a time, or only the rows with problems), and
//! the import button with its confirmation.

use domain::import::ImportFile;
use leptos::prelude::*;

use super::ImportState;
use super::existing::Check;
use super::row::PreviewRow;
use crate::i18n::{api_error, use_i18n};
use crate::ui::dialog::ConfirmModal;

/// Rows rendered at once: enough to scan, few enough that a 5,000-row file stays responsive.
pub const PAGE_ROWS: usize = 100;

/// Whether a row needs the user's attention.
fn has_problems(row: &domain::import::ImportRow) -> bool {
    !row.report().errors.is_empty() || !row.report().warnings.is_empty()
}

/// The row numbers on `page` (0-based), the 1-based range shown and how many rows match.
fn page_rows(
    file: &ImportFile,
    only_problems: bool,
    page: usize,
) -> (Vec<usize>, usize, usize, usize) {
    let matching: Vec<usize> = file
        .rows()
        .iter()
        .filter(|row| !only_problems || has_problems(row))
        .map(|row| row.number())
        .collect();
    let total = matching.len();
    let pages = total.div_ceil(PAGE_ROWS).max(1);
    let start = page.min(pages - 1) * PAGE_ROWS;
    let end = (start + PAGE_ROWS).min(total);
    (matching[start..end].to_vec(), start + 1, end, total)
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
                <h2 id="cm-import-columns-title">{t.import.unknown_columns_title}</h2>
                <p>{t.import.unknown_columns_body}</p>
                <ul>{warnings.iter().map(|w| view! { <li>{(t.issue)(w)}</li> }).collect_view()}</ul>
                <div class="cm-form__actions">
                    <button
                        type="button"
                        class="cm-button cm-button--primary"
                        on:click=move |_| confirmed_columns.set(true)
                    >
                        {t.import.ignore_and_continue}
                    </button>
                    <button type="button" class="cm-button" on:click=move |_| state.reset()>
                        {t.import.choose_other_file}
                    </button>
                </div>
            </div>
        }
    };
    view! {
        <p class="cm-import__file-name">
            {move || state.file_name.get().map(|name| (i.t().import.file_name)(&name))}
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
    let only_problems = RwSignal::new(false);
    let page = RwSignal::new(0usize);
    let confirm_open = RwSignal::new(false);
    let totals =
        Memo::new(move |_| file.with(|f| f.as_ref().map(ImportFile::totals).unwrap_or_default()));
    let columns =
        Memo::new(move |_| file.with(|f| f.as_ref().map(ImportFile::columns).unwrap_or_default()));
    let shown = Memo::new(move |_| {
        let only = only_problems.get();
        let page = page.get();
        file.with(|f| {
            f.as_ref()
                .map(|f| page_rows(f, only, page))
                .unwrap_or_default()
        })
    });
    let existing_status = move || {
        let t = i.t();
        match state.existing.get() {
            Check::Checking => Some(view! { <p class="cm-import__checking">{t.import.checking_existing}</p> }.into_any()),
            Check::Failed(error) => Some(
                view! { <p class="cm-import__check-failed">{(t.import.existing_failed)(&api_error(t, &error))}</p> }
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
                    (i.t().import.totals)(totals.ready, totals.with_errors, totals.with_warnings)
                }}
            </p>
            {existing_status}
        </div>
        <div class="cm-import__filter">
            <input
                type="checkbox"
                id="cm-import-only-problems"
                prop:checked=move || only_problems.get()
                on:change:target=move |ev| {
                    only_problems.set(ev.target().checked());
                    page.set(0);
                }
            />
            <label for="cm-import-only-problems">{move || i.t().import.only_problems}</label>
        </div>
        <div class="cm-table-wrap">
            <table class="cm-table cm-import__table">
                <caption class="cm-visually-hidden">{move || i.t().import.preview_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i.t().import.col_row}</th>
                        {move || {
                            let t = i.t();
                            columns.get().into_iter().map(|field| view! { <th scope="col">{(t.field_label)(field)}</th> }).collect_view()
                        }}
                        <th scope="col">{move || i.t().import.col_actions}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || shown.get().0 key=|number| *number let:number>
                        <PreviewRow file number columns/>
                    </For>
                </tbody>
            </table>
        </div>
        <Show when=move || only_problems.get() && shown.with(|s| s.3 == 0)>
            <p>{move || i.t().import.no_problem_rows}</p>
        </Show>
        <nav class="cm-pager" aria-label=move || i.t().pages>
            <span aria-live="polite">
                {move || shown.with(|&(_, first, last, total)| (i.t().import.rows_range)(first.min(last), last, total))}
            </span>
            <div class="cm-pager__buttons">
                <button
                    type="button"
                    class="cm-button"
                    disabled=move || page.get() == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                >
                    {move || i.t().previous}
                </button>
                <button
                    type="button"
                    class="cm-button"
                    disabled=move || page.get() + 1 >= shown.with(|s| s.3).div_ceil(PAGE_ROWS).max(1)
                    on:click=move |_| page.update(|p| *p += 1)
                >
                    {move || i.t().next}
                </button>
            </div>
        </nav>
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
                {move || (i.t().import.import_button)(ready())}
            </button>
            <button type="button" class="cm-button" on:click=move |_| state.reset()>
                {move || i.t().import.choose_other_file}
            </button>
        </div>
        <p id="cm-import-nothing-ready" class="cm-field__hint">
            {move || (ready() == 0).then(|| i.t().import.nothing_ready)}
        </p>
        <ConfirmModal
            open=confirm_open
            title=Signal::derive(move || (i.t().import.confirm_title)(ready()))
            confirm_label=Signal::derive(move || i.t().import.confirm.to_owned())
            on_confirm=Callback::new(start)
        >
            <p>{move || (i.t().import.confirm_body)(ready())}</p>
        </ConfirmModal>
    }
}
