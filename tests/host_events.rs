//! The `auth-required` event the host page gets for a 401, in headless Chromium: sent once for
//! an unauthorized answer, with its status, and never for a success or another error.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use customers_app::api::ApiError;
use customers_app::context::host_events::on_unauthorized;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The `detail.status` of every `auth-required` the document sees while `run` runs.
fn auth_required_statuses(run: impl FnOnce()) -> Vec<f64> {
    let document = web_sys::window().unwrap().document().unwrap();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let listener = {
        let seen = seen.clone();
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
            let status = js_sys::Reflect::get(&event.detail(), &"status".into()).unwrap();
            seen.borrow_mut().push(status.as_f64().unwrap_or(f64::NAN));
        })
    };
    let callback = listener.as_ref().unchecked_ref();
    document
        .add_event_listener_with_callback("auth-required", callback)
        .unwrap();
    run();
    document
        .remove_event_listener_with_callback("auth-required", callback)
        .unwrap();
    seen.take()
}

#[wasm_bindgen_test]
fn a_401_tells_the_host_once_and_passes_the_error_on() {
    let mut answer = None;
    let statuses = auth_required_statuses(|| {
        answer = Some(on_unauthorized::<u32, ApiError>(Err(
            ApiError::Unauthorized,
        )));
    });
    assert_eq!(statuses, vec![401.0]);
    assert_eq!(answer, Some(Err(ApiError::Unauthorized)));
}

#[wasm_bindgen_test]
fn a_success_or_another_error_tells_the_host_nothing() {
    let mut answers = Vec::new();
    let statuses = auth_required_statuses(|| {
        answers.push(on_unauthorized::<u32, ApiError>(Ok(7)));
        answers.push(on_unauthorized::<u32, ApiError>(Err(ApiError::Forbidden)));
        answers.push(on_unauthorized::<u32, ApiError>(Err(ApiError::Network)));
    });
    assert!(statuses.is_empty(), "{statuses:?}");
    assert_eq!(
        answers,
        vec![Ok(7), Err(ApiError::Forbidden), Err(ApiError::Network)]
    );
}
