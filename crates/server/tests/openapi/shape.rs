//! A value against a component schema of the generated OpenAPI document (a test's own checker:
//! the server never needs it).

use serde_json::Value;

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
    let doc: Value = serde_json::from_str(&server::api_doc::document_json()).expect("valid JSON");
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
