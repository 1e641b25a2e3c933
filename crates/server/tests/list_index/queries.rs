//! Sorts, searches (trigram and short scans) and filters: every path a list takes gives the
//! plain query's order, ties broken by id.

use server::seed::BENCH_TOKEN;

use crate::common::*;
use crate::reference::*;

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
    let filters: [&[(&str, &str)]; 6] = [
        &[],
        &[("status", "active")],
        &[("attention", "true"), ("storage_type", "finnish_s3")],
        &[("runs_out_soon", "true")],
        &[
            ("runs_out_soon", "true"),
            ("attention", "true"),
            ("status", "active"),
        ],
        &[
            ("status", "pending_activation"),
            ("storage_type", "azure_ireland"),
        ],
    ];
    let sorts = SORT_KEYS
        .iter()
        .flat_map(|key| [key.to_string(), format!("-{key}")]);
    // Every sort with every search, each with one filter chosen so that every sort also meets
    // every filter and every search every filter (all pairs): 176 queries, not the 1,056 of the
    // whole product, which took two thirds of this test binary's time.
    for (i, sort) in sorts.enumerate() {
        for (j, q) in searches.into_iter().enumerate() {
            let mut query: Vec<(&str, &str)> = vec![("sort", &sort)];
            if let Some(q) = q {
                query.push(("q", q));
            }
            query.extend_from_slice(filters[(i + j) % filters.len()]);
            assert_pages(&app, BENCH_TOKEN, BENCH_RESELLER, &query).await;
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

backend_tests!(
    every_sort_search_filter_and_page_equals_the_plain_query,
    searches_of_a_large_reseller_equal_the_plain_query,
    ties_are_broken_by_id_both_ways,
    searches_confirm_from_positions_or_read_the_text,
);
