//! The customer table: rows from given data, sortable headers, usage warnings and row actions.
//! It does no fetching, so browser tests mount it with fixtures.

mod dom;
mod rows;
mod runs_out;

use domain::{Customer, Sort, SortKey};
use leptos::prelude::*;

use crate::context::app_href;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::i18n::format;
use crate::i18n::{Texts, current_locale, texts};
use dom::encode_uri_component;
use rows::RowBuilder;

/// The header text of a column, from the catalogue.
type Label = fn(&Texts) -> &'static str;

/// The columns: header text and the API's sort key (`None`: not sortable).
const COLUMNS: [(Label, Option<SortKey>); 8] = [
    (|t| t.col_organization, Some(SortKey::OrganizationName)),
    (|t| t.col_domain, Some(SortKey::Domain)),
    (|t| t.col_status, Some(SortKey::Status)),
    (|t| t.col_licenses, Some(SortKey::UserLicenses)),
    (|t| t.col_storage, Some(SortKey::StorageUsedGb)),
    (|t| t.col_storage_type, Some(SortKey::StorageType)),
    (|t| t.col_runs_out, Some(SortKey::RunsOutDays)),
    (|t| t.col_actions, None),
];

/// The customer table for a given set of rows, or the right empty state when there are none.
#[component]
pub fn CustomersTable(
    /// The rows to show, in order.
    customers: Vec<Customer>,
    /// The current order (`None`: the default).
    #[prop(optional, into)]
    sort: MaybeProp<Sort>,
    /// Called with the new order when a header is activated; without it headers are static.
    #[prop(optional)]
    on_sort: Option<Callback<Sort>>,
    /// The id of a row to highlight and scroll into view (the one just saved).
    #[prop(optional, into)]
    highlight: MaybeProp<String>,
    /// Called when the user asks to resend a pending customer's activation email.
    #[prop(optional)]
    on_resend: Option<Callback<Customer>>,
    /// Whether filters are active: decides between "no customers yet" and "no matches".
    #[prop(optional)]
    filtered: bool,
    /// Clears the filters (offered in the "no matches" state).
    #[prop(optional)]
    on_clear_filters: Option<Callback<()>>,
    /// The person may only view (a viewer): rows link to "View customer", and no row or empty
    /// state offers to add or change anything.
    #[prop(optional)]
    view_only: bool,
) -> impl IntoView {
    let t = texts(current_locale());
    if customers.is_empty() {
        return view! { <EmptyState filtered on_clear_filters view_only/> }.into_any();
    }
    // A viewer cannot resend activation emails (the server would refuse).
    let on_resend = on_resend.filter(|_| !view_only);
    let usage_as_of = customers
        .iter()
        .map(|c| c.usage_updated_at.as_str())
        .max()
        .map(format::time_of_day);
    // The links' base path, read once rather than per row.
    let base = app_href("");
    let customers = StoredValue::new(customers);
    // The rows are cloned from prototypes straight into the <tbody> when it is built (see
    // `rows`); a rebuild replaces them.
    let fill_rows = move |tbody: leptos::web_sys::Element| {
        if tbody.first_child().is_some() {
            tbody.set_text_content(None);
        }
        let rows = RowBuilder::new(t, on_resend.is_some(), view_only);
        customers.with_value(|customers| {
            for c in customers {
                let href = format!("{base}/customers/{}/edit", encode_uri_component(&c.id));
                rows.append_row(&tbody, t, c, &href);
            }
        });
    };
    // A pending customer's resend button (the only button in the rows).
    let on_rows_click = move |ev: leptos::ev::MouseEvent| {
        let Some(on_resend) = on_resend else {
            return;
        };
        let id = ev
            .target()
            .and_then(|target| target.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|target| target.closest("button").ok().flatten())
            .and_then(|button| button.closest("tr").ok().flatten())
            .and_then(|row| row.get_attribute("data-customer-id"));
        let customer = customers.with_value(|customers| {
            customers
                .iter()
                .find(|c| Some(&c.id) == id.as_ref())
                .cloned()
        });
        if let Some(customer) = customer {
            on_resend.run(customer);
        }
    };
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    Effect::new(move |previous: Option<Option<String>>| {
        let current = highlight.get();
        if let Some(tbody) = tbody.get()
            && (current.is_some() || previous.flatten().is_some())
        {
            highlight_row(&tbody, current.as_deref());
        }
        current
    });
    runs_out::dismiss_dates_on_escape(tbody);
    view! {
        <div class="cm-table-wrap cm-table-wrap--customers">
            <table class="cm-table cm-table--customers" role="table">
                <caption class="cm-table__caption">
                    <span class="cm-visually-hidden">{t.customers_caption}</span>
                    {usage_as_of.map(|time| view! { <span class="cm-muted">{(t.usage_as_of)(&time)}</span> })}
                </caption>
                <thead role="rowgroup">
                    // The card layout shows this row as the sort choices, under this label.
                    <tr role="row" data-label=t.sort_by>
                        {COLUMNS
                            .into_iter()
                            .map(|(label, key)| view! { <SortHeader label=label(t) key sort on_sort/> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody
                    role="rowgroup"
                    node_ref=tbody
                    use:fill_rows
                    on:click=on_rows_click
                    on:mouseout=|ev| runs_out::undismiss_on_leave(ev.target(), ev.related_target(), ":focus")
                    on:focusout=|ev| runs_out::undismiss_on_leave(ev.target(), ev.related_target(), ":hover")
                ></tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A column header; sortable ones are buttons that toggle ascending/descending and expose the
/// state with `aria-sort`.
#[component]
fn SortHeader(
    label: &'static str,
    key: Option<SortKey>,
    sort: MaybeProp<Sort>,
    on_sort: Option<Callback<Sort>>,
) -> impl IntoView {
    let numeric = key == Some(SortKey::UserLicenses);
    let (Some(key), Some(on_sort)) = (key, on_sort) else {
        return view! { <th scope="col" role="columnheader" class:cm-num=numeric>{label}</th> }
            .into_any();
    };
    let direction = move || match sort.get() {
        Some(s) if s.key == key && !s.descending => "ascending",
        Some(s) if s.key == key => "descending",
        _ => "none",
    };
    let next = move || match direction() {
        "ascending" => Sort::descending(key),
        _ => Sort::ascending(key),
    };
    view! {
        <th scope="col" role="columnheader" class:cm-num=numeric aria-sort=direction>
            <button type="button" class="cm-sort" on:click=move |_| on_sort.run(next())>
                {label}
                <span class="cm-sort__icon" aria-hidden="true">
                    {move || match direction() {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "↕",
                    }}
                </span>
            </button>
        </th>
    }
    .into_any()
}

/// Marks the row of customer `id` (if it is on screen) as just saved and scrolls it into view;
/// `None` clears the mark.
fn highlight_row(tbody: &leptos::web_sys::Element, id: Option<&str>) {
    let Ok(rows) = tbody.query_selector_all("tr") else {
        return;
    };
    for i in 0..rows.length() {
        let Some(row) = rows
            .get(i)
            .and_then(|n| n.dyn_into::<leptos::web_sys::Element>().ok())
        else {
            continue;
        };
        let on = id.is_some() && row.get_attribute("data-customer-id").as_deref() == id;
        if on {
            let _ = row.set_attribute("class", "cm-row--highlight");
            row.scroll_into_view_with_bool(false);
        } else if row.has_attribute("class") {
            let _ = row.remove_attribute("class");
        }
    }
}

/// No rows: a new reseller gets the call to action, a filtered view gets a way out.
#[component]
fn EmptyState(
    filtered: bool,
    on_clear_filters: Option<Callback<()>>,
    view_only: bool,
) -> impl IntoView {
    let t = texts(current_locale());
    if filtered {
        view! {
            <div class="cm-empty" role="status">
                <h2>{t.no_matches}</h2>
                <p>{t.no_matches_body}</p>
                {on_clear_filters.map(|clear| view! {
                    <button type="button" class="cm-button" on:click=move |_| clear.run(())>{t.clear_filters}</button>
                })}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="cm-empty" role="status">
                <h2>{t.no_customers_yet}</h2>
                <p>{t.no_customers_yet_body}</p>
                {(!view_only).then(|| view! {
                    <A href=app_href("/customers/new") attr:class="cm-button cm-button--primary">{t.add_customer}</A>
                })}
            </div>
        }
        .into_any()
    }
}
