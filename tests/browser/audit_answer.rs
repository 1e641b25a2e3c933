//! The change history's answer, read by hand from the parsed JSON (no serde decoder in the Edit
//! view's chunk): whatever the server writes reads back equal, and a member that does not read
//! is named in the error.

use crate::support::fetch::FakeFetch;
use customers_app::api::{ApiError, AuditEntry, Role, customer_audit};
use serde_json::json;
use wasm_bindgen_test::*;

/// A creation by a person with every optional member, and an edit by an older entry without them.
fn history() -> Vec<AuditEntry> {
    vec![
        AuditEntry {
            at: "2026-11-28T10:42:00Z".to_owned(),
            actor: "Maija Manager".to_owned(),
            actor_sub: Some("portal|maija".to_owned()),
            actor_email: Some("maija@partner.example".to_owned()),
            actor_role: Some(Role::Manager),
            field: "user_licenses".to_owned(),
            old: json!(250),
            new: json!(300),
        },
        AuditEntry {
            at: "2026-01-05T08:00:00Z".to_owned(),
            actor: "demo".to_owned(),
            actor_sub: None,
            actor_email: None,
            actor_role: None,
            field: "created".to_owned(),
            old: json!(null),
            new: json!({"name": "Contoso \"Oy\"", "list": [1, 2.5, true, null]}),
        },
    ]
}

async fn read(json: serde_json::Value) -> Result<Vec<AuditEntry>, ApiError> {
    let _fetch = FakeFetch::answer(200, &json.to_string());
    customer_audit("contoso").await
}

#[wasm_bindgen_test]
async fn the_history_reads_as_the_server_wrote_it() {
    let entries = history();
    assert_eq!(
        read(serde_json::to_value(&entries).unwrap()).await,
        Ok(entries.clone())
    );
    // Optional members written as null read as absent, as serde's defaults do.
    let mut nulls = serde_json::to_value(&entries).unwrap();
    nulls[1]["actor_role"] = json!(null);
    nulls[1]["actor_email"] = json!(null);
    assert_eq!(read(nulls).await, Ok(entries));
}

#[wasm_bindgen_test]
async fn a_member_that_does_not_read_is_named() {
    let json = serde_json::to_value(history()).unwrap();
    let mut no_old = json.clone();
    no_old[0].as_object_mut().unwrap().remove("old");
    let mut role = json.clone();
    role[0]["actor_role"] = json!("owner");
    let mut at = json;
    at[1]["at"] = json!(5);
    for (bad, member) in [
        (no_old, "old"),
        (role, "actor_role"),
        (at, "at"),
        (json!({"entries": []}), "list"),
    ] {
        assert_eq!(
            read(bad).await,
            Err(ApiError::Decode(format!(
                "the history answer's {member} does not read"
            )))
        );
    }
}
