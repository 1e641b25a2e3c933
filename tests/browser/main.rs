//! The browser tests: components mounted in headless Chromium by wasm-bindgen-test-runner, one
//! module per view or concern. One test binary, because each binary costs a link, a wasm-bindgen
//! pass and a Chromium start (about 6 s) before its first test.
//! Run: `cargo test --target wasm32-unknown-unknown --test browser` (a module: `… browser i18n::`).
#![cfg(target_arch = "wasm32")]

mod support;

mod activation_notice;
mod add_form_fields;
mod add_form_save;
mod audit_answer;
mod config;
mod customers_list;
mod customers_table;
mod edit_form;
mod edit_form_failures;
mod edit_usage;
mod error_panel;
mod host_events;
mod i18n;
mod import_preview;
mod viewer;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
