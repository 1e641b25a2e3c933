//! Paging of the import's tables: a page of [`PAGE_ROWS`] rows at a time, Previous and Next, and
//! the range shown, so a 50,000-row file stays responsive.

use std::ops::Range;

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Rows rendered at once: enough to scan, few enough to draw at once.
pub const PAGE_ROWS: usize = 100;

/// The page (0-based) and the rows of `total` it shows: page `page`, or the last one if rows were
/// removed since.
pub fn page_range(total: usize, page: usize) -> (usize, Range<usize>) {
    let pages = total.div_ceil(PAGE_ROWS).max(1);
    let page = page.min(pages - 1);
    let start = page * PAGE_ROWS;
    (page, start..(start + PAGE_ROWS).min(total))
}

/// Previous and Next, with the range shown ("Rows 101–200 of 50,000").
#[component]
pub fn Pager(
    /// How many rows there are to page through.
    #[prop(into)]
    total: Signal<usize>,
    /// The page asked for (0-based; shown clamped to the last page).
    page: RwSignal<usize>,
) -> impl IntoView {
    let i = use_i18n();
    let current = Memo::new(move |_| page_range(total.get(), page.get()));
    let last_page = move || total.get().div_ceil(PAGE_ROWS).max(1) - 1;
    view! {
        <nav class="cm-pager" aria-label=move || i.t().pages>
            <span aria-live="polite">
                {move || current.with(|(_, rows)| {
                    (!rows.is_empty()).then(|| (i.t().import().rows_range)(rows.start + 1, rows.end, total.get()))
                })}
            </span>
            <div class="cm-pager__buttons">
                <button
                    type="button"
                    class="cm-button"
                    disabled=move || current.with(|(page, _)| *page == 0)
                    on:click=move |_| page.set(current.with_untracked(|(page, _)| page.saturating_sub(1)))
                >
                    {move || i.t().previous}
                </button>
                <button
                    type="button"
                    class="cm-button"
                    disabled=move || current.with(|(page, _)| *page >= last_page())
                    on:click=move |_| page.set(current.with_untracked(|(page, _)| page + 1))
                >
                    {move || i.t().next}
                </button>
            </div>
        </nav>
    }
}
