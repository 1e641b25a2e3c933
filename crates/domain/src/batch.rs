//! The batch create (`POST /api/v1/customers/batch`): up to [`BATCH_MAX_ROWS`] new customers,
//! each under its own `Idempotency-Key`, and one result per row.

use serde::{Deserialize, Serialize};

use crate::issues::Issue;
use crate::types::{Customer, NewCustomer};

/// The most rows one batch may hold.
pub const BATCH_MAX_ROWS: usize = 100;

/// One row of a batch: the create payload and the key a single create would send as its
/// `Idempotency-Key` header (the same key is honoured by either endpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchRow {
    /// 1 to 255 visible ASCII characters (e.g. a UUID); unique within the batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    pub customer: NewCustomer,
}

/// The batch create payload. Unknown fields are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCustomerBatch {
    /// At most [`BATCH_MAX_ROWS`].
    pub rows: Vec<BatchRow>,
}

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BatchOutcome {
    /// Created now (status 201).
    Created,
    /// Its key created it before with the same payload: the first answer (status 201).
    Replayed,
    /// Another customer has its name or domain (status 409, code duplicate).
    Duplicate,
    /// The row is not valid (status 422, code validation_failed).
    Invalid,
    /// Its key was used before with another payload (status 422, code idempotency_key_reused).
    KeyReused,
}

/// One row's result, as the SPA reads it (the server adds each issue's English `message`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BatchRowResult {
    pub outcome: BatchOutcome,
    /// The status a single create of the row would have answered.
    pub status: u16,
    /// The customer (created or replayed).
    #[serde(default)]
    pub customer: Option<Customer>,
    /// Why the row was refused (duplicate, invalid).
    #[serde(default)]
    pub errors: Vec<Issue>,
}

/// The batch's answer: one result per row, in the order of the rows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BatchResults {
    pub results: Vec<BatchRowResult>,
}
