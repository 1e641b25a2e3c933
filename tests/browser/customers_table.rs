//! The customer table rendered from given data in headless Chromium.

use crate::support::{customer, mount_point, text, texts};
use customers_app::features::customers_list::CustomersTable;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn renders_one_row_per_customer_with_its_values() {
    let root = mount_point();
    let rows = vec![
        customer("contoso", "Contoso Oy"),
        domain::Customer {
            domain: None,
            storage_type: domain::StorageType::FinnishS3,
            ..customer("fabrikam", "Fabrikam Ab")
        },
    ];
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><CustomersTable customers=rows/></Router> },
    );
    leptos::task::tick().await;

    assert_eq!(
        texts(&root, "tbody th[scope=row]"),
        ["Contoso Oy", "Fabrikam Ab"]
    );
    let first = text(&root, "tbody tr:nth-child(1)");
    assert!(first.contains("contoso.fi"), "{first}");
    assert!(first.contains("212 / 250"), "{first}");
    assert!(first.contains("1.4 TB / 2 TB"), "{first}");
    assert!(first.contains("Azure (Ireland)"), "{first}");
    let second = text(&root, "tbody tr:nth-child(2)");
    assert!(second.contains("Not registered"), "{second}");
    assert!(second.contains("Finnish S3 Storage"), "{second}");
}

#[wasm_bindgen_test]
async fn marks_inadequate_licenses_with_text_not_colour_alone() {
    let root = mount_point();
    let rows = vec![
        domain::Customer {
            licenses_in_use: 300,
            ..customer("over", "Over Licensed Oy")
        },
        customer("fine", "Fine Oy"),
    ];
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><CustomersTable customers=rows/></Router> },
    );
    leptos::task::tick().await;

    assert!(text(&root, "tbody tr:nth-child(1)").contains("Inadequate licenses"));
    assert!(!text(&root, "tbody tr:nth-child(2)").contains("Inadequate licenses"));
}

#[wasm_bindgen_test]
async fn shows_the_empty_state_without_customers() {
    let root = mount_point();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        || view! { <Router><CustomersTable customers=vec![]/></Router> },
    );
    leptos::task::tick().await;

    assert!(root.query_selector("table").unwrap().is_none());
    assert!(text(&root, "[role=status]").contains("No customers yet"));
}

#[wasm_bindgen_test]
async fn renders_in_finnish_with_finnish_number_formats() {
    let root = mount_point();
    let rows = vec![domain::Customer {
        domain: None,
        user_licenses: 1500,
        ..customer("fi", "Suomi Oy")
    }];
    let i18n = customers_app::i18n::I18n::new(customers_app::context::Locale::Fi);
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><CustomersTable customers=rows/></Router> },
    );
    leptos::task::tick().await;

    let row = text(&root, "tbody tr");
    i18n.set(customers_app::context::Locale::En);
    assert!(row.contains("Ei rekisteröity"), "{row}");
    assert!(row.contains("Aktiivinen"), "{row}");
    assert!(row.contains("Azure (Irlanti)"), "{row}");
    assert!(row.contains("212 / 1\u{a0}500"), "{row}");
    assert!(row.contains("1,4 TB / 2 TB"), "{row}");
    assert_eq!(texts(&root, "thead th")[0], "Organisaatio");
}

#[wasm_bindgen_test]
async fn user_text_stays_text_and_ids_are_encoded_in_links() {
    let root = mount_point();
    let name = "<img src=x onerror=alert(1)> & Co";
    let rows = vec![customer("a b/ä?", name)];
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><CustomersTable customers=rows/></Router> },
    );
    leptos::task::tick().await;

    assert!(root.query_selector("tbody img").unwrap().is_none());
    assert_eq!(text(&root, "tbody th a"), name);
    let edit = root
        .query_selector("tbody .cm-actions a")
        .unwrap()
        .expect("edit link");
    assert_eq!(
        edit.get_attribute("href").as_deref(),
        Some("/customers/a%20b%2F%C3%A4%3F/edit")
    );
    assert_eq!(
        edit.get_attribute("aria-label"),
        Some(format!("Edit customer {name}"))
    );
}

#[wasm_bindgen_test]
async fn highlights_the_saved_row_until_the_highlight_clears() {
    let root = mount_point();
    let rows = vec![customer("one", "One Oy"), customer("two", "Two Oy")];
    let highlight = RwSignal::new(Some("two".to_owned()));
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><CustomersTable customers=rows highlight/></Router> },
    );
    leptos::task::tick().await;

    let highlighted = || {
        let rows = root
            .query_selector_all("tbody tr.cm-row--highlight")
            .unwrap();
        (0..rows.length())
            .filter_map(|i| rows.get(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .filter_map(|row| row.get_attribute("data-customer-id"))
            .collect::<Vec<_>>()
    };
    assert_eq!(highlighted(), ["two"]);
    highlight.set(Some("one".to_owned()));
    leptos::task::tick().await;
    assert_eq!(highlighted(), ["one"]);
    highlight.set(None);
    leptos::task::tick().await;
    assert!(highlighted().is_empty());
}

/// A customer whose storage and licenses run out as given.
fn forecast(id: &str, storage: domain::RunsOut, licenses: domain::RunsOut) -> domain::Customer {
    domain::Customer {
        forecast: domain::Forecast { storage, licenses },
        ..customer(id, &format!("{id} Oy"))
    }
}

#[wasm_bindgen_test]
async fn runs_out_says_what_runs_out_first_when_and_on_which_date() {
    use domain::RunsOut::{Beyond365, InDays, NotEnoughHistory, NotGrowing, Now};
    let root = mount_point();
    let rows = vec![
        forecast("storage", InDays { days: 12 }, InDays { days: 40 }),
        forecast("licenses", NotGrowing, Now),
        forecast("both", InDays { days: 1 }, InDays { days: 1 }),
        forecast("later", Beyond365, InDays { days: 203 }),
        forecast("none", NotEnoughHistory, Beyond365),
    ];
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><CustomersTable customers=rows/></Router> },
    );
    leptos::task::tick().await;

    assert_eq!(texts(&root, "thead th")[6], "Runs out");
    // Usage as of 28 Nov 2026: the date is that many days later.
    assert_eq!(
        texts(&root, "tbody .cm-runs-out"),
        [
            "Storage in 12 days on 10 Dec 2026",
            "Licenses now as of 28 Nov 2026",
            "Storage and licenses in 1 day on 29 Nov 2026",
            "Licenses in 203 days on 19 Jun 2027",
            "–No forecast",
        ]
    );
    // Within 30 days or now stands out; each date is reachable by keyboard, "–" is not.
    let focusable = root
        .query_selector_all("tbody .cm-runs-out [tabindex='0']")
        .unwrap();
    assert_eq!(focusable.length(), 4);
    let class = |row: usize| {
        root.query_selector(&format!("tbody tr:nth-child({row}) .cm-runs-out__when"))
            .unwrap()
            .expect("a forecast")
            .class_name()
    };
    assert!(class(1).contains("--soon"), "{}", class(1));
    assert!(class(2).contains("--now"), "{}", class(2));
    assert!(!class(4).contains("--"), "{}", class(4));
    let hidden = root
        .query_selector("tbody tr:nth-child(5) .cm-runs-out [aria-hidden=true]")
        .unwrap()
        .expect("the dash is hidden from screen readers");
    assert_eq!(hidden.text_content().as_deref(), Some("–"));
}

#[wasm_bindgen_test]
async fn runs_out_in_finnish() {
    use domain::RunsOut::{InDays, NotGrowing, Now};
    let root = mount_point();
    let rows = vec![
        forecast("a", InDays { days: 12 }, NotGrowing),
        forecast("b", Now, NotGrowing),
    ];
    let i18n = customers_app::i18n::I18n::new(customers_app::context::Locale::Fi);
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Router><CustomersTable customers=rows/></Router> },
    );
    leptos::task::tick().await;

    let cells = texts(&root, "tbody .cm-runs-out");
    let header = texts(&root, "thead th")[6].clone();
    i18n.set(customers_app::context::Locale::En);
    assert_eq!(header, "Loppuu");
    assert_eq!(
        cells,
        [
            "Tallennustila 12 päivässä 10.12.2026",
            "Tallennustila nyt tilanne 28.11.2026"
        ]
    );
}
