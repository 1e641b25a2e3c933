//! The demo data and the demo sign-in.

use axum::http::StatusCode;

use crate::common::*;

async fn the_demo_seed_passes_the_domain_rules() {
    let app = TestApp::new().await;
    for token in [DEMO, SMALL] {
        for c in app.all(token).await {
            let c: domain::Customer = serde_json::from_value(c).unwrap();
            let new = domain::NewCustomer {
                organization_name: c.organization_name.clone(),
                domain: c.domain.clone(),
                user_licenses: c.user_licenses,
                extra_storage_gb: c.extra_storage_gb,
                notify_emails: c.notify_emails.clone(),
                storage_type: c.storage_type,
            };
            let validated = new.validate();
            assert!(
                validated.report.errors.is_empty(),
                "{}: {:?}",
                c.organization_name,
                validated.report.errors
            );
            assert_eq!(
                validated.value.as_ref(),
                Some(&new),
                "seeded values are already normalised"
            );
        }
    }
}

async fn demo_sign_in_sets_the_cookie_and_redirects() {
    let app = TestApp::with(|s| s.demo_mode = true).await;
    let r = app.get("/api/v1/demo/sign-in?reseller=small", "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), Some("/customers"));
    assert_eq!(
        r.header("set-cookie"),
        Some("session=small-token; HttpOnly; SameSite=Lax; Path=/")
    );
    app.get("/api/v1/demo/sign-in?reseller=nobody", "")
        .await
        .problem(StatusCode::BAD_REQUEST);
    let off = TestApp::new().await;
    off.get("/api/v1/demo/sign-in?reseller=small", "")
        .await
        .problem(StatusCode::NOT_FOUND);
}

backend_tests!(
    the_demo_seed_passes_the_domain_rules,
    demo_sign_in_sets_the_cookie_and_redirects,
);
