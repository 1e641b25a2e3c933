//! The Edit customer view's usage panel and Suggest: the chart and its table, the figures, the
//! states without enough history, and Suggest filling the form without saving.
//! Mounted in headless Chromium with given data, no server. Run:
//! `cargo test --target wasm32-unknown-unknown --test browser edit_usage::`.

use crate::support::fetch::FakeFetch;
use crate::support::forms::*;
use crate::support::user::*;
use crate::support::{mount_point, text, texts};
use customers_app::api::ApiError;
use customers_app::context::Locale;
use customers_app::features::edit_customer::{EditCustomerForm, UsagePanel};
use customers_app::i18n::I18n;
use domain::usage::{CustomerUsage, Forecast, RunsOut, Suggestion, UsagePoint, format_day};
use leptos::prelude::*;
use wasm_bindgen_test::*;

/// `n` days ending 2026-11-28: 1,400 GB growing 5 GB a day, 40 active users.
fn usage(n: i32, storage: RunsOut) -> CustomerUsage {
    usage_of(n, storage, 40)
}

/// [`usage`] with `users` active users every day.
fn usage_of(n: i32, storage: RunsOut, users: u32) -> CustomerUsage {
    let last = domain::usage::parse_day("2026-11-28").unwrap();
    CustomerUsage {
        customer_id: "contoso".into(),
        days: 90,
        samples: (0..n)
            .map(|k| UsagePoint {
                date: format_day(last - (n - 1) + k),
                used_storage_bytes: (1400 + 5 * k as u64) * 1_000_000_000,
                active_users: users,
            })
            .collect(),
        forecast: Forecast {
            storage,
            licenses: RunsOut::NotGrowing,
        },
        runs_out_days: storage.days(),
        extra_storage_gb: 2000,
        user_licenses: 250,
    }
}

async fn mount_panel(
    root: &web_sys::HtmlElement,
    answer: Result<CustomerUsage, ApiError>,
) -> impl Sized {
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <UsagePanel usage=Signal::stored(Some(answer.clone())) on_retry=|()| {}/> }
    });
    settle().await;
    handle
}

/// The element whose id the listbox's `aria-activedescendant` names: the day a screen reader reads.
fn active_day(root: &web_sys::HtmlElement) -> String {
    let id = el::<web_sys::Element>(root, "[role=listbox]")
        .get_attribute("aria-activedescendant")
        .expect("an active day");
    text(root, &format!("#{id}[role=option]"))
}

#[wasm_bindgen_test]
async fn the_chart_is_a_named_image_with_the_figures_and_a_table_alternative() {
    let root = mount_point();
    let _handle = mount_panel(&root, Ok(usage(60, RunsOut::InDays { days: 61 }))).await;

    let svg = root
        .query_selector("svg[role=img]")
        .unwrap()
        .expect("the chart");
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("Storage used over the last 90 days")
    );
    assert!(
        root.query_selector(".cm-chart__forecast")
            .unwrap()
            .is_some(),
        "a forecast line"
    );
    assert!(text(&root, ".cm-chart__svg").contains("Runs out"));
    let figures = texts(&root, ".cm-usage-panel__figures li");
    assert!(
        figures[0].starts_with("1.7 TB of 2 TB used. Storage runs out in 61 days (28 Jan 2027)."),
        "{figures:?}"
    );
    assert_eq!(
        figures[1],
        "40 active users of 250 licenses. Active users are not growing."
    );
    // The readout shows the newest day before any day is picked.
    assert_eq!(
        text(&root, "#cm-chart-readout"),
        "28 Nov 2026: 1.7 TB used, 40 active users"
    );

    button(&root, "Show as table").click();
    settle().await;
    assert!(root.query_selector("svg[role=img]").unwrap().is_none());
    let rows = texts(&root, ".cm-usage-panel__table tbody tr");
    assert_eq!(rows.len(), 60);
    assert_eq!(
        texts(&root, ".cm-usage-panel__table tbody tr:first-child > *"),
        ["28 Nov 2026", "1.7 TB", "40"],
        "newest first"
    );
}

#[wasm_bindgen_test]
async fn the_days_are_a_listbox_beside_the_image_that_the_keys_move_through() {
    let root = mount_point();
    let _handle = mount_panel(&root, Ok(usage(60, RunsOut::InDays { days: 61 }))).await;

    // Nothing inside the image takes focus or keys (its content is hidden from assistive tech).
    assert!(
        root.query_selector("svg[role=img] [tabindex], svg[role=img][tabindex]")
            .unwrap()
            .is_none()
    );
    let days = el::<web_sys::HtmlElement>(&root, ".cm-chart [role=listbox]");
    assert_eq!(
        days.get_attribute("aria-label").as_deref(),
        Some("Storage used and active users per day")
    );
    assert_eq!(days.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(days.closest("svg").unwrap().is_none());
    let options = texts(&root, "[role=listbox] > [role=option]");
    assert_eq!(options.len(), 60);
    assert_eq!(options[0], "30 Sep 2026: 1.4 TB used, 40 active users");
    assert_eq!(options[59], "28 Nov 2026: 1.7 TB used, 40 active users");

    // Focus makes the newest day active; the keys move it, and the readout follows.
    days.dispatch_event(&event("focus", false)).unwrap();
    settle().await;
    assert_eq!(
        active_day(&root),
        "28 Nov 2026: 1.7 TB used, 40 active users"
    );
    press(&days, "ArrowLeft");
    settle().await;
    assert_eq!(
        active_day(&root),
        "27 Nov 2026: 1.7 TB used, 40 active users"
    );
    assert_eq!(text(&root, "#cm-chart-readout"), active_day(&root));
    // A horizontal listbox: Down goes forward a day, Up back; the active day is the selected one.
    press(&days, "ArrowDown");
    settle().await;
    assert_eq!(
        active_day(&root),
        "28 Nov 2026: 1.7 TB used, 40 active users"
    );
    assert_eq!(
        days.get_attribute("aria-orientation").as_deref(),
        Some("horizontal")
    );
    assert_eq!(
        texts(&root, "[role=option][aria-selected=true]"),
        vec![active_day(&root)]
    );
    press(&days, "ArrowUp");
    settle().await;
    assert_eq!(
        active_day(&root),
        "27 Nov 2026: 1.7 TB used, 40 active users"
    );
    assert_eq!(
        texts(&root, "[role=option][aria-selected=true]"),
        vec![active_day(&root)]
    );
    press(&days, "Home");
    settle().await;
    assert_eq!(active_day(&root), options[0]);
    assert_eq!(text(&root, "#cm-chart-readout"), options[0]);
    assert_eq!(
        root.query_selector_all(".cm-chart__point")
            .unwrap()
            .length(),
        1,
        "the active day is marked on the drawing"
    );
}

#[wasm_bindgen_test]
async fn one_active_user_is_one_user_in_english_and_finnish() {
    let root = mount_point();
    let _handle = mount_panel(&root, Ok(usage_of(20, RunsOut::NotGrowing, 1))).await;
    assert!(
        texts(&root, ".cm-usage-panel__figures li")[1]
            .starts_with("1 active user of 250 licenses.")
    );
    assert_eq!(
        text(&root, "#cm-chart-readout"),
        "28 Nov 2026: 1.5 TB used, 1 active user"
    );
    assert_eq!(
        texts(&root, "[role=option]")[0],
        "9 Nov 2026: 1.4 TB used, 1 active user"
    );

    let fi = mount_point();
    let answer = Ok(usage_of(20, RunsOut::NotGrowing, 1));
    let _handle = leptos::mount::mount_to(fi.clone(), move || {
        provide_context(I18n::new(Locale::Fi));
        view! { <UsagePanel usage=Signal::stored(Some(answer.clone())) on_retry=|()| {}/> }
    });
    settle().await;
    assert!(
        texts(&fi, ".cm-usage-panel__figures li")[1]
            .starts_with("1 aktiivinen käyttäjä, lisenssejä 250."),
        "{:?}",
        texts(&fi, ".cm-usage-panel__figures li")
    );
    assert_eq!(
        text(&fi, "#cm-chart-readout"),
        "28.11.2026: 1,5 TB käytössä, 1 aktiivinen käyttäjä"
    );
    // More than one stays plural.
    let many = mount_point();
    let _handle = mount_panel(&many, Ok(usage_of(20, RunsOut::NotGrowing, 2))).await;
    assert!(text(&many, "#cm-chart-readout").ends_with(", 2 active users"));

    // One license is one license.
    let one = mount_point();
    let mut answer = usage_of(20, RunsOut::NotGrowing, 2);
    answer.user_licenses = 1;
    let _handle = mount_panel(&one, Ok(answer)).await;
    assert!(
        texts(&one, ".cm-usage-panel__figures li")[1].starts_with("2 active users of 1 license."),
        "{:?}",
        texts(&one, ".cm-usage-panel__figures li")
    );
}

#[wasm_bindgen_test]
async fn too_little_history_is_shown_and_said_and_none_is_said() {
    let root = mount_point();
    let _handle = mount_panel(&root, Ok(usage(5, RunsOut::NotEnoughHistory))).await;
    assert!(root.query_selector("svg[role=img]").unwrap().is_some());
    assert!(
        root.query_selector(".cm-chart__forecast")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        text(&root, ".cm-usage-panel__note"),
        "Only 5 days of usage so far: the forecast needs 14 days."
    );

    let empty = mount_point();
    let _handle = mount_panel(&empty, Ok(usage(0, RunsOut::NotEnoughHistory))).await;
    assert!(empty.query_selector("svg").unwrap().is_none());
    assert!(
        text(&empty, ".cm-usage-panel")
            .contains("No usage has been reported for this customer yet.")
    );
}

#[wasm_bindgen_test]
async fn a_failed_load_says_so_with_retry() {
    let root = mount_point();
    let _handle = mount_panel(&root, Err(ApiError::Network)).await;
    assert!(text(&root, ".cm-usage-panel__failed").starts_with("Usage could not be loaded: "));
    button(&root, "Retry");
}

#[wasm_bindgen_test]
async fn suggest_fills_the_fields_for_review_and_saves_nothing() {
    let root = mount_point();
    let (save, sent) = fake_update(vec![Err(ApiError::Network)]);
    let suggestion = Some(Suggestion {
        extra_storage_gb: 2150,
        user_licenses: 44,
    });
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <EditCustomerForm customer=contoso() save suggestion=Signal::stored(suggestion)/> }
    });
    settle().await;

    button(&root, "Suggest").click();
    settle().await;
    assert_eq!(input(&root, "#cm-user-licenses").value(), "44");
    assert_eq!(input(&root, "#cm-extra-storage").value(), "2.15");
    assert_eq!(
        text(&root, ".cm-suggest__done"),
        "Suggested Extra Storage 2.15 TB and User Licenses 44. Review, then save."
    );
    assert!(sent.borrow().is_empty(), "nothing is saved");

    // Once the user changes a suggested field, the values are theirs: the note goes.
    type_into(&input(&root, "#cm-user-licenses"), "45");
    settle().await;
    assert_eq!(text(&root, ".cm-suggest__done"), "");
    button(&root, "Suggest").click();
    settle().await;
    assert!(text(&root, ".cm-suggest__done").starts_with("Suggested Extra Storage 2.15 TB"));
    type_into(&input(&root, "#cm-extra-storage"), "2.2");
    settle().await;
    assert_eq!(text(&root, ".cm-suggest__done"), "");
    button(&root, "Suggest").click();
    settle().await;
    assert_eq!(input(&root, "#cm-extra-storage").value(), "2.15");
    assert!(text(&root, ".cm-suggest__done").starts_with("Suggested Extra Storage 2.15 TB"));

    save_button(&root).click();
    settle().await;
    assert_eq!(
        texts(&root, "dialog.cm-modal .cm-change-list li"),
        ["User Licenses 250 → 44", "Extra Storage 2 TB → 2.15 TB"]
    );
    assert!(
        sent.borrow().is_empty(),
        "nothing is saved before the confirmation"
    );
}

#[wasm_bindgen_test]
async fn a_viewer_gets_no_suggest() {
    let root = mount_point();
    let (save, _) = fake_update(vec![Err(ApiError::Network)]);
    let suggestion = Some(Suggestion {
        extra_storage_gb: 2150,
        user_licenses: 44,
    });
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <EditCustomerForm customer=contoso() save view_only=true suggestion=Signal::stored(suggestion)/> }
    });
    settle().await;
    assert!(root.query_selector(".cm-suggest").unwrap().is_none());
    assert!(text(&root, "form").contains("You can view this customer."));
}

#[wasm_bindgen_test]
async fn the_usage_answer_reads_as_the_server_wrote_it_and_a_member_that_does_not_is_named() {
    let answer = usage(30, RunsOut::InDays { days: 61 });
    let json = serde_json::to_value(&answer).unwrap();
    let read = |json: serde_json::Value| async move {
        let _fetch = FakeFetch::answer(200, &json.to_string());
        customers_app::api::customer_usage("contoso", 90).await
    };
    assert_eq!(read(json.clone()).await, Ok(answer));

    let mut negative = json.clone();
    negative["samples"][3]["active_users"] = (-1).into();
    let mut missing = json.clone();
    missing.as_object_mut().unwrap().remove("extra_storage_gb");
    let mut forecast = json;
    forecast["forecast"] = "soon".into();
    for (bad, member) in [
        (negative, "active_users"),
        (missing, "extra_storage_gb"),
        (forecast, "forecast"),
    ] {
        assert_eq!(
            read(bad).await,
            Err(ApiError::Decode(format!(
                "the usage answer's {member} does not read"
            )))
        );
    }
}
