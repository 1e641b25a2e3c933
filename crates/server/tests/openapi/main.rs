//! The OpenAPI document: the committed copy is current, and real values fit its schemas.

#[path = "../common/mod.rs"]
mod common;
mod shape;

use axum::http::StatusCode;
use common::*;
use serde_json::{Value, json};
use server::api_doc::document_json;
use shape::shape_mismatches;

#[test]
fn the_committed_openapi_json_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = format!("{}\n", document_json());
    assert!(
        committed == generated,
        "crates/server/openapi.json is out of date; regenerate it with\n\
         cargo run -p server -- --print-openapi > crates/server/openapi.json"
    );
}

#[test]
fn the_document_is_openapi_3_1_with_a_bearer_scheme() {
    let doc: Value = serde_json::from_str(&document_json()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let bearer = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(
        (&bearer["type"], &bearer["scheme"]),
        (&json!("http"), &json!("bearer"))
    );
    let said = bearer["description"].as_str().unwrap();
    assert!(said.contains("JWT") && said.contains("manager"), "{said}");
    for path in [
        "/api/health",
        "/api/v1/customers",
        "/api/v1/customers/export.csv",
        "/api/v1/customers/lookup",
        "/api/v1/customers/{id}",
        "/api/v1/customers/{id}/audit",
        "/api/v1/customers/{id}/activation-email",
        "/api/v1/outbox",
        "/api/v1/me",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["paths"]["/api/v1/customers/{id}"]["patch"]["responses"]["412"].is_object());
}

async fn the_document_is_served_without_credentials() {
    let app = TestApp::new().await;
    let r = app.get("/api/openapi.json", "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.json(),
        serde_json::from_str::<Value>(&document_json()).unwrap()
    );
}

#[track_caller]
fn fits(schema: &str, value: &Value) {
    let problems = shape_mismatches(schema, value);
    assert!(
        problems.is_empty(),
        "{schema}: {problems:#?}\nvalue: {value}"
    );
}

async fn domain_values_and_real_responses_fit_the_schemas() {
    let app = TestApp::new().await;
    // Domain types, serialised.
    let new = domain::NewCustomer {
        organization_name: "Schema Oy".into(),
        domain: Some("schema.fi".into()),
        user_licenses: 3,
        extra_storage_gb: 500,
        notify_emails: vec!["a@schema.fi".into()],
        storage_type: domain::StorageType::AzureIreland,
    };
    fits("NewCustomer", &serde_json::to_value(&new).unwrap());
    fits(
        "NewCustomer",
        &serde_json::to_value(domain::NewCustomer {
            domain: None,
            ..new.clone()
        })
        .unwrap(),
    );
    fits(
        "CustomerChanges",
        &serde_json::to_value(domain::CustomerChanges::default()).unwrap(),
    );
    fits(
        "CustomerChanges",
        &serde_json::to_value(domain::CustomerChanges {
            user_licenses: Some(4),
            extra_storage_gb: Some(9),
        })
        .unwrap(),
    );
    let page = app.get("/api/v1/customers?per_page=100", DEMO).await.json();
    let typed: domain::CustomerPage = serde_json::from_value(page.clone()).unwrap();
    fits("CustomerPage", &serde_json::to_value(&typed).unwrap());
    for c in &typed.items {
        fits("Customer", &serde_json::to_value(c).unwrap());
    }
    for status in domain::CustomerStatus::ALL {
        fits("CustomerStatus", &serde_json::to_value(status).unwrap());
    }
    for t in domain::StorageType::ALL {
        fits("StorageType", &serde_json::to_value(t).unwrap());
    }
    let issue = domain::Issue::new(domain::Field::ExtraStorageGb, domain::Code::BelowUsage)
        .with("used", "1 TB");
    let mut issue_json = serde_json::to_value(&issue).unwrap();
    issue_json["message"] = json!(server::messages::message(&issue));
    fits("Issue", &issue_json);
    let mismatches = shape_mismatches("Customer", &json!({"id": 1}));
    assert!(!mismatches.is_empty(), "the checker notices a wrong shape");

    // Responses.
    let created = app
        .create_ok(DEMO, &serde_json::to_value(&new).unwrap())
        .await;
    fits("Customer", &created);
    let id = created["id"].as_str().unwrap();
    for e in app
        .get(&format!("/api/v1/customers/{id}/audit"), DEMO)
        .await
        .json()
        .as_array()
        .unwrap()
    {
        fits("AuditEntry", e);
    }
    for e in app
        .get("/api/v1/outbox", DEMO)
        .await
        .json()
        .as_array()
        .unwrap()
    {
        fits("OutboxEntry", e);
    }
    fits("Health", &app.get("/api/health", "").await.json());
    let problems = [
        app.get("/api/v1/customers", "").await,
        app.post_json(
            "/api/v1/customers",
            DEMO,
            &serde_json::to_value(&new).unwrap(),
        )
        .await,
        app.post_json("/api/v1/customers", DEMO, &json!({"organization_name": ""}))
            .await,
        app.patch(
            &format!("/api/v1/customers/{id}"),
            DEMO,
            Some("\"7\""),
            &json!({}),
        )
        .await,
        app.patch(
            &format!("/api/v1/customers/{id}"),
            DEMO,
            Some("\"1\""),
            &json!({"domain": "x.fi"}),
        )
        .await,
    ];
    for p in problems {
        assert!(p.status.is_client_error());
        fits("Problem", &p.json());
    }
    let pending = app
        .get(
            "/api/v1/customers?status=pending_activation&per_page=1",
            DEMO,
        )
        .await
        .json();
    let resend = format!(
        "/api/v1/customers/{}/activation-email",
        pending["items"][0]["id"].as_str().unwrap()
    );
    let r = app
        .send(
            request(axum::http::Method::POST, &resend, DEMO)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    fits("Queued", &r.json());
}

backend_tests!(
    the_document_is_served_without_credentials,
    domain_values_and_real_responses_fit_the_schemas,
);
