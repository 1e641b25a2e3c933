//! The customer list as tests read it: the accelerator modes and sort keys every list test
//! covers, a page's total, ids and names, the CSV export's ids, and the demo reseller's customers.

use axum::http::StatusCode;
use serde_json::Value;

use super::{TestApp, TestResponse};

/// The list accelerator's settings every list test runs with: off (the database answers) and on.
pub const LIST_CACHE_MODES: [u64; 2] = [0, 64];

/// Every `sort` key of the list, as the API spells them.
pub const SORT_KEYS: [&str; 11] = [
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
    "runs_out_days",
];

/// The ids of a list page's customers, in the page's order.
pub fn page_ids(page: &Value) -> Vec<String> {
    page_strings(page, "id")
}

/// The organization names of a list page's customers, in the page's order.
pub fn page_names(page: &Value) -> Vec<String> {
    page_strings(page, "organization_name")
}

/// One text field of each of a list page's customers, in the page's order.
fn page_strings(page: &Value, field: &str) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a list page: {page}"))
        .iter()
        .map(|c| c[field].as_str().unwrap().to_owned())
        .collect()
}

impl TestApp {
    /// A GET of `path` that must answer 200.
    pub async fn get_ok(&self, path: &str, token: &str) -> TestResponse {
        let r = self.get(path, token).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text());
        r
    }

    /// The `total` of the list page a GET of `path` answers.
    pub async fn total(&self, path: &str, token: &str) -> u64 {
        let page = self.get_ok(path, token).await.json();
        page["total"]
            .as_u64()
            .unwrap_or_else(|| panic!("{path}: no total in {page}"))
    }

    /// Asserts that the list page a GET of `path` answers, page `page` of `per_page`, holds that
    /// page's slice of `expected` (every matching id, in order) and counts all of them; a search
    /// (`q=` in `path`) counts only up to `domain::count_limit` and then says its total is a
    /// lower bound.
    pub async fn assert_page(
        &self,
        path: &str,
        token: &str,
        expected: &[String],
        page: usize,
        per_page: usize,
    ) {
        let body = self.get_ok(path, token).await.json();
        let limit = domain::count_limit(((page - 1) * per_page) as u64, per_page as u32) as usize;
        // A search is a `q` with text (an empty or blank one is no search, counted exactly).
        let searched = path
            .split(['?', '&'])
            .filter_map(|kv| kv.strip_prefix("q="))
            .any(|q| !q.replace("%20", " ").replace('+', " ").trim().is_empty());
        let bounded = searched && expected.len() >= limit;
        let total = if bounded { limit } else { expected.len() };
        assert_eq!(body["total"], total, "{path}");
        assert_eq!(body["total_is_lower_bound"], bounded, "{path}");
        let from = ((page - 1) * per_page).min(expected.len());
        let to = (from + per_page).min(expected.len());
        assert_eq!(page_ids(&body), expected[from..to], "{path}");
    }

    /// The ids, in order, of the customers in the CSV export a GET of `path` answers.
    pub async fn export_ids(&self, path: &str, token: &str) -> Vec<String> {
        let r = self.get_ok(path, token).await;
        csv::Reader::from_reader(r.body.as_ref())
            .records()
            .map(|record| record.unwrap()[0].to_owned())
            .collect()
    }

    /// Every customer of the demo reseller (one page of 100).
    pub async fn all(&self, token: &str) -> Vec<Value> {
        let page = self.get_ok("/api/v1/customers?per_page=100", token).await;
        page.json()["items"].as_array().unwrap().clone()
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
