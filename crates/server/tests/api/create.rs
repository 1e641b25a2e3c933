//! Creating a customer: 201 with its headers, conflicts, domain-rule errors and body errors.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::common::*;
use crate::count_named;

async fn create_returns_201_with_location_etag_and_queues_the_activation_email() {
    let app = TestApp::new().await;
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("  Uusi   Asiakas Oy ", Some("Uusi-Asiakas.FI")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let c: domain::Customer = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/customers/{}", c.id).as_str())
    );
    assert_eq!(r.header("etag"), Some("\"1\""));
    assert_eq!(
        c.organization_name, "Uusi Asiakas Oy",
        "normalised by the domain rules"
    );
    assert_eq!(c.domain.as_deref(), Some("uusi-asiakas.fi"));
    assert_eq!(c.status, domain::CustomerStatus::PendingActivation);
    assert_eq!((c.version, c.licenses_in_use, c.storage_used_gb), (1, 0, 0));
    assert_eq!(c.storage_type, domain::StorageType::FinnishS3);
    assert_eq!(c.usage_updated_at, c.created_at);
    assert!(c.created_at.ends_with('Z') && c.created_at.contains('T'));

    let fetched = app.get(&format!("/api/v1/customers/{}", c.id), DEMO).await;
    assert_eq!(
        serde_json::from_slice::<domain::Customer>(&fetched.body).unwrap(),
        c
    );

    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    let emails = outbox.as_array().unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["customer_id"], c.id.as_str());
    assert_eq!(
        emails[0]["recipients"],
        json!(["it@example.fi", "boss@example.fi"])
    );
    assert!(
        emails[0]["subject"]
            .as_str()
            .unwrap()
            .contains("Uusi Asiakas Oy")
    );
    assert!(
        emails[0]["body"]
            .as_str()
            .unwrap()
            .contains("http://app.test/activate/")
    );
    assert!(emails[0]["sent_at"].is_null());

    let audit = app
        .get(&format!("/api/v1/customers/{}/audit", c.id), DEMO)
        .await
        .json();
    assert_eq!(audit.as_array().unwrap().len(), 1);
    assert_eq!(audit[0]["field"], "created");
    assert_eq!(audit[0]["actor"], "demo@reseller.example");

    // A customer without a domain.
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("Ilman Domainia Oy", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert!(r.json()["domain"].is_null());
}

async fn duplicate_names_and_domains_are_409_with_field_errors() {
    let app = TestApp::new().await;
    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("  CONTOSO   oy", Some("fresh.fi")),
        )
        .await;
    let p = r.problem(StatusCode::CONFLICT);
    assert_eq!(p["errors"].as_array().unwrap().len(), 1);
    assert_eq!(p["errors"][0]["field"], "organization_name");
    assert_eq!(p["errors"][0]["code"], "duplicate");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("already")
    );

    let r = app
        .post_json(
            "/api/v1/customers",
            DEMO,
            &new_customer("Fresh Name Oy", Some("LITWARE.se")),
        )
        .await;
    let p = r.problem(StatusCode::CONFLICT);
    assert_eq!(p["errors"][0]["field"], "domain");
    assert_eq!(p["errors"][0]["code"], "duplicate");
    assert_eq!(count_named(&app, "fresh name").await, 0);

    // Another reseller may use the same name.
    let r = app
        .post_json(
            "/api/v1/customers",
            SMALL,
            &new_customer("Contoso Oy", Some("contoso.fi")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
}

async fn invalid_creates_are_422_with_domain_issues_and_messages() {
    let app = TestApp::new().await;
    let body = json!({
        "organization_name": "x",
        "domain": "not a domain",
        "user_licenses": 0,
        "extra_storage_gb": 10,
        "notify_emails": ["nope@"],
        "storage_type": "azure_ireland",
    });
    let p = app
        .post_json("/api/v1/customers", DEMO, &body)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["code"], "validation_failed");
    let errors = p["errors"].as_array().unwrap();
    for field in [
        "organization_name",
        "domain",
        "user_licenses",
        "notify_emails",
    ] {
        let e = errors
            .iter()
            .find(|e| e["field"] == field)
            .unwrap_or_else(|| panic!("an error for {field}: {p}"));
        let issue: domain::Issue = serde_json::from_value(e.clone()).unwrap();
        assert_eq!(e["message"], server::messages::message(&issue));
    }
    assert_eq!(app.all(DEMO).await.len(), 40);
}

async fn body_errors_are_problems_not_500s() {
    let app = TestApp::new().await;
    let raw = |content_type: Option<&str>, body: Vec<u8>| {
        let mut b = request(Method::POST, "/api/v1/customers", DEMO);
        if let Some(ct) = content_type {
            b = b.header(header::CONTENT_TYPE, ct);
        }
        b.body(Body::from(body)).unwrap()
    };
    app.send(raw(
        Some("application/json"),
        b"{\"organization_name\": ".to_vec(),
    ))
    .await
    .problem(StatusCode::BAD_REQUEST);
    app.send(raw(Some("application/json"), b"not json".to_vec()))
        .await
        .problem(StatusCode::BAD_REQUEST);
    let valid = serde_json::to_vec(&new_customer("Typed Oy", None)).unwrap();
    app.send(raw(None, valid.clone()))
        .await
        .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    app.send(raw(Some("text/plain"), valid.clone()))
        .await
        .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let mut big = new_customer("Big Oy", None);
    big["organization_name"] = Value::String("x".repeat(70 * 1024));
    app.send(raw(
        Some("application/json"),
        serde_json::to_vec(&big).unwrap(),
    ))
    .await
    .problem(StatusCode::PAYLOAD_TOO_LARGE);
    let mut unknown = new_customer("Unknown Field Oy", None);
    unknown["favourite_colour"] = json!("blue");
    let p = app
        .post_json("/api/v1/customers", DEMO, &unknown)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p["detail"].as_str().unwrap().contains("favourite_colour"),
        "{p}"
    );
    let mut missing = new_customer("Missing Oy", None);
    missing.as_object_mut().unwrap().remove("storage_type");
    let p = app
        .post_json("/api/v1/customers", DEMO, &missing)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p["detail"].as_str().unwrap().contains("storage_type"),
        "{p}"
    );
    let mut wrong = new_customer("Wrong Type Oy", None);
    wrong["user_licenses"] = json!("many");
    app.post_json("/api/v1/customers", DEMO, &wrong)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    wrong["user_licenses"] = json!(-1);
    app.post_json("/api/v1/customers", DEMO, &wrong)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    // PATCH too.
    let id = app.id_of(DEMO, "Contoso Oy").await;
    let mut req = raw(Some("application/json"), b"[1,".to_vec());
    *req.method_mut() = Method::PATCH;
    *req.uri_mut() = format!("/api/v1/customers/{id}").parse().unwrap();
    req.headers_mut()
        .insert(header::IF_MATCH, "\"1\"".parse().unwrap());
    app.send(req).await.problem(StatusCode::BAD_REQUEST);
    app.patch(
        &format!("/api/v1/customers/{id}"),
        DEMO,
        Some("\"1\""),
        &json!([1, 2]),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.all(DEMO).await.len(), 40);
}

backend_tests!(
    create_returns_201_with_location_etag_and_queues_the_activation_email,
    duplicate_names_and_domains_are_409_with_field_errors,
    invalid_creates_are_422_with_domain_issues_and_messages,
    body_errors_are_problems_not_500s,
);
