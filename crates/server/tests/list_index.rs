//! Lists are answered by the database (per-sort indexes, FTS5 trigram search, trigger-kept
//! counts) or, with the accelerator on, by an in-memory index (src/list_cache/). Whatever path
//! either takes (a slice of a sort order, a walk with filters, a trigram search with a walk or a
//! sort of the matches, a scan for one- and two-character searches), a page must be exactly what
//! a plain SQL query over the store of record gives, and every write must show in the next list.
//! Every test runs with the accelerator off and on.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{Value, json};
use server::seed::BENCH_TOKEN;

const BENCH_RESELLER: &str = "r_bench";

/// The ids of the reseller's customers matching, in order: the straightforward query.
async fn reference(app: &TestApp, reseller_id: &str, query: &[(&str, &str)]) -> Vec<String> {
    let get = |name: &str| {
        query
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    };
    let mut sql = String::from("SELECT id FROM customers WHERE reseller_id = ?1");
    let mut args = vec![reseller_id.to_owned()];
    if let Some(q) = get("q") {
        args.push(q.to_lowercase());
        let text = app.dialect(
            "instr(lower(organization_name) || char(10) || lower(coalesce(domain, '')) \
             || char(10) || lower(id), ?{}) > 0",
            "strpos(lower((organization_name || chr(10) || coalesce(domain, '') || chr(10) \
             || id) COLLATE \"und-x-icu\"), ?{}) > 0",
        );
        sql.push_str(" AND ");
        sql.push_str(&text.replace("?{}", &format!("?{}", args.len())));
    }
    for column in ["status", "storage_type"] {
        if let Some(v) = get(column) {
            args.push(v);
            sql.push_str(&format!(" AND {column} = ?{}", args.len()));
        }
    }
    if get("attention").as_deref() == Some("true") {
        sql.push_str(
            " AND (licenses_in_use > user_licenses OR storage_used_gb * 10 >= extra_storage_gb * 9 \
             OR status = 'pending_activation')",
        );
    }
    let sort = get("sort").unwrap_or_else(|| "organization_name".into());
    let (column, dir) = match sort.strip_prefix('-') {
        Some(c) => (c.to_owned(), "DESC"),
        None => (sort.clone(), "ASC"),
    };
    // Names sort by their stored lower-cased key.
    let column = if column == "organization_name" {
        "name_key".to_owned()
    } else {
        column
    };
    // Missing values (domains) first ascending, as SQLite orders them.
    let nulls = if dir == "ASC" { "FIRST" } else { "LAST" };
    sql.push_str(&format!(" ORDER BY {column} {dir} NULLS {nulls}, id {dir}"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    app.strings(&sql, &args).await
}

fn uri(query: &[(&str, &str)], page: usize, per_page: usize) -> String {
    let mut uri = format!("/api/v1/customers?page={page}&per_page={per_page}");
    for (name, value) in query {
        uri.push_str(&format!("&{name}={}", value.replace(' ', "%20")));
    }
    uri
}

/// Asserts that the pages asked for equal the reference query's slices, and the total its length.
async fn assert_pages(app: &TestApp, token: &str, reseller_id: &str, query: &[(&str, &str)]) {
    let expected = reference(app, reseller_id, query).await;
    let n = expected.len();
    for per_page in [25usize, 7] {
        let last = n.div_ceil(per_page).max(1);
        let mut pages = vec![1, 2, last / 2 + 1, last, last + 1];
        pages.dedup();
        for page in pages {
            let r = app.get(&uri(query, page, per_page), token).await;
            assert_eq!(r.status, StatusCode::OK, "{query:?}: {}", r.text());
            let body = r.json();
            assert_eq!(body["total"], n, "{query:?}");
            let got: Vec<&str> = body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap())
                .collect();
            let from = ((page - 1) * per_page).min(n);
            let want: Vec<&str> = expected[from..(from + per_page).min(n)]
                .iter()
                .map(String::as_str)
                .collect();
            assert_eq!(got, want, "{query:?} page {page} per_page {per_page}");
        }
    }
}

async fn bench_app(n: u64, cache_mb: u64) -> TestApp {
    let app = TestApp::with_cache(cache_mb).await;
    server::seed::seed_bench(app.store.as_ref(), n)
        .await
        .unwrap();
    app
}

async fn every_sort_search_filter_and_page_equals_the_plain_query() {
    for mb in LIST_CACHE_MODES {
        every_sort_search_filter_and_page_equals_the_plain_query_with(mb).await;
    }
}

async fn every_sort_search_filter_and_page_equals_the_plain_query_with(mb: u64) {
    let app = bench_app(1_500, mb).await;
    // Broad, narrow, spanning words, id digits, one and two bytes, none, upper case.
    let searches = [
        None,
        Some("northwind"),
        Some("lamna kaleva"),
        Some("0001"),
        Some("oy"),
        Some("k"),
        Some("no such customer"),
        Some("TURKU"),
    ];
    let filters: [&[(&str, &str)]; 4] = [
        &[],
        &[("status", "active")],
        &[("attention", "true"), ("storage_type", "finnish_s3")],
        &[
            ("status", "pending_activation"),
            ("storage_type", "azure_ireland"),
        ],
    ];
    for sort in SORT_KEYS {
        for descending in [false, true] {
            let sort = if descending {
                format!("-{sort}")
            } else {
                sort.to_owned()
            };
            for q in searches {
                for filter in filters {
                    let mut query: Vec<(&str, &str)> = vec![("sort", &sort)];
                    if let Some(q) = q {
                        query.push(("q", q));
                    }
                    query.extend_from_slice(filter);
                    assert_pages(&app, BENCH_TOKEN, BENCH_RESELLER, &query).await;
                }
            }
        }
    }
}

/// A reseller of more than 5,000 customers: on SQLite its searches read their matches from the
/// search index first (sorting up to 2,000 of them for a page, walking the sort index for more).
async fn searches_of_a_large_reseller_equal_the_plain_query() {
    let app = bench_app(5_100, 0).await;
    // 5,100 matches (every number has "000"), about 640 (1/8), 20 (1/256), a few, none.
    let searches = [
        "000",
        "northwind",
        "lamna kaleva",
        "0001",
        "no such customer",
    ];
    for sort in [
        "organization_name",
        "-user_licenses",
        "domain",
        "-created_at",
    ] {
        for q in searches {
            for filter in [&[][..], &[("status", "active")][..]] {
                let mut query: Vec<(&str, &str)> = vec![("sort", sort), ("q", q)];
                query.extend_from_slice(filter);
                assert_pages(&app, BENCH_TOKEN, BENCH_RESELLER, &query).await;
            }
        }
    }
}

async fn ties_are_broken_by_id_both_ways() {
    for mb in LIST_CACHE_MODES {
        ties_are_broken_by_id_both_ways_with(mb).await;
    }
}

async fn ties_are_broken_by_id_both_ways_with(mb: u64) {
    let app = bench_app(300, mb).await;
    // Many customers with the same licenses, storage and creation time.
    app.sql(
        "UPDATE customers SET user_licenses = 10, extra_storage_gb = 500, \
         created_at = '2024-01-01T00:00:00.000Z' WHERE reseller_id = ?1 AND seq % 3 = 0",
        &[BENCH_RESELLER],
    )
    .await;
    for sort in [
        "user_licenses",
        "-user_licenses",
        "extra_storage_gb",
        "-created_at",
        "status",
        "-storage_type",
    ] {
        for q in ["", "oy", "tampere"] {
            let mut query = vec![("sort", sort)];
            if !q.is_empty() {
                query.push(("q", q));
            }
            assert_pages(&app, BENCH_TOKEN, BENCH_RESELLER, &query).await;
        }
    }
}

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
    let r = app
        .post_json(
            "/api/v1/customers",
            BENCH_TOKEN,
            &new_customer("Aaaa Zeta Oy", Some("zeta.fi")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let created = r.json();
    let first = app
        .get("/api/v1/customers?per_page=1", BENCH_TOKEN)
        .await
        .json();
    assert_eq!(first["items"][0]["id"], created["id"]);
    assert_eq!(first["total"], 401);
    let found = app
        .get("/api/v1/customers?q=ZETA", BENCH_TOKEN)
        .await
        .json();
    assert_eq!(found["total"], 1);
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
    let csv = app
        .get("/api/v1/customers/export.csv?sort=-updated_at", BENCH_TOKEN)
        .await;
    let ids: Vec<String> = csv::Reader::from_reader(csv.body.as_ref())
        .records()
        .map(|r| r.unwrap()[0].to_owned())
        .collect();
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
        ..server::Settings::default()
    };
    let other = app.another_process(settings).await;
    let before = other
        .get("/api/v1/customers?q=other", BENCH_TOKEN)
        .await
        .json();
    assert_eq!(before["total"], 0);
    let r = app
        .post_json(
            "/api/v1/customers",
            BENCH_TOKEN,
            &new_customer("Other Process Oy", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let after = other
        .get("/api/v1/customers?q=other", BENCH_TOKEN)
        .await
        .json();
    assert_eq!(after["total"], 1);
    assert_eq!(after["items"][0]["id"], r.json()["id"]);
}

async fn searches_confirm_from_positions_or_read_the_text() {
    for mb in LIST_CACHE_MODES {
        searches_confirm_from_positions_or_read_the_text_with(mb).await;
    }
}

async fn searches_confirm_from_positions_or_read_the_text_with(mb: u64) {
    let app = bench_app(600, mb).await;
    // Search texts (written in plain SQL) where q's trigrams are all present but not first found
    // one after another, where q is not there at all, where it is far in, or only in a repeat.
    // The names (the name key, which sorts and must stay unique, is left as it was).
    let xs = |n: usize| {
        app.dialect("printf('%.{n}c', 'x')", "repeat('x', {n})")
            .replace("{n}", &n.to_string())
    };
    for (remainder, text) in [
        (0, "'northwin d northwind ' || id".to_owned()),
        (1, "'northwin dind ' || id".to_owned()),
        (2, format!("{} || ' northwind ' || id", xs(300))),
        (3, "'ind northwind northwind ' || id".to_owned()),
        (4, format!("{} || ' northwin d ind'", xs(260))),
    ] {
        app.sql(
            &format!(
                "UPDATE customers SET organization_name = {text} WHERE reseller_id = ?1 AND seq % 9 = {remainder}"
            ),
            &[BENCH_RESELLER],
        )
        .await;
    }
    for q in [
        "northwind",
        "northwin",
        "northwin d",
        "ind",
        "xxx",
        "x northwind",
        "d ind",
    ] {
        for sort in ["organization_name", "-created_at", "user_licenses"] {
            for filter in [None, Some(("status", "active"))] {
                let mut query = vec![("q", q), ("sort", sort)];
                query.extend(filter);
                assert_pages(&app, BENCH_TOKEN, BENCH_RESELLER, &query).await;
            }
        }
    }
}

async fn the_page_json_is_what_serde_writes_for_the_page() {
    for mb in LIST_CACHE_MODES {
        the_page_json_is_what_serde_writes_for_the_page_with(mb).await;
    }
}

async fn the_page_json_is_what_serde_writes_for_the_page_with(mb: u64) {
    let app = bench_app(300, mb).await;
    for query in [
        "",
        "q=northwind&sort=-created_at&per_page=7&page=3",
        "attention=true&status=active",
        "q=nothing",
    ] {
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_owned(), v.to_owned())
            })
            .collect();
        let params = server::customers::parse_list_params(&pairs).unwrap();
        // The database's page, as serde writes it, against what the endpoint's path (the
        // accelerator's own JSON when it is on) writes.
        let page = app.store.list_page(BENCH_RESELLER, &params).await.unwrap();
        let page = domain::CustomerPage {
            items: page.items,
            total: page.total,
            page: params.page,
            per_page: params.per_page,
        };
        let json = server::customers::list::page_json(&app.state, BENCH_RESELLER, &params)
            .await
            .unwrap();
        assert_eq!(json, serde_json::to_string(&page).unwrap(), "{query}");
        let r = app
            .get(&format!("/api/v1/customers?{query}"), BENCH_TOKEN)
            .await;
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.text(), json, "{query}");
    }
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
            let r = app
                .post_json(
                    "/api/v1/customers",
                    BENCH_TOKEN,
                    &new_customer(&format!("Rinnakkain {i} Oy"), None),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
            let id = r.json()["id"].clone();
            let page = app
                .get("/api/v1/customers?q=rinnakkain&per_page=100", BENCH_TOKEN)
                .await
                .json();
            assert!(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["id"] == id),
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

async fn walking_every_page_in_turn_continues_each_from_the_last() {
    for mb in LIST_CACHE_MODES {
        walking_every_page_in_turn_continues_each_from_the_last_with(mb).await;
    }
}

/// Page after page (the database path continues each from where the last ended), with customers
/// without a domain, ties, and a write halfway that moves every later page.
async fn walking_every_page_in_turn_continues_each_from_the_last_with(mb: u64) {
    let app = bench_app(260, mb).await;
    app.sql(
        "UPDATE customers SET domain = NULL, user_licenses = 10 WHERE reseller_id = ?1 AND seq % 4 = 0",
        &[BENCH_RESELLER],
    )
    .await;
    for sort in [
        "domain",
        "-domain",
        "user_licenses",
        "-organization_name",
        "-created_at",
    ] {
        for filter in [None, Some(("status", "active")), Some(("q", "oy"))] {
            let mut query = vec![("sort", sort)];
            query.extend(filter);
            let expected = reference(&app, BENCH_RESELLER, &query).await;
            let mut got: Vec<String> = Vec::new();
            let mut page = 1;
            loop {
                let body = app.get(&uri(&query, page, 9), BENCH_TOKEN).await.json();
                let items = body["items"].as_array().unwrap().clone();
                if items.is_empty() {
                    break;
                }
                got.extend(items.iter().map(|c| c["id"].as_str().unwrap().to_owned()));
                page += 1;
            }
            assert_eq!(got, expected, "{query:?}");
        }
    }
    // A create between two pages: the next page is counted in the new order.
    let query = [("sort", "organization_name")];
    let first = app.get(&uri(&query, 1, 9), BENCH_TOKEN).await.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 9);
    let r = app
        .post_json(
            "/api/v1/customers",
            BENCH_TOKEN,
            &new_customer("Aaaa Ensin Oy", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let expected = reference(&app, BENCH_RESELLER, &query).await;
    let second = app.get(&uri(&query, 2, 9), BENCH_TOKEN).await.json();
    let ids: Vec<&str> = second["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        expected[9..18]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
}

backend_tests!(
    every_sort_search_filter_and_page_equals_the_plain_query,
    searches_of_a_large_reseller_equal_the_plain_query,
    ties_are_broken_by_id_both_ways,
    every_write_shows_in_the_next_list,
    a_second_handle_on_the_same_database_sees_the_first_ones_writes,
    searches_confirm_from_positions_or_read_the_text,
    the_page_json_is_what_serde_writes_for_the_page,
    concurrent_creates_and_lists_see_their_own_writes_and_end_consistent,
    walking_every_page_in_turn_continues_each_from_the_last,
);
