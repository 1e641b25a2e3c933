//! The list: defaults, parameter errors, filters and sorting.

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::*;

async fn list_defaults_to_first_page_of_25_by_name() {
    for mb in LIST_CACHE_MODES {
        list_defaults_to_first_page_of_25_by_name_with(mb).await;
    }
}

async fn list_defaults_to_first_page_of_25_by_name_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    let r = app.get("/api/v1/customers", DEMO).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let page = r.json();
    assert_eq!(page["total"], 40);
    assert_eq!(page["page"], 1);
    assert_eq!(page["per_page"], 25);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 25);
    let names: Vec<String> = items
        .iter()
        .map(|c| c["organization_name"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Every item is a full Customer.
    let first: domain::Customer =
        serde_json::from_value(items[0].clone()).expect("items are Customers");
    assert!(first.version >= 1);

    let page2 = app.get("/api/v1/customers?page=2", DEMO).await.json();
    assert_eq!(page2["items"].as_array().unwrap().len(), 15);
    let past = app.get("/api/v1/customers?page=9", DEMO).await.json();
    assert_eq!(past["items"].as_array().unwrap().len(), 0);
    assert_eq!(past["total"], 40);
    let small = app
        .get("/api/v1/customers?per_page=2&page=2", SMALL)
        .await
        .json();
    assert_eq!(small["total"], 3);
    assert_eq!(small["items"].as_array().unwrap().len(), 1);
}

async fn invalid_list_parameters_are_400_problems() {
    let app = TestApp::new().await;
    for (query, mentions) in [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=-5", "per_page"),
        ("status=deleted", "status"),
        ("storage_type=aws", "storage_type"),
        ("attention=maybe", "attention"),
        ("sort=password", "sort"),
        ("sort=--created_at", "sort"),
        ("colour=red", "colour"),
        ("page=1&page=2", "page"),
    ] {
        let r = app.get(&format!("/api/v1/customers?{query}"), DEMO).await;
        let body = r.problem(StatusCode::BAD_REQUEST);
        assert!(
            body["detail"].as_str().unwrap().contains(mentions),
            "{query}: {body}"
        );
        let r = app
            .get(&format!("/api/v1/customers/export.csv?{query}"), DEMO)
            .await;
        if !query.starts_with("page") && !query.starts_with("per_page") {
            r.problem(StatusCode::BAD_REQUEST);
        }
    }
}

async fn list_filters_by_status_storage_type_and_attention() {
    for mb in LIST_CACHE_MODES {
        list_filters_by_status_storage_type_and_attention_with(mb).await;
    }
}

async fn list_filters_by_status_storage_type_and_attention_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    let all = app.all(DEMO).await;
    for (query, keep) in [
        (
            "status=pending_activation",
            (|c: &Value| c["status"] == "pending_activation") as fn(&Value) -> bool,
        ),
        ("status=active", |c| c["status"] == "active"),
        ("storage_type=azure_ireland", |c| {
            c["storage_type"] == "azure_ireland"
        }),
        ("storage_type=finnish_s3", |c| {
            c["storage_type"] == "finnish_s3"
        }),
        ("attention=true", needs_attention),
        (
            "attention=true&status=active&storage_type=finnish_s3",
            |c| needs_attention(c) && c["status"] == "active" && c["storage_type"] == "finnish_s3",
        ),
    ] {
        let expected: Vec<&Value> = all.iter().filter(|c| keep(c)).collect();
        assert!(
            !expected.is_empty() && expected.len() < all.len(),
            "{query} is a real filter"
        );
        let page = app
            .get(&format!("/api/v1/customers?per_page=100&{query}"), DEMO)
            .await
            .json();
        assert_eq!(page["total"], expected.len(), "{query}");
        let got: Vec<&Value> = page["items"].as_array().unwrap().iter().collect();
        assert_eq!(got, expected, "{query}");
    }
    // The seed covers every attention reason.
    assert!(
        all.iter()
            .any(|c| c["licenses_in_use"].as_u64() > c["user_licenses"].as_u64())
    );
    assert!(
        all.iter()
            .any(|c| c["storage_used_gb"].as_u64() >= c["extra_storage_gb"].as_u64())
    );
    assert!(all.iter().any(|c| {
        let (used, total) = (
            c["storage_used_gb"].as_u64().unwrap(),
            c["extra_storage_gb"].as_u64().unwrap(),
        );
        used * 10 >= total * 9 && used < total
    }));
    assert!(all.iter().any(|c| c["domain"].is_null()));
    assert_eq!(
        app.total("/api/v1/customers?attention=false", DEMO).await,
        40
    );
}

fn needs_attention(c: &Value) -> bool {
    let n = |k: &str| c[k].as_u64().unwrap();
    n("licenses_in_use") > n("user_licenses")
        || n("storage_used_gb") * 10 >= n("extra_storage_gb") * 9
        || c["status"] == "pending_activation"
}

async fn every_sort_key_orders_both_ways_with_id_as_tie_breaker() {
    for mb in LIST_CACHE_MODES {
        every_sort_key_orders_both_ways_with_id_as_tie_breaker_with(mb).await;
    }
}

async fn every_sort_key_orders_both_ways_with_id_as_tie_breaker_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    for key in SORT_KEYS {
        for descending in [false, true] {
            let sort = if descending {
                format!("-{key}")
            } else {
                key.to_owned()
            };
            let page = app
                .get(&format!("/api/v1/customers?per_page=100&sort={sort}"), DEMO)
                .await
                .json();
            let items = page["items"].as_array().unwrap();
            assert_eq!(items.len(), 40);
            let sort_value = |c: &Value| -> (String, String) {
                // `runs_out_days` is the forecast's sooner day (never last), not a field.
                let forecast = || {
                    let c: domain::Customer = serde_json::from_value(c.clone()).unwrap();
                    Value::from(c.forecast.runs_out_key())
                };
                let v = if key == "runs_out_days" {
                    forecast()
                } else {
                    c[key].clone()
                };
                let v = match &v {
                    Value::Number(n) => format!("{:020}", n.as_u64().unwrap()),
                    Value::String(s) => s.to_lowercase(),
                    _ => String::new(),
                };
                (v, c["id"].as_str().unwrap().to_owned())
            };
            let got: Vec<(String, String)> = items.iter().map(sort_value).collect();
            let mut expected = got.clone();
            expected.sort();
            if descending {
                expected.reverse();
            }
            assert_eq!(got, expected, "sort={sort}");
        }
    }
    // Paging through a sort visits every customer once.
    let mut seen = Vec::new();
    for page in 1..=4 {
        let p = app
            .get(
                &format!("/api/v1/customers?sort=-storage_used_gb&per_page=12&page={page}"),
                DEMO,
            )
            .await
            .json();
        seen.extend(page_ids(&p));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 40);
}

backend_tests!(
    list_defaults_to_first_page_of_25_by_name,
    invalid_list_parameters_are_400_problems,
    list_filters_by_status_storage_type_and_attention,
    every_sort_key_orders_both_ways_with_id_as_tie_breaker,
);
