//! Usage history: the daily samples the backup platform reports (`POST /api/v1/usage`), how
//! each item of a batch is checked, a customer's history as the app charts it, and the
//! [`forecast`] of when it runs out, and what [`suggest`] fills in on the Edit form.

mod date;
mod forecast;
mod ingest;
mod suggest;

pub use date::{civil_date, format_day, parse_day};
pub use forecast::*;
pub use ingest::*;
pub use suggest::*;

use serde::{Deserialize, Serialize};

/// One day of a customer's usage as the ingestion endpoint takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageSample {
    /// The customer's id (one of the caller's reseller's customers).
    pub customer_id: String,
    /// The day the sample describes, `YYYY-MM-DD` (UTC); not in the future, at most two years back.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    /// Storage used that day, in bytes (0 to 2^63 − 1).
    pub used_storage_bytes: u64,
    /// Users backed up that day (0 to 2^32 − 1).
    pub active_users: u32,
}

/// The ingestion body: up to [`MAX_BATCH`] samples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageBatch {
    /// The samples, each judged on its own.
    pub samples: Vec<UsageSample>,
}

/// One day of a customer's usage history (`GET /customers/{id}/usage`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsagePoint {
    /// The day, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    /// Storage used that day, in bytes.
    pub used_storage_bytes: u64,
    /// Users active that day.
    pub active_users: u32,
}

/// A customer's recent usage and its forecast (`GET /customers/{id}/usage`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerUsage {
    pub customer_id: String,
    /// How many days back from the latest sample were asked for.
    pub days: u16,
    /// The samples of those days, oldest first (days without a sample are missing).
    pub samples: Vec<UsagePoint>,
    /// The stored forecast (as of the latest sample, with the current allocation).
    pub forecast: Forecast,
    /// The sooner of the two forecasts in days (0: now); null when neither runs out within 365.
    pub runs_out_days: Option<u16>,
    /// The allocation the forecast runs against, in GB.
    pub extra_storage_gb: u64,
    /// The licenses the forecast runs against.
    pub user_licenses: u32,
}

/// `GET /customers/{id}/usage?days=`: the default and the largest window.
pub const DEFAULT_USAGE_DAYS: u16 = 90;
/// The largest `days` the usage read accepts.
pub const MAX_USAGE_DAYS: u16 = 730;

impl CustomerUsage {
    /// The samples as day numbers for [`forecast`] and [`suggest`] (a sample whose date does not
    /// read is left out).
    pub fn history(&self) -> Vec<DailyUsage> {
        self.samples.iter().filter_map(UsagePoint::daily).collect()
    }
}

impl UsagePoint {
    /// The sample with its date as a day number (`None`: the date does not read).
    pub fn daily(&self) -> Option<DailyUsage> {
        Some(DailyUsage {
            day: parse_day(&self.date)?,
            used_storage_bytes: self.used_storage_bytes,
            active_users: self.active_users,
        })
    }
}
