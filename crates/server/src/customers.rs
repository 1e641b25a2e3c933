//! `/api/v1/customers`: list, export, create, read, edit, audit and activation email resend.
//! Every write is validated by the domain crate; every query is scoped by the reseller.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{
    ActivationQueued, AuditEntry, Code, Customer, CustomerChanges, CustomerPage, CustomerStatus,
    Field, Issue, LIST_PARAMS, ListQuery, MAX_PAGE, NewCustomer, QueryError, StorageType,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::auth::Auth;
use crate::db::{self, CUSTOMER_COLUMNS, Reseller, customer_from_row};
use crate::error::ApiError;
use crate::extract::{ApiJson, QueryPairs};
use crate::list_index::Indexes;
use crate::outbox;

pub use domain::{DEFAULT_PER_PAGE, MAX_PER_PAGE, SortKey};
/// At most one activation email per customer in this many seconds.
pub const ACTIVATION_INTERVAL_SECS: i64 = 60;
/// The longest `Idempotency-Key` accepted.
pub const IDEMPOTENCY_KEY_MAX: usize = 255;
/// How long a stored `Idempotency-Key` is honoured (a day); older ones are deleted.
pub const IDEMPOTENCY_KEY_TTL_SECS: i64 = 24 * 60 * 60;

// ---------------------------------------------------------------------------------------------
// Query parameters

/// The list filters (shared by the list and the CSV export).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Lower-cased search text.
    pub q: Option<String>,
    pub status: Option<CustomerStatus>,
    pub storage_type: Option<StorageType>,
    pub attention: bool,
}

#[derive(Debug, Clone)]
pub struct ListParams {
    pub filters: Filters,
    pub sort: SortKey,
    pub descending: bool,
    pub page: u32,
    pub per_page: u32,
}

/// Parses the list's query string (the domain's [`ListQuery`] contract); every bad value is a
/// 400 with a detail naming it.
pub fn parse_list_params(pairs: &[(String, String)]) -> Result<ListParams, ApiError> {
    let query = ListQuery::parse(pairs).map_err(|e| ApiError::BadRequest(query_error(&e)))?;
    let sort = query.sort_or_default();
    // The index matches lower-cased text; stored names and domains have no control characters.
    let q = Some(query.q.to_lowercase()).filter(|q| !q.is_empty());
    Ok(ListParams {
        filters: Filters {
            q,
            status: query.status,
            storage_type: query.storage_type,
            attention: query.attention,
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
            "attention" => format!("`attention` must be `true` or `false`, not “{value}”."),
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

/// One page of a reseller's customers, from the in-memory index (see [`crate::list_index`]),
/// brought up to date with the database first.
pub fn list_page(
    conn: &mut Connection,
    indexes: &Indexes,
    reseller_id: &str,
    p: &ListParams,
) -> rusqlite::Result<CustomerPage> {
    let (total, items) = read_index(conn, indexes, reseller_id, |index| {
        let (total, slots) = select_page(index, p);
        let items = slots
            .into_iter()
            .map(|s| index.customer(s).clone())
            .collect::<Vec<_>>();
        (total, items)
    })?;
    Ok(CustomerPage {
        items,
        total: total as u64,
        page: p.page,
        per_page: p.per_page,
    })
}

/// [`list_page`] as the JSON the endpoint sends (the same bytes serde writes for the
/// [`CustomerPage`]), from each customer's JSON kept in the index.
pub fn list_page_json(
    conn: &mut Connection,
    indexes: &Indexes,
    reseller_id: &str,
    p: &ListParams,
) -> rusqlite::Result<String> {
    read_index(conn, indexes, reseller_id, |index| {
        let (total, slots) = select_page(index, p);
        let mut json = String::with_capacity(64 + slots.len() * 512);
        json.push_str("{\"items\":[");
        for (i, &slot) in slots.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(index.customer_json(slot));
        }
        json.push_str(&format!(
            "],\"total\":{total},\"page\":{},\"per_page\":{}}}",
            p.page, p.per_page
        ));
        json
    })
}

/// The matching total and the slots of the page `p` asks for.
fn select_page(index: &crate::list_index::ResellerIndex, p: &ListParams) -> (usize, Vec<u32>) {
    let offset = (p.page as usize - 1) * p.per_page as usize;
    index.select(
        &p.filters,
        p.sort,
        p.descending,
        offset,
        p.per_page as usize,
    )
}

/// Runs `f` on the reseller's index, current as of a read transaction.
fn read_index<R>(
    conn: &mut Connection,
    indexes: &Indexes,
    reseller_id: &str,
    f: impl FnOnce(&crate::list_index::ResellerIndex) -> R,
) -> rusqlite::Result<R> {
    let tx = conn.transaction()?;
    let result = indexes.read(&tx, reseller_id, f)?;
    tx.commit()?;
    Ok(result)
}

#[utoipa::path(
    get,
    path = "/api/v1/customers",
    tag = "customers",
    params(crate::openapi::ListParamsDoc),
    responses(
        (status = 200, description = "One page of the reseller's customers", body = crate::openapi::CustomerPageDoc),
        (status = 400, description = "A query parameter is invalid", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `GET /api/v1/customers`
pub async fn list(
    State(state): State<AppState>,
    Auth(reseller): Auth,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let params = parse_list_params(&pairs)?;
    let indexes = state.db.indexes();
    let page = state
        .db
        .call(move |conn| Ok(list_page_json(conn, &indexes, &reseller.id, &params)?))
        .await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        page,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// CSV export

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

/// A cell a spreadsheet would read as a formula gets a leading `'`.
pub fn csv_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn export_csv(
    conn: &mut Connection,
    indexes: &Indexes,
    reseller_id: &str,
    p: &ListParams,
) -> anyhow::Result<Vec<u8>> {
    let rows = read_index(conn, indexes, reseller_id, |index| {
        let (_, slots) = index.select(&p.filters, p.sort, p.descending, 0, usize::MAX);
        slots
            .into_iter()
            .map(|s| index.customer(s).clone())
            .collect::<Vec<_>>()
    })?;
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
        out.write_record(record.iter().map(|cell| csv_safe(cell)))?;
    }
    out.into_inner()
        .map_err(|e| anyhow::anyhow!("finishing the CSV: {e}"))
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/export.csv",
    tag = "customers",
    params(crate::openapi::ListParamsDoc),
    responses(
        (status = 200, description = "Every customer matching the filters as CSV with a header row (id, organization_name, domain, status, user_licenses, licenses_in_use, extra_storage_gb, storage_used_gb, storage_type, notify_emails joined with \"; \", created_at); cells starting with = + - @ tab or CR are prefixed with '", content_type = "text/csv", body = String,
         headers(("Content-Disposition" = String, description = "attachment; filename=\"customers.csv\""))),
        (status = 400, description = "A query parameter is invalid", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `GET /api/v1/customers/export.csv`
pub async fn export(
    State(state): State<AppState>,
    Auth(reseller): Auth,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let params = parse_list_params(&pairs)?;
    let indexes = state.db.indexes();
    let bytes = state
        .db
        .call(move |conn| Ok(export_csv(conn, &indexes, &reseller.id, &params)?))
        .await?;
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

// ---------------------------------------------------------------------------------------------
// Reading one

/// A reseller's customer, or `None` (also when it belongs to another reseller).
pub fn find(conn: &Connection, reseller_id: &str, id: &str) -> rusqlite::Result<Option<Customer>> {
    conn.prepare_cached(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?1 AND reseller_id = ?2"
    ))?
    .query_row(params![id, reseller_id], customer_from_row)
    .optional()
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("There is no customer with id “{id}”."))
}

/// The strong ETag of a version.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("an ETag is header-safe")
}

fn with_etag(status: StatusCode, customer: &Customer) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::ETAG, etag(customer.version));
    (status, headers, axum::Json(customer)).into_response()
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id")),
    responses(
        (status = 200, description = "The customer", body = crate::openapi::CustomerDoc,
         headers(("ETag" = String, description = "\"<version>\": send it back as If-Match to edit"))),
        (status = 401, description = "No valid credentials", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for this reseller", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `GET /api/v1/customers/{id}`
pub async fn get_one(
    State(state): State<AppState>,
    Auth(reseller): Auth,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let customer = state
        .db
        .call(move |conn| find(conn, &reseller.id, &id)?.ok_or_else(|| not_found(&id)))
        .await?;
    Ok(with_etag(StatusCode::OK, &customer))
}

// ---------------------------------------------------------------------------------------------
// Creating

/// A stored response to replay for a repeated `Idempotency-Key`.
struct StoredResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl StoredResponse {
    fn into_response(self, replayed: bool) -> Response {
        let mut response = Response::new(axum::body::Body::from(self.body));
        *response.status_mut() = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        for (name, value) in self.headers {
            if let (Ok(name), Ok(value)) =
                (HeaderName::try_from(name), HeaderValue::try_from(value))
            {
                headers.insert(name, value);
            }
        }
        if replayed {
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
        }
        response
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().map(str::trim).unwrap_or("");
    if key.is_empty()
        || key.len() > IDEMPOTENCY_KEY_MAX
        || !key.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(ApiError::BadRequest(format!(
            "`Idempotency-Key` must be 1 to {IDEMPOTENCY_KEY_MAX} visible ASCII characters (e.g. a UUID)."
        )));
    }
    Ok(Some(key.to_owned()))
}

/// The lower-cased text `q` searches: name, domain and id.
pub fn search_key(organization_name: &str, domain: Option<&str>, id: &str) -> String {
    format!(
        "{}\n{}\n{}",
        organization_name.to_lowercase(),
        domain.unwrap_or("").to_lowercase(),
        id.to_lowercase()
    )
}

/// Inserts a customer (and its creation audit entry); the caller checked uniqueness.
pub fn insert_customer(
    conn: &Connection,
    reseller: &Reseller,
    customer: &Customer,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO customers (id, reseller_id, organization_name, name_key, domain, user_licenses, \
         extra_storage_gb, notify_emails, storage_type, status, licenses_in_use, storage_used_gb, usage_updated_at, \
         created_at, updated_at, version, search_key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        customer.id,
        reseller.id,
        customer.organization_name,
        customer.organization_name.to_lowercase(),
        customer.domain.as_deref().map(str::to_lowercase),
        i64::from(customer.user_licenses),
        customer.extra_storage_gb as i64,
        serde_json::to_string(&customer.notify_emails).expect("strings serialise"),
        customer.storage_type.as_str(),
        customer.status.as_str(),
        i64::from(customer.licenses_in_use),
        customer.storage_used_gb as i64,
        customer.usage_updated_at,
        customer.created_at,
        customer.updated_at,
        customer.version,
        search_key(&customer.organization_name, customer.domain.as_deref(), &customer.id),
    ])?;
    audit(
        conn,
        &customer.id,
        &customer.created_at,
        &reseller.user_email,
        "created",
        None,
        Some(&Value::from(customer.organization_name.clone())),
    )
}

fn audit(
    conn: &Connection,
    customer_id: &str,
    at: &str,
    actor: &str,
    field: &str,
    old: Option<&Value>,
    new: Option<&Value>,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO audit (customer_id, at, actor, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![customer_id, at, actor, field, old.map(Value::to_string), new.map(Value::to_string)])?;
    Ok(())
}

/// The issues for names and domains another of the reseller's customers already has.
fn duplicates(
    conn: &Connection,
    reseller_id: &str,
    c: &NewCustomer,
) -> rusqlite::Result<Vec<Issue>> {
    let mut issues = Vec::new();
    let name_taken: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM customers WHERE reseller_id = ?1 AND name_key = ?2)",
        )?
        .query_row(
            params![reseller_id, c.organization_name.to_lowercase()],
            |r| r.get(0),
        )?;
    if name_taken {
        issues.push(
            Issue::new(Field::OrganizationName, Code::Duplicate)
                .with("value", &c.organization_name),
        );
    }
    if let Some(domain) = &c.domain {
        let domain_taken: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM customers WHERE reseller_id = ?1 AND domain = ?2)",
            )?
            .query_row(params![reseller_id, domain.to_lowercase()], |r| r.get(0))?;
        if domain_taken {
            issues.push(Issue::new(Field::Domain, Code::Duplicate).with("value", domain));
        }
    }
    Ok(issues)
}

#[utoipa::path(
    post,
    path = "/api/v1/customers",
    tag = "customers",
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeating a request with the same key and body replays the first response and creates nothing; the same key with another body is 422 idempotency_key_reused. A key is kept for 24 hours, then it is new again")),
    request_body(content = crate::openapi::NewCustomerDoc, content_type = "application/json"),
    responses(
        (status = 201, description = "Created (status pending_activation, version 1); the activation email is queued", body = crate::openapi::CustomerDoc,
         headers(("Location" = String, description = "/api/v1/customers/{id}"), ("ETag" = String, description = "\"1\""))),
        (status = 400, description = "Malformed JSON or Idempotency-Key", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 409, description = "The organization name or domain is taken (errors name the field, code duplicate)", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 64 KiB", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "Validation errors (errors), an unknown field, or a reused Idempotency-Key", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `POST /api/v1/customers`
pub async fn create(
    State(state): State<AppState>,
    Auth(reseller): Auth,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewCustomer>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let request_hash = hex::encode(Sha256::digest(
        serde_json::to_vec(&body).expect("a NewCustomer serialises"),
    ));
    let validated = body.validate();
    let public_url = state.settings.public_url.clone();
    let result = state
        .db
        .call(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Expired keys (every reseller's) go first: an expired key is a new key.
            let expired_before = db::format_time(
                time::OffsetDateTime::now_utc() - time::Duration::seconds(IDEMPOTENCY_KEY_TTL_SECS),
            );
            tx.prepare_cached("DELETE FROM idempotency_keys WHERE created_at < ?1")?
                .execute([&expired_before])?;
            if let Some(key) = &key {
                let stored = tx
                    .query_row(
                        "SELECT request_hash, status, headers, body FROM idempotency_keys \
                         WHERE reseller_id = ?1 AND key = ?2",
                        params![reseller.id, key],
                        |r| Ok((r.get::<_, String>(0)?, r.get::<_, u16>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)),
                    )
                    .optional()?;
                if let Some((hash, status, headers, body)) = stored {
                    if hash != request_hash {
                        return Err(ApiError::Unprocessable {
                            detail: "This Idempotency-Key was already used with a different request body; use a \
                                     new key for a new request."
                                .into(),
                            code: Some("idempotency_key_reused"),
                            errors: Vec::new(),
                        });
                    }
                    let headers = serde_json::from_str(&headers).map_err(|e| ApiError::internal(e.into()))?;
                    return Ok(StoredResponse { status, headers, body }.into_response(true));
                }
            }
            let Some(new) = validated.value else {
                return Err(ApiError::validation(validated.report.errors));
            };
            let dups = duplicates(&tx, &reseller.id, &new)?;
            if !dups.is_empty() {
                return Err(ApiError::Conflict(dups));
            }
            let at = db::now();
            let customer = Customer {
                id: uuid::Uuid::new_v4().to_string(),
                organization_name: new.organization_name,
                domain: new.domain,
                user_licenses: new.user_licenses,
                extra_storage_gb: new.extra_storage_gb,
                notify_emails: new.notify_emails,
                storage_type: new.storage_type,
                status: CustomerStatus::PendingActivation,
                licenses_in_use: 0,
                storage_used_gb: 0,
                usage_updated_at: at.clone(),
                created_at: at.clone(),
                updated_at: at.clone(),
                version: 1,
            };
            insert_customer(&tx, &reseller, &customer).map_err(unique_violation)?;
            outbox::queue_activation(&tx, &reseller, &customer, &public_url, &at)?;
            let stored = StoredResponse {
                status: StatusCode::CREATED.as_u16(),
                headers: vec![
                    ("location".into(), format!("/api/v1/customers/{}", customer.id)),
                    ("etag".into(), format!("\"{}\"", customer.version)),
                ],
                body: serde_json::to_string(&customer).map_err(|e| ApiError::internal(e.into()))?,
            };
            if let Some(key) = &key {
                tx.execute(
                    "INSERT INTO idempotency_keys (reseller_id, key, request_hash, status, headers, body, created_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        reseller.id,
                        key,
                        request_hash,
                        stored.status,
                        serde_json::to_string(&stored.headers).map_err(|e| ApiError::internal(e.into()))?,
                        stored.body,
                        at
                    ],
                )?;
            }
            tx.commit()?;
            Ok(stored.into_response(false))
        })
        .await?;
    if result.status() == StatusCode::CREATED
        && result.headers().get("idempotent-replayed").is_none()
    {
        state.outbox_wakeup.notify_one();
    }
    Ok(result)
}

/// Unique-index violations (a race the explicit check missed) as field errors.
fn unique_violation(e: rusqlite::Error) -> ApiError {
    if let rusqlite::Error::SqliteFailure(err, Some(msg)) = &e
        && err.code == rusqlite::ErrorCode::ConstraintViolation
    {
        if msg.contains("name_key") {
            return ApiError::Conflict(vec![Issue::new(Field::OrganizationName, Code::Duplicate)]);
        }
        if msg.contains("domain") {
            return ApiError::Conflict(vec![Issue::new(Field::Domain, Code::Duplicate)]);
        }
    }
    e.into()
}

// ---------------------------------------------------------------------------------------------
// Editing

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

/// What `If-Match` asks for.
enum IfMatch {
    Any,
    Versions(Vec<String>),
}

fn parse_if_match(headers: &HeaderMap) -> Result<Option<IfMatch>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::BadRequest("`If-Match` must be an ETag such as \"3\".".into()))?
        .trim();
    if value == "*" {
        return Ok(Some(IfMatch::Any));
    }
    let tags: Vec<String> = value
        .split(',')
        .map(|t| {
            let t = t.trim();
            let t = t.strip_prefix("W/").unwrap_or(t);
            t.trim_matches('"').to_owned()
        })
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return Err(ApiError::BadRequest(
            "`If-Match` must be an ETag such as \"3\".".into(),
        ));
    }
    Ok(Some(IfMatch::Versions(tags)))
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
    request_body(content = crate::openapi::CustomerChangesDoc, content_type = "application/json"),
    responses(
        (status = 200, description = "The updated customer (an empty change returns it unchanged)", body = crate::openapi::CustomerDoc,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed JSON", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for this reseller", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale: `current` holds the customer as it is now; nothing was written", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 64 KiB", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A key that may not change (code immutable) or a validation error (e.g. below_usage)", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `PATCH /api/v1/customers/{id}`
pub async fn update(
    State(state): State<AppState>,
    Auth(reseller): Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let if_match = parse_if_match(&headers)?;
    let customer = state
        .db
        .call(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let current = find(&tx, &reseller.id, &id)?.ok_or_else(|| not_found(&id))?;
            match if_match {
                None => {
                    return Err(ApiError::PreconditionRequired(format!(
                        "Send `If-Match: \"{}\"` (the ETag you read) so that changes made meanwhile are not \
                         overwritten.",
                        current.version
                    )));
                }
                Some(IfMatch::Any) => {}
                Some(IfMatch::Versions(tags)) => {
                    if !tags.iter().any(|t| *t == current.version.to_string()) {
                        return Err(ApiError::PreconditionFailed(Box::new(current)));
                    }
                }
            }
            let changes = parse_changes(body)?;
            let report = changes.validate(&current);
            if !report.is_ok() {
                return Err(ApiError::validation(report.errors));
            }
            let mut diffs: Vec<(&str, Value, Value)> = Vec::new();
            if let Some(n) = changes.user_licenses.filter(|n| *n != current.user_licenses) {
                diffs.push(("user_licenses", current.user_licenses.into(), n.into()));
            }
            if let Some(n) = changes.extra_storage_gb.filter(|n| *n != current.extra_storage_gb) {
                diffs.push(("extra_storage_gb", current.extra_storage_gb.into(), n.into()));
            }
            if diffs.is_empty() {
                return Ok(current);
            }
            let at = db::now();
            tx.execute(
                "UPDATE customers SET user_licenses = ?1, extra_storage_gb = ?2, updated_at = ?3, \
                 version = version + 1 WHERE id = ?4 AND reseller_id = ?5",
                params![
                    i64::from(changes.user_licenses.unwrap_or(current.user_licenses)),
                    changes.extra_storage_gb.unwrap_or(current.extra_storage_gb) as i64,
                    at,
                    current.id,
                    reseller.id
                ],
            )?;
            for (field, old, new) in &diffs {
                audit(&tx, &current.id, &at, &reseller.user_email, field, Some(old), Some(new))?;
            }
            let updated = find(&tx, &reseller.id, &current.id)?.ok_or_else(|| not_found(&current.id))?;
            tx.commit()?;
            Ok(updated)
        })
        .await?;
    Ok(with_etag(StatusCode::OK, &customer))
}

// ---------------------------------------------------------------------------------------------
// Audit

#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/audit",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id")),
    responses(
        (status = 200, description = "Changes, newest first; the creation is an entry with field `created`", body = Vec<crate::openapi::AuditEntryDoc>),
        (status = 401, description = "No valid credentials", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for this reseller", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `GET /api/v1/customers/{id}/audit`
pub async fn audit_log(
    State(state): State<AppState>,
    Auth(reseller): Auth,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<AuditEntry>>, ApiError> {
    let entries = state
        .db
        .call(move |conn| {
            find(conn, &reseller.id, &id)?.ok_or_else(|| not_found(&id))?;
            let mut stmt = conn.prepare_cached(
                "SELECT at, actor, field, old, new FROM audit WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
            )?;
            let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(Value::Null);
            let rows = stmt.query_map([&id], |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    field: r.get(2)?,
                    old: parse(r.get(3)?),
                    new: parse(r.get(4)?),
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(axum::Json(entries))
}

// ---------------------------------------------------------------------------------------------
// Activation email

#[utoipa::path(
    post,
    path = "/api/v1/customers/{id}/activation-email",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id")),
    responses(
        (status = 202, description = "A new activation email is queued to the notify addresses", body = crate::openapi::QueuedDoc),
        (status = 401, description = "No valid credentials", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for this reseller", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
        (status = 429, description = "One was sent less than a minute ago", body = crate::openapi::ProblemDoc, content_type = "application/problem+json"),
    )
)]
/// `POST /api/v1/customers/{id}/activation-email`
pub async fn resend_activation(
    State(state): State<AppState>,
    Auth(reseller): Auth,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let public_url = state.settings.public_url.clone();
    let queued = state
        .db
        .call(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let customer = find(&tx, &reseller.id, &id)?.ok_or_else(|| not_found(&id))?;
            let last: Option<String> = tx.query_row(
                "SELECT activation_sent_at FROM customers WHERE id = ?1",
                [&customer.id],
                |r| r.get(0),
            )?;
            let now = time::OffsetDateTime::now_utc();
            if let Some(last) = last.as_deref().and_then(db::parse_time) {
                let next = last + time::Duration::seconds(ACTIVATION_INTERVAL_SECS);
                if next > now {
                    let wait = (next - now).as_seconds_f64().ceil().max(1.0) as u64;
                    return Err(ApiError::TooManyRequests {
                        retry_after: wait,
                        detail: format!(
                            "An activation email was sent to this customer less than a minute ago; you can send \
                             another in {wait} s (at {}).",
                            db::format_time(next)
                        ),
                    });
                }
            }
            if customer.notify_emails.is_empty() {
                return Err(ApiError::validation(vec![Issue::new(Field::NotifyEmails, Code::Required)]));
            }
            outbox::queue_activation(&tx, &reseller, &customer, &public_url, &db::format_time(now))?;
            tx.commit()?;
            Ok(ActivationQueued { queued: true, recipients: customer.notify_emails })
        })
        .await?;
    state.outbox_wakeup.notify_one();
    Ok((StatusCode::ACCEPTED, axum::Json(queued)).into_response())
}
