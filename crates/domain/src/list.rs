//! The customer list's query contract (`GET /customers`): parameter names, sort keys, defaults
//! and limits, read strictly by the server and leniently from the app's own URL, and the page.

use serde::{Deserialize, Serialize};

use crate::types::{Customer, CustomerStatus, StorageType};

/// Rows per page when the query does not say.
pub const DEFAULT_PER_PAGE: u32 = 25;
/// The largest page size the API serves.
pub const MAX_PER_PAGE: u32 = 100;
/// The highest page number the API accepts.
pub const MAX_PAGE: u32 = 10_000_000;
/// A search's `total` is counted up to this many matches (or to one past the page asked for,
/// whichever is more); beyond it the page says the total is a lower bound
/// ([`CustomerPage::total_is_lower_bound`]): counting every match of a broad search is the
/// dearest part of its page.
pub const TOTAL_COUNT_LIMIT: u64 = 1_000;
/// The longest search text (in characters) the API accepts.
pub const MAX_Q_CHARS: usize = 200;
/// Every query parameter of the list, in the order [`ListQuery::pairs`] writes them.
pub const LIST_PARAMS: [&str; 8] = [
    "q",
    "status",
    "storage_type",
    "attention",
    "runs_out_soon",
    "sort",
    "page",
    "per_page",
];

/// A column the list can be ordered by; the wire name equals the customer field's name (or, for
/// `runs_out_days`, `Forecast::runs_out_days`: soonest first, those that do not run out within
/// 365 days last ascending and first descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// The default order.
    #[default]
    OrganizationName,
    Domain,
    Status,
    UserLicenses,
    LicensesInUse,
    ExtraStorageGb,
    StorageUsedGb,
    StorageType,
    CreatedAt,
    UpdatedAt,
    RunsOutDays,
}

impl SortKey {
    /// Every sort key.
    pub const ALL: [SortKey; 11] = [
        SortKey::OrganizationName,
        SortKey::Domain,
        SortKey::Status,
        SortKey::UserLicenses,
        SortKey::LicensesInUse,
        SortKey::ExtraStorageGb,
        SortKey::StorageUsedGb,
        SortKey::StorageType,
        SortKey::CreatedAt,
        SortKey::UpdatedAt,
        SortKey::RunsOutDays,
    ];

    /// The wire name (the field's JSON key).
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::OrganizationName => "organization_name",
            SortKey::Domain => "domain",
            SortKey::Status => "status",
            SortKey::UserLicenses => "user_licenses",
            SortKey::LicensesInUse => "licenses_in_use",
            SortKey::ExtraStorageGb => "extra_storage_gb",
            SortKey::StorageUsedGb => "storage_used_gb",
            SortKey::StorageType => "storage_type",
            SortKey::CreatedAt => "created_at",
            SortKey::UpdatedAt => "updated_at",
            SortKey::RunsOutDays => "runs_out_days",
        }
    }

    /// Parses the wire name.
    pub fn from_wire(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A list order: a key and a direction (`-key` on the wire when descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Largest first.
    pub descending: bool,
}

impl Sort {
    /// Ascending by `key`.
    pub fn ascending(key: SortKey) -> Self {
        Sort {
            key,
            descending: false,
        }
    }

    /// Descending by `key`.
    pub fn descending(key: SortKey) -> Self {
        Sort {
            key,
            descending: true,
        }
    }

    /// Parses `key` or `-key`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.strip_prefix('-') {
            Some(name) => SortKey::from_wire(name).map(Sort::descending),
            None => SortKey::from_wire(s).map(Sort::ascending),
        }
    }

    /// The wire form, `key` or `-key`.
    pub fn to_param(self) -> String {
        let sign = if self.descending { "-" } else { "" };
        format!("{sign}{}", self.key.as_str())
    }
}

/// Search text, filters, order and page of the customer list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    /// Free text matched against organization name, domain and id (as typed; sent trimmed).
    pub q: String,
    /// Only customers with this status.
    pub status: Option<CustomerStatus>,
    /// Only customers on this storage.
    pub storage_type: Option<StorageType>,
    /// Only customers that need attention ([`Customer::needs_attention`]).
    pub attention: bool,
    /// Only customers whose storage or licenses run out within 30 days (or already have:
    /// `Forecast::runs_out_soon`).
    pub runs_out_soon: bool,
    /// `None` for the default order (organization name, ascending).
    pub sort: Option<Sort>,
    /// 1-based.
    pub page: u32,
    /// 1 to [`MAX_PER_PAGE`].
    pub per_page: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            q: String::new(),
            status: None,
            storage_type: None,
            attention: false,
            runs_out_soon: false,
            sort: None,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

/// Why the API refuses a list query: a code and what it names, worded by whoever shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// A parameter the list does not know.
    Unknown { name: String },
    /// A parameter given more than once.
    Repeated { name: String },
    /// `q` longer than [`MAX_Q_CHARS`].
    TooLong { name: &'static str, max: usize },
    /// A value outside what the parameter allows (`name`, the value as sent).
    Invalid { name: &'static str, value: String },
}

impl ListQuery {
    /// Whether search text or a filter narrows the list (order and paging do not).
    pub fn is_filtered(&self) -> bool {
        !self.q.trim().is_empty()
            || self.status.is_some()
            || self.storage_type.is_some()
            || self.attention
            || self.runs_out_soon
    }

    /// The order in force ([`Sort::default`] when none is chosen).
    pub fn sort_or_default(&self) -> Sort {
        self.sort.unwrap_or_default()
    }

    /// The non-default parameters as query pairs, in [`LIST_PARAMS`] order; the app's own URL,
    /// the API request and `src/preload.js` all use exactly these.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.unpaged_pairs();
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs
    }

    /// Search text, filters and order without paging (the CSV export takes every page).
    pub fn unpaged_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let q = self.q.trim();
        if !q.is_empty() {
            pairs.push(("q", q.to_owned()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(storage_type) = self.storage_type {
            pairs.push(("storage_type", storage_type.as_str().to_owned()));
        }
        if self.attention {
            pairs.push(("attention", "true".to_owned()));
        }
        if self.runs_out_soon {
            pairs.push(("runs_out_soon", "true".to_owned()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.to_param()));
        }
        pairs
    }

    /// Reads the app's own URL query: `get` returns a parameter's value. Anything unknown or
    /// invalid falls back to its default, so a mistyped link still shows a list.
    pub fn from_url(get: impl Fn(&str) -> Option<String>) -> Self {
        let number = |key: &str| get(key).and_then(|v| v.parse::<u32>().ok());
        ListQuery {
            q: get("q").unwrap_or_default(),
            status: get("status").and_then(|s| CustomerStatus::from_wire(&s)),
            storage_type: get("storage_type").and_then(|s| StorageType::from_wire(&s)),
            attention: get("attention").as_deref() == Some("true"),
            runs_out_soon: get("runs_out_soon").as_deref() == Some("true"),
            sort: get("sort").and_then(|s| Sort::parse(&s)),
            page: number("page")
                .filter(|p| (1..=MAX_PAGE).contains(p))
                .unwrap_or(1),
            per_page: number("per_page")
                .filter(|n| (1..=MAX_PER_PAGE).contains(n))
                .unwrap_or(DEFAULT_PER_PAGE),
        }
    }

    /// Reads an API request's query strictly: every unknown, repeated or invalid parameter is
    /// an error. Values are trimmed and an empty one counts as absent; control characters are
    /// dropped from `q`.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, QueryError> {
        let mut seen: Vec<&str> = Vec::new();
        for (name, _) in pairs {
            if !LIST_PARAMS.contains(&name.as_str()) {
                return Err(QueryError::Unknown { name: name.clone() });
            }
            if seen.contains(&name.as_str()) {
                return Err(QueryError::Repeated { name: name.clone() });
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
        let invalid = |name: &'static str, value: &str| QueryError::Invalid {
            name,
            value: value.to_owned(),
        };
        let q: String = get("q")
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let q = q.trim().to_owned();
        if q.chars().count() > MAX_Q_CHARS {
            return Err(QueryError::TooLong {
                name: "q",
                max: MAX_Q_CHARS,
            });
        }
        let status = get("status")
            .map(|s| CustomerStatus::from_wire(s).ok_or_else(|| invalid("status", s)))
            .transpose()?;
        let storage_type = get("storage_type")
            .map(|s| StorageType::from_wire(s).ok_or_else(|| invalid("storage_type", s)))
            .transpose()?;
        let flag = |name: &'static str| match get(name) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(s) => Err(invalid(name, s)),
        };
        let attention = flag("attention")?;
        let runs_out_soon = flag("runs_out_soon")?;
        let sort = get("sort")
            .map(|s| Sort::parse(s).ok_or_else(|| invalid("sort", s)))
            .transpose()?;
        let number = |name: &'static str, default: u32, max: u32| match get(name) {
            None => Ok(default),
            Some(s) => s
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| invalid(name, s)),
        };
        Ok(ListQuery {
            q,
            status,
            storage_type,
            attention,
            runs_out_soon,
            sort,
            page: number("page", 1, MAX_PAGE)?,
            per_page: number("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)?,
        })
    }

    /// How many rows come before this page.
    pub fn offset(&self) -> usize {
        (self.page.max(1) as usize - 1) * self.per_page as usize
    }
}

/// How far the count of a search's matches goes for the page of `per_page` rows after `offset`:
/// [`TOTAL_COUNT_LIMIT`], or one row past the page if that is more, so a bounded total always
/// says whether a next page exists.
pub fn count_limit(offset: u64, per_page: u32) -> u64 {
    TOTAL_COUNT_LIMIT.max(offset + u64::from(per_page) + 1)
}

/// One page of the customer list (`GET /api/v1/customers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerPage {
    /// The customers on this page, in the requested order.
    pub items: Vec<Customer>,
    /// How many customers match the filters, over all pages; when `total_is_lower_bound` is
    /// set, at least this many (and more than come up to the end of this page).
    pub total: u64,
    /// Whether `total` is a lower bound: a search (`q`) with more matches than 1,000 (or than one
    /// past this page's last row, if that is more) reports that many and sets this. Absent (older
    /// servers): `false`, the total is exact.
    #[serde(default)]
    pub total_is_lower_bound: bool,
    /// 1-based page number.
    pub page: u32,
    /// The page size used.
    pub per_page: u32,
}
