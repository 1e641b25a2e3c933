//! `POST /api/v1/customers/lookup`: the import preview's clash check, on both databases.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::json;

async fn lookup_finds_existing_names_and_domains_by_their_keys() {
    let app = TestApp::new().await;
    app.create_ok(DEMO, &new_customer("Lookup Oy", Some("lookup.fi")))
        .await;
    let body = json!({
        "organization_names": ["  LOOKUP   oy ", "Nobody Here Oy", "", "lookup oy"],
        "domains": ["Lookup.FI", "nobody-here.fi", "not a domain"],
    });
    let r = app.post_json("/api/v1/customers/lookup", DEMO, &body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"organization_names": ["lookup oy"], "domains": ["lookup.fi"]}),
        "keys as the unique indexes compare them, each once"
    );
    // Another reseller's customers are not its clashes.
    let r = app
        .post_json("/api/v1/customers/lookup", SMALL, &body)
        .await;
    assert_eq!(r.json(), json!({"organization_names": [], "domains": []}));
    let r = app
        .post_json("/api/v1/customers/lookup", DEMO, &json!({}))
        .await;
    assert_eq!(r.json(), json!({"organization_names": [], "domains": []}));
}

async fn lookup_refuses_more_than_500_of_each_and_unknown_fields() {
    let app = TestApp::new().await;
    let names: Vec<String> = (0..501).map(|i| format!("Name {i}")).collect();
    let r = app
        .post_json(
            "/api/v1/customers/lookup",
            DEMO,
            &json!({"organization_names": names}),
        )
        .await;
    let problem = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "organization_name");
    assert_eq!(problem["errors"][0]["code"], "too_many");
    assert_eq!(problem["errors"][0]["params"]["max"], "500");
    let r = app
        .post_json("/api/v1/customers/lookup", DEMO, &json!({"names": []}))
        .await;
    r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_json("/api/v1/customers/lookup", "", &json!({}))
        .await;
    r.problem(StatusCode::UNAUTHORIZED);
}

backend_tests!(
    lookup_finds_existing_names_and_domains_by_their_keys,
    lookup_refuses_more_than_500_of_each_and_unknown_fields,
);
