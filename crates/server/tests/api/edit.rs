//! Editing with If-Match: versions, audit rows, 412, 428 and the fields that cannot change.

use axum::http::StatusCode;
use serde_json::json;

use crate::common::*;

async fn patch_with_if_match_bumps_the_version_and_writes_audit_rows() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let path = format!("/api/v1/customers/{id}");
    let before: domain::Customer =
        serde_json::from_slice(&app.get(&path, DEMO).await.body).unwrap();
    let new_storage = before.storage_used_gb.max(before.extra_storage_gb) + 500;
    let r = app
        .patch(
            &path,
            DEMO,
            Some("\"1\""),
            &json!({"user_licenses": before.user_licenses + 7, "extra_storage_gb": new_storage}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("etag"), Some("\"2\""));
    let after: domain::Customer = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(after.version, 2);
    assert_eq!(after.user_licenses, before.user_licenses + 7);
    assert_eq!(after.extra_storage_gb, new_storage);
    assert!(after.updated_at > before.updated_at);
    assert_eq!(
        (&after.organization_name, after.storage_type),
        (&before.organization_name, before.storage_type)
    );

    let audit = app.get(&format!("{path}/audit"), DEMO).await.json();
    let audit = audit.as_array().unwrap();
    assert_eq!(audit.len(), 3, "two changes and the creation: {audit:?}");
    assert_eq!(audit.last().unwrap()["field"], "created");
    let licenses = audit
        .iter()
        .find(|e| e["field"] == "user_licenses")
        .unwrap();
    assert_eq!(licenses["old"], before.user_licenses);
    assert_eq!(licenses["new"], before.user_licenses + 7);
    assert_eq!(licenses["actor"], "demo@reseller.example");
    assert_eq!(licenses["at"], after.updated_at.as_str());
    let storage = audit
        .iter()
        .find(|e| e["field"] == "extra_storage_gb")
        .unwrap();
    assert_eq!(storage["old"], before.extra_storage_gb);

    // An empty change, or the same values: 200, unchanged, no version bump.
    for body in [json!({}), json!({"user_licenses": after.user_licenses})] {
        let r = app.patch(&path, DEMO, Some("\"2\""), &body).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("etag"), Some("\"2\""));
        assert_eq!(
            serde_json::from_slice::<domain::Customer>(&r.body).unwrap(),
            after
        );
    }
    assert_eq!(app.count(&format!("{path}/audit"), DEMO).await, 3);
    // `*` matches any version.
    let r = app
        .patch(&path, DEMO, Some("*"), &json!({"user_licenses": 1}))
        .await;
    assert_eq!(r.header("etag"), Some("\"3\""));
}

async fn a_stale_if_match_is_412_with_the_current_customer_and_writes_nothing() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Fabrikam Ab").await;
    let path = format!("/api/v1/customers/{id}");
    assert_eq!(
        app.patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": 900}))
            .await
            .status,
        StatusCode::OK
    );
    let current = app.get(&path, DEMO).await.json();
    let p = app
        .patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": 901}))
        .await
        .problem(StatusCode::PRECONDITION_FAILED);
    assert_eq!(p["current"], current);
    assert_eq!(p["current"]["version"], 2);
    assert_eq!(app.get(&path, DEMO).await.json(), current);
    assert_eq!(app.count(&format!("{path}/audit"), DEMO).await, 2);
}

async fn patch_without_if_match_is_428() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Fabrikam Ab").await;
    let path = format!("/api/v1/customers/{id}");
    let p = app
        .patch(&path, DEMO, None, &json!({"user_licenses": 900}))
        .await
        .problem(StatusCode::PRECONDITION_REQUIRED);
    assert!(p["detail"].as_str().unwrap().contains("If-Match"));
    assert_eq!(app.get(&path, DEMO).await.json()["version"], 1);
}

async fn immutable_fields_are_422_immutable() {
    let app = TestApp::new().await;
    let id = app.id_of(DEMO, "Fabrikam Ab").await;
    let path = format!("/api/v1/customers/{id}");
    let p = app
        .patch(
            &path,
            DEMO,
            Some("\"1\""),
            &json!({"storage_type": "azure_ireland", "user_licenses": 3}),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["code"], "immutable");
    assert_eq!(
        p["errors"],
        json!([{
            "field": "storage_type",
            "code": "immutable",
            "params": {"name": "storage_type"},
            "message": "Storage Type cannot be changed after creation. Contact support to correct it.",
        }])
    );
    for (key, field) in [
        ("organization_name", "organization_name"),
        ("domain", "domain"),
        ("status", "other"),
        ("id", "other"),
    ] {
        let p = app
            .patch(&path, DEMO, Some("\"1\""), &json!({ key: "x" }))
            .await
            .problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(p["errors"][0]["field"], field, "{key}");
        assert_eq!(p["errors"][0]["code"], "immutable");
        assert_eq!(p["errors"][0]["params"]["name"], key);
    }
    assert_eq!(app.get(&path, DEMO).await.json()["version"], 1);
}

async fn domain_rule_violations_in_a_patch_are_422() {
    let app = TestApp::new().await;
    let all = app.all(DEMO).await;
    let used = all
        .iter()
        .find(|c| c["storage_used_gb"].as_u64().unwrap() > 100)
        .unwrap();
    let path = format!("/api/v1/customers/{}", used["id"].as_str().unwrap());
    let p = app
        .patch(
            &path,
            DEMO,
            Some("\"1\""),
            &json!({"extra_storage_gb": used["storage_used_gb"].as_u64().unwrap() - 1}),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["field"], "extra_storage_gb");
    assert_eq!(p["errors"][0]["code"], "below_usage");
    let p = app
        .patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": 0}))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["field"], "user_licenses");
    let p = app
        .patch(&path, DEMO, Some("\"1\""), &json!({"user_licenses": "ten"}))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["code"], "not_a_number");
    let p = app
        .patch(
            &path,
            DEMO,
            Some("\"1\""),
            &json!({"extra_storage_gb": 1.5}),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["code"], "not_whole");
    assert_eq!(app.get(&path, DEMO).await.json()["version"], 1);
}

async fn concurrent_edits_with_if_match_any_all_apply() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let path = format!("/api/v1/customers/{id}");
    let before: domain::Customer =
        serde_json::from_slice(&app.get(&path, DEMO).await.body).unwrap();
    // Five at once: each lost compare-and-set is another's win, so none runs out of its attempts.
    let edits: Vec<_> = (1..=5)
        .map(|n| {
            let (app, path) = (app.clone(), path.clone());
            let licenses = before.user_licenses + n;
            tokio::spawn(async move {
                app.patch(&path, DEMO, Some("*"), &json!({"user_licenses": licenses}))
                    .await
            })
        })
        .collect();
    for edit in edits {
        let r = edit.await.unwrap();
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    let after: domain::Customer = serde_json::from_slice(&app.get(&path, DEMO).await.body).unwrap();
    assert_eq!(after.version, before.version + 5, "every edit applied once");
}

backend_tests!(
    patch_with_if_match_bumps_the_version_and_writes_audit_rows,
    concurrent_edits_with_if_match_any_all_apply,
    a_stale_if_match_is_412_with_the_current_customer_and_writes_nothing,
    patch_without_if_match_is_428,
    immutable_fields_are_422_immutable,
    domain_rule_violations_in_a_patch_are_422,
);
