//! Usage ingestion and history (`ingest`), and the forecast in the list and the demo data
//! (`list`); the helpers both use.

mod ingest;
mod list;

use serde_json::{Value, json};

use crate::common::*;

pub const GB: u64 = 1_000_000_000;

/// Today's day number by the system clock (the test apps' clock).
pub fn today() -> i32 {
    time::OffsetDateTime::now_utc().date().to_julian_day() - 2_440_588
}

/// The date `ago` days before today.
pub fn date(ago: i32) -> String {
    domain::usage::format_day(today() - ago)
}

pub fn sample(id: &str, ago: i32, gb: u64, users: u32) -> Value {
    json!({"customer_id": id, "date": date(ago), "used_storage_bytes": gb * GB, "active_users": users})
}

/// `days` samples ending today: `gb(i)` GB and `users(i)` users on the i-th (0: the oldest).
pub fn history(
    id: &str,
    days: i32,
    gb: impl Fn(i32) -> u64,
    users: impl Fn(i32) -> u32,
) -> Vec<Value> {
    (0..days)
        .map(|i| sample(id, days - 1 - i, gb(i), users(i)))
        .collect()
}

pub async fn post_usage(app: &TestApp, token: &str, samples: Vec<Value>) -> TestResponse {
    app.post_json("/api/v1/usage", token, &json!({ "samples": samples }))
        .await
}

/// A new customer of the demo reseller (25 licenses, 1500 GB) without samples: its id.
pub async fn fresh(app: &TestApp, name: &str) -> String {
    let c = app.create_ok(DEMO, &new_customer(name, None)).await;
    c["id"].as_str().unwrap().to_owned()
}

pub async fn customer(app: &TestApp, id: &str) -> domain::Customer {
    let r = app.get(&format!("/api/v1/customers/{id}"), DEMO).await;
    serde_json::from_slice(&r.body).unwrap()
}

/// A new API token of the demo reseller with `role`: the token in plain text.
pub async fn api_token(app: &TestApp, role: domain::Role) -> String {
    let (prefix, token) = server::admin::new_token();
    let stored = server::store::NewApiToken {
        hash: server::store::token_hash(&token),
        token: server::store::ApiToken {
            prefix,
            reseller_id: "r_demo".into(),
            name: format!("{} integration", role.as_str()),
            role,
            demo: false,
            created_at: server::util::now(),
            expires_at: None,
            last_used_at: None,
            revoked_at: None,
        },
    };
    app.store.create_token(&stored).await.unwrap();
    token
}
