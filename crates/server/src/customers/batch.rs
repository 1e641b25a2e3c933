//! `POST /api/v1/customers/batch`: up to 100 new customers in one transaction, each under its
//! own `Idempotency-Key` and answered on its own, through the single create's write path.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use domain::{BATCH_MAX_ROWS, BatchOutcome, Customer, Issue, NewCustomerBatch};
use serde::Serialize;
use utoipa::ToSchema;

use super::write::{RowAnswer, RowRequest, create_rows};
use crate::AppState;
use crate::http::ApiError;
use crate::http::error::IssueBody;
use crate::http::extract::{ApiJson, BATCH_BODY_LIMIT};
use crate::http::idempotency::{IDEMPOTENCY_KEY_MAX, is_valid_key};
use crate::http::identity::Manager;
use crate::http::openapi::IssueDoc;

/// One row's result.
#[derive(Serialize, ToSchema)]
pub struct BatchRowBody {
    /// created, replayed, duplicate, invalid or key_reused.
    pub outcome: BatchOutcome,
    /// What a single create of the row answers: 201 (created, replayed), 409 (duplicate), 422
    /// (invalid, key_reused).
    pub status: u16,
    /// The customer (created, replayed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    /// The row's issues (duplicate: the taken fields; invalid: the validation errors).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<IssueDoc>)]
    pub errors: Vec<IssueJson>,
}

/// An issue with its English message, owned.
#[derive(Serialize)]
pub struct IssueJson(serde_json::Value);

impl IssueJson {
    fn of(issue: &Issue) -> Self {
        IssueJson(serde_json::to_value(IssueBody::new(issue)).unwrap_or_default())
    }
}

/// The batch's answer: one result per row, in the order of the rows.
#[derive(Serialize, ToSchema)]
pub struct BatchResultsBody {
    /// One result per row, in the rows' order.
    pub results: Vec<BatchRowBody>,
}

#[utoipa::path(
    post,
    path = "/api/v1/customers/batch",
    tag = "customers",
    request_body(content = domain::NewCustomerBatch, content_type = "application/json",
        description = "Up to 100 rows, each a create payload and its own idempotency_key (as the single create's Idempotency-Key header: the same key is honoured by both endpoints; unique within the batch)"),
    security(("bearer" = ["manager"]), ("session" = ["manager"])),
    responses(
        (status = 200, description = "One result per row, in order. The valid rows are created in one transaction with their audit entries and activation emails; a refused row (duplicate, invalid, key_reused) never stops the others, and a row whose key was used before with the same payload is replayed (created nothing)", body = BatchResultsBody),
        (status = 400, response = crate::http::openapi::MalformedJson),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 413, description = "The body is over 1 MiB", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 415, response = crate::http::openapi::NotJson),
        (status = 422, description = "The batch as a whole is refused and nothing is written: more than 100 rows (code too_many_rows), two rows with the same idempotency_key (code idempotency_key_repeated; the detail names the rows), a malformed idempotency_key (code invalid_idempotency_key), or a body that does not fit (code invalid_body)", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `POST /api/v1/customers/batch`
pub async fn create_batch(
    State(state): State<AppState>,
    Manager(identity): Manager,
    ApiJson(batch): ApiJson<NewCustomerBatch, BATCH_BODY_LIMIT>,
) -> Result<Json<BatchResultsBody>, ApiError> {
    check(&batch)?;
    let rows = batch
        .rows
        .into_iter()
        .map(|row| RowRequest {
            key: row.idempotency_key,
            body: row.customer,
        })
        .collect();
    let answers = create_rows(&state, &identity, rows).await?;
    let results = answers.into_iter().map(row_body).collect();
    Ok(Json(BatchResultsBody { results }))
}

/// Refuses a batch that is too long, or whose keys are malformed or repeated.
fn check(batch: &NewCustomerBatch) -> Result<(), ApiError> {
    let refuse = |code, detail| ApiError::Unprocessable {
        detail,
        code: Some(code),
        errors: Vec::new(),
    };
    if batch.rows.len() > BATCH_MAX_ROWS {
        return Err(refuse(
            "too_many_rows",
            format!(
                "A batch holds at most {BATCH_MAX_ROWS} rows; this one has {}. Send the rest in \
                 further batches.",
                batch.rows.len()
            ),
        ));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, row) in batch.rows.iter().enumerate() {
        let Some(key) = row.idempotency_key.as_deref() else {
            continue;
        };
        if !is_valid_key(key) {
            return Err(refuse(
                "invalid_idempotency_key",
                format!(
                    "`rows[{index}].idempotency_key` must be 1 to {IDEMPOTENCY_KEY_MAX} visible \
                     ASCII characters (e.g. a UUID)."
                ),
            ));
        }
        if let Some(first) = seen.insert(key, index) {
            return Err(refuse(
                "idempotency_key_repeated",
                format!(
                    "`rows[{first}]` and `rows[{index}]` have the same idempotency_key; each \
                     row needs its own."
                ),
            ));
        }
    }
    Ok(())
}

/// A row's answer as the batch reports it.
fn row_body(answer: RowAnswer) -> BatchRowBody {
    let row = |outcome, status, customer, errors: Vec<Issue>| BatchRowBody {
        outcome,
        status,
        customer,
        errors: errors.iter().map(IssueJson::of).collect(),
    };
    match answer {
        RowAnswer::Created(r) => row(BatchOutcome::Created, r.status, stored(&r.body), Vec::new()),
        RowAnswer::Replayed(r) => row(
            BatchOutcome::Replayed,
            r.status,
            stored(&r.body),
            Vec::new(),
        ),
        RowAnswer::Taken(errors) => row(BatchOutcome::Duplicate, 409, None, errors),
        RowAnswer::Invalid(errors) => row(BatchOutcome::Invalid, 422, None, errors),
        RowAnswer::KeyReused => row(BatchOutcome::KeyReused, 422, None, Vec::new()),
    }
}

/// The customer a stored create response holds.
fn stored(body: &str) -> Option<Customer> {
    serde_json::from_str(body).ok()
}
