//! Ingestion and history: idempotent samples, per-item refusals with the valid items stored,
//! isolation between resellers, roles, and the customer's usage and forecast kept from its
//! newest sample.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::*;
use crate::common::*;

async fn samples_stored_replace_and_the_newest_is_the_customers_usage() {
    let app = TestApp::new().await;
    let id = fresh(&app, "Usage Growth Oy").await;
    let r = post_usage(
        &app,
        DEMO,
        history(&id, 20, |i| 500 + 10 * i as u64, |_| 10),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let body = r.json();
    assert_eq!(
        (body["stored"].as_u64(), body["rejected"].as_u64()),
        (Some(20), Some(0))
    );
    assert_eq!(body["results"].as_array().unwrap().len(), 20);
    assert_eq!(
        body["results"][3],
        json!({"index": 3, "stored": true, "issues": []})
    );

    let c = customer(&app, &id).await;
    assert_eq!((c.storage_used_gb, c.licenses_in_use), (690, 10));
    assert_eq!(c.usage_updated_at, format!("{}T00:00:00.000Z", date(0)));
    // 810 GB left at 10 GB a day; 10 users, flat, of 25 licenses.
    assert_eq!(c.forecast.storage, domain::RunsOut::InDays { days: 81 });
    assert_eq!(c.forecast.licenses, domain::RunsOut::NotGrowing);
    assert_eq!(c.version, 1, "usage is not an edit");

    // The same day again replaces it; an older day does not change the current usage.
    let r = post_usage(
        &app,
        DEMO,
        vec![sample(&id, 0, 700, 12), sample(&id, 5, 1, 1)],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let n = app
        .integer(
            "SELECT count(*) FROM usage_samples WHERE customer_id = $1",
            &[&id],
        )
        .await;
    assert_eq!(n, 20);
    let c = customer(&app, &id).await;
    assert_eq!((c.storage_used_gb, c.licenses_in_use), (700, 12));

    // The history: the latest days, oldest first, with the stored forecast.
    let h = app
        .get(&format!("/api/v1/customers/{id}/usage?days=10"), DEMO)
        .await;
    assert_eq!(h.status, StatusCode::OK, "{}", h.text());
    let h: domain::usage::CustomerUsage = serde_json::from_slice(&h.body).unwrap();
    assert_eq!(h.samples.len(), 10);
    assert_eq!(h.samples[0].date, date(9));
    assert_eq!(h.samples[9].used_storage_bytes, 700 * GB);
    assert_eq!(h.forecast, c.forecast);
    assert_eq!(h.runs_out_days, c.forecast.runs_out_days());
    let all = app
        .get(&format!("/api/v1/customers/{id}/usage"), DEMO)
        .await
        .json();
    assert_eq!(all["days"], 90);
    assert_eq!(all["samples"].as_array().unwrap().len(), 20);
}

async fn bad_items_are_refused_one_by_one_and_the_valid_ones_stored() {
    let app = TestApp::new().await;
    let id = fresh(&app, "Usage Checks Oy").await;
    let theirs = app.id_of(SMALL, "Tiny Tech Ab").await;
    let count_theirs = "SELECT count(*) FROM usage_samples WHERE customer_id = $1";
    let theirs_before = app.integer(count_theirs, &[&theirs]).await;
    let samples = vec![
        sample(&id, 1, 10, 1),
        json!({"customer_id": id, "date": date(2), "used_storage_bytes": -5, "active_users": 1}),
        sample(&id, -1, 10, 1),
        sample(&id, 800, 10, 1),
        sample("no-such-customer", 1, 10, 1),
        sample(&theirs, 1, 10, 1),
        sample(&id, 3, 10, 1),
        sample(&id, 3, 11, 1),
        json!({"customer_id": id, "date": date(4), "used_storage_bytes": u64::MAX, "active_users": 1.5}),
        sample(&id, 0, 20, 2),
    ];
    let r = post_usage(&app, DEMO, samples).await;
    let p = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["code"], "usage_items_rejected");
    assert_eq!(
        (p["stored"].as_u64(), p["rejected"].as_u64()),
        (Some(2), Some(8))
    );
    let codes: Vec<Vec<String>> = p["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["issues"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    format!(
                        "{}:{}",
                        i["field"].as_str().unwrap(),
                        i["code"].as_str().unwrap()
                    )
                })
                .collect()
        })
        .collect();
    let expect: Vec<Vec<&str>> = vec![
        vec![],
        vec!["used_storage_bytes:negative"],
        vec!["date:future_date"],
        vec!["date:too_old"],
        vec!["customer_id:unknown_customer"],
        // Another reseller's customer reads exactly as an unknown one.
        vec!["customer_id:unknown_customer"],
        vec!["date:duplicate_date"],
        vec!["date:duplicate_date"],
        vec!["used_storage_bytes:out_of_range", "active_users:not_whole"],
        vec![],
    ];
    assert_eq!(codes, expect);
    assert_eq!(
        p["results"][4],
        p["results"][5]
            .as_object()
            .map(|o| {
                let mut o = o.clone();
                o.insert("index".into(), json!(4));
                Value::Object(o)
            })
            .unwrap()
    );
    let issue = &p["results"][2]["issues"][0];
    assert_eq!(issue["params"]["today"], date(0));
    assert!(
        issue["message"].as_str().unwrap().contains(&date(0)),
        "{issue}"
    );
    let stored = app
        .strings(
            "SELECT day FROM usage_samples WHERE customer_id = $1 ORDER BY day",
            &[&id],
        )
        .await;
    assert_eq!(stored, vec![date(1), date(0)]);
    let n = app.integer(count_theirs, &[&theirs]).await;
    assert_eq!(
        n, theirs_before,
        "nothing is written to another reseller's customer"
    );
    let used = "SELECT storage_used_gb FROM customers WHERE id = $1";
    assert_ne!(app.integer(used, &[&theirs]).await, 10, "nor to its usage");
}

async fn a_batch_over_1000_is_refused_whole_and_a_viewer_may_not_ingest() {
    let app = TestApp::new().await;
    let id = fresh(&app, "Usage Limits Oy").await;
    let many: Vec<Value> = (0..1001).map(|i| sample(&id, i % 700, 1, 1)).collect();
    let r = post_usage(&app, DEMO, many).await;
    let p = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["code"], "too_many_samples");
    let n = app
        .integer(
            "SELECT count(*) FROM usage_samples WHERE customer_id = $1",
            &[&id],
        )
        .await;
    assert_eq!(n, 0);
    // 1,000 with long-ish bodies fit the usage body limit.
    let full: Vec<Value> = (0..1000).map(|i| sample(&id, i % 700, 1, 1)).collect();
    let r = post_usage(&app, DEMO, full).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "duplicates only: {}",
        &r.text()[..200]
    );
    assert_eq!(r.json()["stored"], 400);
    // Not a batch at all.
    let r = app
        .post_json("/api/v1/usage", DEMO, &json!({"samples": 3}))
        .await;
    assert_eq!(
        r.problem(StatusCode::UNPROCESSABLE_ENTITY)["code"],
        "invalid_body"
    );

    let viewer = api_token(&app, domain::Role::Viewer).await;
    let r = post_usage(&app, &viewer, vec![sample(&id, 0, 1, 1)]).await;
    assert_eq!(r.problem(StatusCode::FORBIDDEN)["code"], "forbidden");
    // A viewer may read the history.
    let r = app
        .get(&format!("/api/v1/customers/{id}/usage"), &viewer)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

async fn the_history_is_the_resellers_own_and_its_query_is_checked() {
    let app = TestApp::new().await;
    let theirs = app.id_of(SMALL, "Tiny Tech Ab").await;
    let r = app
        .get(&format!("/api/v1/customers/{theirs}/usage"), DEMO)
        .await;
    r.problem(StatusCode::NOT_FOUND);
    // Control characters (NUL is refused by PostgreSQL) are no id: 404, and a per-item issue.
    let r = app.get("/api/v1/customers/a%00b/usage", DEMO).await;
    r.problem(StatusCode::NOT_FOUND);
    let nul = json!({"customer_id": "a\u{0}b", "date": date(0), "used_storage_bytes": 1, "active_users": 1});
    let r = post_usage(&app, DEMO, vec![nul]).await;
    let p = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["results"][0]["issues"][0]["code"], "invalid_characters");
    let id = fresh(&app, "Usage Query Oy").await;
    for q in [
        "days=0",
        "days=731",
        "days=x",
        "days=5&days=6",
        "from=2024-01-01",
    ] {
        let r = app
            .get(&format!("/api/v1/customers/{id}/usage?{q}"), DEMO)
            .await;
        r.problem(StatusCode::BAD_REQUEST);
    }
    let r = app
        .get(&format!("/api/v1/customers/{id}/usage"), DEMO)
        .await
        .json();
    assert_eq!(r["samples"], json!([]));
    assert_eq!(r["forecast"]["storage"]["state"], "not_enough_history");
    assert_eq!(r["runs_out_days"], Value::Null);
}

async fn an_edit_of_the_allocation_moves_the_forecast() {
    let app = TestApp::new().await;
    let id = fresh(&app, "Usage Edit Oy").await;
    post_usage(
        &app,
        DEMO,
        history(&id, 20, |i| 500 + 10 * i as u64, |_| 10),
    )
    .await;
    let path = format!("/api/v1/customers/{id}");
    let r = app
        .patch(&path, DEMO, Some("*"), &json!({"extra_storage_gb": 1000}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let c: domain::Customer = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(c.forecast.storage, domain::RunsOut::InDays { days: 31 });
    let r = app
        .patch(&path, DEMO, Some("*"), &json!({"extra_storage_gb": 980}))
        .await;
    let c: domain::Customer = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(c.forecast.storage, domain::RunsOut::InDays { days: 29 });
    assert!(c.needs_attention());
}

async fn a_usage_writer_token_reports_usage_and_nothing_else() {
    let app = TestApp::new().await;
    let id = fresh(&app, "Usage Writer Oy").await;
    let writer = api_token(&app, domain::Role::UsageWriter).await;
    let r = post_usage(&app, &writer, vec![sample(&id, 0, 7, 3)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["stored"], 1);
    assert_eq!(customer(&app, &id).await.storage_used_gb, 7);
    let me = app.get("/api/v1/me", &writer).await.json();
    assert_eq!(me["role"], "usage-writer", "{me}");
    // It reads no customer, no list, no history, and changes nothing.
    for path in [
        "/api/v1/customers".to_owned(),
        format!("/api/v1/customers/{id}"),
        format!("/api/v1/customers/{id}/usage"),
        "/api/v1/customers/export.csv".to_owned(),
        format!("/api/v1/customers/{id}/audit"),
        "/api/v1/outbox".to_owned(),
    ] {
        let r = app.get(&path, &writer).await;
        assert_eq!(
            r.problem(StatusCode::FORBIDDEN)["code"],
            "forbidden",
            "{path}"
        );
    }
    // The role is checked before the body is read: any body will do.
    let batch = json!({"rows": [{"customer": new_customer("Sneaky Oy", None)}]});
    for (path, body) in [
        (
            "/api/v1/customers".to_owned(),
            new_customer("Sneaky Oy", None),
        ),
        ("/api/v1/customers/batch".to_owned(), batch),
        ("/api/v1/customers/lookup".to_owned(), json!({})),
        (
            format!("/api/v1/customers/{id}/activation-email"),
            json!({}),
        ),
    ] {
        let p = app
            .post_json(&path, &writer, &body)
            .await
            .problem(StatusCode::FORBIDDEN);
        assert_eq!(p["code"], "forbidden", "{path}");
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains("reports usage only"), "{path}: {detail}");
    }
    let r = app
        .patch(
            &format!("/api/v1/customers/{id}"),
            &writer,
            Some("*"),
            &json!({"user_licenses": 1}),
        )
        .await;
    assert_eq!(r.problem(StatusCode::FORBIDDEN)["code"], "forbidden");
}

backend_tests!(
    a_usage_writer_token_reports_usage_and_nothing_else,
    samples_stored_replace_and_the_newest_is_the_customers_usage,
    bad_items_are_refused_one_by_one_and_the_valid_ones_stored,
    a_batch_over_1000_is_refused_whole_and_a_viewer_may_not_ingest,
    the_history_is_the_resellers_own_and_its_query_is_checked,
    an_edit_of_the_allocation_moves_the_forecast,
);
