//! One row of the preview: its cells as written, each cell's errors and warnings beneath it,
//! an input to fix an invalid cell in place, and Remove.

use domain::import::{ImportFile, ImportRow};
use domain::{Field, Issue};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Texts, use_i18n};

/// A cell's id prefix, unique on the page.
fn cell_id(number: usize, field: Field) -> String {
    format!("cm-import-{number}-{field:?}")
}

/// The issues of `row` at `field`: errors first, then warnings.
fn issues_at(row: &ImportRow, field: Field) -> (Vec<Issue>, Vec<Issue>) {
    let report = row.report().for_field(field);
    (report.errors, report.warnings)
}

/// The messages of `errors` and `warnings`, marked so colour is not the only sign.
fn messages(
    t: &'static Texts,
    id: String,
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
) -> impl IntoView {
    let errors = errors.into_iter().map(move |issue| {
        view! { <li class="cm-field__error">{t.error_prefix}{t.issue(&issue)}</li> }
    });
    let warnings = warnings.into_iter().map(move |issue| {
        view! { <li class="cm-field__warning">{t.warning_prefix}{t.issue(&issue)}</li> }
    });
    view! { <ul class="cm-import__issues" id=id>{errors.collect_view()}{warnings.collect_view()}</ul> }
}

/// What takes focus once the row of the clicked Remove button is gone: the Remove button of the
/// row after it (or before it, for the last row), or the totals if it was alone on the page.
fn focus_after_removal(ev: &web_sys::MouseEvent) -> Option<web_sys::HtmlElement> {
    let button = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let row = button.closest("tr").ok()??;
    let target = match row
        .next_element_sibling()
        .or_else(|| row.previous_element_sibling())
    {
        Some(neighbour) => neighbour.query_selector("td:last-child button").ok()?,
        None => document().query_selector(".cm-import__totals").ok()?,
    };
    target?.dyn_into().ok()
}

/// A row of the preview table.
#[component]
pub fn PreviewRow(
    /// The file the row belongs to (fixes and removals update it).
    file: RwSignal<Option<ImportFile>>,
    /// The row's spreadsheet number.
    number: usize,
    /// The file's columns, in its order.
    columns: Memo<Vec<Field>>,
) -> impl IntoView {
    let i = use_i18n();
    let row = Memo::new(move |_| file.with(|f| f.as_ref().and_then(|f| f.row(number).cloned())));
    // Issues at fields the table has no column for (and at the row itself) go under the number.
    let row_issues = move || {
        let t = i.t();
        let shown = columns.get();
        row.with(|r| {
            let Some(r) = r else { return ().into_any() };
            let outside = |issue: &&Issue| !shown.contains(&issue.field);
            let errors = r.report().errors.iter().filter(outside).cloned().collect();
            let warnings = r
                .report()
                .warnings
                .iter()
                .filter(outside)
                .cloned()
                .collect();
            messages(t, format!("cm-import-{number}-row"), errors, warnings).into_any()
        })
    };
    let has_errors =
        move || row.with(|r| r.as_ref().is_some_and(|r| !r.report().errors.is_empty()));
    view! {
        <tr class:cm-import__row--error=has_errors>
            <th scope="row">{number}{row_issues}</th>
            <For each=move || columns.get() key=|field| *field let:field>
                <Cell file row number field/>
            </For>
            <td>
                <button
                    type="button"
                    class="cm-button cm-button--small"
                    aria-label=move || (i.t().import().remove_row)(number)
                    on:click=move |ev| {
                        let next = focus_after_removal(&ev);
                        file.update(|f| {
                            if let Some(f) = f {
                                f.remove_row(number);
                            }
                        });
                        if let Some(next) = next {
                            let _ = next.focus();
                        }
                    }
                >
                    {move || i.t().import().remove}
                </button>
            </td>
        </tr>
    }
}

/// One cell: its text, or an input once it has an error (kept after a fix, so focus and the
/// typed text stay where they are), and its messages.
#[component]
fn Cell(
    file: RwSignal<Option<ImportFile>>,
    row: Memo<Option<ImportRow>>,
    number: usize,
    field: Field,
) -> impl IntoView {
    let i = use_i18n();
    let text = Memo::new(move |_| {
        row.with(|r| {
            r.as_ref()
                .map(|r| r.cells().get(field).to_owned())
                .unwrap_or_default()
        })
    });
    let issues = Memo::new(move |_| {
        row.with(|r| r.as_ref().map(|r| issues_at(r, field)).unwrap_or_default())
    });
    let editing = RwSignal::new(false);
    let editable = move || editing.get() || issues.with(|(errors, _)| !errors.is_empty());
    let id = cell_id(number, field);
    let message_id = format!("{id}-issues");
    let input = {
        let (id, message_id) = (id.clone(), message_id.clone());
        move || {
            view! {
                <input
                    id=id.clone()
                    class="cm-import__fix"
                    type="text"
                    aria-label=move || (i.t().import().fix_cell)((i.t().field_label)(field), number)
                    aria-invalid=move || issues.with(|(errors, _)| (!errors.is_empty()).to_string())
                    aria-describedby=message_id.clone()
                    prop:value=move || text.get()
                    on:change:target=move |ev| {
                        editing.set(true);
                        let value = ev.target().value();
                        file.update(|f| {
                            if let Some(f) = f {
                                f.set_cell(number, field, &value);
                            }
                        });
                    }
                />
            }
        }
    };
    view! {
        <td>
            <Show when=editable fallback=move || view! { <span class="cm-import__text">{move || text.get()}</span> }>
                {input.clone()}
            </Show>
            {move || {
                let (errors, warnings) = issues.get();
                messages(i.t(), message_id.clone(), errors, warnings)
            }}
        </td>
    }
}
