//! `POST /api/v1/usage`: a batch of up to 1,000 daily samples, each checked on its own. The
//! valid items are stored (a repeated customer and date replaces the earlier sample) even when
//! others are refused; the answer lists every item's result, 422 when any was refused.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::usage::{MAX_BATCH, UsageCode, UsageIssue, check_batch};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::AppState;
use crate::http::ApiError;
use crate::http::error::PROBLEM_JSON;
use crate::http::extract::ApiJson;
use crate::http::identity::UsageReporter;

/// The body as read: the items stay raw JSON so that each is checked on its own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBatch {
    samples: Vec<Value>,
}

/// One refusal of one item, with its English message.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UsageItemIssue)]
pub struct ItemIssue {
    /// `customer_id`, `date`, `used_storage_bytes`, `active_users`, or `sample` (the whole item).
    field: String,
    code: UsageCode,
    /// Values the message needs (`max`, `today`, `max_days`, `count`, `name`).
    params: BTreeMap<String, String>,
    message: String,
}

/// What became of one item of the batch.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UsageItemResult)]
pub struct ItemResult {
    /// The item's place in `samples`, from 0.
    index: u32,
    /// Stored (or replaced the earlier sample of its customer and date).
    stored: bool,
    /// Why it was not stored (empty when stored).
    issues: Vec<ItemIssue>,
}

/// The answer to a batch: how many items were stored and refused, and each item's result.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UsageIngested)]
pub struct Ingested {
    stored: u32,
    rejected: u32,
    results: Vec<ItemResult>,
}

/// The 422: a problem; with `usage_items_rejected` it also carries the members of [`Ingested`]
/// (the batch-wide refusals, `too_many_samples` and `invalid_body`, carry none).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UsageProblem)]
pub struct IngestProblem {
    r#type: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    /// `usage_items_rejected`, `too_many_samples` or `invalid_body`.
    code: &'static str,
    /// Items stored (`usage_items_rejected` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    stored: Option<u32>,
    /// Items refused (`usage_items_rejected` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    rejected: Option<u32>,
    /// Each item's result, in order (`usage_items_rejected` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    results: Option<Vec<ItemResult>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    request_id: Option<String>,
}

fn issue_body(issue: UsageIssue) -> ItemIssue {
    ItemIssue {
        message: super::messages::message(&issue),
        field: issue.field,
        code: issue.code,
        params: issue.params,
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/usage",
    tag = "usage",
    request_body(content = domain::usage::UsageBatch, description = "Up to 1,000 daily samples \
        of the caller's customers. Each item is checked on its own (a negative, fractional or \
        too large count, a date in the future or more than 731 days back, an unknown customer \
        (or another reseller's), a customer and date given twice in the batch): the valid items \
        are stored even when others are refused."),
    security(("bearer" = ["manager", "usage-writer"]), ("session" = ["manager"])),
    responses(
        (status = 200, description = "Every item was stored", body = Ingested),
        (status = 400, response = crate::http::openapi::MalformedJson),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 413, response = crate::http::openapi::BodyTooLarge),
        (status = 415, response = crate::http::openapi::NotJson),
        (status = 422, description = "Some items were refused (code `usage_items_rejected`: the \
            others were stored, `results` says which), more than 1,000 samples (code \
            `too_many_samples`: nothing stored), or the body is not `{\"samples\": [...]}` \
            (code `invalid_body`)", content_type = "application/problem+json", body = IngestProblem),
    )
)]
/// `POST /api/v1/usage`
pub async fn ingest(
    State(state): State<AppState>,
    UsageReporter(identity): UsageReporter,
    ApiJson(batch): ApiJson<RawBatch, { super::USAGE_BODY_LIMIT }>,
) -> Result<Response, ApiError> {
    if batch.samples.len() > MAX_BATCH {
        return Err(ApiError::Unprocessable {
            detail: format!(
                "A batch carries at most {MAX_BATCH} samples; this one has {}. Send it in parts.",
                batch.samples.len()
            ),
            code: Some("too_many_samples"),
            errors: Vec::new(),
        });
    }
    let checked = check_batch(&batch.samples, super::today(&state));
    let valid: Vec<_> = checked.iter().flatten().cloned().collect();
    let received_at = crate::util::format_time(state.clock.now());
    let stored = state
        .store
        .record_usage(&identity.reseller.id, &valid, &received_at)
        .await?;
    let mut stored = stored.into_iter();
    let results: Vec<ItemResult> = checked
        .into_iter()
        .enumerate()
        .map(|(index, r)| {
            let issues = match r {
                Ok(_) if stored.next().unwrap_or(false) => Vec::new(),
                Ok(_) => vec![UsageIssue::new("customer_id", UsageCode::UnknownCustomer)],
                Err(issues) => issues,
            };
            ItemResult {
                index: index as u32,
                stored: issues.is_empty(),
                issues: issues.into_iter().map(issue_body).collect(),
            }
        })
        .collect();
    let n_stored = results.iter().filter(|r| r.stored).count() as u32;
    let ingested = Ingested {
        stored: n_stored,
        rejected: results.len() as u32 - n_stored,
        results,
    };
    if ingested.rejected == 0 {
        return Ok((StatusCode::OK, axum::Json(ingested)).into_response());
    }
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let problem = IngestProblem {
        r#type: "about:blank",
        title: "Unprocessable Entity",
        status: status.as_u16(),
        detail: format!(
            "{} of {} samples were refused (see `results`); the other {} were stored.",
            ingested.rejected,
            ingested.stored + ingested.rejected,
            ingested.stored
        ),
        code: "usage_items_rejected",
        stored: Some(ingested.stored),
        rejected: Some(ingested.rejected),
        results: Some(ingested.results),
        request_id: crate::http::observe::current_request_id(),
    };
    let body = serde_json::to_vec(&problem).map_err(|e| ApiError::internal(e.into()))?;
    Ok((
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
        body,
    )
        .into_response())
}
