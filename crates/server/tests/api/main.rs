//! The API contract, endpoint by endpoint and error by error, against a temporary database: one
//! test binary (`cargo test -p server --test api`), a module per resource or operation.

#[path = "../common/mod.rs"]
mod common;

mod activation;
mod auth;
mod batch;
mod create;
mod csv;
mod demo;
mod edit;
mod idempotency;
mod identity;
mod list;
mod read;
mod search;
mod usage;

use common::*;

/// How many of the demo reseller's customers a search for `name` finds.
pub async fn count_named(app: &TestApp, name: &str) -> u64 {
    let path = format!("/api/v1/customers?q={}", name.replace(' ', "%20"));
    app.total(&path, DEMO).await
}
