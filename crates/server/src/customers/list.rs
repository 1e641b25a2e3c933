//! `GET /api/v1/customers`: the query string, and one page of the reseller's customers from the
//! list accelerator when it is on, else from the store.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::{CustomerPage, CustomerStatus, StorageType};

use crate::AppState;
use crate::http::ApiError;
use crate::http::auth::Auth;
use crate::http::extract::QueryPairs;
use crate::store::{Filters, ListQuery, SortKey};

/// Customers on a page unless `per_page` says otherwise.
pub const DEFAULT_PER_PAGE: u32 = 25;
/// The largest `per_page`.
pub const MAX_PER_PAGE: u32 = 100;

const LIST_PARAMS: [&str; 7] = [
    "q",
    "status",
    "storage_type",
    "attention",
    "sort",
    "page",
    "per_page",
];

/// Parses the list's query string; every bad value is a 400 with a detail naming it.
pub fn parse_list_params(pairs: &[(String, String)]) -> Result<ListQuery, ApiError> {
    let mut seen: Vec<&str> = Vec::new();
    for (name, _) in pairs {
        if !LIST_PARAMS.contains(&name.as_str()) {
            return Err(ApiError::BadRequest(format!(
                "Unknown query parameter `{name}`; use {}.",
                LIST_PARAMS.map(|p| format!("`{p}`")).join(", ")
            )));
        }
        if seen.contains(&name.as_str()) {
            return Err(ApiError::BadRequest(format!(
                "The query parameter `{name}` is given more than once."
            )));
        }
        seen.push(name);
    }
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    // Stored names and domains never contain control characters, and `\n` separates the parts
    // of the search text the list index matches against.
    let q = get("q")
        .map(|q| {
            q.chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|q| !q.trim().is_empty());
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(ApiError::BadRequest(
            "`q` is too long: at most 200 characters.".into(),
        ));
    }
    let status = match get("status") {
        None => None,
        Some(s) => Some(CustomerStatus::from_wire(s).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "`status` must be `pending_activation` or `active`, not “{s}”."
            ))
        })?),
    };
    let storage_type = match get("storage_type") {
        None => None,
        Some(s) => Some(StorageType::from_wire(s).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "`storage_type` must be `azure_ireland` or `finnish_s3`, not “{s}”."
            ))
        })?),
    };
    let attention = match get("attention") {
        None | Some("false") => false,
        Some("true") => true,
        Some(s) => {
            return Err(ApiError::BadRequest(format!(
                "`attention` must be `true` or `false`, not “{s}”."
            )));
        }
    };
    let (sort, descending) = match get("sort") {
        None => (SortKey::OrganizationName, false),
        Some(s) => {
            let (name, descending) = match s.strip_prefix('-') {
                Some(rest) => (rest, true),
                None => (s, false),
            };
            let key = SortKey::ALL
                .into_iter()
                .find(|k| k.as_str() == name)
                .ok_or_else(|| {
                    ApiError::BadRequest(format!(
                        "`sort` must be one of {} (prefix `-` for descending), not “{s}”.",
                        SortKey::ALL.map(|k| k.as_str()).join(", ")
                    ))
                })?;
            (key, descending)
        }
    };
    let number = |name: &str, default: u32, max: u32| -> Result<u32, ApiError> {
        match get(name) {
            None => Ok(default),
            Some(s) => match s.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::BadRequest(format!(
                    "`{name}` must be a whole number from 1 to {max}, not “{s}”."
                ))),
            },
        }
    };
    let page = number("page", 1, 10_000_000)?;
    let per_page = number("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    Ok(ListQuery {
        filters: Filters {
            q,
            status,
            storage_type,
            attention,
        },
        sort,
        descending,
        page,
        per_page,
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/customers",
    tag = "customers",
    params(crate::http::openapi::ListParamsDoc),
    responses(
        (status = 200, description = "One page of the reseller's customers", body = crate::http::openapi::CustomerPageDoc),
        (status = 400, description = "A query parameter is invalid", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = crate::http::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `GET /api/v1/customers`
pub async fn list(
    State(state): State<AppState>,
    Auth(reseller): Auth,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let query = parse_list_params(&pairs)?;
    let json = page_json(&state, &reseller.id, &query).await?;
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
    query: &ListQuery,
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
        page: query.page,
        per_page: query.per_page,
    };
    serde_json::to_string(&page).map_err(|e| ApiError::internal(e.into()))
}
