//! The OpenAPI schemas the HTTP layer owns (problems, the list's parameters, health), plus the
//! shape checker the tests use. The wire types' schemas are derived in the domain crate (its
//! `openapi` feature); the document itself is assembled in `crate::api_doc`.

use std::collections::BTreeMap;

use serde_json::Value;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, ToSchema};

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
    /// `idempotency_key_reused`, `rate_limited`.
    #[schema(required = false)]
    code: Option<String>,
    /// Field errors (422, 409).
    #[schema(required = false)]
    errors: Option<Vec<IssueDoc>>,
    /// The customer as it is now (412).
    #[schema(required = false)]
    current: Option<domain::Customer>,
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
    status: Option<domain::CustomerStatus>,
    storage_type: Option<domain::StorageType>,
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
