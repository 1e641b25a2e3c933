//! The activation email: the outbox, the link it carries, resending and real SMTP delivery.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::common::smtp::SmtpSink;
use crate::common::*;

async fn the_outbox_worker_marks_emails_sent() {
    let app = TestApp::new().await;
    app.create_ok(DEMO, &new_customer("Lähetys Oy", None)).await;
    server::outbox::deliver_pending(&app.state, &server::outbox::Mailer::Log)
        .await
        .unwrap();
    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    assert!(
        outbox[0]["sent_at"]
            .as_str()
            .is_some_and(|s| s.ends_with('Z'))
    );
}

async fn the_activation_link_in_the_email_opens_a_plain_page() {
    let app = TestApp::new().await;
    let created = app
        .create_ok(
            DEMO,
            &new_customer("<b>Aktivoi</b> & Co Oy", Some("aktivoi.fi")),
        )
        .await;
    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    let body = outbox[0]["body"].as_str().unwrap();
    let link = body
        .split_whitespace()
        .find(|w| w.starts_with("http://app.test/activate/"))
        .expect("a link in the email");
    let path = link.strip_prefix("http://app.test").unwrap();

    // No credentials: the customer's people open it from their mail.
    let page = app.get(path, "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert!(page.header("content-security-policy").is_some());
    let html = page.text();
    assert!(
        html.contains("&lt;b&gt;Aktivoi&lt;/b&gt; &amp; Co Oy"),
        "{html}"
    );
    assert!(html.contains("waiting for activation"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    // Opening it changes nothing.
    let id = created["id"].as_str().unwrap();
    let after = app
        .get(&format!("/api/v1/customers/{id}"), DEMO)
        .await
        .json();
    assert_eq!(after["status"], "pending_activation");
    assert_eq!(after["version"], 1);

    let unknown = app.get("/activate/not-a-token", "").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(unknown.text().contains("not valid"));
}

async fn resending_the_activation_email_is_rate_limited_to_one_a_minute() {
    let app = TestApp::new().await;
    let pending = app
        .get("/api/v1/customers?status=pending_activation", DEMO)
        .await
        .json();
    let c = &pending["items"][0];
    let path = format!(
        "/api/v1/customers/{}/activation-email",
        c["id"].as_str().unwrap()
    );
    let post = || {
        request(Method::POST, &path, DEMO)
            .body(Body::empty())
            .unwrap()
    };
    let r = app.send(post()).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"queued": true, "recipients": c["notify_emails"]})
    );
    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    assert_eq!(outbox[0]["customer_id"], c["id"]);
    assert_eq!(outbox[0]["recipients"], c["notify_emails"]);

    let r = app.send(post()).await;
    let p = r.problem(StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("{retry} s")),
        "{p}"
    );
    assert_eq!(app.count("/api/v1/outbox", DEMO).await, 1);

    // Creating a customer sends its first email, so an immediate resend waits too.
    let created = app
        .create_ok(DEMO, &new_customer("Kiireinen Oy", None))
        .await;
    let path = format!(
        "/api/v1/customers/{}/activation-email",
        created["id"].as_str().unwrap()
    );
    app.send(
        request(Method::POST, &path, DEMO)
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .problem(StatusCode::TOO_MANY_REQUESTS);
    app.send(
        request(
            Method::POST,
            "/api/v1/customers/nope/activation-email",
            DEMO,
        )
        .body(Body::empty())
        .unwrap(),
    )
    .await
    .problem(StatusCode::NOT_FOUND);
}

async fn with_smtp_the_activation_email_is_really_sent() {
    let sink = SmtpSink::start().await;
    let app = TestApp::new().await;
    app.create_ok(DEMO, &new_customer("Posti Testi Oy", None))
        .await;
    let mailer =
        server::outbox::Mailer::smtp(&sink.url(), "Backup <no-reply@backup.example>").unwrap();
    server::outbox::deliver_pending(&app.state, &mailer)
        .await
        .unwrap();
    // The sink keeps a message before it acknowledges it, so delivery has put it there.
    let [data] = sink.messages().try_into().expect("exactly one message");
    assert!(
        data.contains("Subject: Activate Microsoft 365 backup for Posti Testi Oy"),
        "{data}"
    );
    assert!(
        data.contains("To: it@example.fi, boss@example.fi"),
        "{data}"
    );
    assert!(data.contains("http://app.test/activate/"), "{data}");
    let outbox = app.get("/api/v1/outbox", DEMO).await.json();
    assert!(outbox[0]["sent_at"].is_string());
    assert!(
        server::outbox::Mailer::smtp("smtps://x", "a@b.c").is_ok(),
        "TLS URLs are accepted"
    );
    assert!(
        server::outbox::Mailer::smtp("smtp://x?tls=maybe", "a@b.c").is_err(),
        "an unknown TLS mode is refused"
    );
}

backend_tests!(
    the_outbox_worker_marks_emails_sent,
    the_activation_link_in_the_email_opens_a_plain_page,
    resending_the_activation_email_is_rate_limited_to_one_a_minute,
    with_smtp_the_activation_email_is_really_sent,
);
