-- Resellers, their API tokens, their customers, and everything written alongside a customer.
-- Timestamps are RFC 3339 UTC strings with millisecond precision (fixed width, so they sort).

CREATE TABLE resellers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    -- The signed-in user, recorded as the actor of audit entries.
    user_email  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE tokens (
    token       TEXT PRIMARY KEY,
    reseller_id TEXT NOT NULL REFERENCES resellers(id),
    created_at  TEXT NOT NULL
);

CREATE TABLE customers (
    id                 TEXT PRIMARY KEY,
    reseller_id        TEXT NOT NULL REFERENCES resellers(id),
    organization_name  TEXT NOT NULL,
    -- organization_name lower-cased (Unicode): uniqueness and sorting.
    name_key           TEXT NOT NULL,
    domain             TEXT,
    user_licenses      INTEGER NOT NULL,
    extra_storage_gb   INTEGER NOT NULL,
    -- JSON array of addresses.
    notify_emails      TEXT NOT NULL,
    storage_type       TEXT NOT NULL,
    status             TEXT NOT NULL,
    licenses_in_use    INTEGER NOT NULL DEFAULT 0,
    storage_used_gb    INTEGER NOT NULL DEFAULT 0,
    usage_updated_at   TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    -- Lower-cased "name domain id": the text `q` searches.
    search_key         TEXT NOT NULL,
    -- When the last activation email was queued (rate limit: one a minute).
    activation_sent_at TEXT,
    -- Needs attention: over licenses, storage >= 90 % of the allocation, or pending activation.
    attention          INTEGER GENERATED ALWAYS AS (
        licenses_in_use > user_licenses
        OR storage_used_gb * 10 >= extra_storage_gb * 9
        OR status = 'pending_activation'
    ) STORED
);

CREATE UNIQUE INDEX customers_name_unique ON customers (reseller_id, name_key);
CREATE UNIQUE INDEX customers_domain_unique ON customers (reseller_id, domain) WHERE domain IS NOT NULL;
-- One index per sort key, ending in id (the tie-breaker), so a page is read in index order.
CREATE INDEX customers_by_domain ON customers (reseller_id, domain, id);
CREATE INDEX customers_by_name ON customers (reseller_id, name_key, id);
CREATE INDEX customers_by_status ON customers (reseller_id, status, id);
CREATE INDEX customers_by_user_licenses ON customers (reseller_id, user_licenses, id);
CREATE INDEX customers_by_licenses_in_use ON customers (reseller_id, licenses_in_use, id);
CREATE INDEX customers_by_extra_storage ON customers (reseller_id, extra_storage_gb, id);
CREATE INDEX customers_by_storage_used ON customers (reseller_id, storage_used_gb, id);
CREATE INDEX customers_by_storage_type ON customers (reseller_id, storage_type, id);
CREATE INDEX customers_by_created ON customers (reseller_id, created_at, id);
CREATE INDEX customers_by_updated ON customers (reseller_id, updated_at, id);
CREATE INDEX customers_by_attention ON customers (reseller_id, attention, id);

CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    field       TEXT NOT NULL,
    -- JSON values.
    old         TEXT,
    new         TEXT
);
CREATE INDEX audit_by_customer ON audit (customer_id, id);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    reseller_id      TEXT NOT NULL REFERENCES resellers(id),
    customer_id      TEXT NOT NULL REFERENCES customers(id),
    -- JSON array of addresses.
    recipients       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    activation_token TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    sent_at          TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT
);
CREATE INDEX outbox_by_reseller ON outbox (reseller_id, id);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

CREATE TABLE idempotency_keys (
    reseller_id  TEXT NOT NULL REFERENCES resellers(id),
    key          TEXT NOT NULL,
    -- SHA-256 of the canonical JSON request body.
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    -- JSON array of [name, value] pairs.
    headers      TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (reseller_id, key)
);
