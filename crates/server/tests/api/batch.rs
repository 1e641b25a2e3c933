//! `POST /customers/batch`: rows created in one transaction with the single create's audit
//! entry, outbox row and idempotency, each row answered on its own; whole-batch refusals.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::common::issuer::{Issuer, claims};
use crate::common::*;

const BATCH: &str = "/api/v1/customers/batch";

/// A batch row: a valid payload named `name` (domain `<name>.fi`) under `key`.
fn row(name: &str, key: &str) -> Value {
    json!({ "idempotency_key": key, "customer": new_customer(name, Some(&domain_of(name))) })
}

/// `name` as an ASCII domain.
fn domain_of(name: &str) -> String {
    let label: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{label}.fi")
}

/// Posts `rows`; asserts 200 and returns the results.
async fn batch_ok(app: &TestApp, rows: Vec<Value>) -> Vec<Value> {
    let r = app.post_json(BATCH, DEMO, &json!({ "rows": rows })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["results"].as_array().unwrap().clone()
}

async fn customers(app: &TestApp) -> i64 {
    app.integer("SELECT count(*) FROM customers", &[]).await
}

fn outcomes(results: &[Value]) -> Vec<&str> {
    results
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect()
}

async fn each_row_is_created_with_its_audit_entry_and_outbox_row_and_listed() {
    let app = TestApp::with_cache(64).await;
    // The accelerator is loaded before the batch, so the list must catch up with it.
    assert_eq!(app.all(DEMO).await.len(), 40);
    let rows = (0..30)
        .map(|i| row(&format!("Erä {i:02} Oy"), &format!("k{i}")))
        .collect();
    let results = batch_ok(&app, rows).await;
    assert_eq!(results.len(), 30);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r["outcome"], "created", "{r}");
        assert_eq!(r["status"], 201);
        assert_eq!(r["customer"]["organization_name"], format!("Erä {i:02} Oy"));
        assert_eq!(r["customer"]["status"], "pending_activation");
        assert_eq!(r["customer"]["version"], 1);
        let id = r["customer"]["id"].as_str().unwrap();
        let audit = app
            .get(&format!("/api/v1/customers/{id}/audit"), DEMO)
            .await
            .json();
        assert_eq!(audit.as_array().unwrap().len(), 1);
        assert_eq!(audit[0]["field"], "created");
        let emails = app
            .integer("SELECT count(*) FROM outbox WHERE customer_id = ?1", &[id])
            .await;
        assert_eq!(emails, 1, "one activation email for {id}");
    }
    assert_eq!(app.total("/api/v1/customers?q=Er%C3%A4", DEMO).await, 30);
    assert_eq!(app.total("/api/v1/customers", DEMO).await, 70);
    // A batch's key answers the single create too: the same customer, nothing new.
    let mut req = json_request(
        axum::http::Method::POST,
        "/api/v1/customers",
        DEMO,
        &new_customer("Erä 05 Oy", Some(&domain_of("Erä 05 Oy"))),
    );
    req.headers_mut()
        .insert("idempotency-key", "k5".parse().unwrap());
    let single = app.send(req).await;
    assert_eq!(single.status, StatusCode::CREATED, "{}", single.text());
    assert_eq!(single.header("idempotent-replayed"), Some("true"));
    assert_eq!(single.json()["id"], results[5]["customer"]["id"]);
    assert_eq!(customers(&app).await, 70 + other_resellers(&app).await);
}

/// Customers of resellers other than the demo one.
async fn other_resellers(app: &TestApp) -> i64 {
    app.integer(
        "SELECT count(*) FROM customers WHERE reseller_id <> 'r_demo'",
        &[],
    )
    .await
}

async fn a_replayed_batch_answers_the_same_and_creates_nothing() {
    let app = TestApp::new().await;
    let rows: Vec<Value> = (0..5)
        .map(|i| row(&format!("Toisto {i} Oy"), &format!("t{i}")))
        .collect();
    let first = batch_ok(&app, rows.clone()).await;
    let before = customers(&app).await;
    let emails = app.integer("SELECT count(*) FROM outbox", &[]).await;
    let again = batch_ok(&app, rows.clone()).await;
    assert_eq!(outcomes(&again), vec!["replayed"; 5]);
    for (a, b) in first.iter().zip(&again) {
        assert_eq!(a["customer"], b["customer"]);
        assert_eq!(b["status"], 201);
    }
    // Part of it again, with two new rows: the known rows replay, the new ones are created.
    let mut part = vec![rows[3].clone(), row("Uusi A Oy", "n1"), rows[1].clone()];
    part.push(row("Uusi B Oy", "n2"));
    let results = batch_ok(&app, part).await;
    assert_eq!(
        outcomes(&results),
        ["replayed", "created", "replayed", "created"]
    );
    assert_eq!(results[0]["customer"], first[3]["customer"]);
    assert_eq!(results[2]["customer"], first[1]["customer"]);
    assert_eq!(customers(&app).await, before + 2);
    assert_eq!(
        app.integer("SELECT count(*) FROM outbox", &[]).await,
        emails + 2
    );
    // A known key with another payload is that row's key_reused; the others still go ahead.
    let mut changed = rows[0].clone();
    changed["customer"]["user_licenses"] = json!(99);
    let results = batch_ok(&app, vec![changed, row("Uusi C Oy", "n3")]).await;
    assert_eq!(outcomes(&results), ["key_reused", "created"]);
    assert_eq!(results[0]["status"], 422);
    assert_eq!(customers(&app).await, before + 3);
}

async fn duplicates_inside_the_batch_and_with_existing_customers_are_that_rows_409() {
    let app = TestApp::new().await;
    let existing = app.all(DEMO).await[0]["organization_name"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = customers(&app).await;
    let mut same_domain = row("Toinen Nimi Oy", "d3");
    same_domain["customer"]["domain"] = json!("kaksoset-oy.fi");
    let results = batch_ok(
        &app,
        vec![
            row("Kaksoset Oy", "d1"),
            row("KAKSOSET OY", "d2"),
            same_domain,
            row(&existing, "d4"),
            row("Yksin Oy", "d5"),
        ],
    )
    .await;
    assert_eq!(
        outcomes(&results),
        ["created", "duplicate", "duplicate", "duplicate", "created"]
    );
    assert_eq!(results[1]["status"], 409);
    assert_eq!(results[1]["errors"][0]["field"], "organization_name");
    assert_eq!(results[1]["errors"][0]["code"], "duplicate");
    assert!(
        results[1]["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    assert_eq!(results[2]["errors"][0]["field"], "domain");
    assert_eq!(results[3]["errors"][0]["field"], "organization_name");
    assert_eq!(customers(&app).await, before + 2);
}

async fn invalid_rows_are_reported_and_the_valid_ones_created() {
    let app = TestApp::new().await;
    let before = customers(&app).await;
    let mut no_name = row("x", "v2");
    no_name["customer"]["organization_name"] = json!("");
    let mut bad_email = row("Huono Posti Oy", "v4");
    bad_email["customer"]["notify_emails"] = json!(["not an email"]);
    let results = batch_ok(
        &app,
        vec![
            row("Hyvä Oy", "v1"),
            no_name,
            row("Parempi Oy", "v3"),
            bad_email,
        ],
    )
    .await;
    assert_eq!(
        outcomes(&results),
        ["created", "invalid", "created", "invalid"]
    );
    assert_eq!(results[1]["status"], 422);
    assert_eq!(results[1]["errors"][0]["field"], "organization_name");
    assert_eq!(results[3]["errors"][0]["field"], "notify_emails");
    assert!(results[1].get("customer").is_none());
    assert_eq!(customers(&app).await, before + 2);
    let audit = app
        .integer(
            "SELECT count(*) FROM audit WHERE field = 'created' AND new = ?1",
            &["\"Huono Posti Oy\""],
        )
        .await;
    assert_eq!(audit, 0, "nothing of an invalid row is written");
}

async fn a_batch_over_100_rows_or_with_a_repeated_key_is_refused_whole() {
    let app = TestApp::new().await;
    let before = customers(&app).await;
    let rows: Vec<Value> = (0..101)
        .map(|i| row(&format!("Liikaa {i} Oy"), &format!("l{i}")))
        .collect();
    let r = app.post_json(BATCH, DEMO, &json!({ "rows": rows })).await;
    let body = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "too_many_rows");
    assert!(body["detail"].as_str().unwrap().contains("100"));

    let rows = vec![
        row("Eka Oy", "same"),
        row("Toka Oy", "other"),
        row("Kolmas Oy", "same"),
    ];
    let r = app.post_json(BATCH, DEMO, &json!({ "rows": rows })).await;
    let body = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "idempotency_key_repeated");
    let detail = body["detail"].as_str().unwrap();
    assert!(
        detail.contains("rows[0]") && detail.contains("rows[2]"),
        "{detail}"
    );

    let rows = vec![row("Eka Oy", "ok"), row("Toka Oy", "with space")];
    let r = app.post_json(BATCH, DEMO, &json!({ "rows": rows })).await;
    let body = r.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_idempotency_key");
    assert!(body["detail"].as_str().unwrap().contains("rows[1]"));

    // Over the 1 MiB body limit.
    let huge = json!({ "rows": [], "padding": "x".repeat(1024 * 1024) });
    let r = app.post_json(BATCH, DEMO, &huge).await;
    let body = r.problem(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body["detail"].as_str().unwrap().contains("1024 KiB"));
    // An unknown member is refused, not ignored.
    let r = app
        .post_json(BATCH, DEMO, &json!({ "rows": [], "extra": 1 }))
        .await;
    assert_eq!(
        r.problem(StatusCode::UNPROCESSABLE_ENTITY)["code"],
        "invalid_body"
    );
    assert_eq!(customers(&app).await, before);
    // An empty batch is an empty answer.
    assert!(batch_ok(&app, Vec::new()).await.is_empty());
}

async fn a_viewer_gets_403() {
    let portal = Issuer::new("k1");
    let dir = tempfile::tempdir().unwrap();
    let verifier = portal.verifier(dir.path()).await;
    let app = TestApp::with(|s| s.jwt = Some(verifier)).await;
    let before = customers(&app).await;
    let viewer = portal.sign(&claims("r_demo", "viewer"));
    let r = app
        .post_json(BATCH, &viewer, &json!({ "rows": [row("Katsoja Oy", "v")] }))
        .await;
    assert_eq!(r.problem(StatusCode::FORBIDDEN)["code"], "forbidden");
    assert_eq!(customers(&app).await, before);
}

backend_tests!(
    each_row_is_created_with_its_audit_entry_and_outbox_row_and_listed,
    a_replayed_batch_answers_the_same_and_creates_nothing,
    duplicates_inside_the_batch_and_with_existing_customers_are_that_rows_409,
    invalid_rows_are_reported_and_the_valid_ones_created,
    a_batch_over_100_rows_or_with_a_repeated_key_is_refused_whole,
    a_viewer_gets_403,
);
