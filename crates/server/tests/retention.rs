//! The retention job on a clock the test moves: delivered emails lose their body and activation
//! token after the window (and their link stops working), idempotency keys are purged by the job
//! and no longer by creates, audit entries go only when a window is set, and every run keeps to
//! its bound per round; two replicas running it at once count each row once. Each test runs on
//! SQLite and on PostgreSQL.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use common::*;
use serde_json::Value;
use server::clock::{Clock, ManualClock};
use server::outbox::{Mailer, deliver_pending};
use server::retention::{Done, Policy, run_once};
use server::store::OutboxClaim;
use server::util::format_time;

const DAY: Duration = Duration::from_secs(86_400);

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(time::OffsetDateTime::now_utc()))
}

/// The default policy without the pause between rounds.
fn policy() -> Policy {
    Policy {
        pause: Duration::ZERO,
        ..Policy::default()
    }
}

async fn create(app: &TestApp, name: &str) -> String {
    let created = app.create_ok(DEMO, &new_customer(name, None)).await;
    created["id"].as_str().unwrap().to_owned()
}

/// Delivers the queued email of customer `id` only (the others stay queued).
async fn deliver(app: &TestApp, clock: &ManualClock, id: &str) {
    let now = format_time(clock.now());
    let claimed = app
        .store
        .outbox_claim(OutboxClaim {
            worker: "test".into(),
            now: now.clone(),
            lease_until: format_time(clock.now() + Duration::from_secs(60)),
            limit: 100,
        })
        .await
        .unwrap();
    let mut sent = 0;
    for e in claimed.iter().filter(|e| e.customer_id == id) {
        assert!(
            app.store
                .outbox_mark_sent(e.id, "test", &now)
                .await
                .unwrap()
        );
        sent += 1;
    }
    assert_eq!(sent, 1, "one queued email of {id}");
    app.store.outbox_release("test").await.unwrap();
}

/// The outbox row of customer `id` as the reseller's outbox lists it.
async fn email_of(app: &TestApp, id: &str) -> Value {
    let all = app.get("/api/v1/outbox", DEMO).await.json();
    let rows: Vec<Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["customer_id"] == id)
        .cloned()
        .collect();
    assert_eq!(rows.len(), 1, "{all}");
    rows[0].clone()
}

/// The path of the activation link in an email's body.
fn link_in(email: &Value) -> String {
    email["body"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://app.test"))
        .filter(|p| p.starts_with("/activate/"))
        .unwrap_or_else(|| panic!("an activation link in {email}"))
        .to_owned()
}

async fn delivered_emails_lose_their_body_and_token_after_the_window_and_their_link_expires() {
    let clock = clock();
    let app = TestApp::with_clock(clock.clone(), 0).await;
    let old = create(&app, "Vanha Posti Oy").await;
    let undelivered = create(&app, "Jumissa Oy").await;
    deliver(&app, &clock, &old).await;
    let old_link = link_in(&email_of(&app, &old).await);
    assert_eq!(app.get(&old_link, "").await.status, StatusCode::OK);

    clock.advance(20 * DAY);
    let young = create(&app, "Tuore Posti Oy").await;
    deliver(&app, &clock, &young).await;
    let young_link = link_in(&email_of(&app, &young).await);

    // 31 days after the first delivery, 11 after the second.
    clock.advance(11 * DAY);
    let report = run_once(app.store.as_ref(), clock.now(), &policy())
        .await
        .unwrap();
    assert_eq!(report.emails.rows, 1, "{report:?}");
    assert_eq!(report.audit, Done::default(), "audit is kept by default");

    // What the reseller's outbox shows: the old email's text is gone, its delivery record stays.
    let emptied = email_of(&app, &old).await;
    assert_eq!(emptied["body"], "", "{emptied}");
    assert!(emptied["sent_at"].is_string(), "{emptied}");
    assert_eq!(
        emptied["subject"],
        "Activate Microsoft 365 backup for Vanha Posti Oy"
    );
    assert_ne!(email_of(&app, &young).await["body"], "");
    assert_ne!(email_of(&app, &undelivered).await["body"], "");
    let tokens = app
        .strings(
            "SELECT activation_token FROM outbox WHERE customer_id = ?1",
            &[&old],
        )
        .await;
    assert_eq!(tokens, vec![String::new()]);
    let kept = app
        .strings(
            "SELECT activation_token FROM outbox WHERE customer_id = ?1 OR customer_id = ?2",
            &[&young, &undelivered],
        )
        .await;
    assert!(kept.iter().all(|t| t.len() >= 32), "{kept:?}");

    // What the customer's people see: the old link has expired, the young one still works.
    let page = app.get(&old_link, "").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.text()
            .contains("This activation link is not valid or has expired."),
        "{}",
        page.text()
    );
    assert!(!page.text().contains("Vanha Posti"), "{}", page.text());
    let page = app.get(&young_link, "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Tuore Posti Oy"), "{}", page.text());
    // The customer itself is untouched.
    let customer = app.get(&format!("/api/v1/customers/{old}"), DEMO).await;
    assert_eq!(customer.json()["activation_email"], "sent");

    // A second run finds nothing more to do.
    let again = run_once(app.store.as_ref(), clock.now(), &policy())
        .await
        .unwrap();
    assert!(!again.touched(), "{again:?}");
}

async fn idempotency_keys_are_purged_by_the_job_and_not_by_creates() {
    let clock = clock();
    let app = TestApp::with_clock(clock.clone(), 0).await;
    let post = |name: &str, key: &str| {
        let mut req = json_request(
            axum::http::Method::POST,
            "/api/v1/customers",
            DEMO,
            &new_customer(name, None),
        );
        req.headers_mut()
            .insert("idempotency-key", key.parse().unwrap());
        req
    };
    for (name, key) in [("Avain A Oy", "old-a"), ("Avain B Oy", "old-b")] {
        assert_eq!(app.send(post(name, key)).await.status, StatusCode::CREATED);
    }
    clock.advance(Duration::from_secs(25 * 3600));
    assert_eq!(
        app.send(post("Avain C Oy", "young")).await.status,
        StatusCode::CREATED
    );
    let keys = || async {
        let mut keys = app.strings("SELECT key FROM idempotency_keys", &[]).await;
        keys.sort();
        keys
    };
    // The create deleted no expired key.
    assert_eq!(keys().await, ["old-a", "old-b", "young"]);
    // An expired key is unknown: another body under it creates, and the row is replaced.
    let r = app.send(post("Avain D Oy", "old-b")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.header("idempotent-replayed"), None);
    let r = app.send(post("Avain D Oy", "old-b")).await;
    assert_eq!(r.header("idempotent-replayed"), Some("true"));

    let report = run_once(app.store.as_ref(), clock.now(), &policy())
        .await
        .unwrap();
    assert_eq!(
        report.idempotency_keys,
        Done {
            rows: 1,
            rounds: 1,
            more_left: false
        }
    );
    assert_eq!(keys().await, ["old-b", "young"]);
    // A day later the job deletes the rest.
    clock.advance(DAY + Duration::from_secs(1));
    let report = run_once(app.store.as_ref(), clock.now(), &policy())
        .await
        .unwrap();
    assert_eq!(report.idempotency_keys.rows, 2);
    assert!(keys().await.is_empty());
}

async fn audit_entries_are_deleted_only_when_a_window_is_set() {
    let clock = clock();
    let app = TestApp::with_clock(clock.clone(), 0).await;
    let old = create(&app, "Vanha Loki Oy").await;
    clock.advance(100 * DAY);
    let young = create(&app, "Uusi Loki Oy").await;
    let audit = |id: String| {
        let app = &app;
        async move {
            let r = app
                .get(&format!("/api/v1/customers/{id}/audit"), DEMO)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            r.json().as_array().unwrap().len()
        }
    };
    let total = app.integer("SELECT count(*) FROM audit", &[]).await;

    // Unset: kept for ever.
    let report = run_once(app.store.as_ref(), clock.now(), &policy())
        .await
        .unwrap();
    assert_eq!(report.audit, Done::default());
    assert_eq!(app.integer("SELECT count(*) FROM audit", &[]).await, total);
    assert_eq!(audit(old.clone()).await, 1);

    // 90 days: the 100-day-old entries go, the new one stays.
    let keep_90 = Policy {
        audit: Some(90 * DAY),
        ..policy()
    };
    let report = run_once(app.store.as_ref(), clock.now(), &keep_90)
        .await
        .unwrap();
    assert_eq!(report.audit.rows as i64, total - 1, "{report:?}");
    assert_eq!(audit(old).await, 0);
    assert_eq!(audit(young).await, 1);
    assert_eq!(app.integer("SELECT count(*) FROM audit", &[]).await, 1);
}

async fn a_run_touches_at_most_the_bound_per_round_and_leaves_the_rest_for_the_next() {
    let clock = clock();
    let app = TestApp::with_clock(clock.clone(), 0).await;
    let reseller = app.reseller(DEMO).await;
    // 1,234 expired keys: more than two rounds of the real batch.
    let stored = format_time(clock.now() - Duration::from_secs(2 * 86_400));
    app.sql(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1234) \
         INSERT INTO idempotency_keys (reseller_id, key, request_hash, status, headers, body, \
         created_at) SELECT ?1, 'k' || i, 'h', 201, '[]', '{}', ?2 FROM n",
        &[&reseller.id, &stored],
    )
    .await;
    let count = || app.integer("SELECT count(*) FROM idempotency_keys", &[]);
    assert_eq!(count().await, 1234);

    // Two rounds at most: 1,000 rows, and it says more are left.
    let two_rounds = Policy {
        max_rounds: 2,
        ..policy()
    };
    let report = run_once(app.store.as_ref(), clock.now(), &two_rounds)
        .await
        .unwrap();
    assert_eq!(server::retention::BATCH, 500);
    assert_eq!(
        report.idempotency_keys,
        Done {
            rows: 1000,
            rounds: 2,
            more_left: true
        }
    );
    assert_eq!(count().await, 234);
    let report = run_once(app.store.as_ref(), clock.now(), &two_rounds)
        .await
        .unwrap();
    assert_eq!(
        report.idempotency_keys,
        Done {
            rows: 234,
            rounds: 1,
            more_left: false
        }
    );
    assert_eq!(count().await, 0);

    // Emails and audit entries keep to a small bound too (12 rows, 5 a round, 2 rounds a run).
    // (Only these twelve: the seeded customers' audit entries are removed first.)
    app.sql("DELETE FROM audit", &[]).await;
    for i in 0..12 {
        create(&app, &format!("Erä {i} Oy")).await;
    }
    deliver_pending(&app.state, &Mailer::Log).await.unwrap();
    clock.advance(31 * DAY);
    let small = Policy {
        batch: 5,
        max_rounds: 2,
        audit: Some(30 * DAY),
        ..policy()
    };
    let first = run_once(app.store.as_ref(), clock.now(), &small)
        .await
        .unwrap();
    let bounded = Done {
        rows: 10,
        rounds: 2,
        more_left: true,
    };
    assert_eq!((first.emails, first.audit), (bounded, bounded));
    let second = run_once(app.store.as_ref(), clock.now(), &small)
        .await
        .unwrap();
    let rest = Done {
        rows: 2,
        rounds: 1,
        more_left: false,
    };
    assert_eq!((second.emails, second.audit), (rest, rest));
    let kept = app
        .integer("SELECT count(*) FROM outbox WHERE body <> ''", &[])
        .await;
    assert_eq!(kept, 0);
}

async fn replicas_running_the_job_at_once_touch_each_row_once() {
    let clock = clock();
    let app = TestApp::with_clock(clock.clone(), 0).await;
    let other = app.another_process(server::Settings::default()).await;
    let reseller = app.reseller(DEMO).await;
    let stored = format_time(clock.now() - Duration::from_secs(2 * 86_400));
    app.sql(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) \
         INSERT INTO idempotency_keys (reseller_id, key, request_hash, status, headers, body, \
         created_at) SELECT ?1, 'k' || i, 'h', 201, '[]', '{}', ?2 FROM n",
        &[&reseller.id, &stored],
    )
    .await;
    for i in 0..30 {
        create(&app, &format!("Rinnakkain {i} Oy")).await;
    }
    deliver_pending(&app.state, &Mailer::Log).await.unwrap();
    clock.advance(31 * DAY);
    // One in small rounds, one in the real ones: they overlap.
    let (small, real) = (
        Policy {
            batch: 4,
            ..policy()
        },
        policy(),
    );
    let (a, b) = tokio::join!(
        run_once(app.store.as_ref(), clock.now(), &small),
        run_once(other.store.as_ref(), clock.now(), &real),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        a.idempotency_keys.rows + b.idempotency_keys.rows,
        3000,
        "{a:?} {b:?}"
    );
    assert_eq!(a.emails.rows + b.emails.rows, 30, "{a:?} {b:?}");
    assert_eq!(
        app.integer("SELECT count(*) FROM idempotency_keys", &[])
            .await,
        0
    );
    assert_eq!(
        app.integer(
            "SELECT count(*) FROM outbox WHERE activation_token <> ''",
            &[]
        )
        .await,
        0
    );
}

backend_tests!(
    replicas_running_the_job_at_once_touch_each_row_once,
    delivered_emails_lose_their_body_and_token_after_the_window_and_their_link_expires,
    idempotency_keys_are_purged_by_the_job_and_not_by_creates,
    audit_entries_are_deleted_only_when_a_window_is_set,
    a_run_touches_at_most_the_bound_per_round_and_leaves_the_rest_for_the_next,
);
