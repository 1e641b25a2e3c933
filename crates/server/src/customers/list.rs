//! `GET /api/v1/customers`: the query string, and one page of the reseller's customers from the
//! list accelerator when it is on, else from the store.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::CustomerPage;
use domain::{LIST_PARAMS, MAX_PAGE, MAX_PER_PAGE, QueryError};

use crate::AppState;
use crate::http::ApiError;
use crate::http::extract::QueryPairs;
use crate::http::identity::Auth;
use crate::store::{CustomerQuery, Filters, SortKey};

/// Parses the list's query string with the domain's contract; every bad value is a 400 with a
/// detail naming it.
pub fn parse_list_params(pairs: &[(String, String)]) -> Result<CustomerQuery, ApiError> {
    let query =
        domain::ListQuery::parse(pairs).map_err(|e| ApiError::BadRequest(query_error(&e)))?;
    let sort = query.sort_or_default();
    // Stored names and domains never contain control characters (the domain drops them from
    // `q`), and `\n` separates the parts of the search text the list index matches against.
    let q = Some(query.q.to_lowercase()).filter(|q| !q.is_empty());
    Ok(CustomerQuery {
        filters: Filters {
            q,
            status: query.status,
            storage_type: query.storage_type,
            attention: query.attention,
            runs_out_soon: query.runs_out_soon,
        },
        sort: sort.key,
        descending: sort.descending,
        page: query.page,
        per_page: query.per_page,
    })
}

/// The API's English wording of a refused list query.
fn query_error(error: &QueryError) -> String {
    match error {
        QueryError::Unknown { name } => format!(
            "Unknown query parameter `{name}`; use {}.",
            LIST_PARAMS.map(|p| format!("`{p}`")).join(", ")
        ),
        QueryError::Repeated { name } => {
            format!("The query parameter `{name}` is given more than once.")
        }
        QueryError::TooLong { name, max } => {
            format!("`{name}` is too long: at most {max} characters.")
        }
        QueryError::Invalid { name, value } => match *name {
            "status" => {
                format!("`status` must be `pending_activation` or `active`, not “{value}”.")
            }
            "storage_type" => {
                format!("`storage_type` must be `azure_ireland` or `finnish_s3`, not “{value}”.")
            }
            "attention" | "runs_out_soon" => {
                format!("`{name}` must be `true` or `false`, not “{value}”.")
            }
            "sort" => format!(
                "`sort` must be one of {} (prefix `-` for descending), not “{value}”.",
                SortKey::ALL.map(|k| k.as_str()).join(", ")
            ),
            "page" => format!("`page` must be a whole number from 1 to {MAX_PAGE}, not “{value}”."),
            _ => {
                format!("`{name}` must be a whole number from 1 to {MAX_PER_PAGE}, not “{value}”.")
            }
        },
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/customers",
    tag = "customers",
    params(crate::http::openapi::ListParamsDoc),
    responses(
        (status = 200, description = "One page of the reseller's customers", body = domain::CustomerPage),
        (status = 400, response = crate::http::openapi::BadQuery),
        (status = 401, response = crate::http::openapi::Unauthenticated),
        (status = 403, response = crate::http::openapi::Forbidden),
    )
)]
/// `GET /api/v1/customers`
pub async fn list(
    State(state): State<AppState>,
    Auth(identity): Auth,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let query = parse_list_params(&pairs)?;
    let json = page_json(&state, &identity.reseller.id, &query).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        json,
    )
        .into_response())
}

/// One page as the JSON the endpoint sends (what serde writes for the [`CustomerPage`]).
pub async fn page_json(
    state: &AppState,
    reseller_id: &str,
    query: &CustomerQuery,
) -> Result<String, ApiError> {
    if let Some(cache) = &state.list_cache {
        return Ok(cache
            .page_json(state.store.as_ref(), reseller_id, query)
            .await?);
    }
    let page = state.store.list_page(reseller_id, query).await?;
    let page = CustomerPage {
        items: page.items,
        total: page.total,
        total_is_lower_bound: page.total_is_lower_bound,
        page: query.page,
        per_page: query.per_page,
    };
    serde_json::to_string(&page).map_err(|e| ApiError::internal(e.into()))
}
