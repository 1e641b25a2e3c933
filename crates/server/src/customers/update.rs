//! `PATCH /api/v1/customers/{id}`: changes the usage allocations of the version `If-Match`
//! names, validated by the domain crate against the customer as it is, with an audit entry per
//! changed field.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::{Code, CustomerChanges, Field, Issue};
use serde_json::{Map, Value};

use crate::AppState;
use crate::customers::not_found;
use crate::http::ApiError;
use crate::http::conditional::{IfMatch, parse_if_match, with_etag};
use crate::http::extract::ApiJson;
use crate::http::identity::Manager;
use crate::store::{AuditRecord, UpdateCustomer, UpdateOutcome};

/// The domain field a JSON key names (`Other` for anything that is not a form field).
pub fn field_for_key(key: &str) -> Field {
    match key {
        "organization_name" => Field::OrganizationName,
        "domain" => Field::Domain,
        "user_licenses" => Field::UserLicenses,
        "extra_storage_gb" => Field::ExtraStorageGb,
        "notify_emails" => Field::NotifyEmails,
        "storage_type" => Field::StorageType,
        _ => Field::Other,
    }
}

/// The changes in a PATCH body, or the 422 for keys that may not change / values of the wrong type.
fn parse_changes(body: Map<String, Value>) -> Result<CustomerChanges, ApiError> {
    let immutable: Vec<Issue> = body
        .keys()
        .filter(|k| !CustomerChanges::EDITABLE_FIELDS.contains(&k.as_str()))
        .map(|k| Issue::new(field_for_key(k), Code::Immutable).with("name", k))
        .collect();
    if !immutable.is_empty() {
        let names: Vec<String> = immutable
            .iter()
            .map(|i| format!("`{}`", i.param("name")))
            .collect();
        return Err(ApiError::Unprocessable {
            detail: format!(
                "Only {} can be changed; {} cannot.",
                CustomerChanges::EDITABLE_FIELDS
                    .map(|f| format!("`{f}`"))
                    .join(" and "),
                names.join(", ")
            ),
            code: Some("immutable"),
            errors: immutable,
        });
    }
    let mut type_errors = Vec::new();
    for (key, value) in &body {
        let max = if key == "user_licenses" {
            u64::from(u32::MAX)
        } else {
            u64::MAX
        };
        let issue = match value {
            Value::Null => None,
            Value::Number(n) if n.as_u64().is_some_and(|v| v <= max) => None,
            Value::Number(n) if n.is_f64() && n.as_f64().is_some_and(|f| f.fract() != 0.0) => {
                Some(Issue::new(field_for_key(key), Code::NotWhole))
            }
            Value::Number(_) => Some(
                Issue::new(field_for_key(key), Code::OutOfRange)
                    .with("min", 0)
                    .with("max", max),
            ),
            _ => Some(Issue::new(field_for_key(key), Code::NotANumber)),
        };
        type_errors.extend(issue);
    }
    if !type_errors.is_empty() {
        return Err(ApiError::validation(type_errors));
    }
    serde_json::from_value(Value::Object(body)).map_err(|e| ApiError::Unprocessable {
        detail: format!("The body does not match what this endpoint accepts: {e}"),
        code: Some("invalid_body"),
        errors: Vec::new(),
    })
}

#[utoipa::path(
    patch,
    path = "/api/v1/customers/{id}",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id"), ("If-Match" = String, Header, description = "The ETag read, e.g. \"3\"")),
    request_body(content = domain::CustomerChanges, content_type = "application/json"),
    security(("bearer" = ["manager"]), ("session" = ["manager"])),
    responses(
        (status = 200, description = "The updated customer (an empty change returns it unchanged)", body = domain::Customer,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, response = crate::http::openapi::MalformedJson),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 404, response = crate::http::openapi::NoSuchCustomer),
        (status = 412, description = "If-Match is stale: `current` holds the customer as it is now; nothing was written", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 413, response = crate::http::openapi::BodyTooLarge),
        (status = 415, response = crate::http::openapi::NotJson),
        (status = 422, description = "A key that may not change (code immutable) or a validation error (e.g. below_usage)", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `PATCH /api/v1/customers/{id}`
pub async fn update(
    State(state): State<AppState>,
    Manager(identity): Manager,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let if_match = parse_if_match(&headers)?;
    let mut body = Some(body);
    let mut parsed: Option<CustomerChanges> = None;
    // `If-Match: *` asks for no particular version: a compare-and-set lost to a concurrent edit
    // is tried again on the newer version rather than answered 412.
    for attempt in 1..=ANY_VERSION_ATTEMPTS {
        let current = state
            .store
            .get_customer(&identity.reseller.id, &id)
            .await?
            .ok_or_else(|| not_found(&id))?;
        let Some(if_match) = &if_match else {
            return Err(ApiError::PreconditionRequired(format!(
                "Send `If-Match: \"{}\"` (the ETag you read) so that changes made meanwhile are not \
             overwritten.",
                current.version
            )));
        };
        if !if_match.matches(current.version) {
            return Err(ApiError::PreconditionFailed(Box::new(current)));
        }
        let changes = match parsed {
            Some(ref changes) => changes.clone(),
            None => parsed
                .insert(parse_changes(body.take().expect("parsed once"))?)
                .clone(),
        };
        let report = changes.validate(&current);
        if !report.is_ok() {
            return Err(ApiError::validation(report.errors));
        }
        let at = crate::util::now();
        let mut audit = Vec::new();
        let mut record = |field: &str, old: Value, new: Value| {
            audit.push(AuditRecord {
                at: at.clone(),
                actor: identity.actor(),
                field: field.to_owned(),
                old,
                new,
            })
        };
        if let Some(n) = changes
            .user_licenses
            .filter(|n| *n != current.user_licenses)
        {
            record("user_licenses", current.user_licenses.into(), n.into());
        }
        if let Some(n) = changes
            .extra_storage_gb
            .filter(|n| *n != current.extra_storage_gb)
        {
            record(
                "extra_storage_gb",
                current.extra_storage_gb.into(),
                n.into(),
            );
        }
        if audit.is_empty() {
            return Ok(with_etag(StatusCode::OK, &current));
        }
        // Written only if nobody changed the customer since it was read and validated.
        let outcome = state
            .store
            .update_customer(UpdateCustomer {
                reseller_id: identity.reseller.id.clone(),
                id: current.id.clone(),
                expected_version: current.version,
                user_licenses: changes.user_licenses.unwrap_or(current.user_licenses),
                extra_storage_gb: changes.extra_storage_gb.unwrap_or(current.extra_storage_gb),
                updated_at: at.clone(),
                audit,
            })
            .await?;
        match outcome {
            UpdateOutcome::Updated(customer) => return Ok(with_etag(StatusCode::OK, &customer)),
            UpdateOutcome::Stale(_)
                if *if_match == IfMatch::Any && attempt < ANY_VERSION_ATTEMPTS => {}
            UpdateOutcome::Stale(now) => return Err(ApiError::PreconditionFailed(Box::new(now))),
            UpdateOutcome::NotFound => return Err(not_found(&id)),
        }
    }
    unreachable!("the last attempt returns")
}

/// How often an edit with `If-Match: *` is tried against concurrent edits before it answers 412.
const ANY_VERSION_ATTEMPTS: u32 = 5;
