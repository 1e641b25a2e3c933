//! The values the store takes and returns: plain data, no SQL and no HTTP.

use domain::{Customer, CustomerStatus, Person, Role, StorageType};
use serde_json::Value;

/// A reseller: who a request acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reseller {
    pub id: String,
    pub name: String,
    /// The reseller's contact address (the actor of what seeding and its API tokens record).
    pub user_email: String,
}

/// Who made a change, as the audit log records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// How they read: a name, an email or a subject.
    pub display: String,
    pub sub: Option<String>,
    pub email: Option<String>,
    pub role: Option<Role>,
}

impl Actor {
    /// A signed-in person with a role.
    pub fn person(person: &Person, role: Role) -> Actor {
        Actor {
            display: person.display().to_owned(),
            sub: Some(person.sub.clone()),
            email: person.email.clone(),
            role: Some(role),
        }
    }

    /// The reseller itself (seeding and imports of existing customers).
    pub fn reseller(reseller: &Reseller) -> Actor {
        Actor {
            display: reseller.user_email.clone(),
            sub: None,
            email: Some(reseller.user_email.clone()),
            role: None,
        }
    }
}

/// An API token as the store keeps it: never the secret, only its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The public part that names it (`cm_<prefix>_…`).
    pub prefix: String,
    pub reseller_id: String,
    pub name: String,
    pub role: Role,
    /// A seeded demo or benchmark identity: accepted only while the server runs with
    /// `--seed-demo` or `--bench-seed`.
    pub demo: bool,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A token to store: its description and the SHA-256 (hex) of the whole token.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub token: ApiToken,
    pub hash: String,
}

/// What `sort` may name: the domain's list contract.
pub use domain::SortKey;

/// The list filters (shared by the list and the CSV export).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// Lower-cased search text without control characters: a substring of the name, domain or id.
    pub q: Option<String>,
    pub status: Option<CustomerStatus>,
    pub storage_type: Option<StorageType>,
    /// Only customers that need attention ([`Customer::needs_attention`]).
    pub attention: bool,
    /// Only customers that run out within 30 days ([`domain::Forecast::runs_out_soon`]).
    pub runs_out_soon: bool,
}

/// Which of a reseller's customers, in what order, which page: the list query
/// (`domain::ListQuery`) as the store answers it, its search text normalised.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CustomerQuery {
    pub filters: Filters,
    pub sort: SortKey,
    pub descending: bool,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl CustomerQuery {
    /// How many matching customers come before the page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(self.per_page)
    }

    /// Up to how many matches the total is counted: a search stops at
    /// [`domain::count_limit`]; filters alone are counted exactly (kept counts, or the forecast's
    /// sort index).
    pub fn count_limit(&self) -> Option<u64> {
        self.filters
            .q
            .is_some()
            .then(|| domain::count_limit(self.offset(), self.per_page))
    }

    /// `total` as the page reports it from a count taken one past [`Self::count_limit`]: (the
    /// count, capped at the limit; whether it was capped). Exactly the limit is an exact total.
    pub fn bounded_total(&self, total: u64) -> (u64, bool) {
        match self.count_limit() {
            Some(limit) if total > limit => (limit, true),
            _ => (total, false),
        }
    }
}

/// One page of customers and how many match over all pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub items: Vec<Customer>,
    /// Exact, or at least this many when `total_is_lower_bound` (a search counted up to
    /// [`CustomerQuery::count_limit`]).
    pub total: u64,
    pub total_is_lower_bound: bool,
}

/// An email to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
    /// The secret in the activation link.
    pub activation_token: String,
}

/// A response stored under an idempotency key, replayed for a repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotentResponse {
    /// SHA-256 (hex) of the request it answered.
    pub request_hash: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// A customer to create, with everything written alongside it.
#[derive(Debug, Clone)]
pub struct CreateCustomer {
    pub reseller: Reseller,
    /// Who creates it (the creation's audit entry).
    pub actor: Actor,
    /// Complete: id, timestamps and version 1 are set by the caller.
    pub customer: Customer,
    pub activation: NewEmail,
    /// The request's `Idempotency-Key`, if it has one.
    pub idempotency_key: Option<String>,
    /// Keys stored before this time are expired: unknown, and replaced if used again (the
    /// retention job deletes them).
    pub keys_expired_before: String,
    /// Stored under the key (its `request_hash` is compared on a repeat).
    pub response: IdempotentResponse,
}

/// What a create did.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateOutcome {
    Created,
    /// The key was used before with the same request: its first response.
    Replayed(IdempotentResponse),
    /// The key was used before with another request.
    KeyReused,
    /// Another of the reseller's customers has this name and/or domain.
    Taken {
        name: bool,
        domain: bool,
    },
}

/// A field change recorded in the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub at: String,
    pub actor: Actor,
    /// The changed field, or `created`.
    pub field: String,
    /// JSON values (null for the creation's old value).
    pub old: Value,
    pub new: Value,
}

/// An edit of the usage allocations.
#[derive(Debug, Clone)]
pub struct UpdateCustomer {
    pub reseller_id: String,
    pub id: String,
    pub expected_version: i64,
    pub user_licenses: u32,
    pub extra_storage_gb: u64,
    pub updated_at: String,
    /// One entry per changed field.
    pub audit: Vec<AuditRecord>,
}

/// What an update did.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateOutcome {
    Updated(Customer),
    /// The customer is at another version now (nothing written).
    Stale(Customer),
    NotFound,
}

/// A request to queue another activation email.
#[derive(Debug, Clone)]
pub struct ResendActivation {
    pub reseller_id: String,
    pub customer_id: String,
    pub email: NewEmail,
    pub at: String,
    /// Refused when the last one was queued after this time.
    pub not_after: String,
}

/// What a resend did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResendOutcome {
    Queued,
    /// The last one was queued at this time.
    TooSoon {
        last: String,
    },
    NotFound,
}

/// What an activation link shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationLink {
    pub organization_name: String,
    pub status: CustomerStatus,
    pub reseller_name: String,
}

/// A queued (or sent) email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEmail {
    pub id: i64,
    pub reseller_id: String,
    pub customer_id: String,
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// When a refused email is tried again (null: at once).
    pub next_attempt_at: Option<String>,
    /// When it was given up on (the dead-letter state; a Resend queues a new row).
    pub dead_at: Option<String>,
}

/// A worker's claim on unsent emails.
#[derive(Debug, Clone)]
pub struct OutboxClaim {
    /// Who claims (unique per process and worker).
    pub worker: String,
    /// Now: leases that ended before it are free.
    pub now: String,
    /// The claim holds until then.
    pub lease_until: String,
    pub limit: u32,
}

/// A failed delivery attempt: the claim is released and the email retried at `retry_at`, or
/// dead-lettered when that is `None`.
#[derive(Debug, Clone)]
pub struct OutboxFailure {
    pub id: i64,
    /// Only the claim's holder may record it.
    pub worker: String,
    pub error: String,
    pub at: String,
    pub retry_at: Option<String>,
}

/// A customer as the list accelerator keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    /// A stable integer per row (the change log names rows by it).
    pub seq: i64,
    /// What the list sorts names by (the stored lower-cased name).
    pub name_key: String,
    pub customer: Customer,
}

/// Every customer of a reseller as of a revision.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub rev: i64,
    pub rows: Vec<ListRow>,
}

/// The rows changed since a revision, by `seq`, as they are at `rev` (`None`: deleted or moved
/// to another reseller).
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub rev: i64,
    pub rows: Vec<(i64, Option<ListRow>)>,
}

/// Of `lookup`, the name keys and domains that rows of customers' (name key, domain) have.
pub fn lookup_found(
    lookup: &domain::import::CustomerLookup,
    rows: Vec<(String, Option<String>)>,
) -> domain::import::CustomerLookup {
    let mut found = domain::import::CustomerLookup::default();
    for (name_key, domain) in rows {
        if lookup.organization_names.contains(&name_key) {
            found.organization_names.push(name_key);
        }
        if let Some(domain) = domain.filter(|d| lookup.domains.contains(d)) {
            found.domains.push(domain);
        }
    }
    found
}

/// What the outbox holds that is due now (`GET /metrics`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutboxBacklog {
    /// Emails not sent, not dead-lettered, and due.
    pub due: i64,
    /// When the oldest of them was queued.
    pub oldest_due_created_at: Option<String>,
}

/// The connection pool as it is now (`GET /metrics`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PoolStats {
    /// Connections open, idle or in use.
    pub size: u32,
    /// Connections open and idle.
    pub idle: u32,
    /// The most the pool opens.
    pub max: u32,
}
