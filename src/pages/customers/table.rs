//! The customer table: rows from given data, sortable headers, usage warnings and row actions.
//! It does no fetching, so browser tests mount it with fixtures.

use domain::{Customer, CustomerStatus};
use leptos::prelude::*;

use crate::config::app_href;
use leptos_router::components::A;

use crate::format;
use crate::i18n::{Texts, current_locale, status_label, storage_type_label, texts};

/// The header text of a column, from the catalogue.
type Label = fn(&Texts) -> &'static str;

/// The columns: header text and the API's sort key (`None`: not sortable).
const COLUMNS: [(Label, Option<&str>); 7] = [
    (|t| t.col_organization, Some("organization_name")),
    (|t| t.col_domain, Some("domain")),
    (|t| t.col_status, Some("status")),
    (|t| t.col_licenses, Some("user_licenses")),
    (|t| t.col_storage, Some("storage_used_gb")),
    (|t| t.col_storage_type, Some("storage_type")),
    (|t| t.col_actions, None),
];

/// The customer table for a given set of rows, or the right empty state when there are none.
#[component]
pub fn CustomersTable(
    /// The rows to show, in order.
    customers: Vec<Customer>,
    /// The current sort: a column key, `-` prefixed when descending.
    #[prop(optional, into)]
    sort: MaybeProp<String>,
    /// Called with the new sort when a header is activated; without it headers are static.
    #[prop(optional)]
    on_sort: Option<Callback<String>>,
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
) -> impl IntoView {
    let t = texts(current_locale());
    if customers.is_empty() {
        return view! { <EmptyState filtered on_clear_filters/> }.into_any();
    }
    let usage_as_of = customers
        .iter()
        .map(|c| c.usage_updated_at.as_str())
        .max()
        .map(format::time_of_day);
    view! {
        <div class="cm-table-wrap">
            <table class="cm-table">
                <caption class="cm-table__caption">
                    <span class="cm-visually-hidden">{t.customers_caption}</span>
                    {usage_as_of.map(|time| view! { <span class="cm-muted">{(t.usage_as_of)(&time)}</span> })}
                </caption>
                <thead>
                    <tr>
                        {COLUMNS
                            .into_iter()
                            .map(|(label, key)| view! { <SortHeader label=label(t) key sort on_sort/> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {customers
                        .into_iter()
                        .map(|c| view! { <CustomerRow customer=c highlight on_resend/> })
                        .collect_view()}
                </tbody>
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
    key: Option<&'static str>,
    sort: MaybeProp<String>,
    on_sort: Option<Callback<String>>,
) -> impl IntoView {
    let numeric = key == Some("user_licenses");
    let (Some(key), Some(on_sort)) = (key, on_sort) else {
        return view! { <th scope="col" class:cm-num=numeric>{label}</th> }.into_any();
    };
    let direction = move || match sort.get() {
        Some(s) if s == key => "ascending",
        Some(s) if s.strip_prefix('-') == Some(key) => "descending",
        _ => "none",
    };
    let next = move || match direction() {
        "ascending" => format!("-{key}"),
        _ => key.to_owned(),
    };
    view! {
        <th scope="col" class:cm-num=numeric aria-sort=direction>
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

/// One customer. Warnings carry text as well as colour.
#[component]
fn CustomerRow(
    customer: Customer,
    highlight: MaybeProp<String>,
    on_resend: Option<Callback<Customer>>,
) -> impl IntoView {
    let t = texts(current_locale());
    let id = customer.id.clone();
    let is_highlighted = {
        let id = id.clone();
        Memo::new(move |_| highlight.get().as_deref() == Some(id.as_str()))
    };
    let row_ref = NodeRef::<leptos::html::Tr>::new();
    Effect::new(move || {
        if let (Some(row), true) = (row_ref.get(), is_highlighted.get()) {
            row.scroll_into_view_with_bool(false);
        }
    });

    let over_licenses = customer.is_over_licenses();
    let (storage_class, storage_note) = match customer.storage_ratio() {
        Some(r) if r >= 1.0 => ("cm-usage cm-usage--full", Some(t.storage_full)),
        Some(r) if r >= domain::STORAGE_WARN_RATIO => {
            ("cm-usage cm-usage--high", Some(t.nearly_full))
        }
        _ => ("cm-usage", None),
    };
    let name = customer.organization_name.clone();
    let meter_label = (t.storage_used_by)(&name);
    let edit_label = (t.edit_customer_named)(&name);
    let edit_href = app_href(&format!(
        "/customers/{}/edit",
        js_sys::encode_uri_component(&id)
    ));
    let pending = customer.status == CustomerStatus::PendingActivation;
    let resend = on_resend.filter(|_| pending).map(|on_resend| {
        let customer = customer.clone();
        let label = (t.resend_activation_to)(&name);
        view! {
            <button type="button" class="cm-icon-button" aria-label=label title=t.resend_activation
                on:click=move |_| on_resend.run(customer.clone())>
                <MailIcon/>
            </button>
        }
    });

    view! {
        <tr node_ref=row_ref data-customer-id=id class:cm-row--highlight=is_highlighted>
            <th scope="row" class="cm-org">
                <A href=edit_href.clone()>{name}</A>
            </th>
            <td>
                {match customer.domain {
                    Some(d) => view! { <span class="cm-domain">{d}</span> }.into_any(),
                    None => view! { <span class="cm-muted">{t.not_registered}</span> }.into_any(),
                }}
            </td>
            <td>
                <span class="cm-badge" class:cm-badge--pending=pending class:cm-badge--active=!pending>
                    {status_label(t, customer.status)}
                </span>
            </td>
            <td class="cm-num">
                <span class:cm-text-danger=over_licenses>
                    {format!(
                        "{} / {}",
                        format::count(customer.licenses_in_use.into()),
                        format::count(customer.user_licenses.into()),
                    )}
                </span>
                {over_licenses.then(|| view! { <span class="cm-badge cm-badge--danger">{t.inadequate_licenses}</span> })}
            </td>
            <td class=storage_class>
                <span>
                    {format!("{} / {}", format::storage_rounded(customer.storage_used_gb), format::storage(customer.extra_storage_gb))}
                </span>
                {storage_note.map(|note| view! { <span class="cm-usage__note">{note}</span> })}
                <meter
                    min="0"
                    max=customer.extra_storage_gb.max(1).to_string()
                    low=(customer.extra_storage_gb as f64 * domain::STORAGE_WARN_RATIO).to_string()
                    high=customer.extra_storage_gb.to_string()
                    optimum="0"
                    value=customer.storage_used_gb.to_string()
                    aria-label=meter_label
                ></meter>
            </td>
            <td>{storage_type_label(t, customer.storage_type)}</td>
            <td class="cm-actions">
                <A href=edit_href attr:class="cm-icon-button" attr:aria-label=edit_label attr:title=t.edit_customer>
                    <EditIcon/>
                </A>
                {resend}
            </td>
        </tr>
    }
}

/// No rows: a new reseller gets the call to action, a filtered view gets a way out.
#[component]
fn EmptyState(filtered: bool, on_clear_filters: Option<Callback<()>>) -> impl IntoView {
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
                <A href=app_href("/customers/new") attr:class="cm-button cm-button--primary">{t.add_customer}</A>
            </div>
        }
        .into_any()
    }
}

#[component]
fn EditIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zm17.71-10.21a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z"/>
        </svg>
    }
}

#[component]
fn MailIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 4-8 5-8-5V6l8 5 8-5v2z"/>
        </svg>
    }
}
