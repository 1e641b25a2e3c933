//! Writes show in the next list: through the API, in plain SQL, from a second handle on the
//! same database, and from concurrent creates.

use axum::http::StatusCode;
use serde_json::{Value, json};
use server::seed::BENCH_TOKEN;

use crate::common::*;
use crate::reference::*;

async fn every_write_shows_in_the_next_list() {
    for mb in LIST_CACHE_MODES {
        every_write_shows_in_the_next_list_with(mb).await;
    }
}

async fn every_write_shows_in_the_next_list_with(mb: u64) {
    let app = bench_app(400, mb).await;
    let check = |query: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move { assert_pages(app, BENCH_TOKEN, BENCH_RESELLER, &query).await }
    };
    let queries = || {
        vec![
            vec![("sort", "-updated_at")],
            vec![("sort", "user_licenses"), ("attention", "true")],
            vec![("q", "zeta"), ("sort", "organization_name")],
            vec![("q", "oy"), ("sort", "-created_at"), ("status", "active")],
        ]
    };
    for q in queries() {
        check(q).await;
    }

    // Created through the API: first by name, found by search, counted.
    let created = app
        .create_ok(BENCH_TOKEN, &new_customer("Aaaa Zeta Oy", Some("zeta.fi")))
        .await;
    let first = app
        .get("/api/v1/customers?per_page=1", BENCH_TOKEN)
        .await
        .json();
    assert_eq!(first["items"][0]["id"], created["id"]);
    assert_eq!(first["total"], 401);
    assert_eq!(app.total("/api/v1/customers?q=ZETA", BENCH_TOKEN).await, 1);
    for q in queries() {
        check(q).await;
    }

    // Edited through the API: moves in the licenses order and out of the attention filter.
    let path = format!("/api/v1/customers/{}", created["id"].as_str().unwrap());
    let r = app
        .patch(
            &path,
            BENCH_TOKEN,
            Some("\"1\""),
            &json!({"user_licenses": 3000}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let top: Value = app
        .get(
            "/api/v1/customers?sort=-user_licenses&per_page=1",
            BENCH_TOKEN,
        )
        .await
        .json();
    assert_eq!(top["items"][0]["id"], created["id"]);
    for q in queries() {
        check(q).await;
    }

    // Written in plain SQL, as a usage sync or an operator would: updates, a delete, a move to
    // another reseller, an insert by the seeding code.
    app.sql(
        "UPDATE customers SET licenses_in_use = user_licenses + 1, updated_at = '2030-01-01T00:00:00.000Z' \
         WHERE reseller_id = ?1 AND seq % 7 = 0",
        &[BENCH_RESELLER],
    )
    .await;
    app.sql(
        "UPDATE customers SET status = 'active' WHERE reseller_id = ?1 AND status = 'pending_activation' \
         AND seq % 2 = 0",
        &[BENCH_RESELLER],
    )
    .await;
    let victim = app
        .strings(
            "SELECT id FROM customers WHERE reseller_id = ?1 AND seq % 5 = 1 LIMIT 1",
            &[BENCH_RESELLER],
        )
        .await
        .remove(0);
    app.sql("DELETE FROM audit WHERE customer_id = ?1", &[&victim])
        .await;
    app.sql("DELETE FROM outbox WHERE customer_id = ?1", &[&victim])
        .await;
    app.sql("DELETE FROM customers WHERE id = ?1", &[&victim])
        .await;
    app.sql(
        "UPDATE customers SET reseller_id = 'r_small' WHERE reseller_id = ?1 AND organization_name LIKE '%Zeta%'",
        &[BENCH_RESELLER],
    )
    .await;
    app.sql(
        "UPDATE customers SET reseller_id = 'r_small', name_key = 'moved ' || name_key, \
         domain = 'moved-' || domain WHERE reseller_id = ?1 AND seq % 11 = 3",
        &[BENCH_RESELLER],
    )
    .await;
    let reseller = app.reseller(BENCH_TOKEN).await;
    let customer = domain::Customer {
        id: "00000000-0000-4000-8000-000000000001".into(),
        organization_name: "Zeta Inserted Oy".into(),
        domain: None,
        user_licenses: 7,
        extra_storage_gb: 500,
        notify_emails: vec!["it@zeta.fi".into()],
        storage_type: domain::StorageType::AzureIreland,
        status: domain::CustomerStatus::Active,
        licenses_in_use: 8,
        storage_used_gb: 499,
        usage_updated_at: "2026-01-01T00:00:00.000Z".into(),
        created_at: "2026-01-01T00:00:00.000Z".into(),
        updated_at: "2026-01-01T00:00:00.000Z".into(),
        version: 1,
        activation_email: domain::ActivationEmail::Sent,
        forecast: Default::default(),
    };
    app.store
        .import_customers(&reseller, &[customer])
        .await
        .unwrap();
    for q in queries() {
        check(q).await;
    }
    // The other reseller sees the customers moved to it.
    assert_pages(&app, SMALL, "r_small", &[("sort", "organization_name")]).await;
    assert_pages(
        &app,
        SMALL,
        "r_small",
        &[("q", "moved"), ("sort", "-domain")],
    )
    .await;

    // The CSV export reads the same index.
    let ids = app
        .export_ids("/api/v1/customers/export.csv?sort=-updated_at", BENCH_TOKEN)
        .await;
    assert_eq!(
        ids,
        reference(&app, BENCH_RESELLER, &[("sort", "-updated_at")]).await
    );
}

async fn a_second_handle_on_the_same_database_sees_the_first_ones_writes() {
    for mb in LIST_CACHE_MODES {
        a_second_handle_on_the_same_database_sees_the_first_ones_writes_with(mb).await;
    }
}

async fn a_second_handle_on_the_same_database_sees_the_first_ones_writes_with(mb: u64) {
    let app = bench_app(200, mb).await;
    // A second server process on the same database, as during a rolling restart.
    let settings = server::Settings {
        list_cache_mb: mb,
        seeded_identities: true,
        ..server::Settings::default()
    };
    let other = app.another_process(settings).await;
    assert_eq!(
        other.total("/api/v1/customers?q=other", BENCH_TOKEN).await,
        0
    );
    let created = app
        .create_ok(BENCH_TOKEN, &new_customer("Other Process Oy", None))
        .await;
    let after = other
        .get("/api/v1/customers?q=other", BENCH_TOKEN)
        .await
        .json();
    assert_eq!(after["total"], 1);
    assert_eq!(after["items"][0]["id"], created["id"]);
}

async fn concurrent_creates_and_lists_see_their_own_writes_and_end_consistent() {
    for mb in LIST_CACHE_MODES {
        concurrent_creates_with(mb).await;
    }
}

async fn concurrent_creates_with(mb: u64) {
    let app = std::sync::Arc::new(bench_app(300, mb).await);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let created = app
                .create_ok(
                    BENCH_TOKEN,
                    &new_customer(&format!("Rinnakkain {i} Oy"), None),
                )
                .await;
            let id = created["id"].as_str().unwrap().to_owned();
            let page = app
                .get("/api/v1/customers?q=rinnakkain&per_page=100", BENCH_TOKEN)
                .await
                .json();
            assert!(
                page_ids(&page).contains(&id),
                "a create shows in the creator's next list"
            );
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_pages(
        &app,
        BENCH_TOKEN,
        BENCH_RESELLER,
        &[("q", "rinnakkain"), ("sort", "-created_at")],
    )
    .await;
    assert_pages(
        &app,
        BENCH_TOKEN,
        BENCH_RESELLER,
        &[("sort", "organization_name")],
    )
    .await;
}

backend_tests!(
    every_write_shows_in_the_next_list,
    a_second_handle_on_the_same_database_sees_the_first_ones_writes,
    concurrent_creates_and_lists_see_their_own_writes_and_end_consistent,
);
