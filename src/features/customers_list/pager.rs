//! Paging under the table: "1–25 of 312" (or "of 1,000+ customers" when a search's count
//! stopped early), previous/next and the page size.

use crate::i18n::use_i18n;
use leptos::prelude::*;

use crate::api::ListQuery;
use crate::i18n::format;

/// The page sizes offered.
const PAGE_SIZES: [u32; 4] = [10, 25, 50, 100];

/// Server-side paging controls for `total` matching customers.
#[component]
pub fn Pager(
    /// The list state from the URL.
    query: Memo<ListQuery>,
    /// How many customers match, over all pages (at least this many when `total_is_lower_bound`).
    total: u64,
    /// Whether `total` is a lower bound: the last page is then unknown, and Next stays on.
    #[prop(optional)]
    total_is_lower_bound: bool,
    /// The page the shown rows are (from the response, which may lag the URL while loading).
    page: u32,
    /// The page size the shown rows were fetched with.
    per_page: u32,
    /// Called with the new list state.
    on_change: Callback<ListQuery>,
) -> impl IntoView {
    let i = use_i18n();
    let range = move || {
        let t = i.t();
        // What is on screen, not what the URL asks for next: the two differ while a page loads.
        let first = u64::from(page.max(1) - 1) * u64::from(per_page) + 1;
        let last = (first + u64::from(per_page) - 1).min(total);
        if total_is_lower_bound {
            (t.range_of_at_least)(
                &format::count(first),
                &format::count(last),
                &format::count(total),
            )
        } else if total == 0 || first > total {
            (t.none_of)(&format::count(total))
        } else {
            (t.range_of)(
                &format::count(first),
                &format::count(last),
                &format::count(total),
            )
        }
    };
    let last_page = total.div_ceil(u64::from(per_page.max(1))).max(1) as u32;
    let on_first = page <= 1;
    // A bounded total is always past this page's end: there is a next page.
    let on_last = !total_is_lower_bound && page >= last_page;
    let go_to = move |page: u32| {
        on_change.run(ListQuery {
            page,
            ..query.get_untracked()
        })
    };

    view! {
        <nav class="cm-pager" aria-label=move || i.t().pages>
            <div class="cm-pager__size">
                <label for="cm-page-size">{move || i.t().rows_per_page}</label>
                <select
                    id="cm-page-size"
                    prop:value=move || query.get().per_page.to_string()
                    on:change:target=move |ev| {
                        let per_page = ev.target().value().parse().unwrap_or(domain::DEFAULT_PER_PAGE);
                        on_change.run(ListQuery { per_page, page: 1, ..query.get_untracked() });
                    }
                >
                    {PAGE_SIZES.into_iter().map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                </select>
            </div>
            <p class="cm-pager__range" aria-live="polite">{range}</p>
            <div class="cm-pager__buttons">
                <button
                    type="button"
                    class="cm-button"
                    disabled=on_first
                    on:click=move |_| go_to(page.saturating_sub(1).max(1))
                >
                    {move || i.t().previous}
                </button>
                <button
                    type="button"
                    class="cm-button"
                    disabled=on_last
                    on:click=move |_| go_to(page + 1)
                >
                    {move || i.t().next}
                </button>
            </div>
        </nav>
    }
}
