//! Wire types (serde, snake_case) shared by the API server and the SPA.

use serde::{Deserialize, Serialize};

/// Where a customer's backups are stored. Fixed at creation; only support can change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StorageType {
    /// Microsoft Azure, Ireland region.
    AzureIreland,
    /// S3-compatible storage in Finland.
    FinnishS3,
}

impl StorageType {
    /// Every storage type, in the order the form offers them.
    pub const ALL: [StorageType; 2] = [StorageType::AzureIreland, StorageType::FinnishS3];

    /// The wire name (`azure_ireland`, `finnish_s3`).
    pub fn as_str(self) -> &'static str {
        match self {
            StorageType::AzureIreland => "azure_ireland",
            StorageType::FinnishS3 => "finnish_s3",
        }
    }

    /// Parses the wire name.
    pub fn from_wire(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Whether the customer has registered its Microsoft 365 domain through the activation email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CustomerStatus {
    /// Created; the activation email has been sent but not acted on.
    PendingActivation,
    /// The customer's domain is registered and backups can be configured.
    Active,
}

impl CustomerStatus {
    /// Every status.
    pub const ALL: [CustomerStatus; 2] =
        [CustomerStatus::PendingActivation, CustomerStatus::Active];

    /// The wire name (`pending_activation`, `active`).
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerStatus::PendingActivation => "pending_activation",
            CustomerStatus::Active => "active",
        }
    }

    /// Parses the wire name.
    pub fn from_wire(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Where the customer's latest activation email is. The server retries a refused email with
/// backoff for at least three days before it gives up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ActivationEmail {
    /// Queued, or being retried after the mail server refused it.
    Queued,
    /// Accepted by the mail server.
    Sent,
    /// Every attempt failed for three days: it will not be retried; Resend queues a new one.
    Undeliverable,
}

impl ActivationEmail {
    /// Every state.
    pub const ALL: [ActivationEmail; 3] = [
        ActivationEmail::Queued,
        ActivationEmail::Sent,
        ActivationEmail::Undeliverable,
    ];

    /// The wire name (`queued`, `sent`, `undeliverable`).
    pub fn as_str(self) -> &'static str {
        match self {
            ActivationEmail::Queued => "queued",
            ActivationEmail::Sent => "sent",
            ActivationEmail::Undeliverable => "undeliverable",
        }
    }

    /// Parses the wire name.
    pub fn from_wire(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A reseller's customer as the API returns it. Timestamps are RFC 3339 strings in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    /// Opaque identifier.
    pub id: String,
    pub organization_name: String,
    /// The Microsoft 365 domain, normalised; null until registered.
    pub domain: Option<String>,
    pub user_licenses: u32,
    /// The customer's total storage allocation in whole GB (1 TB = 1000 GB).
    pub extra_storage_gb: u64,
    pub notify_emails: Vec<String>,
    pub storage_type: StorageType,
    pub status: CustomerStatus,
    pub licenses_in_use: u32,
    pub storage_used_gb: u64,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub usage_updated_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// Incremented on every change; the API's `ETag` is `"<version>"`.
    pub version: i64,
    /// Where the latest activation email is (not part of the version: delivery is not an edit).
    pub activation_email: ActivationEmail,
    /// When storage and licenses run out, as of the latest usage sample (not part of the
    /// version: usage is not an edit). Absent from older servers: not enough history.
    #[serde(default)]
    pub forecast: crate::usage::Forecast,
}

impl Customer {
    /// More licenses are in use than assigned ("inadequate licenses").
    pub fn is_over_licenses(&self) -> bool {
        self.licenses_in_use > self.user_licenses
    }

    /// Needs the reseller's attention (the list's "Needs attention" filter): activation pending,
    /// an undeliverable activation email, storage or licenses running out within 30 days, or any
    /// usage warning (over licenses, storage at or above 90 %, nothing allocated).
    pub fn needs_attention(&self) -> bool {
        self.status == CustomerStatus::PendingActivation
            || self.activation_email == ActivationEmail::Undeliverable
            || self.forecast.runs_out_soon()
            || !crate::usage_warnings(
                self.user_licenses,
                self.licenses_in_use,
                self.extra_storage_gb,
                self.storage_used_gb,
            )
            .is_empty()
    }

    /// Storage used as a share of the allocation (0.0 = empty); `None` when nothing is allocated.
    pub fn storage_ratio(&self) -> Option<f64> {
        (self.extra_storage_gb > 0)
            .then(|| self.storage_used_gb as f64 / self.extra_storage_gb as f64)
    }
}

/// The create payload (`POST /api/v1/customers`). Unknown fields are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCustomer {
    pub organization_name: String,
    #[serde(default)]
    pub domain: Option<String>,
    pub user_licenses: u32,
    pub extra_storage_gb: u64,
    pub notify_emails: Vec<String>,
    pub storage_type: StorageType,
}

/// The edit payload (`PATCH /api/v1/customers/{id}`): only these two fields may change; any
/// other customer field is refused as `immutable`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_licenses: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_storage_gb: Option<u64>,
}

impl CustomerChanges {
    /// The JSON keys an edit may carry; any other customer field is immutable.
    pub const EDITABLE_FIELDS: [&'static str; 2] = ["user_licenses", "extra_storage_gb"];

    /// Nothing would change.
    pub fn is_empty(&self) -> bool {
        self.user_licenses.is_none() && self.extra_storage_gb.is_none()
    }
}

/// One change in a customer's history (`GET /customers/{id}/audit`, newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// When, RFC 3339 in UTC.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    /// Who made the change, as they read: their name, else their email, else their subject.
    pub actor: String,
    /// The identity provider's subject of who made the change (`token:<prefix>` for an API
    /// token); absent on entries written before people were told apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_sub: Option<String>,
    /// Their email, where their credentials carry one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_email: Option<String>,
    /// Their role when they made the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_role: Option<crate::Role>,
    /// `created`, `user_licenses` or `extra_storage_gb`.
    pub field: String,
    /// The value before (`null` for `created`).
    pub old: serde_json::Value,
    /// The value after (the organization name for `created`).
    pub new: serde_json::Value,
}

/// The answer to an activation email resend (`POST /customers/{id}/activation-email`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = Queued))]
pub struct ActivationQueued {
    /// Always true: the email is queued, not yet sent.
    #[serde(default)]
    pub queued: bool,
    /// The addresses the activation email goes to.
    pub recipients: Vec<String>,
}
