//! The Customers tab: the reseller's customers with their licenses and storage.

use domain::Customer;
use leptos::prelude::*;

use crate::api::{self, ListQuery};
use crate::components::ErrorPanel;
use crate::format;

/// The Customers tab: loads the list and shows it, a loading state or what went wrong.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let (reload, set_reload) = signal(0u32);
    let customers = LocalResource::new(move || {
        reload.track();
        async move { api::list_customers(&ListQuery::default()).await }
    });
    let retry = Callback::new(move |()| set_reload.update(|n| *n += 1));

    view! {
        <section class="cm-customers" aria-labelledby="cm-customers-title">
            <header class="cm-page-header">
                <h1 id="cm-customers-title">"Customers"</h1>
            </header>
            <Transition fallback=|| view! { <TableSkeleton/> }>
                {move || Suspend::new(async move {
                    match customers.await {
                        Ok(page) => view! { <CustomersTable customers=page.items/> }.into_any(),
                        Err(error) => view! { <ErrorPanel error on_retry=retry/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The customer table for a given set of rows (no fetching: tests mount it with data).
#[component]
pub fn CustomersTable(
    /// The rows to show, in order.
    customers: Vec<Customer>,
) -> impl IntoView {
    if customers.is_empty() {
        return view! {
            <div class="cm-empty" role="status">
                <h2>"No customers yet"</h2>
                <p>"Customers you add appear here with their licenses and storage."</p>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="cm-table-wrap">
            <table class="cm-table">
                <caption class="cm-visually-hidden">"Customers, with their licenses and storage"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Organization"</th>
                        <th scope="col">"Domain"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col" class="cm-num">"Licenses"</th>
                        <th scope="col">"Storage"</th>
                        <th scope="col">"Storage type"</th>
                    </tr>
                </thead>
                <tbody>
                    {customers.into_iter().map(|c| view! { <CustomerRow customer=c/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One customer: usage is shown with text as well as colour.
#[component]
fn CustomerRow(customer: Customer) -> impl IntoView {
    let over_licenses = customer.is_over_licenses();
    let ratio = customer.storage_ratio();
    let storage_level = match ratio {
        Some(r) if r >= 1.0 => "cm-usage--full",
        Some(r) if r >= domain::STORAGE_WARN_RATIO => "cm-usage--high",
        _ => "cm-usage--ok",
    };
    let domain_text = customer.domain.clone();
    view! {
        <tr data-customer-id=customer.id.clone()>
            <th scope="row" class="cm-org">{customer.organization_name.clone()}</th>
            <td>
                {match domain_text {
                    Some(d) => view! { <span>{d}</span> }.into_any(),
                    None => view! { <span class="cm-muted">"Not registered"</span> }.into_any(),
                }}
            </td>
            <td>{customer.status.label()}</td>
            <td class="cm-num">
                <span class:cm-text-danger=over_licenses>
                    {format!("{} / {}", format::count(customer.licenses_in_use.into()), format::count(customer.user_licenses.into()))}
                </span>
                {over_licenses.then(|| view! { <span class="cm-badge cm-badge--danger">"Inadequate licenses"</span> })}
            </td>
            <td class=format!("cm-usage {storage_level}")>
                <span>{format!("{} / {}", format::storage(customer.storage_used_gb), format::storage(customer.extra_storage_gb))}</span>
                <meter
                    min="0"
                    max=customer.extra_storage_gb.max(1).to_string()
                    low=(customer.extra_storage_gb as f64 * domain::STORAGE_WARN_RATIO).to_string()
                    high=customer.extra_storage_gb.to_string()
                    optimum="0"
                    value=customer.storage_used_gb.to_string()
                    aria-label=format!("Storage used by {}", customer.organization_name)
                ></meter>
            </td>
            <td>{customer.storage_type.label()}</td>
        </tr>
    }
}

/// Placeholder rows the size of real ones, so the layout does not shift when data arrives.
#[component]
fn TableSkeleton() -> impl IntoView {
    view! {
        <div class="cm-table-wrap" aria-busy="true">
            <p class="cm-visually-hidden" role="status">"Loading customers…"</p>
            <table class="cm-table cm-table--skeleton" aria-hidden="true">
                <tbody>
                    {(0..8).map(|_| view! {
                        <tr>{(0..6).map(|_| view! { <td><span class="cm-skeleton"></span></td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
