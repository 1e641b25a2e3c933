//! The forecast in the list ("runs out" sort and filter, Needs attention, the export) with the
//! accelerator off and on, and the demo's usage history.

use axum::http::StatusCode;

use super::*;
use crate::common::*;

async fn the_list_sorts_and_filters_by_runs_out() {
    for mb in LIST_CACHE_MODES {
        the_list_sorts_and_filters_by_runs_out_with(mb).await;
    }
}

/// With the list accelerator at `mb` MiB (0: off): it must catch up with ingested samples.
async fn the_list_sorts_and_filters_by_runs_out_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    // Read once before the samples, so an accelerator is loaded and must catch up.
    app.total("/api/v1/customers?sort=runs_out_days", DEMO)
        .await;
    let soon = fresh(&app, "Usage Soon Oy").await;
    let later = fresh(&app, "Usage Later Oy").await;
    // Active, so that only the forecast can make them need attention.
    app.sql(
        "UPDATE customers SET status = 'active' WHERE id IN ($1, $2)",
        &[&soon, &later],
    )
    .await;
    let before = app.total("/api/v1/customers?attention=true", DEMO).await;
    let soon_before = app
        .total("/api/v1/customers?runs_out_soon=true", DEMO)
        .await;
    // Licenses run out in 2 days (24 users of 25, one more a day); storage is flat and low.
    post_usage(&app, DEMO, history(&soon, 20, |_| 100, |i| 5 + i as u32)).await;
    // Storage runs out in 81 days.
    post_usage(
        &app,
        DEMO,
        history(&later, 20, |i| 500 + 10 * i as u64, |_| 10),
    )
    .await;
    assert_eq!(
        customer(&app, &soon).await.forecast.licenses,
        domain::RunsOut::InDays { days: 2 }
    );
    assert_eq!(
        app.total("/api/v1/customers?runs_out_soon=true", DEMO)
            .await,
        soon_before + 1
    );
    assert_eq!(
        app.total("/api/v1/customers?attention=true", DEMO).await,
        before + 1
    );
    let csv = app
        .get("/api/v1/customers/export.csv?runs_out_soon=true", DEMO)
        .await
        .text();
    assert!(csv.contains("Usage Soon Oy"), "{csv}");

    let page = app
        .get_ok("/api/v1/customers?sort=runs_out_days&per_page=100", DEMO)
        .await
        .json();
    let days: Vec<u16> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            serde_json::from_value::<domain::Customer>(c.clone())
                .unwrap()
                .forecast
                .runs_out_key()
        })
        .collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["organization_name"].as_str().unwrap())
        .collect();
    let at = |n: &str| names.iter().position(|m| *m == n).unwrap();
    assert!(at("Usage Soon Oy") < at("Usage Later Oy"));
    let r = app.get("/api/v1/customers?runs_out_soon=maybe", DEMO).await;
    r.problem(StatusCode::BAD_REQUEST);
}

async fn the_demo_history_ends_at_each_customers_usage_and_changes_no_attention() {
    let app = TestApp::new().await;
    let all = app.all(DEMO).await;
    let mut forecasts = Vec::new();
    for (i, name) in server::seed::DEMO_CUSTOMERS.iter().enumerate() {
        let c: domain::Customer = serde_json::from_value(
            all.iter()
                .find(|c| c["organization_name"] == *name)
                .unwrap()
                .clone(),
        )
        .unwrap();
        let h = app
            .get(&format!("/api/v1/customers/{}/usage?days=180", c.id), DEMO)
            .await
            .json();
        let h: domain::usage::CustomerUsage = serde_json::from_value(h).unwrap();
        if c.status == domain::CustomerStatus::PendingActivation {
            assert!(h.samples.is_empty(), "{name}");
            continue;
        }
        let last = h
            .samples
            .last()
            .unwrap_or_else(|| panic!("{name} has no history"));
        assert_eq!(last.date, date(0), "{name}");
        assert_eq!(last.used_storage_bytes, c.storage_used_gb * GB, "{name}");
        assert_eq!(last.active_users, c.licenses_in_use, "{name}");
        if i == server::seed_history::SHORT_HISTORY_INDEX {
            assert_eq!(h.samples.len(), 5, "{name}");
        }
        // Runs out soon only where the usage itself already needs attention.
        let warned = !domain::usage_warnings(
            c.user_licenses,
            c.licenses_in_use,
            c.extra_storage_gb,
            c.storage_used_gb,
        )
        .is_empty();
        assert!(
            !c.forecast.runs_out_soon() || warned,
            "{name}: {:?}",
            c.forecast
        );
        forecasts.push(c.forecast);
    }
    use domain::RunsOut::*;
    let states: Vec<_> = forecasts
        .iter()
        .flat_map(|f| [f.storage, f.licenses])
        .collect();
    for wanted in [Now, NotGrowing, NotEnoughHistory] {
        assert!(states.contains(&wanted), "{wanted:?} in {states:?}");
    }
    assert!(
        states
            .iter()
            .any(|s| matches!(s, InDays { days } if *days > 30)),
        "{states:?}"
    );
}

backend_tests!(
    the_list_sorts_and_filters_by_runs_out,
    the_demo_history_ends_at_each_customers_usage_and_changes_no_attention,
);
