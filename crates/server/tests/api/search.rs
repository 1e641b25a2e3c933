//! Search, and the list's query strategies: few matches are sorted directly, many walk the
//! sort index; both must agree with the plain query the CSV export runs.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::*;

async fn search_matches_name_domain_or_id_case_insensitively() {
    for mb in LIST_CACHE_MODES {
        search_matches_name_domain_or_id_case_insensitively_with(mb).await;
    }
}

async fn search_matches_name_domain_or_id_case_insensitively_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    assert_eq!(
        page_names(&app.get("/api/v1/customers?q=CONTOSO", DEMO).await.json()),
        ["Contoso Oy"]
    );
    assert_eq!(
        page_names(
            &app.get("/api/v1/customers?q=s%C3%84HK%C3%96", DEMO)
                .await
                .json()
        ),
        ["Pohjolan Sähkö Oy"]
    );
    // Domain: "litware.se" (the name has no "se").
    assert_eq!(
        page_names(&app.get("/api/v1/customers?q=litware.se", DEMO).await.json()),
        ["Litware Ab"]
    );
    let id = app.id_of(DEMO, "Fabrikam Ab").await;
    assert_eq!(
        page_names(
            &app.get(
                &format!("/api/v1/customers?q={}", &id[..13].to_uppercase()),
                DEMO
            )
            .await
            .json()
        ),
        ["Fabrikam Ab"]
    );
    let many = app
        .get("/api/v1/customers?q=oy&per_page=100", DEMO)
        .await
        .json();
    assert!(many["total"].as_u64().unwrap() > 20);
    assert!(
        page_names(&many)
            .iter()
            .all(|n| n.to_lowercase().contains("oy"))
    );
    assert_eq!(
        app.total("/api/v1/customers?q=no-such-company", DEMO).await,
        0
    );
    // The other reseller's customers are never found.
    assert_eq!(app.total("/api/v1/customers?q=contoso", SMALL).await, 0);
    // SQL wildcards are plain text.
    assert_eq!(app.total("/api/v1/customers?q=%25", DEMO).await, 0);
    assert_eq!(app.total("/api/v1/customers?q=_", DEMO).await, 0);
}

async fn every_list_strategy_agrees_with_the_plain_query() {
    for mb in LIST_CACHE_MODES {
        every_list_strategy_agrees_with_the_plain_query_with(mb).await;
    }
}

async fn every_list_strategy_agrees_with_the_plain_query_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    server::seed::seed_bench(app.store.as_ref(), 2_300)
        .await
        .unwrap();
    let bench = server::seed::BENCH_TOKEN;
    for q in [
        "",
        "northwind",
        " oy",
        "oy",
        "y",
        "0002",
        "lamna kaleva",
        "LAMNA",
    ] {
        for sort in [
            "organization_name",
            "-created_at",
            "user_licenses",
            "-domain",
        ] {
            for filter in [
                "",
                "&status=active",
                "&attention=true&storage_type=finnish_s3",
            ] {
                let query = format!("q={}&sort={sort}{filter}", q.replace(' ', "%20"));
                let ids = app
                    .export_ids(&format!("/api/v1/customers/export.csv?{query}"), bench)
                    .await;
                for page in [1usize, 3] {
                    let path = format!("/api/v1/customers?{query}&per_page=100&page={page}");
                    app.assert_page(&path, bench, &ids, page, 100).await;
                }
            }
        }
    }
    // The counts kept by triggers follow edits that change attention.
    let attention = "/api/v1/customers?attention=true&per_page=1";
    let over = app.total(attention, DEMO).await;
    let all = app.all(DEMO).await;
    let calm = all
        .iter()
        .find(|c| {
            c["status"] == "active"
                && c["licenses_in_use"].as_u64() <= c["user_licenses"].as_u64()
                && c["storage_used_gb"].as_u64().unwrap() * 10
                    < c["extra_storage_gb"].as_u64().unwrap() * 9
                && c["licenses_in_use"].as_u64().unwrap() > 1
        })
        .unwrap();
    let path = format!("/api/v1/customers/{}", calm["id"].as_str().unwrap());
    let r = app
        .patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": 1}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(app.total(attention, DEMO).await, over + 1);
}

async fn control_characters_in_a_search_are_ignored_not_a_500() {
    // Found by schemathesis: a NUL in `q` broke the full-text query.
    let app = TestApp::new().await;
    for path in [
        "/api/v1/customers?q=conto%00so",
        "/api/v1/customers/export.csv?q=conto%00so",
    ] {
        let r = app.get(path, DEMO).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
    }
    let r = app.get("/api/v1/customers?q=conto%00so", DEMO).await;
    assert_eq!(r.json()["items"][0]["organization_name"], "Contoso Oy");
    assert_eq!(r.json()["total"], 1);
    let r = app.get("/api/v1/customers?q=%00%01", DEMO).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "only control characters: no filter"
    );
}

async fn short_and_long_searches_ignore_case_beyond_ascii() {
    for mb in LIST_CACHE_MODES {
        let app = TestApp::with_cache(mb).await;
        let names = |q: &'static str| {
            let app = &app;
            let uri = format!("/api/v1/customers?q={q}&per_page=100");
            async move {
                let page = app.get(&uri, DEMO).await.json();
                let mut names = page_names(&page);
                names.sort();
                assert_eq!(page["total"], names.len(), "{q}");
                names
            }
        };
        // One character (no trigram: the database compares every case spelling).
        let with_a = names("%C3%84").await;
        assert_eq!(
            with_a,
            [
                "Hämeen Hammaslääkärit Oy",
                "Järvisuomen Kuljetus Oy",
                "Pohjolan Sähkö Oy",
                "Vaasan Veneveistämö Oy"
            ],
            "cache {mb}"
        );
        assert_eq!(names("%C3%A4").await, with_a, "cache {mb}");
        assert_eq!(names("%C3%85l").await, ["Åland Shipping Ab"], "cache {mb}");
        // Three and more (the trigram index folds case itself).
        assert_eq!(
            names("S%C3%84HK%C3%96").await,
            ["Pohjolan Sähkö Oy"],
            "cache {mb}"
        );
        assert_eq!(
            names("%C3%A5LAND").await,
            ["Åland Shipping Ab"],
            "cache {mb}"
        );
    }
}

backend_tests!(
    search_matches_name_domain_or_id_case_insensitively,
    every_list_strategy_agrees_with_the_plain_query,
    control_characters_in_a_search_are_ignored_not_a_500,
    short_and_long_searches_ignore_case_beyond_ascii,
);
