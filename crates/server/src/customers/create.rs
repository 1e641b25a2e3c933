//! `POST /api/v1/customers`: validated by the domain crate, created with its audit entry and
//! activation email in one transaction, replayed for a repeated `Idempotency-Key`.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::{Code, Customer, CustomerStatus, Field, Issue, NewCustomer};

use crate::AppState;
use crate::http::ApiError;
use crate::http::extract::ApiJson;
use crate::http::idempotency::{self, idempotency_key, key_reused, stored_response};
use crate::http::identity::Manager;
use crate::outbox::wording::activation_email;
use crate::store::{CreateCustomer, CreateOutcome, IdempotentResponse};

/// The 409 issues for a name and/or domain another customer has.
fn taken(new: &NewCustomer, name: bool, domain: bool) -> ApiError {
    let mut issues = Vec::new();
    if name {
        issues.push(
            Issue::new(Field::OrganizationName, Code::Duplicate)
                .with("value", &new.organization_name),
        );
    }
    if domain && let Some(d) = &new.domain {
        issues.push(Issue::new(Field::Domain, Code::Duplicate).with("value", d));
    }
    ApiError::Conflict(issues)
}

#[utoipa::path(
    post,
    path = "/api/v1/customers",
    tag = "customers",
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeating a request with the same key and body replays the first response and creates nothing; the same key with another body is 422 idempotency_key_reused. A key is kept for 24 hours, then it is new again")),
    request_body(content = domain::NewCustomer, content_type = "application/json"),
    security(("bearer" = ["manager"]), ("session" = ["manager"])),
    responses(
        (status = 201, description = "Created (status pending_activation, version 1); the activation email is queued", body = domain::Customer,
         headers(("Location" = String, description = "/api/v1/customers/{id}"), ("ETag" = String, description = "\"1\""))),
        (status = 400, description = "Malformed JSON or Idempotency-Key", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
        (status = 409, description = "The organization name or domain is taken (errors name the field, code duplicate)", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 413, response = crate::http::openapi::BodyTooLarge),
        (status = 415, response = crate::http::openapi::NotJson),
        (status = 422, description = "Validation errors (errors), an unknown field, or a reused Idempotency-Key", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `POST /api/v1/customers`
pub async fn create(
    State(state): State<AppState>,
    Manager(identity): Manager,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewCustomer>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let request_hash =
        idempotency::request_hash(&serde_json::to_vec(&body).expect("a NewCustomer serialises"));
    let expired_before = idempotency::expired_before(state.clock.now());
    let validated = body.validate();
    let Some(new) = validated.value else {
        // A known key still answers as it did (or says it was used for another body).
        if let Some(key) = &key
            && let Some(stored) = state
                .store
                .idempotent_response(&identity.reseller.id, key, &expired_before)
                .await?
        {
            if stored.request_hash != request_hash {
                return Err(key_reused());
            }
            return Ok(stored_response(stored, true));
        }
        return Err(ApiError::validation(validated.report.errors));
    };
    let at = crate::util::format_time(state.clock.now());
    let customer = Customer {
        id: uuid::Uuid::new_v4().to_string(),
        organization_name: new.organization_name.clone(),
        domain: new.domain.clone(),
        user_licenses: new.user_licenses,
        extra_storage_gb: new.extra_storage_gb,
        notify_emails: new.notify_emails.clone(),
        storage_type: new.storage_type,
        status: CustomerStatus::PendingActivation,
        licenses_in_use: 0,
        storage_used_gb: 0,
        usage_updated_at: at.clone(),
        created_at: at.clone(),
        updated_at: at,
        version: 1,
        activation_email: domain::ActivationEmail::Queued,
        forecast: Default::default(),
    };
    let response = IdempotentResponse {
        request_hash,
        status: StatusCode::CREATED.as_u16(),
        headers: vec![
            (
                "location".into(),
                format!("/api/v1/customers/{}", customer.id),
            ),
            ("etag".into(), format!("\"{}\"", customer.version)),
        ],
        body: serde_json::to_string(&customer).map_err(|e| ApiError::internal(e.into()))?,
    };
    let activation = activation_email(&identity.reseller, &customer, &state.settings.public_url);
    let outcome = state
        .store
        .create_customer(CreateCustomer {
            actor: identity.actor(),
            reseller: identity.reseller,
            customer,
            activation,
            idempotency_key: key,
            keys_expired_before: expired_before,
            response: response.clone(),
        })
        .await?;
    match outcome {
        CreateOutcome::Created => {
            state.outbox_wakeup.notify_one();
            Ok(stored_response(response, false).into_response())
        }
        CreateOutcome::Replayed(stored) => Ok(stored_response(stored, true)),
        CreateOutcome::KeyReused => Err(key_reused()),
        CreateOutcome::Taken { name, domain } => Err(taken(&new, name, domain)),
    }
}
