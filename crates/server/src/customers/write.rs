//! The one write path of `POST /customers` and `POST /customers/batch`: each row validated by
//! the domain crate and answered from its `Idempotency-Key` when known, the valid rows created
//! in one store transaction (`Store::create_customers`), one answer per row.

use axum::http::StatusCode;
use domain::{Code, Customer, CustomerStatus, Field, Issue, NewCustomer};

use crate::AppState;
use crate::http::ApiError;
use crate::http::idempotency;
use crate::http::identity::Identity;
use crate::outbox::wording::activation_email;
use crate::store::{CreateCustomer, CreateOutcome, IdempotentResponse};

/// One customer to create and the key it was sent under.
pub struct RowRequest {
    /// The row's Idempotency-Key, if it has one.
    pub key: Option<String>,
    /// The customer to create.
    pub body: NewCustomer,
}

/// What became of a row: what a single create answers, and a batch reports per row.
#[derive(Debug)]
pub enum RowAnswer {
    /// Created now: the response stored under its key (201, `Location`, `ETag`, the customer).
    Created(IdempotentResponse),
    /// Its key was used before with the same body: the first response.
    Replayed(IdempotentResponse),
    /// Another customer has its name and/or domain (the issues name the fields).
    Taken(Vec<Issue>),
    /// The row's validation errors.
    Invalid(Vec<Issue>),
    /// Its key was used before with another body.
    KeyReused,
}

/// Validates and creates `rows` for `identity`'s reseller: the valid rows in one transaction,
/// each answered on its own (a refused row never stops the others).
pub async fn create_rows(
    state: &AppState,
    identity: &Identity,
    rows: Vec<RowRequest>,
) -> Result<Vec<RowAnswer>, ApiError> {
    let expired_before = idempotency::expired_before(state.clock.now());
    let at = crate::util::format_time(state.clock.now());
    let mut answers: Vec<Option<RowAnswer>> = Vec::with_capacity(rows.len());
    let mut creates = Vec::new();
    let mut created_at = Vec::new();
    let mut news = Vec::new();
    for (index, row) in rows.into_iter().enumerate() {
        let request_hash = idempotency::request_hash(
            &serde_json::to_vec(&row.body).expect("a NewCustomer serialises"),
        );
        let validated = row.body.validate();
        let Some(new) = validated.value else {
            answers.push(Some(
                invalid(state, identity, row.key, request_hash, &expired_before)
                    .await?
                    .unwrap_or(RowAnswer::Invalid(validated.report.errors)),
            ));
            continue;
        };
        let customer = new_customer(&new, &at);
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
        let activation =
            activation_email(&identity.reseller, &customer, &state.settings.public_url);
        creates.push(CreateCustomer {
            actor: identity.actor(),
            reseller: identity.reseller.clone(),
            customer,
            activation,
            idempotency_key: row.key,
            keys_expired_before: expired_before.clone(),
            response,
        });
        created_at.push(index);
        news.push(new);
        answers.push(None);
    }
    let responses: Vec<IdempotentResponse> = creates.iter().map(|c| c.response.clone()).collect();
    let outcomes = state.store.create_customers(creates).await?;
    let mut any_created = false;
    for (((index, outcome), response), new) in created_at
        .into_iter()
        .zip(outcomes)
        .zip(responses)
        .zip(&news)
    {
        answers[index] = Some(match outcome {
            CreateOutcome::Created => {
                any_created = true;
                RowAnswer::Created(response)
            }
            CreateOutcome::Replayed(stored) => RowAnswer::Replayed(stored),
            CreateOutcome::KeyReused => RowAnswer::KeyReused,
            CreateOutcome::Taken { name, domain } => RowAnswer::Taken(taken(new, name, domain)),
        });
    }
    if any_created {
        state.outbox_wakeup.notify_one();
    }
    Ok(answers
        .into_iter()
        .map(|a| a.expect("every row answered"))
        .collect())
}

/// An invalid row's answer when its key is known: the first answer, or the key's reuse.
async fn invalid(
    state: &AppState,
    identity: &Identity,
    key: Option<String>,
    request_hash: String,
    expired_before: &str,
) -> Result<Option<RowAnswer>, ApiError> {
    let Some(key) = key else { return Ok(None) };
    let stored = state
        .store
        .idempotent_response(&identity.reseller.id, &key, expired_before)
        .await?;
    let Some(stored) = stored else {
        return Ok(None);
    };
    Ok(Some(if stored.request_hash == request_hash {
        RowAnswer::Replayed(stored)
    } else {
        RowAnswer::KeyReused
    }))
}

/// A new customer (pending activation, version 1) created at `at`.
fn new_customer(new: &NewCustomer, at: &str) -> Customer {
    Customer {
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
        usage_updated_at: at.to_owned(),
        created_at: at.to_owned(),
        updated_at: at.to_owned(),
        version: 1,
        activation_email: domain::ActivationEmail::Queued,
        forecast: Default::default(),
    }
}

/// The 409 issues for a name and/or domain another customer has.
fn taken(new: &NewCustomer, name: bool, domain: bool) -> Vec<Issue> {
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
    issues
}
