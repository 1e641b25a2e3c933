//! Pages: walked one after another they continue each from the last, and their JSON is what
//! serde writes for the page.

use server::seed::BENCH_TOKEN;

use crate::common::*;
use crate::reference::*;

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
            total_is_lower_bound: page.total_is_lower_bound,
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
                let ids = page_ids(&body);
                if ids.is_empty() {
                    break;
                }
                got.extend(ids);
                page += 1;
            }
            assert_eq!(got, expected, "{query:?}");
        }
    }
    // A create between two pages: the next page is counted in the new order.
    let query = [("sort", "organization_name")];
    let first = app.get(&uri(&query, 1, 9), BENCH_TOKEN).await.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 9);
    app.create_ok(BENCH_TOKEN, &new_customer("Aaaa Ensin Oy", None))
        .await;
    let expected = reference(&app, BENCH_RESELLER, &query).await;
    let second = app.get(&uri(&query, 2, 9), BENCH_TOKEN).await.json();
    assert_eq!(page_ids(&second), expected[9..18]);
}

async fn a_broad_search_counts_to_the_limit_and_pages_to_the_end() {
    for mb in LIST_CACHE_MODES {
        a_broad_search_counts_to_the_limit_and_pages_to_the_end_with(mb).await;
    }
}

/// `oy` matches all 2,600 rows: the first pages say "at least 1,000", a page past the limit says
/// one more than its end, and the last page, counted to the end, gives the exact total; walking
/// "next" while the total says there is more reads every match once, in order.
async fn a_broad_search_counts_to_the_limit_and_pages_to_the_end_with(mb: u64) {
    let app = bench_app(2_600, mb).await;
    let query = [("q", "oy"), ("sort", "-user_licenses")];
    let expected = reference(&app, BENCH_RESELLER, &query).await;
    assert_eq!(expected.len(), 2_600, "every bench name ends in Oy");
    let first = app.get_ok(&uri(&query, 1, 100), BENCH_TOKEN).await.json();
    assert_eq!(first["total"], 1_000, "{mb}");
    assert_eq!(first["total_is_lower_bound"], true, "{mb}");
    let deep = app.get_ok(&uri(&query, 15, 100), BENCH_TOKEN).await.json();
    assert_eq!(deep["total"], 1_501, "{mb}");
    assert_eq!(deep["total_is_lower_bound"], true, "{mb}");
    assert_eq!(page_ids(&deep), expected[1_400..1_500]);
    let last = app.get_ok(&uri(&query, 26, 100), BENCH_TOKEN).await.json();
    assert_eq!(last["total"], 2_600, "{mb}");
    assert_eq!(last["total_is_lower_bound"], false, "{mb}");
    // A selective search is counted exactly.
    let few = app
        .get_ok(&uri(&[("q", "lamna kaleva")], 1, 5), BENCH_TOKEN)
        .await
        .json();
    assert_eq!(few["total_is_lower_bound"], false, "{mb}");
    let mut got: Vec<String> = Vec::new();
    let mut page = 1;
    loop {
        let body = app
            .get_ok(&uri(&query, page, 100), BENCH_TOKEN)
            .await
            .json();
        got.extend(page_ids(&body));
        let end = (page * 100) as u64;
        if body["total"].as_u64().unwrap() <= end {
            assert_eq!(body["total_is_lower_bound"], false, "page {page}");
            break;
        }
        page += 1;
    }
    assert_eq!(got, expected, "{mb}");
}

async fn exactly_the_limit_is_an_exact_total() {
    for mb in LIST_CACHE_MODES {
        exactly_the_limit_is_an_exact_total_with(mb).await;
    }
}

/// 1,000 matches are "1,000 customers", not "1,000+": the count reads one past the limit.
async fn exactly_the_limit_is_an_exact_total_with(mb: u64) {
    let app = bench_app(1_000, mb).await;
    let page = app
        .get_ok(&uri(&[("q", "oy")], 1, 25), BENCH_TOKEN)
        .await
        .json();
    assert_eq!(page["total"], 1_000, "{mb}");
    assert_eq!(page["total_is_lower_bound"], false, "{mb}");
    app.create_ok(BENCH_TOKEN, &new_customer("Yksi Lisää Oy", None))
        .await;
    let page = app
        .get_ok(&uri(&[("q", "oy")], 1, 25), BENCH_TOKEN)
        .await
        .json();
    assert_eq!(page["total"], 1_000, "{mb}");
    assert_eq!(page["total_is_lower_bound"], true, "{mb}");
}

async fn deep_jumps_read_from_landmarks_and_a_write_moves_them() {
    for mb in LIST_CACHE_MODES {
        deep_jumps_read_from_landmarks_and_a_write_moves_them_with(mb).await;
    }
}

/// Direct jumps, not page after page: the first deep one lays landmarks every 1,000 rows, later
/// ones (before and past them, with and without a filter, nulls and ties in the order) read from
/// the nearest, and after a create every page is counted in the new order.
async fn deep_jumps_read_from_landmarks_and_a_write_moves_them_with(mb: u64) {
    let app = bench_app(2_600, mb).await;
    app.sql(
        "UPDATE customers SET domain = NULL, user_licenses = 10 WHERE reseller_id = ?1 AND seq % 4 = 0",
        &[BENCH_RESELLER],
    )
    .await;
    for (i, query) in [
        vec![("sort", "-domain")],
        vec![("sort", "user_licenses"), ("status", "active")],
        vec![("sort", "organization_name"), ("q", "oy")],
    ]
    .into_iter()
    .enumerate()
    {
        let mut expected = reference(&app, BENCH_RESELLER, &query).await;
        for page in [30, 12, 45, 31, 2, 52] {
            app.assert_page(&uri(&query, page, 50), BENCH_TOKEN, &expected, page, 50)
                .await;
        }
        app.create_ok(
            BENCH_TOKEN,
            &new_customer(&format!("Aaaa Uusi {i} Oy"), None),
        )
        .await;
        expected = reference(&app, BENCH_RESELLER, &query).await;
        for page in [31, 45, 3] {
            app.assert_page(&uri(&query, page, 50), BENCH_TOKEN, &expected, page, 50)
                .await;
        }
    }
}

backend_tests!(
    a_broad_search_counts_to_the_limit_and_pages_to_the_end,
    deep_jumps_read_from_landmarks_and_a_write_moves_them,
    exactly_the_limit_is_an_exact_total,
    the_page_json_is_what_serde_writes_for_the_page,
    walking_every_page_in_turn_continues_each_from_the_last,
);
