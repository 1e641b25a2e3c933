//! The customer list as tests read it: the accelerator modes and sort keys every list test
//! covers, and the demo reseller's customers.

use axum::http::StatusCode;
use serde_json::Value;

use super::TestApp;

/// The list accelerator's settings every list test runs with: off (the database answers) and on.
pub const LIST_CACHE_MODES: [u64; 2] = [0, 64];

/// Every `sort` key of the list, as the API spells them.
pub const SORT_KEYS: [&str; 10] = [
    "organization_name",
    "domain",
    "status",
    "user_licenses",
    "licenses_in_use",
    "extra_storage_gb",
    "storage_used_gb",
    "storage_type",
    "created_at",
    "updated_at",
];

impl TestApp {
    /// Every customer of the demo reseller (one page of 100).
    pub async fn all(&self, token: &str) -> Vec<Value> {
        let r = self.get("/api/v1/customers?per_page=100", token).await;
        assert_eq!(r.status, StatusCode::OK);
        r.json()["items"].as_array().unwrap().clone()
    }

    /// The id of the customer with this name.
    pub async fn id_of(&self, token: &str, name: &str) -> String {
        let all = self.all(token).await;
        all.iter()
            .find(|c| c["organization_name"] == name)
            .unwrap_or_else(|| panic!("no customer {name}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}
