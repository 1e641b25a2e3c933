//! The list answers from an in-memory index (src/list_index.rs). Whatever path it takes (a slice
//! of a sort order, a walk with filters, a trigram search with a walk or a sort of the matches, a
//! scan for one- and two-byte searches), a page must be exactly what a plain SQL query over the
//! store of record gives, and every write must show in the next list.

mod common;

use axum::http::StatusCode;
use common::*;
use rusqlite::params;
use serde_json::{Value, json};
use server::seed::BENCH_TOKEN;

const BENCH_RESELLER: &str = "r_bench";

/// The ids of the reseller's customers matching, in order: the straightforward query.
fn reference(app: &TestApp, reseller_id: &str, query: &[(&str, &str)]) -> Vec<String> {
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
        sql.push_str(&format!(" AND instr(search_key, ?{}) > 0", args.len()));
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
    sql.push_str(&format!(" ORDER BY {column} {dir}, id {dir}"));
    app.state
        .db
        .with_conn(|conn| {
            let mut stmt = conn.prepare(&sql)?;
            let ids = stmt
                .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(ids)
        })
        .unwrap()
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
    let expected = reference(app, reseller_id, query);
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

fn bench_app(n: u64) -> TestApp {
    let app = TestApp::new();
    server::seed::seed_bench(&app.state.db, n).unwrap();
    app
}

#[tokio::test]
async fn every_sort_search_filter_and_page_equals_the_plain_query() {
    let app = bench_app(1_500);
    let sorts = [
        "organization_name",
        "domain",
        "status",
        "user_licenses",
        "licenses_in_use",
        "extra_storage_gb",
        "storage_used_gb",
        "storage_type",
        "created_at",
        "updated_at",
    ];
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
    for sort in sorts {
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

#[tokio::test]
async fn ties_are_broken_by_id_both_ways() {
    let app = bench_app(300);
    // Many customers with the same licenses, storage and creation time.
    app.state
        .db
        .with_conn(|conn| {
            conn.execute(
                "UPDATE customers SET user_licenses = 10, extra_storage_gb = 500, \
                 created_at = '2024-01-01T00:00:00.000Z' WHERE reseller_id = ?1 AND seq % 3 = 0",
                [BENCH_RESELLER],
            )?;
            Ok(())
        })
        .unwrap();
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

#[tokio::test]
async fn every_write_shows_in_the_next_list() {
    let app = bench_app(400);
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
    app.state
        .db
        .with_conn(|conn| {
            conn.execute(
                "UPDATE customers SET licenses_in_use = user_licenses + 1, updated_at = '2030-01-01T00:00:00.000Z' \
                 WHERE reseller_id = ?1 AND seq % 7 = 0",
                [BENCH_RESELLER],
            )?;
            conn.execute(
                "UPDATE customers SET status = 'active' WHERE reseller_id = ?1 AND status = 'pending_activation' \
                 AND seq % 2 = 0",
                [BENCH_RESELLER],
            )?;
            let victim: String = conn.query_row(
                "SELECT id FROM customers WHERE reseller_id = ?1 AND seq % 5 = 1 LIMIT 1",
                [BENCH_RESELLER],
                |r| r.get(0),
            )?;
            conn.execute("DELETE FROM audit WHERE customer_id = ?1", [&victim])?;
            conn.execute("DELETE FROM outbox WHERE customer_id = ?1", [&victim])?;
            conn.execute("DELETE FROM customers WHERE id = ?1", [&victim])?;
            conn.execute(
                "UPDATE customers SET reseller_id = 'r_small' WHERE reseller_id = ?1 AND organization_name LIKE '%Zeta%'",
                [BENCH_RESELLER],
            )?;
            conn.execute(
                "UPDATE customers SET reseller_id = 'r_small', name_key = 'moved ' || name_key, \
                 domain = 'moved-' || domain WHERE reseller_id = ?1 AND seq % 11 = 3",
                params![BENCH_RESELLER],
            )?;
            Ok(())
        })
        .unwrap();
    app.state
        .db
        .with_conn(|conn| {
            let reseller = server::db::reseller_by_token(conn, BENCH_TOKEN)?.unwrap();
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
            };
            server::customers::insert_customer(conn, &reseller, &customer)?;
            Ok(())
        })
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
        reference(&app, BENCH_RESELLER, &[("sort", "-updated_at")])
    );
}

#[tokio::test]
async fn a_second_handle_on_the_same_database_sees_the_first_ones_writes() {
    let app = bench_app(200);
    // A second server process on the same file, as during a rolling restart.
    let state = server::AppState::new(
        server::Db::open(app.state.db.path()).unwrap(),
        server::Settings::default(),
    );
    let other = TestApp {
        router: server::app(state.clone()),
        state,
        dir: tempfile::tempdir().unwrap(),
    };
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

#[tokio::test]
async fn searches_confirm_from_positions_or_read_the_text() {
    let app = bench_app(600);
    // Search texts (written in plain SQL) where q's trigrams are all present but not first found
    // one after another, where q is not there at all, where it is far in, or only in a repeat.
    app.state
        .db
        .with_conn(|conn| {
            for (remainder, text) in [
                (0, "'northwin d northwind ' || id"),
                (1, "'northwin dind ' || id"),
                (2, "printf('%.300c', 'x') || ' northwind ' || id"),
                (3, "'ind northwind northwind ' || id"),
                (4, "printf('%.260c', 'x') || ' northwin d ind'"),
            ] {
                conn.execute(
                    &format!(
                        "UPDATE customers SET search_key = {text} WHERE reseller_id = ?1 AND seq % 9 = {remainder}"
                    ),
                    [BENCH_RESELLER],
                )?;
            }
            Ok(())
        })
        .unwrap();
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

#[tokio::test]
async fn the_page_json_is_what_serde_writes_for_the_page() {
    let app = bench_app(300);
    let indexes = app.state.db.indexes();
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
        let (page, json) = app
            .state
            .db
            .with_conn(|conn| {
                let page = server::customers::list_page(conn, &indexes, BENCH_RESELLER, &params)?;
                let json =
                    server::customers::list_page_json(conn, &indexes, BENCH_RESELLER, &params)?;
                Ok((page, json))
            })
            .unwrap();
        assert_eq!(json, serde_json::to_string(&page).unwrap(), "{query}");
        let r = app
            .get(&format!("/api/v1/customers?{query}"), BENCH_TOKEN)
            .await;
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.text(), json, "{query}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_and_lists_see_their_own_writes_and_end_consistent() {
    let app = std::sync::Arc::new(bench_app(300));
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
