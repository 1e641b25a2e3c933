//! The customers endpoints: list (adopting the early request from `src/preload.js`), CSV
//! export, create, the import's batch create and lookup of existing names and domains,
//! read, edit and activation email resend (the audit trail and usage are in modules of their own).

use std::cell::RefCell;

use domain::import::CustomerLookup;
use domain::{
    ActivationQueued, BatchResults, BatchRow, Customer, CustomerChanges, CustomerPage, ListQuery,
    NewCustomer, NewCustomerBatch,
};
use gloo_net::http::{Request, Response};
use wasm_bindgen::JsCast;

use super::transport::{AbortOnDrop, base, call, call_guarded, checked, decode, send_guarded};
use super::{ApiError, preload};

/// Query pairs as an encoded query string without `?` ("" when there are none).
pub fn query_string(pairs: &[(&'static str, String)]) -> String {
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect();
    pairs.join("&")
}

thread_local! {
    /// The list request in flight: a newer list request cancels it, since only one list shows.
    static LIST_IN_FLIGHT: RefCell<Option<web_sys::AbortController>> = const { RefCell::new(None) };
}

/// `GET /customers`: one page of the reseller's customers. Starting another list request
/// cancels this one, so a slow stale answer never competes with the newer query.
pub async fn list_customers(query: &ListQuery) -> Result<CustomerPage, ApiError> {
    let url = format!("{}/customers", base());
    let pairs = query.pairs();
    let preloaded = preload::take(&url, &pairs);
    let guard = match &preloaded {
        Some((controller, _)) => AbortOnDrop::with_controller(controller.clone()),
        None => AbortOnDrop::new()?,
    };
    LIST_IN_FLIGHT.with(|slot| {
        if let Some(previous) = slot.replace(Some(guard.controller.clone())) {
            previous.abort();
        }
    });
    if let Some((_, response)) = preloaded {
        let sent = wasm_bindgen_futures::JsFuture::from(response)
            .await
            .and_then(|value| value.dyn_into::<web_sys::Response>())
            .map(Response::from)
            .map_err(|_| ());
        let response = checked(&guard, sent).await?;
        return decode(&guard, response).await;
    }
    let request = Request::get(&url).query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    call_guarded(guard, request, None).await
}

/// `POST /customers`: creates a customer and queues its activation email. The same
/// `idempotency_key` with the same body never creates a second customer (the server replays the
/// first answer), so a retry after a timeout is safe.
pub async fn create_customer(
    draft: &NewCustomer,
    idempotency_key: &str,
) -> Result<Customer, ApiError> {
    let url = format!("{}/customers", base());
    let body = serde_json::to_string(draft).map_err(|e| ApiError::Decode(e.to_string()))?;
    call(
        Request::post(&url).header("Idempotency-Key", idempotency_key),
        Some(body),
    )
    .await
}

/// `POST /customers/batch`: up to [`domain::BATCH_MAX_ROWS`] import rows, each under its own
/// `Idempotency-Key`, created in one transaction; one result per row, in order (a row whose key
/// created it before comes back `replayed`).
pub async fn import_batch(rows: &[(NewCustomer, String)]) -> Result<BatchResults, ApiError> {
    let url = format!("{}/customers/batch", base());
    let batch = NewCustomerBatch {
        rows: rows
            .iter()
            .map(|(customer, key)| BatchRow {
                idempotency_key: Some(key.clone()),
                customer: customer.clone(),
            })
            .collect(),
    };
    let body = serde_json::to_string(&batch).map_err(|e| ApiError::Decode(e.to_string()))?;
    let results: BatchResults = call(Request::post(&url), Some(body)).await?;
    if results.results.len() != rows.len() {
        return Err(ApiError::Decode(format!(
            "{} results for {} rows",
            results.results.len(),
            rows.len()
        )));
    }
    Ok(results)
}

/// `POST /customers/lookup`: which of up to 500 names and 500 domains the reseller's customers
/// already have (as keys: names normalised and lower-cased, domains normalised).
pub async fn lookup_customers(lookup: &CustomerLookup) -> Result<CustomerLookup, ApiError> {
    let url = format!("{}/customers/lookup", base());
    let body = serde_json::to_string(lookup).map_err(|e| ApiError::Decode(e.to_string()))?;
    call(Request::post(&url), Some(body)).await
}

/// A fresh `Idempotency-Key`: a random (version 4) UUID from the browser's crypto RNG.
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto: Math.random is still unique enough to tell submissions apart.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `GET /customers/{id}`: one customer; its `version` is what an edit sends back in `If-Match`.
pub async fn get_customer(id: &str) -> Result<Customer, ApiError> {
    let url = format!("{}/customers/{}", base(), path_segment(id));
    call(Request::get(&url), None)
        .await
        .map_err(ApiError::missing_customer)
}

/// `PATCH /customers/{id}` with `If-Match: "<version>"`: changes licenses and storage only if
/// nobody saved the customer since `version` was read; otherwise `ApiError::Conflict` carries
/// what the server has now.
pub async fn update_customer(
    id: &str,
    version: i64,
    changes: &CustomerChanges,
) -> Result<Customer, ApiError> {
    let url = format!("{}/customers/{}", base(), path_segment(id));
    let body = serde_json::to_string(changes).map_err(|e| ApiError::Decode(e.to_string()))?;
    let request = Request::patch(&url).header("If-Match", &format!("\"{version}\""));
    call(request, Some(body))
        .await
        .map_err(ApiError::missing_customer)
}

/// An id as one URL path segment: anything but unreserved characters is percent-encoded, so an
/// id from the address bar can never reach another endpoint.
pub(super) fn path_segment(id: &str) -> String {
    js_sys::encode_uri_component(id).into()
}

/// The CSV export of every customer matching `query`'s filters (all pages), for a download link.
pub fn export_csv_url(query: &ListQuery) -> String {
    match query_string(&query.unpaged_pairs()) {
        qs if qs.is_empty() => format!("{}/customers/export.csv", base()),
        qs => format!("{}/customers/export.csv?{qs}", base()),
    }
}

/// `GET /customers/export.csv` through fetch, for bearer-token auth where a plain download link
/// cannot carry the `Authorization` header.
pub async fn export_csv(query: &ListQuery) -> Result<String, ApiError> {
    let guard = AbortOnDrop::new()?;
    let response = send_guarded(&guard, Request::get(&export_csv_url(query)), None).await?;
    response
        .text()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

/// `POST /customers/{id}/activation-email`: queue the activation email again.
pub async fn resend_activation(id: &str) -> Result<ActivationQueued, ApiError> {
    let url = format!("{}/customers/{}/activation-email", base(), path_segment(id));
    call(Request::post(&url), None)
        .await
        .map_err(ApiError::missing_customer)
}
