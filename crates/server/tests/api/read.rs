//! Reading one customer, and what one reseller can see of another's.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::common::*;

async fn get_one_has_an_etag_and_unknown_ids_are_404() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let r = app.get(&format!("/api/v1/customers/{id}"), DEMO).await;
    assert_eq!(r.status, StatusCode::OK);
    let c: domain::Customer = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(c.id, id);
    assert_eq!(c.organization_name, "Contoso Oy");
    assert_eq!(
        r.header("etag"),
        Some(format!("\"{}\"", c.version).as_str())
    );
    app.get("/api/v1/customers/does-not-exist", DEMO)
        .await
        .problem(StatusCode::NOT_FOUND);
}

async fn another_resellers_customer_is_404_everywhere() {
    for mb in LIST_CACHE_MODES {
        another_resellers_customer_is_404_everywhere_with(mb).await;
    }
}

async fn another_resellers_customer_is_404_everywhere_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let path = format!("/api/v1/customers/{id}");
    app.get(&path, SMALL).await.problem(StatusCode::NOT_FOUND);
    app.get(&format!("{path}/audit"), SMALL)
        .await
        .problem(StatusCode::NOT_FOUND);
    app.patch(&path, SMALL, Some("\"1\""), &json!({"user_licenses": 5}))
        .await
        .problem(StatusCode::NOT_FOUND);
    let r = app
        .send(
            request(Method::POST, &format!("{path}/activation-email"), SMALL)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    r.problem(StatusCode::NOT_FOUND);
    // Nothing changed for the owner.
    let r = app.get(&path, DEMO).await;
    assert_eq!(r.json()["version"], 1);
    assert_eq!(app.get("/api/v1/outbox", SMALL).await.json(), json!([]));
    let small = app.all(SMALL).await;
    assert_eq!(small.len(), 3);
    assert!(small.iter().all(|c| c["id"] != id.as_str()));
}

async fn an_empty_reseller_sees_nothing() {
    for mb in LIST_CACHE_MODES {
        an_empty_reseller_sees_nothing_with(mb).await;
    }
}

async fn an_empty_reseller_sees_nothing_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    server::seed::create_empty_reseller(app.store.as_ref(), "empty", "empty-token")
        .await
        .unwrap();
    let page = app.get("/api/v1/customers", "empty-token").await.json();
    assert_eq!(page["total"], 0);
    assert_eq!(page["items"], json!([]));
}

backend_tests!(
    get_one_has_an_etag_and_unknown_ids_are_404,
    another_resellers_customer_is_404_everywhere,
    an_empty_reseller_sees_nothing,
);
