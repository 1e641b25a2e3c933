-- Fast lists at 100k customers a reseller:
-- * customers gets a stable integer row number (`seq`, an INTEGER PRIMARY KEY: VACUUM never
--   renumbers it), which the search index maps to;
-- * `q` is answered by an FTS5 trigram index (substring, case-insensitive) for 3+ characters and
--   by a covering index on search_key for shorter text;
-- * totals without `q` come from per-filter counts kept by triggers.
-- Runs with foreign keys off (the table is rebuilt); the migrator checks them before committing.

CREATE TABLE customers_new (
    seq                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    reseller_id        TEXT NOT NULL REFERENCES resellers(id),
    organization_name  TEXT NOT NULL,
    name_key           TEXT NOT NULL,
    domain             TEXT,
    user_licenses      INTEGER NOT NULL,
    extra_storage_gb   INTEGER NOT NULL,
    notify_emails      TEXT NOT NULL,
    storage_type       TEXT NOT NULL,
    status             TEXT NOT NULL,
    licenses_in_use    INTEGER NOT NULL DEFAULT 0,
    storage_used_gb    INTEGER NOT NULL DEFAULT 0,
    usage_updated_at   TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    search_key         TEXT NOT NULL,
    activation_sent_at TEXT,
    attention          INTEGER GENERATED ALWAYS AS (
        licenses_in_use > user_licenses
        OR storage_used_gb * 10 >= extra_storage_gb * 9
        OR status = 'pending_activation'
    ) STORED
);
INSERT INTO customers_new (id, reseller_id, organization_name, name_key, domain, user_licenses, extra_storage_gb,
    notify_emails, storage_type, status, licenses_in_use, storage_used_gb, usage_updated_at, created_at, updated_at,
    version, search_key, activation_sent_at)
SELECT id, reseller_id, organization_name, name_key, domain, user_licenses, extra_storage_gb,
    notify_emails, storage_type, status, licenses_in_use, storage_used_gb, usage_updated_at, created_at, updated_at,
    version, search_key, activation_sent_at
FROM customers ORDER BY rowid;
DROP TABLE customers;
ALTER TABLE customers_new RENAME TO customers;

CREATE UNIQUE INDEX customers_name_unique ON customers (reseller_id, name_key);
CREATE UNIQUE INDEX customers_domain_unique ON customers (reseller_id, domain) WHERE domain IS NOT NULL;
CREATE INDEX customers_by_domain ON customers (reseller_id, domain, id);
CREATE INDEX customers_by_name ON customers (reseller_id, name_key, id);
CREATE INDEX customers_by_status ON customers (reseller_id, status, id);
CREATE INDEX customers_by_user_licenses ON customers (reseller_id, user_licenses, id);
CREATE INDEX customers_by_licenses_in_use ON customers (reseller_id, licenses_in_use, id);
CREATE INDEX customers_by_extra_storage_gb ON customers (reseller_id, extra_storage_gb, id);
CREATE INDEX customers_by_storage_used_gb ON customers (reseller_id, storage_used_gb, id);
CREATE INDEX customers_by_storage_type ON customers (reseller_id, storage_type, id);
CREATE INDEX customers_by_created_at ON customers (reseller_id, created_at, id);
CREATE INDEX customers_by_updated_at ON customers (reseller_id, updated_at, id);
CREATE INDEX customers_by_search_key ON customers (reseller_id, search_key);
-- Checks the filters of search matches (looked up by seq) without reading whole rows.
CREATE INDEX customers_by_seq_filters ON customers (seq, reseller_id, status, storage_type, attention);

-- Substring search: "q" as a phrase of trigrams. Contentless: the text stays in customers.
CREATE VIRTUAL TABLE customers_fts USING fts5(search_key, content = '', tokenize = 'trigram');
INSERT INTO customers_fts (rowid, search_key) SELECT seq, search_key FROM customers;

CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (rowid, search_key) VALUES (NEW.seq, NEW.search_key);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF search_key ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, search_key) VALUES ('delete', OLD.seq, OLD.search_key);
    INSERT INTO customers_fts (rowid, search_key) VALUES (NEW.seq, NEW.search_key);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, search_key) VALUES ('delete', OLD.seq, OLD.search_key);
END;

-- How many customers each reseller has per (status, storage_type, attention).
CREATE TABLE customer_counts (
    reseller_id  TEXT NOT NULL,
    status       TEXT NOT NULL,
    storage_type TEXT NOT NULL,
    attention    INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (reseller_id, status, storage_type, attention)
) WITHOUT ROWID;
INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
SELECT reseller_id, status, storage_type, attention, count(*) FROM customers GROUP BY 1, 2, 3, 4;

CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
    VALUES (NEW.reseller_id, NEW.status, NEW.storage_type, NEW.attention, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customer_counts_update AFTER UPDATE ON customers
WHEN OLD.reseller_id IS NOT NEW.reseller_id OR OLD.status IS NOT NEW.status
    OR OLD.storage_type IS NOT NEW.storage_type OR OLD.attention IS NOT NEW.attention
BEGIN
    UPDATE customer_counts SET n = n - 1
    WHERE reseller_id = OLD.reseller_id AND status = OLD.status AND storage_type = OLD.storage_type
      AND attention = OLD.attention;
    INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
    VALUES (NEW.reseller_id, NEW.status, NEW.storage_type, NEW.attention, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers BEGIN
    UPDATE customer_counts SET n = n - 1
    WHERE reseller_id = OLD.reseller_id AND status = OLD.status AND storage_type = OLD.storage_type
      AND attention = OLD.attention;
END;
