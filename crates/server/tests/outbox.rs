//! The outbox never drops an email: refused emails are retried with backoff on a clock the test
//! moves, delivered exactly once per row with a stable Message-ID, dead-lettered visibly after
//! three days (and resent), and a worker that is stopped releases its claim. Each test runs on
//! SQLite and on PostgreSQL.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use common::smtp::SmtpSink;
use common::*;
use serde_json::Value;
use server::clock::{Clock, ManualClock};
use server::outbox::{Mailer, deliver_pending, spawn_worker};
use server::store::{DynStore, OutboxClaim, OutboxFailure};
use server::util::format_time;

fn mailer(sink: &SmtpSink) -> Mailer {
    Mailer::smtp(&sink.url(), "Backup <no-reply@backup.example>").unwrap()
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(time::OffsetDateTime::now_utc()))
}

async fn create(app: &TestApp, name: &str) -> String {
    let created = app.create_ok(DEMO, &new_customer(name, None)).await;
    assert_eq!(created["activation_email"], "queued");
    created["id"].as_str().unwrap().to_owned()
}

/// The reseller's outbox rows for these customers, oldest first.
async fn rows_of(app: &TestApp, ids: &[String]) -> Vec<Value> {
    let all = app.get("/api/v1/outbox", DEMO).await.json();
    let mut rows: Vec<Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| ids.iter().any(|id| e["customer_id"] == id.as_str()))
        .cloned()
        .collect();
    rows.reverse();
    rows
}

async fn activation_email(app: &TestApp, id: &str) -> Value {
    app.get(&format!("/api/v1/customers/{id}"), DEMO)
        .await
        .json()["activation_email"]
        .clone()
}

async fn an_smtp_outage_of_two_minutes_delays_every_email_and_loses_none() {
    let clock = clock();
    let start = clock.now();
    let app = TestApp::with_clock(clock.clone(), 0).await;
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink);
    sink.set_refusing(true);
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(create(&app, &format!("Katko {i} Oy")).await);
    }
    // Ten simulated seconds a step: refused for two minutes, then accepted.
    for _ in 0..60 {
        if clock.now() - start >= Duration::from_secs(120) {
            sink.set_refusing(false);
        }
        deliver_pending(&app.state, &mailer).await.unwrap();
        clock.advance(Duration::from_secs(10));
    }
    let rows = rows_of(&app, &ids).await;
    assert_eq!(rows.len(), 6);
    // Backoff, not hammering: attempts at about 0 s, 30 s and 90 s fall in the outage.
    assert!(
        (12..=24).contains(&sink.refused()),
        "refused {} times",
        sink.refused()
    );
    for row in &rows {
        assert!(row["sent_at"].is_string(), "{row}");
        assert!(row["dead_at"].is_null(), "{row}");
        assert!(row["next_attempt_at"].is_null(), "{row}");
        assert!(row["attempts"].as_i64().unwrap() >= 3, "{row}");
    }
    // Exactly one delivery per row, each with the row's own Message-ID.
    let mut delivered = sink.message_ids();
    assert_eq!(delivered.len(), 6, "{delivered:?}");
    delivered.sort();
    delivered.dedup();
    assert_eq!(delivered.len(), 6, "one Message-ID per row");
    for row in &rows {
        let prefix = format!("<activation.{}.", row["id"]);
        assert!(
            delivered
                .iter()
                .any(|m| m.starts_with(&prefix) && m.ends_with("@backup.example>")),
            "{prefix} in {delivered:?}"
        );
    }
    for id in &ids {
        assert_eq!(activation_email(&app, id).await, "sent");
    }
    // Nothing left to send: another round delivers nothing more.
    clock.advance(Duration::from_secs(3600));
    deliver_pending(&app.state, &mailer).await.unwrap();
    assert_eq!(sink.message_ids().len(), 6);
}

async fn three_days_of_refusals_dead_letter_the_email_visibly_and_resend_delivers_it() {
    for mb in LIST_CACHE_MODES {
        let clock = clock();
        let start = clock.now();
        let app = TestApp::with_clock(clock.clone(), mb).await;
        let sink = SmtpSink::start().await;
        let mailer = mailer(&sink);
        sink.set_refusing(true);
        let id = create(&app, "Kuollut Posti Oy").await;
        // Active, usage fine: only the email can make it need attention.
        app.sql(
            "UPDATE customers SET status = 'active' WHERE id = ?1",
            &[&id],
        )
        .await;
        let attention = "/api/v1/customers?attention=true&q=kuollut";
        assert_eq!(app.total(attention, DEMO).await, 0);

        // Just under three days: still retried.
        while clock.now() - start < Duration::from_secs(3 * 24 * 3600 - 4 * 3600) {
            deliver_pending(&app.state, &mailer).await.unwrap();
            clock.advance(Duration::from_secs(1800));
        }
        let row = &rows_of(&app, std::slice::from_ref(&id)).await[0];
        assert!(
            row["dead_at"].is_null() && row["next_attempt_at"].is_string(),
            "{row}"
        );
        assert_eq!(activation_email(&app, &id).await, "queued");
        while clock.now() - start < Duration::from_secs(3 * 24 * 3600 + 5 * 3600) {
            deliver_pending(&app.state, &mailer).await.unwrap();
            clock.advance(Duration::from_secs(1800));
        }
        let row = &rows_of(&app, std::slice::from_ref(&id)).await[0];
        assert!(row["dead_at"].is_string(), "{row}");
        assert!(
            row["sent_at"].is_null() && row["next_attempt_at"].is_null(),
            "{row}"
        );
        assert!(row["last_error"].as_str().unwrap().contains("421"), "{row}");
        let attempts = row["attempts"].as_i64().unwrap();
        assert!((15..40).contains(&attempts), "{attempts} attempts");
        assert_eq!(sink.refused(), attempts as u64);

        // The API shows it, and the customer needs attention (list and total).
        assert_eq!(activation_email(&app, &id).await, "undeliverable");
        let list = app.get(attention, DEMO).await.json();
        assert_eq!(list["total"], 1, "{list}");
        assert_eq!(list["items"][0]["activation_email"], "undeliverable");
        // A dead email is not tried again.
        clock.advance(Duration::from_secs(24 * 3600));
        deliver_pending(&app.state, &mailer).await.unwrap();
        assert_eq!(sink.refused(), attempts as u64);

        // Resend, with the mail server back: a new row, delivered, and attention cleared.
        sink.set_refusing(false);
        let r = app
            .post_json(
                &format!("/api/v1/customers/{id}/activation-email"),
                DEMO,
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
        assert_eq!(activation_email(&app, &id).await, "queued");
        deliver_pending(&app.state, &mailer).await.unwrap();
        assert_eq!(activation_email(&app, &id).await, "sent");
        assert_eq!(sink.message_ids().len(), 1);
        assert_eq!(app.total(attention, DEMO).await, 0);
        let rows = rows_of(&app, std::slice::from_ref(&id)).await;
        assert_eq!(rows.len(), 2);
        assert!(rows[0]["dead_at"].is_string() && rows[1]["sent_at"].is_string());
    }
}

async fn a_stopped_worker_finishes_the_email_in_hand_and_releases_the_rest() {
    let app = TestApp::new().await;
    let sink = SmtpSink::start().await;
    sink.set_delay(Duration::from_millis(300));
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(create(&app, &format!("Sammutus {i} Oy")).await);
    }
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = spawn_worker(app.state.clone(), mailer(&sink), stopped);
    tokio::time::timeout(Duration::from_secs(10), async {
        while sink.messages().is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the worker starts sending");
    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(10), worker)
        .await
        .expect("the worker stops promptly")
        .unwrap();

    let sent_before = sink.messages().len();
    let rows = rows_of(&app, &ids).await;
    let recorded = rows.iter().filter(|r| r["sent_at"].is_string()).count();
    assert_eq!(
        recorded, sent_before,
        "every email sent is recorded as sent"
    );
    assert!(sent_before < 5, "it stopped early ({sent_before} sent)");
    let claimed = app
        .sql(
            "UPDATE outbox SET attempts = attempts WHERE claimed_by IS NOT NULL",
            &[],
        )
        .await;
    assert_eq!(claimed, 0, "no claim is left to expire");

    // The next worker sends the rest at once (no lease to wait out), each exactly once.
    deliver_pending(&app.state, &Mailer::Log).await.unwrap();
    let rows = rows_of(&app, &ids).await;
    assert!(rows.iter().all(|r| r["sent_at"].is_string()));
    assert_eq!(sink.messages().len(), sent_before);
}

/// Claims `limit` at a time as `worker` until nothing is left; the ids it got.
async fn claim_all(store: DynStore, claim: OutboxClaim) -> Vec<i64> {
    let mut mine = Vec::new();
    loop {
        let got = store.outbox_claim(claim.clone()).await.unwrap();
        if got.is_empty() {
            return mine;
        }
        mine.extend(got.iter().map(|e| e.id));
    }
}

/// The store's outbox contract, the same on both backends: concurrent claims from two processes
/// never overlap, only due rows are claimed, only the holder records an attempt, a released row
/// is claimable at once, a dead row never again, and only a customer's latest row sets its state.
async fn the_store_claims_each_due_row_once_and_the_latest_row_sets_the_state() {
    let clock = clock();
    let t0 = clock.now();
    let app = TestApp::with_clock(clock.clone(), 0).await;
    let other = app.another_process(server::Settings::default()).await;
    let mut ids = Vec::new();
    for i in 0..12 {
        ids.push(create(&app, &format!("Jono {i} Oy")).await);
    }
    let claim = |worker: &str, now: time::OffsetDateTime| OutboxClaim {
        worker: worker.to_owned(),
        now: format_time(now),
        lease_until: format_time(now + Duration::from_secs(60)),
        limit: 1,
    };

    // Six workers in two processes claim one row at a time, all at once.
    let tasks: Vec<_> = (0..6)
        .map(|w| {
            let store = [&app, &other][w % 2].store.clone();
            tokio::spawn(claim_all(store, claim(&format!("w{w}"), t0)))
        })
        .collect();
    let mut holder = std::collections::HashMap::new();
    for (w, task) in tasks.into_iter().enumerate() {
        for id in task.await.unwrap() {
            let before = holder.insert(id, format!("w{w}"));
            assert_eq!(before, None, "row {id} claimed twice");
        }
    }
    let rows = rows_of(&app, &ids).await;
    let row: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(row.iter().all(|id| holder.contains_key(id)), "{holder:?}");
    let failure = |id: i64, worker: &str, retry_at: Option<time::OffsetDateTime>| OutboxFailure {
        id,
        worker: worker.to_owned(),
        error: "421 try later".into(),
        at: format_time(clock.now()),
        retry_at: retry_at.map(format_time),
    };
    let store = &app.store;

    // Sent: only by its holder.
    let at = format_time(t0);
    assert!(!store.outbox_mark_sent(row[0], "nobody", &at).await.unwrap());
    assert!(
        store
            .outbox_mark_sent(row[0], &holder[&row[0]], &at)
            .await
            .unwrap()
    );
    assert_eq!(activation_email(&app, &ids[0]).await, "sent");
    // Refused: retried in ten minutes; the claim is gone, so a second record is refused.
    let retry = Some(t0 + Duration::from_secs(600));
    let f = failure(row[1], &holder[&row[1]], retry);
    assert!(store.outbox_mark_failed(f.clone()).await.unwrap());
    assert!(!store.outbox_mark_failed(f).await.unwrap());
    assert_eq!(activation_email(&app, &ids[1]).await, "queued");
    // Dead: the customer's email is undeliverable.
    let f = failure(row[3], &holder[&row[3]], None);
    assert!(store.outbox_mark_failed(f).await.unwrap());
    assert_eq!(activation_email(&app, &ids[3]).await, "undeliverable");

    // A released claim is claimable at once; the refused row is not due yet.
    assert!(store.outbox_release(&holder[&row[2]]).await.unwrap() >= 1);
    let now = claim_all(store.clone(), claim("x", t0)).await;
    assert!(now.contains(&row[2]), "{now:?}");
    assert!(!now.contains(&row[1]), "{now:?}");
    for id in now {
        holder.insert(id, "x".to_owned());
    }

    // Resend queues a newer row: the older one dying no longer decides the state.
    clock.advance(Duration::from_secs(120));
    let path = format!("/api/v1/customers/{}/activation-email", ids[4]);
    let r = app.post_json(&path, DEMO, &serde_json::json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    let f = failure(row[4], &holder[&row[4]], None);
    assert!(store.outbox_mark_failed(f).await.unwrap());
    assert_eq!(activation_email(&app, &ids[4]).await, "queued");

    // Ten minutes on: the refused row and the resent one are due; sent and dead rows never are.
    clock.advance(Duration::from_secs(600));
    let due = claim_all(other.store.clone(), claim("y", clock.now())).await;
    let resent = rows_of(&app, std::slice::from_ref(&ids[4])).await[1]["id"]
        .as_i64()
        .unwrap();
    assert!(due.contains(&row[1]) && due.contains(&resent), "{due:?}");
    assert!(![row[0], row[3], row[4]].iter().any(|id| due.contains(id)));
    let at = format_time(clock.now());
    assert!(
        other
            .store
            .outbox_mark_sent(resent, "y", &at)
            .await
            .unwrap()
    );
    assert_eq!(activation_email(&app, &ids[4]).await, "sent");
}

backend_tests!(
    the_store_claims_each_due_row_once_and_the_latest_row_sets_the_state,
    an_smtp_outage_of_two_minutes_delays_every_email_and_loses_none,
    three_days_of_refusals_dead_letter_the_email_visibly_and_resend_delivers_it,
    a_stopped_worker_finishes_the_email_in_hand_and_releases_the_rest,
);
