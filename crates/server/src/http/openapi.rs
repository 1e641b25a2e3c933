//! The OpenAPI schemas the HTTP layer owns (problems, the list's parameters) and mirrors of the
//! domain's wire types (the domain crate stays free of utoipa; a test checks that serialised
//! domain values have exactly the mirrored shape), plus the shape checker those tests use. The
//! document itself is assembled in `crate::api_doc`.

use std::collections::BTreeMap;

use serde_json::Value;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, ToSchema};

/// Where backups are stored; fixed at creation.
#[derive(ToSchema)]
#[schema(as = StorageType)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum StorageTypeDoc {
    AzureIreland,
    FinnishS3,
}

/// Whether the customer has registered its Microsoft 365 domain.
#[derive(ToSchema)]
#[schema(as = CustomerStatus)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum CustomerStatusDoc {
    PendingActivation,
    Active,
}

/// Where the customer's latest activation email is: `queued` (also while a refused email is
/// retried, with backoff, for at least three days), `sent`, or `undeliverable` (given up on; the
/// customer needs attention until a Resend is delivered).
#[derive(ToSchema)]
#[schema(as = ActivationEmail)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ActivationEmailDoc {
    Queued,
    Sent,
    Undeliverable,
}

/// A reseller's customer. Timestamps are RFC 3339 strings in UTC.
#[derive(ToSchema)]
#[schema(as = Customer)]
#[allow(dead_code)]
pub struct CustomerDoc {
    /// Opaque identifier.
    id: String,
    organization_name: String,
    /// The Microsoft 365 domain, normalised; null until registered.
    domain: Option<String>,
    user_licenses: u32,
    /// Total storage allocation in whole GB (1 TB = 1000 GB).
    extra_storage_gb: u64,
    notify_emails: Vec<String>,
    storage_type: StorageTypeDoc,
    status: CustomerStatusDoc,
    licenses_in_use: u32,
    storage_used_gb: u64,
    #[schema(format = DateTime)]
    usage_updated_at: String,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
    /// Incremented on every change; the `ETag` is `"<version>"`.
    version: i64,
    /// Where the latest activation email is (its delivery does not change `version`).
    activation_email: ActivationEmailDoc,
}

/// The create payload. Unknown fields are refused (422).
#[derive(ToSchema)]
#[schema(as = NewCustomer)]
#[allow(dead_code)]
pub struct NewCustomerDoc {
    organization_name: String,
    #[schema(required = false)]
    domain: Option<String>,
    user_licenses: u32,
    extra_storage_gb: u64,
    notify_emails: Vec<String>,
    storage_type: StorageTypeDoc,
}

/// Organization names and domains: what `POST /api/v1/customers/lookup` looks for, and the
/// subset it finds. Unknown fields are refused (422).
#[derive(ToSchema)]
#[schema(as = CustomerLookup)]
#[allow(dead_code)]
pub struct CustomerLookupDoc {
    /// At most 500.
    #[schema(required = false, max_items = 500)]
    organization_names: Vec<String>,
    /// At most 500.
    #[schema(required = false, max_items = 500)]
    domains: Vec<String>,
}

/// The edit payload: only these fields may change; any other key is refused as `immutable`.
#[derive(ToSchema)]
#[schema(as = CustomerChanges)]
#[allow(dead_code)]
pub struct CustomerChangesDoc {
    #[schema(required = false)]
    user_licenses: Option<u32>,
    #[schema(required = false)]
    extra_storage_gb: Option<u64>,
}

/// One page of the customer list.
#[derive(ToSchema)]
#[schema(as = CustomerPage)]
#[allow(dead_code)]
pub struct CustomerPageDoc {
    items: Vec<CustomerDoc>,
    /// How many customers match the filters, over all pages.
    total: u64,
    /// 1-based page number.
    page: u32,
    per_page: u32,
}

/// The customer field an issue is about: its JSON key (`other`: the body as a whole, or a key that
/// is not a form field).
#[derive(ToSchema)]
#[schema(as = Field)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum FieldDoc {
    OrganizationName,
    Domain,
    UserLicenses,
    ExtraStorageGb,
    NotifyEmails,
    StorageType,
    Other,
}

/// A stable machine-readable reason; clients translate by it.
#[derive(ToSchema)]
#[schema(as = Code)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum CodeDoc {
    Required,
    TooShort,
    TooLong,
    InvalidCharacters,
    InvalidDomain,
    InvalidEmail,
    TooMany,
    NotANumber,
    NotWhole,
    OutOfRange,
    BelowUsage,
    Immutable,
    Duplicate,
    InadequateLicenses,
    StorageNearlyFull,
    NoStorage,
    Normalised,
}

/// A validation error: the domain `Issue` (field, code, params) plus its English message.
#[derive(ToSchema)]
#[schema(as = Issue)]
#[allow(dead_code)]
pub struct IssueDoc {
    field: FieldDoc,
    code: CodeDoc,
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
    /// `idempotency_key_reused`, `rate_limited`.
    #[schema(required = false)]
    code: Option<String>,
    /// Field errors (422, 409).
    #[schema(required = false)]
    errors: Option<Vec<IssueDoc>>,
    /// The customer as it is now (412).
    #[schema(required = false)]
    current: Option<CustomerDoc>,
}

/// One audit entry.
#[derive(ToSchema)]
#[schema(as = AuditEntry)]
#[allow(dead_code)]
pub struct AuditEntryDoc {
    #[schema(format = DateTime)]
    at: String,
    actor: String,
    /// The changed field, or `created`.
    field: String,
    /// The value before (null for the creation).
    old: Value,
    /// The value after (the organization name for the creation).
    new: Value,
}

/// The answer to a resend.
#[derive(ToSchema)]
#[schema(as = Queued)]
#[allow(dead_code)]
pub struct QueuedDoc {
    queued: bool,
    recipients: Vec<String>,
}

/// `GET /api/health`
#[derive(ToSchema)]
#[schema(as = Health)]
#[allow(dead_code)]
pub struct HealthDoc {
    #[schema(example = "ok")]
    status: String,
}

/// The list's query parameters (the CSV export takes the same, without paging).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ListParamsDoc {
    /// Case-insensitive substring of the organization name, domain or id.
    q: Option<String>,
    status: Option<CustomerStatusDoc>,
    storage_type: Option<StorageTypeDoc>,
    /// `true`: only customers over their licenses, at ≥ 90 % of their storage, or pending activation.
    attention: Option<bool>,
    /// One of organization_name, domain, status, user_licenses, licenses_in_use, extra_storage_gb,
    /// storage_used_gb, storage_type, created_at, updated_at; prefix `-` for descending. Ties are
    /// broken by id. Default (also when empty) organization_name.
    #[param(
        pattern = "^(-?(organization_name|domain|status|user_licenses|licenses_in_use|extra_storage_gb|storage_used_gb|storage_type|created_at|updated_at))?$"
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
                        "A reseller's API token, e.g. `demo-token` with --seed-demo.",
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

/// The JSON type name of a value, as a schema's `type` names it.
fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Checks that `value` fits the component schema `name` of the generated document: same property
/// names, required ones present, each property's JSON type allowed. Returns the mismatches.
pub fn shape_mismatches(name: &str, value: &Value) -> Vec<String> {
    let doc: Value = serde_json::from_str(&crate::api_doc::document_json()).expect("valid JSON");
    let schemas = &doc["components"]["schemas"];
    let mut problems = Vec::new();
    check(schemas, &schemas[name], value, name, &mut problems);
    problems
}

fn check(schemas: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = r.rsplit('/').next().unwrap_or("");
        return check(schemas, &schemas[target], value, at, problems);
    }
    if let Some(options) = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        let fits = options.iter().any(|o| {
            let mut p = Vec::new();
            check(schemas, o, value, at, &mut p);
            p.is_empty()
        });
        if !fits {
            problems.push(format!("{at}: {value} fits none of the alternatives"));
        }
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        problems.push(format!("{at}: {value} is not one of {allowed:?}"));
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let actual = json_type(value);
    let allowed = types.is_empty()
        || types.contains(&actual)
        || (actual == "integer" && types.contains(&"number"));
    if !allowed {
        problems.push(format!("{at}: a {actual}, the schema says {types:?}"));
        return;
    }
    match value {
        Value::Object(map) => {
            let props = schema.get("properties").and_then(Value::as_object);
            if let Some(props) = props {
                for key in map.keys() {
                    if !props.contains_key(key) {
                        problems.push(format!("{at}: `{key}` is not in the schema"));
                    }
                }
                for (key, sub) in props {
                    if let Some(v) = map.get(key) {
                        check(schemas, sub, v, &format!("{at}.{key}"), problems);
                    }
                }
            }
            for key in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let key = key.as_str().unwrap_or("");
                if !map.contains_key(key) {
                    problems.push(format!("{at}: required `{key}` is missing"));
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(schemas, item_schema, item, &format!("{at}[{i}]"), problems);
                }
            }
        }
        _ => {}
    }
}
