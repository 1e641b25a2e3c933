//! The OpenAPI 3.1 document, assembled from the handlers' `#[utoipa::path]` annotations and the
//! schemas of the HTTP layer and the resources. A copy is committed at crates/server/openapi.json
//! (regenerate with `cargo run -p server -- --print-openapi > crates/server/openapi.json`).

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

use crate::http::openapi::*;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Customers API",
        description = "Customer management for Microsoft 365 backup wholesale resellers. Every \
                       /api/v1 request acts for the reseller its credentials name; errors are \
                       RFC 9457 problems. Any /api/v1 request may be answered 503 with code \
                       `timeout` (it took longer than the server's request timeout), \
                       `overloaded` (too many requests in flight; `Retry-After` says when to \
                       retry) or `unavailable` (the database).",
        version = "1.0.0"
    ),
    paths(
        crate::http::health::health,
        crate::http::health::live,
        crate::http::health::ready,
        serve,
        crate::customers::list::list,
        crate::customers::export::export,
        crate::customers::create::create,
        crate::customers::batch::create_batch,
        crate::customers::lookup::lookup,
        crate::customers::get::get_one,
        crate::customers::update::update,
        crate::customers::audit::audit_log,
        crate::customers::resend::resend_activation,
        crate::usage::ingest::ingest,
        crate::usage::history::history,
        crate::outbox::routes::list,
        crate::me::me,
        crate::http::auth::demo_sign_in,
    ),
    components(schemas(
        domain::Customer,
        domain::NewCustomer,
        domain::NewCustomerBatch,
        domain::BatchRow,
        domain::BatchOutcome,
        crate::customers::batch::BatchResultsBody,
        crate::customers::batch::BatchRowBody,
        domain::CustomerChanges,
        domain::CustomerPage,
        domain::StorageType,
        domain::CustomerStatus,
        domain::ActivationEmail,
        domain::import::CustomerLookup,
        IssueDoc,
        domain::Field,
        domain::Code,
        ProblemDoc,
        crate::http::health::HealthDoc,
        domain::AuditEntry,
        domain::ActivationQueued,
        crate::outbox::routes::OutboxEntry,
        domain::Me,
        domain::MeReseller,
        domain::Person,
        domain::Role,
        domain::Forecast,
        domain::RunsOut,
        domain::usage::UsageSample,
        domain::usage::UsageBatch,
        domain::usage::UsagePoint,
        domain::usage::CustomerUsage,
        domain::usage::UsageCode,
        crate::usage::ingest::ItemIssue,
        crate::usage::ingest::ItemResult,
        crate::usage::ingest::Ingested,
        crate::usage::ingest::IngestProblem,
    )),
    components(responses(
        Unauthenticated,
        Forbidden,
        NoSuchCustomer,
        NotJson,
        BodyTooLarge,
        MalformedJson,
        BadQuery,
    )),
    modifiers(&Security),
    security(("bearer" = []), ("session" = [])),
    tags(
        (name = "customers", description = "A reseller's customers"),
        (name = "usage", description = "Daily usage samples and the forecast of when a customer runs out"),
        (name = "system")
    )
)]
/// The document's definition.
pub struct ApiDoc;

/// The document as pretty JSON (what `--print-openapi` prints and the committed copy holds).
pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises")
}

/// The OpenAPI 3.1 document of this API.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "system",
    security(()),
    responses((status = 200, description = "This document", content_type = "application/json"))
)]
pub async fn serve() -> impl IntoResponse {
    static DOC: OnceLock<String> = OnceLock::new();
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOC.get_or_init(document_json).as_str(),
    )
}
