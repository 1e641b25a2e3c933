//! The OpenAPI schemas the HTTP layer owns (problems, the list's parameters) and its security
//! schemes. The wire types' schemas are derived in the domain crate (its `openapi` feature); the
//! document itself is assembled in `crate::api_doc`.

use std::collections::BTreeMap;

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, ToResponse, ToSchema};

/// A validation error: the domain `Issue` (field, code, params) plus its English message.
#[derive(ToSchema)]
#[schema(as = Issue)]
#[allow(dead_code)]
pub struct IssueDoc {
    field: domain::Field,
    code: domain::Code,
    /// Values the message needs.
    params: BTreeMap<String, String>,
    message: String,
}

/// An RFC 9457 problem (`application/problem+json`).
#[derive(ToSchema)]
#[schema(as = Problem)]
#[allow(dead_code)]
pub struct ProblemDoc {
    #[schema(example = "about:blank")]
    r#type: String,
    title: String,
    status: u16,
    detail: String,
    /// Machine-readable kind, e.g. `validation_failed`, `duplicate`, `immutable`, `stale_version`,
    /// `idempotency_key_reused`, `rate_limited`, `timeout`, `overloaded`, `unavailable`,
    /// `draining`, `not-ready`.
    #[schema(required = false)]
    code: Option<String>,
    /// Field errors (422, 409).
    #[schema(required = false)]
    errors: Option<Vec<IssueDoc>>,
    /// The customer as it is now (412).
    #[schema(required = false)]
    current: Option<domain::Customer>,
    /// The request's id, as in the `x-request-id` header (the client's own if it sent a
    /// well-formed one: 1 to 128 visible ASCII characters): quote it to support.
    #[schema(required = false, example = "5f0c6a43-9f1e-4c1b-a0f4-2f3d1e9b7c11")]
    request_id: Option<String>,
}

/// Problem answers several operations share: one response component each, referenced by the
/// operations (an answer of one operation only states its own description at the operation).
#[derive(ToResponse)]
#[response(
    description = "No valid credentials",
    content_type = "application/problem+json"
)]
#[allow(dead_code)]
pub struct Unauthenticated(ProblemDoc);

/// See [`Unauthenticated`].
#[derive(ToResponse)]
#[response(
    description = "The credentials' role may not do this (code forbidden): a viewer's write, or a usage-writer token's read or write of customers",
    content_type = "application/problem+json"
)]
#[allow(dead_code)]
pub struct Forbidden(ProblemDoc);

/// See [`Unauthenticated`].
#[derive(ToResponse)]
#[response(
    description = "No such customer for this reseller",
    content_type = "application/problem+json"
)]
#[allow(dead_code)]
pub struct NoSuchCustomer(ProblemDoc);

/// See [`Unauthenticated`].
#[derive(ToResponse)]
#[response(
    description = "The body is not JSON",
    content_type = "application/problem+json"
)]
#[allow(dead_code)]
pub struct NotJson(ProblemDoc);

/// See [`Unauthenticated`].
#[derive(ToResponse)]
#[response(
    description = "The body is over 64 KiB",
    content_type = "application/problem+json"
)]
#[allow(dead_code)]
pub struct BodyTooLarge(ProblemDoc);

/// See [`Unauthenticated`].
#[derive(ToResponse)]
#[response(
    description = "Malformed JSON",
    content_type = "application/problem+json"
)]
#[allow(dead_code)]
pub struct MalformedJson(ProblemDoc);

/// See [`Unauthenticated`].
#[derive(ToResponse)]
#[response(
    description = "A query parameter is invalid",
    content_type = "application/problem+json"
)]
#[allow(dead_code)]
pub struct BadQuery(ProblemDoc);

/// The list's query parameters (the CSV export takes the same, without paging).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ListParamsDoc {
    /// Case-insensitive substring of the organization name, domain or id.
    q: Option<String>,
    status: Option<domain::CustomerStatus>,
    storage_type: Option<domain::StorageType>,
    /// `true`: only customers over their licenses, at ≥ 90 % of their storage, pending
    /// activation, with an undeliverable activation email, or running out within 30 days.
    attention: Option<bool>,
    /// `true`: only customers whose storage or licenses run out within 30 days (or already have),
    /// by their forecast.
    runs_out_soon: Option<bool>,
    /// One of organization_name, domain, status, user_licenses, licenses_in_use, extra_storage_gb,
    /// storage_used_gb, storage_type, created_at, updated_at, runs_out_days; prefix `-` for
    /// descending. Ties are broken by id. `runs_out_days` sorts soonest first, customers that do
    /// not run out within 365 days last (first descending). Default (also when empty)
    /// organization_name.
    #[param(
        pattern = "^(-?(organization_name|domain|status|user_licenses|licenses_in_use|extra_storage_gb|storage_used_gb|storage_type|created_at|updated_at|runs_out_days))?$"
    )]
    sort: Option<String>,
    /// 1-based page (default 1).
    #[param(minimum = 1, maximum = 10_000_000)]
    page: Option<u32>,
    /// 1 to 100 (default 25).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

/// The security schemes (bearer token, demo cookie).
pub struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The partner portal's JWT (RS256, ES256 or EdDSA; see the README's \
                         Embedding section) or an API token (`cm_<prefix>_<secret>`, from \
                         `server tokens create`). Reads need any role; an operation whose \
                         security requirement names `manager` refuses a viewer with 403.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "session",
                "Demo mode only (--seed-demo): the browser's session cookie.",
            ))),
        );
    }
}
