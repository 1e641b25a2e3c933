//! The plain SQL query every list page is checked against, and the bench data the tests list.

use crate::common::*;

/// The bench reseller's id (its token is `server::seed::BENCH_TOKEN`).
pub const BENCH_RESELLER: &str = "r_bench";

/// The ids of the reseller's customers matching, in order: the straightforward query.
pub async fn reference(app: &TestApp, reseller_id: &str, query: &[(&str, &str)]) -> Vec<String> {
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
             OR status = 'pending_activation' OR activation_email = 'undeliverable' \
             OR runs_out_days <= 30)",
        );
    }
    if get("runs_out_soon").as_deref() == Some("true") {
        sql.push_str(" AND runs_out_days <= 30");
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

/// The list's path for `query`, page `page` of `per_page`.
pub fn uri(query: &[(&str, &str)], page: usize, per_page: usize) -> String {
    let mut uri = format!("/api/v1/customers?page={page}&per_page={per_page}");
    for (name, value) in query {
        uri.push_str(&format!("&{name}={}", value.replace(' ', "%20")));
    }
    uri
}

/// Asserts that the pages asked for equal the reference query's slices, and the total its length.
pub async fn assert_pages(app: &TestApp, token: &str, reseller_id: &str, query: &[(&str, &str)]) {
    let expected = reference(app, reseller_id, query).await;
    for per_page in [25usize, 7] {
        let last = expected.len().div_ceil(per_page).max(1);
        let mut pages = vec![1, 2, last / 2 + 1, last, last + 1];
        pages.dedup();
        for page in pages {
            let path = uri(query, page, per_page);
            app.assert_page(&path, token, &expected, page, per_page)
                .await;
        }
    }
}

/// Demo data plus a bench reseller of `n` customers; the accelerator at `cache_mb` MiB (0: off).
pub async fn bench_app(n: u64, cache_mb: u64) -> TestApp {
    let app = TestApp::with_cache(cache_mb).await;
    server::seed::seed_bench(app.store.as_ref(), n)
        .await
        .unwrap();
    give_forecasts(&app).await;
    app
}

/// Gives the bench customers varied forecasts in plain SQL (the bench seed has no history):
/// licenses running out in 1 to 60 days for a third (many ties), storage full now for a
/// seventh, the rest none; `runs_out_days` is the sooner, as the store keeps it.
pub async fn give_forecasts(app: &TestApp) {
    app.sql(
        "UPDATE customers SET forecast_licenses = 'in_days:' || (seq % 60 + 1), \
         runs_out_days = seq % 60 + 1 WHERE reseller_id = $1 AND seq % 3 = 0",
        &[BENCH_RESELLER],
    )
    .await;
    app.sql(
        "UPDATE customers SET forecast_storage = 'now', runs_out_days = 0 \
         WHERE reseller_id = $1 AND seq % 7 = 0",
        &[BENCH_RESELLER],
    )
    .await;
}
