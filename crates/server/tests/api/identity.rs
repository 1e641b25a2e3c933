//! Identity and roles: the portal's JWTs, API tokens kept as hashes, demo identities only in demo
//! mode, viewers refused every write, the person in the audit trail, and the abuse limits. Every
//! bad credential an attacker would send gets 401 with its own code, never a 500.

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use server::identity::jwt::{JwksSource, JwtVerifier};
use server::store::{ApiToken, NewApiToken, token_hash};

use crate::common::issuer::{self, Issuer, claims, epoch};
use crate::common::*;

const RESELLER: &str = "r_demo";

/// The demo data with JWTs from `issuer` accepted.
async fn portal_app(issuer: &Issuer) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let verifier = issuer.verifier(dir.path()).await;
    TestApp::with(|s| s.jwt = Some(verifier)).await
}

/// The `code` of a 401 answer to `token` on the list.
async fn refusal(app: &TestApp, token: &str) -> String {
    let r = app.get("/api/v1/customers", token).await;
    let body = r.problem(StatusCode::UNAUTHORIZED);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    body["code"].as_str().unwrap().to_owned()
}

async fn every_bad_token_gets_401_with_its_own_code() {
    let portal = Issuer::new("k1");
    let app = portal_app(&portal).await;
    let other = Issuer::new("k1");
    let good = claims(RESELLER, "manager");
    let with = |key: &str, value: Value| {
        let mut c = good.clone();
        c[key] = value;
        c
    };
    let without = |key: &str| {
        let mut c = good.clone();
        c.as_object_mut().unwrap().remove(key);
        c
    };
    let mut hs256 = Header::new(Algorithm::HS256);
    hs256.kid = Some("k1".into());
    let hs256_with_public_key = jsonwebtoken::encode(
        &hs256,
        &good,
        &EncodingKey::from_secret(&portal.public_key()).unwrap(),
    )
    .unwrap();
    let mut unknown_kid = Header::new(Algorithm::EdDSA);
    unknown_kid.kid = Some("k9".into());
    let cases = [
        (
            "expired",
            portal.sign(&with("exp", json!(epoch(-120)))),
            "token-expired",
        ),
        (
            "not yet valid",
            portal.sign(&with("nbf", json!(epoch(600)))),
            "invalid-token",
        ),
        (
            "tampered",
            issuer::tampered(&portal.sign(&good), &with("reseller_id", json!("r_small"))),
            "invalid-token",
        ),
        ("another key", other.sign(&good), "invalid-token"),
        (
            "wrong issuer",
            portal.sign(&with("iss", json!("https://evil.test"))),
            "invalid-token",
        ),
        (
            "wrong audience",
            portal.sign(&with("aud", json!("another-api"))),
            "invalid-token",
        ),
        ("alg none", issuer::unsigned(&good), "invalid-token"),
        (
            "HS256 with the public key",
            hs256_with_public_key,
            "invalid-token",
        ),
        (
            "unknown kid",
            portal.sign_with(&unknown_kid, &good),
            "invalid-token",
        ),
        ("no exp", portal.sign(&without("exp")), "invalid-token"),
        (
            "no reseller claim",
            portal.sign(&without("reseller_id")),
            "unknown-reseller",
        ),
        (
            "a reseller with no row",
            portal.sign(&with("reseller_id", json!("r_nobody"))),
            "unknown-reseller",
        ),
        ("not a JWT", "a.b.c".to_owned(), "invalid-token"),
        (
            "an unknown API token",
            "cm_00000000_".to_owned() + &"0".repeat(64),
            "unauthenticated",
        ),
    ];
    for (what, token, code) in cases {
        assert_eq!(refusal(&app, &token).await, code, "{what}");
    }
    // Malformed Authorization headers.
    let long = format!("Bearer {}", "a".repeat(10 * 1024));
    let headers: [(&str, HeaderValue); 6] = [
        ("no token", HeaderValue::from_static("Bearer")),
        (
            "wrong scheme",
            HeaderValue::from_static("Basic ZGVtbzpkZW1v"),
        ),
        (
            "two tokens",
            HeaderValue::from_static("Bearer demo-token other"),
        ),
        ("10 kB", HeaderValue::from_str(&long).unwrap()),
        (
            "not UTF-8",
            HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
        ),
        ("empty", HeaderValue::from_static("")),
    ];
    for (what, value) in headers {
        let req = Request::get("/api/v1/customers")
            .header(header::AUTHORIZATION, value)
            .body(Body::empty())
            .unwrap();
        let body = app.send(req).await.problem(StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "unauthenticated", "{what}");
    }
}

async fn a_viewer_gets_403_on_every_managers_operation_the_openapi_document_lists() {
    let portal = Issuer::new("k1");
    let app = portal_app(&portal).await;
    let viewer = portal.sign(&claims(RESELLER, "viewer"));
    let id = app.get("/api/v1/customers?per_page=1", DEMO).await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let doc: Value = serde_json::from_str(&server::api_doc::document_json()).unwrap();
    let mut writes = Vec::new();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, op) in operations.as_object().unwrap() {
            let manager_only = op["security"].as_array().is_some_and(|s| {
                s.iter().any(|r| {
                    r["bearer"]
                        .as_array()
                        .is_some_and(|a| a.contains(&json!("manager")))
                })
            });
            if manager_only {
                writes.push((method.to_uppercase(), path.replace("{id}", &id)));
            }
        }
    }
    // The writes, and the outbox (its emails hold activation links).
    assert_eq!(
        writes.len(),
        7,
        "create, batch create, lookup, edit, resend, usage, outbox: {writes:?}"
    );
    for (method, path) in &writes {
        let mut req = json_request(
            Method::from_bytes(method.as_bytes()).unwrap(),
            path,
            &viewer,
            &json!({}),
        );
        req.headers_mut()
            .insert(header::IF_MATCH, HeaderValue::from_static("\"1\""));
        let body = app.send(req).await.problem(StatusCode::FORBIDDEN);
        assert_eq!(body["code"], "forbidden", "{method} {path}");
    }
    // Reads are open to a viewer.
    for path in [
        "/api/v1/customers",
        "/api/v1/customers/export.csv",
        "/api/v1/me",
    ] {
        assert_eq!(
            app.get(path, &viewer).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    let path = format!("/api/v1/customers/{id}/audit");
    assert_eq!(app.get(&path, &viewer).await.status, StatusCode::OK);
}

async fn a_managers_change_names_the_person_in_the_audit_trail() {
    let portal = Issuer::new("k1");
    let app = portal_app(&portal).await;
    let manager = portal.sign(&claims(RESELLER, "manager"));
    let me = app.get("/api/v1/me", &manager).await.json();
    assert_eq!(me["reseller"], json!({"id": RESELLER, "name": "demo"}));
    assert_eq!(me["person"]["email"], "aino@partner.example");
    assert_eq!(me["role"], "manager");
    assert!(me["expires_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    let created = app
        .create_ok(&manager, &new_customer("Henkilö Oy", None))
        .await;
    let path = format!(
        "/api/v1/customers/{}/audit",
        created["id"].as_str().unwrap()
    );
    let entry = &app.get(&path, &manager).await.json()[0];
    assert_eq!(entry["actor"], "Aino Manager");
    assert_eq!(entry["actor_sub"], "user-42");
    assert_eq!(entry["actor_email"], "aino@partner.example");
    assert_eq!(entry["actor_role"], "manager");
    // A `roles` array names the role too; no role claim at all is a viewer.
    let mut c = claims(RESELLER, "");
    c.as_object_mut().unwrap().remove("role");
    assert_eq!(
        app.get("/api/v1/me", &portal.sign(&c)).await.json()["role"],
        "viewer"
    );
    c["roles"] = json!(["viewer", "manager"]);
    assert_eq!(
        app.get("/api/v1/me", &portal.sign(&c)).await.json()["role"],
        "manager"
    );
    // `usage-writer` is an API token's role, never a person's: a JWT claiming it is a viewer.
    let c = claims(RESELLER, "usage-writer");
    assert_eq!(
        app.get("/api/v1/me", &portal.sign(&c)).await.json()["role"],
        "viewer"
    );
}

/// Stores an API token for the demo reseller; returns it in plain text.
async fn issue(app: &TestApp, role: domain::Role, expires_at: Option<String>) -> (String, String) {
    let (prefix, token) = server::admin::new_token();
    let stored = NewApiToken {
        hash: token_hash(&token),
        token: ApiToken {
            prefix: prefix.clone(),
            reseller_id: RESELLER.into(),
            name: "billing sync".into(),
            role,
            demo: false,
            created_at: server::util::now(),
            expires_at,
            last_used_at: None,
            revoked_at: None,
        },
    };
    app.store.create_token(&stored).await.unwrap();
    (prefix, token)
}

async fn api_tokens_are_kept_as_hashes_and_expire_and_revoke_on_every_process() {
    let app = TestApp::new().await;
    let (prefix, token) = issue(&app, domain::Role::Viewer, None).await;
    let stored = app
        .strings("SELECT hash FROM api_tokens WHERE prefix = $1", &[&prefix])
        .await;
    assert_eq!(stored, [token_hash(&token)]);
    let plain = app
        .integer(
            "SELECT count(*) FROM api_tokens WHERE hash = $1 OR name = $1",
            &[&token],
        )
        .await;
    assert_eq!(plain, 0, "the token itself is stored nowhere");
    assert_eq!(app.integer("SELECT count(*) FROM tokens", &[]).await, 0);
    let me = app.get("/api/v1/me", &token).await.json();
    assert_eq!(me["person"]["name"], "billing sync");
    assert_eq!(me["role"], "viewer");
    // The last use is recorded beside the request, not in it.
    let mut recorded = 0;
    for _ in 0..100 {
        recorded = app
            .integer(
                "SELECT count(*) FROM api_tokens WHERE prefix = $1 AND last_used_at IS NOT NULL",
                &[&prefix],
            )
            .await;
        if recorded == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(recorded, 1, "the last use is recorded");

    let past =
        server::util::format_time(time::OffsetDateTime::now_utc() - time::Duration::hours(1));
    let (_, expired) = issue(&app, domain::Role::Manager, Some(past)).await;
    assert_eq!(refusal(&app, &expired).await, "token-expired");

    let other = app.another_process(app.state.settings.clone()).await;
    assert_eq!(
        other.get("/api/v1/customers", &token).await.status,
        StatusCode::OK
    );
    assert!(
        app.store
            .revoke_token(&prefix, &server::util::now())
            .await
            .unwrap()
    );
    assert_eq!(refusal(&other, &token).await, "token-revoked");
    assert_eq!(refusal(&app, &token).await, "token-revoked");
}

async fn seeded_tokens_are_refused_outside_demo_mode() {
    let app = TestApp::with(|s| s.seeded_identities = false).await;
    assert_eq!(refusal(&app, DEMO).await, "unauthenticated");
    let (_, token) = issue(&app, domain::Role::Manager, None).await;
    assert_eq!(
        app.get("/api/v1/customers", &token).await.status,
        StatusCode::OK
    );
}

async fn failed_sign_ins_and_busy_credentials_get_429_with_retry_after() {
    let app = TestApp::with(|s| {
        s.auth_failures_per_minute = 3;
        s.requests_per_minute = 5;
    })
    .await;
    for _ in 0..3 {
        assert_eq!(refusal(&app, "guess").await, "unauthenticated");
    }
    let r = app.get("/api/v1/customers", "guess").await;
    let body = r.problem(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "rate_limited");
    assert!(r.header("retry-after").unwrap().parse::<u64>().unwrap() >= 1);
    // Good credentials from the address still work (clients behind one proxy share it).
    assert_eq!(
        app.get("/api/v1/customers", DEMO).await.status,
        StatusCode::OK
    );
    app.get("/api/v1/customers", "guess")
        .await
        .problem(StatusCode::TOO_MANY_REQUESTS);

    let busy = TestApp::with(|s| s.requests_per_minute = 2).await;
    let (_, token) = issue(&busy, domain::Role::Viewer, None).await;
    for _ in 0..2 {
        assert_eq!(busy.get("/api/v1/me", &token).await.status, StatusCode::OK);
    }
    let r = busy.get("/api/v1/me", &token).await;
    r.problem(StatusCode::TOO_MANY_REQUESTS);
    assert!(r.header("retry-after").is_some());
    // The seeded demo identity, which every demo browser shares, is not counted.
    for _ in 0..5 {
        assert_eq!(busy.get("/api/v1/me", DEMO).await.status, StatusCode::OK);
    }
}

async fn without_the_portals_keys_a_jwt_gets_503_and_an_api_token_still_works() {
    // Port 9 on loopback (discard) has no HTTP server: the fetch fails at start and again.
    let settings = issuer::settings(JwksSource::Url("http://127.0.0.1:9/jwks.json".into()));
    let verifier = std::sync::Arc::new(JwtVerifier::load(settings).await.unwrap());
    let app = TestApp::with(|s| s.jwt = Some(verifier)).await;
    let portal = Issuer::new("k1");
    let r = app
        .get(
            "/api/v1/customers",
            &portal.sign(&claims(RESELLER, "manager")),
        )
        .await;
    let body = r.problem(StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["code"], "identity-unavailable");
    assert!(r.header("retry-after").is_some());
    assert_eq!(
        app.get("/api/v1/customers", DEMO).await.status,
        StatusCode::OK
    );
}

async fn the_jwks_is_fetched_from_its_url() {
    let portal = Issuer::new("k1");
    let jwks = portal.jwks().to_string();
    let router = axum::Router::new().route(
        "/.well-known/jwks.json",
        axum::routing::get(move || async move { jwks.clone() }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let serving = tokio::spawn(async move { axum::serve(listener, router).await });
    let url = format!("http://{addr}/.well-known/jwks.json");
    let verifier = JwtVerifier::load(issuer::settings(JwksSource::Url(url)))
        .await
        .unwrap();
    let app = TestApp::with(|s| s.jwt = Some(std::sync::Arc::new(verifier))).await;
    let r = app
        .get("/api/v1/me", &portal.sign(&claims(RESELLER, "viewer")))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    serving.abort();
}

backend_tests!(
    every_bad_token_gets_401_with_its_own_code,
    a_viewer_gets_403_on_every_managers_operation_the_openapi_document_lists,
    a_managers_change_names_the_person_in_the_audit_trail,
    api_tokens_are_kept_as_hashes_and_expire_and_revoke_on_every_process,
    seeded_tokens_are_refused_outside_demo_mode,
    failed_sign_ins_and_busy_credentials_get_429_with_retry_after,
    without_the_portals_keys_a_jwt_gets_503_and_an_api_token_still_works,
    the_jwks_is_fetched_from_its_url,
);
