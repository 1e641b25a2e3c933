//! What an operator relies on: liveness and readiness, draining on SIGTERM, the overload limits'
//! answers, migrations (`server migrate`, `--no-migrate`, a schema newer than the binary) and
//! production mode's refusals. One test binary (`cargo test -p server --test operations`).

#[path = "../common/mod.rs"]
mod common;

mod health;
mod limits;
mod metrics;
mod migrations;
mod production;
mod stopping;
