//! `GET /api/v1/customers/export.csv`: every customer matching the list's filters, as CSV.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::import::neutralise_cell;
use domain::{Customer, RunsOut};

use crate::AppState;
use crate::customers::list::parse_list_params;
use crate::http::ApiError;
use crate::http::extract::QueryPairs;
use crate::http::identity::Auth;

/// The export's columns, in order.
pub const CSV_COLUMNS: [&str; 15] = [
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
    "usage_updated_at",
    "storage_runs_out",
    "licenses_runs_out",
    "runs_out_days",
];

/// A forecast cell: the days (0 to 365), or `now`, `not_growing`, `not_enough_history`,
/// `beyond_365`.
fn runs_out_cell(r: RunsOut) -> String {
    match r {
        RunsOut::InDays { days } => days.to_string(),
        other => other.to_code(),
    }
}

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
            c.usage_updated_at,
            runs_out_cell(c.forecast.storage),
            runs_out_cell(c.forecast.licenses),
            c.forecast
                .runs_out_days()
                .map(|d| d.to_string())
                .unwrap_or_default(),
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
        (status = 200, description = "Every customer matching the filters as CSV with a header row (id, organization_name, domain, status, user_licenses, licenses_in_use, extra_storage_gb, storage_used_gb, storage_type, notify_emails joined with \"; \", created_at, usage_updated_at, storage_runs_out, licenses_runs_out, runs_out_days: a forecast is its days or now, not_growing, not_enough_history, beyond_365; runs_out_days the sooner in days, empty when neither runs out within 365); cells starting with = + - @ tab or CR are prefixed with '", content_type = "text/csv", body = String,
         headers(("Content-Disposition" = String, description = "attachment; filename=\"customers.csv\""))),
        (status = 400, response = crate::http::openapi::BadQuery),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
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
