//! The Customers tab's pieces in headless Chromium: table states, sort headers, search and the
//! URL query mapping.

use std::sync::{Arc, Mutex};

use crate::support::user::{click, el, sleep};
use crate::support::{customer, mount_point, text, texts};
use customers_app::api::{ListQuery, query_string};
use customers_app::features::customers_list::{CustomersTable, Pager, Toolbar, query_from_params};
use domain::{ActivationEmail, Customer, CustomerStatus, Sort, StorageType};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::params::ParamsMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn storage_warnings_are_amber_at_ninety_percent_and_red_when_full() {
    let root = mount_point();
    let rows = vec![
        Customer {
            storage_used_gb: 1800,
            extra_storage_gb: 2000,
            ..customer("high", "High Oy")
        },
        Customer {
            storage_used_gb: 2100,
            extra_storage_gb: 2000,
            ..customer("full", "Full Oy")
        },
        Customer {
            storage_used_gb: 100,
            ..customer("low", "Low Oy")
        },
    ];
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><CustomersTable customers=rows/></Router> },
    );
    leptos::task::tick().await;

    assert!(text(&root, "tbody tr:nth-child(1)").contains("Nearly full"));
    assert!(text(&root, "tbody tr:nth-child(2)").contains("Storage full"));
    let low = text(&root, "tbody tr:nth-child(3)");
    assert!(
        !low.contains("Nearly full") && !low.contains("Storage full"),
        "{low}"
    );
}

#[wasm_bindgen_test]
async fn rows_offer_edit_by_name_and_resend_only_when_pending() {
    let root = mount_point();
    let rows = vec![
        Customer {
            status: CustomerStatus::PendingActivation,
            ..customer("new", "New Oy")
        },
        customer("old", "Old Oy"),
    ];
    let resent = Arc::new(Mutex::new(Vec::<String>::new()));
    let on_resend = {
        let resent = resent.clone();
        Callback::new(move |c: Customer| resent.lock().unwrap().push(c.id))
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><CustomersTable customers=rows on_resend/></Router> }
    });
    leptos::task::tick().await;

    let edit = root
        .query_selector("[aria-label='Edit customer Old Oy']")
        .unwrap()
        .unwrap();
    assert_eq!(
        edit.get_attribute("href").as_deref(),
        Some("/customers/old/edit")
    );
    assert!(
        root.query_selector("[aria-label='Resend activation email to Old Oy']")
            .unwrap()
            .is_none()
    );
    click(&root, "[aria-label='Resend activation email to New Oy']");
    assert_eq!(*resent.lock().unwrap(), ["new"]);
}

#[wasm_bindgen_test]
async fn an_undeliverable_activation_email_is_flagged_in_its_row_with_resend() {
    let root = mount_point();
    let rows = vec![
        Customer {
            activation_email: ActivationEmail::Undeliverable,
            ..customer("lost", "Lost Mail Oy")
        },
        customer("fine", "Fine Mail Oy"),
    ];
    let resent = Arc::new(Mutex::new(Vec::<String>::new()));
    let on_resend = {
        let resent = resent.clone();
        Callback::new(move |c: Customer| resent.lock().unwrap().push(c.id))
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><CustomersTable customers=rows on_resend/></Router> }
    });
    leptos::task::tick().await;

    // Active, but the email never arrived: the row says so and offers Resend.
    let lost = text(&root, "tbody tr:nth-child(1)");
    assert!(
        lost.contains("Active") && lost.contains("Email not delivered"),
        "{lost}"
    );
    assert!(!text(&root, "tbody tr:nth-child(2)").contains("Email not delivered"));
    assert!(
        root.query_selector("[aria-label='Resend activation email to Fine Mail Oy']")
            .unwrap()
            .is_none()
    );
    click(
        &root,
        "[aria-label='Resend activation email to Lost Mail Oy']",
    );
    assert_eq!(*resent.lock().unwrap(), ["lost"]);
}

#[wasm_bindgen_test]
async fn sort_headers_show_the_state_and_toggle_direction() {
    let root = mount_point();
    let chosen = Arc::new(Mutex::new(Vec::<String>::new()));
    let on_sort = {
        let chosen = chosen.clone();
        Callback::new(move |s: Sort| chosen.lock().unwrap().push(s.to_param()))
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Router>
                <CustomersTable customers=vec![customer("a", "A Oy")] sort=Sort::parse("organization_name").unwrap() on_sort/>
            </Router>
        }
    });
    leptos::task::tick().await;

    let sorts: Vec<_> = {
        let list = root.query_selector_all("thead th").unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .get_attribute("aria-sort")
            })
            .collect()
    };
    assert_eq!(sorts[0].as_deref(), Some("ascending"));
    assert_eq!(sorts[1].as_deref(), Some("none"));
    assert_eq!(sorts[6].as_deref(), Some("none"), "Runs out sorts");
    assert_eq!(sorts[7], None, "Actions is not sortable");

    click(&root, "thead th:nth-child(1) button");
    click(&root, "thead th:nth-child(4) button");
    click(&root, "thead th:nth-child(7) button");
    assert_eq!(
        *chosen.lock().unwrap(),
        ["-organization_name", "user_licenses", "runs_out_days"]
    );
}

#[wasm_bindgen_test]
async fn the_no_matches_state_offers_clear_filters() {
    let root = mount_point();
    let cleared = Arc::new(Mutex::new(0));
    let on_clear = {
        let cleared = cleared.clone();
        Callback::new(move |()| *cleared.lock().unwrap() += 1)
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Router><CustomersTable customers=vec![] filtered=true on_clear_filters=on_clear/></Router> }
    });
    leptos::task::tick().await;

    assert!(text(&root, "[role=status]").contains("No customers match"));
    assert_eq!(texts(&root, "button"), ["Clear filters"]);
    click(&root, "button");
    assert_eq!(*cleared.lock().unwrap(), 1);
}

/// Mounts the pager for `total` (a lower bound or not) at `page` of 25; answers the page Next asks
/// for, or `None` when Next is disabled.
async fn pager_next(total: u64, total_is_lower_bound: bool, page: u32) -> (String, Option<u32>) {
    let root = mount_point();
    let asked = Arc::new(Mutex::new(None));
    let on_change = {
        let asked = asked.clone();
        Callback::new(move |q: ListQuery| *asked.lock().unwrap() = Some(q.page))
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let query = Memo::new(move |_| ListQuery {
            page,
            ..ListQuery::default()
        });
        view! { <Pager query total total_is_lower_bound page per_page=25 on_change/> }
    });
    leptos::task::tick().await;
    let range = text(&root, ".cm-pager__range");
    let next: web_sys::HtmlElement = el(&root, ".cm-pager__buttons button:last-child");
    if next.has_attribute("disabled") {
        return (range, None);
    }
    next.click();
    let asked = *asked.lock().unwrap();
    (range, asked)
}

#[wasm_bindgen_test]
async fn a_lower_bound_total_reads_as_at_least_and_next_stays_on() {
    // A broad search's first page: "1,000+ customers", and Next goes on.
    let (range, next) = pager_next(1_000, true, 1).await;
    assert_eq!(range, "1–25 of 1,000+ customers");
    assert_eq!(next, Some(2));
    // Past the limit the bound follows the page (one past its end): still Next.
    let (range, next) = pager_next(1_001, true, 40).await;
    assert_eq!(range, "976–1,000 of 1,001+ customers");
    assert_eq!(next, Some(41));
    // The last page, counted to the end, is exact: no Next.
    let (range, next) = pager_next(1_010, false, 41).await;
    assert_eq!(range, "1,001–1,010 of 1,010");
    assert_eq!(next, None);
}

#[wasm_bindgen_test]
async fn typing_a_search_updates_the_query_after_a_pause() {
    let root = mount_point();
    let changes = Arc::new(Mutex::new(Vec::<ListQuery>::new()));
    let on_change = {
        let changes = changes.clone();
        Callback::new(move |q: ListQuery| changes.lock().unwrap().push(q))
    };
    let start = ListQuery {
        page: 3,
        per_page: 25,
        sort: Sort::parse("-storage_used_gb"),
        ..Default::default()
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let query = Memo::new(move |_| start.clone());
        view! { <Toolbar query on_change on_clear=Callback::new(|()| {})/> }
    });
    leptos::task::tick().await;

    let input = root
        .query_selector("#cm-search")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    for partial in ["c", "co", "con"] {
        input.set_value(partial);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
    }
    assert!(
        changes.lock().unwrap().is_empty(),
        "no request per keystroke"
    );
    sleep(450).await;

    let changes = changes.lock().unwrap();
    assert_eq!(changes.len(), 1, "one change after the pause");
    assert_eq!(changes[0].q, "con");
    assert_eq!(changes[0].page, 1, "a new search starts at page 1");
    assert_eq!(
        changes[0].sort.map(Sort::to_param).as_deref(),
        Some("-storage_used_gb"),
        "sort is kept"
    );
}

#[wasm_bindgen_test]
async fn the_runs_out_soon_filter_sets_the_query_and_starts_at_page_one() {
    let root = mount_point();
    let changes = Arc::new(Mutex::new(Vec::<ListQuery>::new()));
    let on_change = {
        let changes = changes.clone();
        Callback::new(move |q: ListQuery| changes.lock().unwrap().push(q))
    };
    let start = ListQuery {
        page: 2,
        attention: true,
        ..Default::default()
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let query = Memo::new(move |_| start.clone());
        view! { <Toolbar query on_change on_clear=Callback::new(|()| {})/> }
    });
    leptos::task::tick().await;

    assert_eq!(
        text(&root, "label[for=cm-filter-runs-out]"),
        "Runs out within 30 days"
    );
    click(&root, "#cm-filter-runs-out");
    let changes = changes.lock().unwrap();
    assert_eq!(changes.len(), 1);
    assert!(changes[0].runs_out_soon);
    assert!(changes[0].attention, "the other filters stay");
    assert_eq!(changes[0].page, 1);
    assert_eq!(
        query_string(&changes[0].pairs()),
        "attention=true&runs_out_soon=true"
    );
}

#[wasm_bindgen_test]
fn the_url_query_maps_to_the_list_state_with_safe_defaults() {
    let mut params = ParamsMap::new();
    for (k, v) in [
        ("q", "contoso"),
        ("status", "pending_activation"),
        ("storage_type", "finnish_s3"),
        ("attention", "true"),
        ("runs_out_soon", "true"),
        ("sort", "-domain"),
        ("page", "2"),
        ("per_page", "50"),
    ] {
        params.insert(k, v.to_owned());
    }
    let q = query_from_params(&params);
    assert_eq!(q.q, "contoso");
    assert_eq!(q.status, Some(CustomerStatus::PendingActivation));
    assert_eq!(q.storage_type, Some(StorageType::FinnishS3));
    assert!(q.attention);
    assert!(q.runs_out_soon);
    assert_eq!(
        (q.sort.map(Sort::to_param).as_deref(), q.page, q.per_page),
        (Some("-domain"), 2, 50)
    );
    assert_eq!(
        query_string(&q.pairs()),
        "q=contoso&status=pending_activation&storage_type=finnish_s3&attention=true&runs_out_soon=true&sort=-domain&page=2&per_page=50"
    );

    let mut junk = ParamsMap::new();
    for (k, v) in [("status", "deleted"), ("page", "0"), ("per_page", "5000")] {
        junk.insert(k, v.to_owned());
    }
    let q = query_from_params(&junk);
    assert_eq!(
        (q.status, q.page, q.per_page),
        (None, 1, domain::DEFAULT_PER_PAGE)
    );
    assert_eq!(query_string(&q.pairs()), "");
}
