//! `GET /api/v1/customers/export.csv`: every customer matching the list's filters, as CSV.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::Customer;
use domain::import::neutralise_cell;

use crate::AppState;
use crate::customers::list::parse_list_params;
use crate::http::ApiError;
use crate::http::extract::QueryPairs;
use crate::http::identity::Auth;

/// The export's columns, in order.
pub const CSV_COLUMNS: [&str; 11] = [
    "id",
    "organization_name",
    "domain",
    "status",
    "user_licenses",
    "licenses_in_use",
    "extra_storage_gb",
    "storage_used_gb",
    "storage_type",
    "notify_emails",
    "created_at",
];

/// The CSV file of `rows` (a header row, then one row per customer); every cell is
/// neutralised as the import's outcome report is, so names such as `=HYPERLINK(…)` stay text.
pub fn to_csv(rows: Vec<Customer>) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CSV_COLUMNS)?;
    for c in rows {
        let record = [
            c.id,
            c.organization_name,
            c.domain.unwrap_or_default(),
            c.status.as_str().to_owned(),
            c.user_licenses.to_string(),
            c.licenses_in_use.to_string(),
            c.extra_storage_gb.to_string(),
            c.storage_used_gb.to_string(),
            c.storage_type.as_str().to_owned(),
            c.notify_emails.join("; "),
            c.created_at,
        ];
        out.write_record(record.iter().map(|cell| neutralise_cell(cell).into_owned()))?;
    }
    out.into_inner()
        .map_err(|e| anyhow::anyhow!("finishing the CSV: {e}"))
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/export.csv",
    tag = "customers",
    params(crate::http::openapi::ListParamsDoc),
    responses(
        (status = 200, description = "Every customer matching the filters as CSV with a header row (id, organization_name, domain, status, user_licenses, licenses_in_use, extra_storage_gb, storage_used_gb, storage_type, notify_emails joined with \"; \", created_at); cells starting with = + - @ tab or CR are prefixed with '", content_type = "text/csv", body = String,
         headers(("Content-Disposition" = String, description = "attachment; filename=\"customers.csv\""))),
        (status = 400, response = crate::http::openapi::BadQuery),
        (status = 401, response = crate::http::openapi::Unauthenticated),
    )
)]
/// `GET /api/v1/customers/export.csv`
pub async fn export(
    State(state): State<AppState>,
    Auth(identity): Auth,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let query = parse_list_params(&pairs)?;
    let rows = match &state.list_cache {
        Some(cache) => {
            cache
                .export(state.store.as_ref(), &identity.reseller.id, &query)
                .await?
        }
        None => state.store.export(&identity.reseller.id, &query).await?,
    };
    let bytes = to_csv(rows)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"customers.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}
