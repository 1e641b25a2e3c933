-- The SQLite schema (a fresh start: databases made by the earlier hand-rolled migrator are not
-- upgraded). Timestamps are RFC 3339 UTC strings with millisecond precision (fixed width, so
-- they sort). Constraint names match crate::store::constraints.

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

-- `seq` is a stable integer per row (INTEGER PRIMARY KEY: VACUUM never renumbers it): the search
-- index and the change log point at rows by it.
CREATE TABLE customers (
    seq                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL,
    reseller_id        TEXT NOT NULL REFERENCES resellers(id),
    organization_name  TEXT NOT NULL,
    -- organization_name lower-cased (Unicode, by the server): uniqueness and sorting.
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
    -- When the last activation email was queued (rate limit: one a minute).
    activation_sent_at TEXT
);

CREATE UNIQUE INDEX customers_id_unique ON customers (id);
-- Names are unique per reseller, so this also orders the list by name (id never breaks a tie).
CREATE UNIQUE INDEX customers_name_unique ON customers (reseller_id, name_key);
CREATE UNIQUE INDEX customers_domain_unique ON customers (reseller_id, domain) WHERE domain IS NOT NULL;
-- One index per sort key, ending in id (the tie-breaker), so a page is read in index order.
CREATE INDEX customers_by_domain ON customers (reseller_id, domain, id);
CREATE INDEX customers_by_status ON customers (reseller_id, status, id);
CREATE INDEX customers_by_user_licenses ON customers (reseller_id, user_licenses, id);
CREATE INDEX customers_by_licenses_in_use ON customers (reseller_id, licenses_in_use, id);
CREATE INDEX customers_by_extra_storage_gb ON customers (reseller_id, extra_storage_gb, id);
CREATE INDEX customers_by_storage_used_gb ON customers (reseller_id, storage_used_gb, id);
CREATE INDEX customers_by_storage_type ON customers (reseller_id, storage_type, id);
CREATE INDEX customers_by_created_at ON customers (reseller_id, created_at, id);
CREATE INDEX customers_by_updated_at ON customers (reseller_id, updated_at, id);

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

-- Activation emails. A worker claims rows by setting claimed_by/claimed_until (a lease: a
-- crashed worker's rows are claimable again once it ends).
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
    last_error       TEXT,
    claimed_by       TEXT,
    claimed_until    TEXT
);
CREATE INDEX outbox_by_reseller ON outbox (reseller_id, id);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_by_activation_token ON outbox (activation_token);

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
-- Keys expire after a day: each create deletes the expired ones, found by this index.
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);

-- Substring search (`q`, 3+ characters): the name, domain and id as trigrams, case-folded by the
-- tokenizer. Contentless (the text stays in customers); kept by triggers, so writes in plain SQL
-- are searchable too.
CREATE VIRTUAL TABLE customers_fts USING fts5(
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (rowid, text)
    VALUES (NEW.seq, NEW.organization_name || char(10) || coalesce(NEW.domain, '') || char(10) || NEW.id);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF organization_name, domain, id ON customers BEGIN
    DELETE FROM customers_fts WHERE rowid = OLD.seq;
    INSERT INTO customers_fts (rowid, text)
    VALUES (NEW.seq, NEW.organization_name || char(10) || coalesce(NEW.domain, '') || char(10) || NEW.id);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    DELETE FROM customers_fts WHERE rowid = OLD.seq;
END;

-- Totals without `q`: how many customers each reseller has per (status, storage_type,
-- attention), kept by triggers. `attention` is Customer::needs_attention in SQL: pending, over
-- licenses, or storage at >= 90 % of the allocation (always when nothing is allocated).
CREATE TABLE customer_counts (
    reseller_id  TEXT NOT NULL,
    status       TEXT NOT NULL,
    storage_type TEXT NOT NULL,
    attention    INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (reseller_id, status, storage_type, attention)
) WITHOUT ROWID;
CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
    VALUES (NEW.reseller_id, NEW.status, NEW.storage_type,
        NEW.status = 'pending_activation' OR NEW.licenses_in_use > NEW.user_licenses
            OR NEW.storage_used_gb * 10 >= NEW.extra_storage_gb * 9, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customer_counts_update AFTER UPDATE OF reseller_id, status, storage_type,
    licenses_in_use, user_licenses, storage_used_gb, extra_storage_gb ON customers BEGIN
    UPDATE customer_counts SET n = n - 1
    WHERE reseller_id = OLD.reseller_id AND status = OLD.status AND storage_type = OLD.storage_type
      AND attention = (OLD.status = 'pending_activation' OR OLD.licenses_in_use > OLD.user_licenses
            OR OLD.storage_used_gb * 10 >= OLD.extra_storage_gb * 9);
    INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
    VALUES (NEW.reseller_id, NEW.status, NEW.storage_type,
        NEW.status = 'pending_activation' OR NEW.licenses_in_use > NEW.user_licenses
            OR NEW.storage_used_gb * 10 >= NEW.extra_storage_gb * 9, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers BEGIN
    UPDATE customer_counts SET n = n - 1
    WHERE reseller_id = OLD.reseller_id AND status = OLD.status AND storage_type = OLD.storage_type
      AND attention = (OLD.status = 'pending_activation' OR OLD.licenses_in_use > OLD.user_licenses
            OR OLD.storage_used_gb * 10 >= OLD.extra_storage_gb * 9);
END;

-- The change log the list accelerator (src/list_cache/) catches up from: each reseller's
-- revision, raised by every insert, update or delete of one of its customers, and the revision
-- at which each row last changed. Kept always, whether a server runs the accelerator or not, so
-- that any process may turn it on without a migration.
CREATE TABLE customer_rev_head (
    reseller_id TEXT PRIMARY KEY,
    rev         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE customer_revs (
    reseller_id TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    rev         INTEGER NOT NULL,
    PRIMARY KEY (reseller_id, seq)
) WITHOUT ROWID;
CREATE INDEX customer_revs_by_rev ON customer_revs (reseller_id, rev);

CREATE TRIGGER customer_revs_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_rev_head (reseller_id, rev) VALUES (NEW.reseller_id, 1)
    ON CONFLICT DO UPDATE SET rev = rev + 1;
    INSERT INTO customer_revs (reseller_id, seq, rev)
    VALUES (NEW.reseller_id, NEW.seq, (SELECT rev FROM customer_rev_head WHERE reseller_id = NEW.reseller_id))
    ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;
-- Both the old and the new row are logged: a row may (in plain SQL) move to another reseller.
CREATE TRIGGER customer_revs_update AFTER UPDATE ON customers BEGIN
    INSERT INTO customer_rev_head (reseller_id, rev) VALUES (OLD.reseller_id, 1)
    ON CONFLICT DO UPDATE SET rev = rev + 1;
    INSERT INTO customer_revs (reseller_id, seq, rev)
    VALUES (OLD.reseller_id, OLD.seq, (SELECT rev FROM customer_rev_head WHERE reseller_id = OLD.reseller_id))
    ON CONFLICT DO UPDATE SET rev = excluded.rev;
    INSERT INTO customer_rev_head (reseller_id, rev) VALUES (NEW.reseller_id, 1)
    ON CONFLICT DO UPDATE SET rev = rev + 1;
    INSERT INTO customer_revs (reseller_id, seq, rev)
    VALUES (NEW.reseller_id, NEW.seq, (SELECT rev FROM customer_rev_head WHERE reseller_id = NEW.reseller_id))
    ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;
CREATE TRIGGER customer_revs_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customer_rev_head (reseller_id, rev) VALUES (OLD.reseller_id, 1)
    ON CONFLICT DO UPDATE SET rev = rev + 1;
    INSERT INTO customer_revs (reseller_id, seq, rev)
    VALUES (OLD.reseller_id, OLD.seq, (SELECT rev FROM customer_rev_head WHERE reseller_id = OLD.reseller_id))
    ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;
