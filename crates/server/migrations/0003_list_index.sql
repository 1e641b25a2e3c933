-- The list and the CSV export are answered from an in-memory index per reseller
-- (src/list_index.rs): sort orders as arrays, a trigram index of search_key, filter bits. SQLite
-- stays the store of record; these tables tell the index what changed since it last looked:
-- * customer_rev_head: each reseller's revision, raised by every insert, update or delete of one
--   of its customers;
-- * customer_revs: the revision at which each of a reseller's rows last changed.
-- The SQL search index, the per-sort indexes and the trigger-kept counts that the list used
-- before are dropped: nothing reads them any more, and every write paid for them.

DROP TRIGGER customers_fts_insert;
DROP TRIGGER customers_fts_update;
DROP TRIGGER customers_fts_delete;
DROP TABLE customers_fts;
DROP TRIGGER customer_counts_insert;
DROP TRIGGER customer_counts_update;
DROP TRIGGER customer_counts_delete;
DROP TABLE customer_counts;
DROP INDEX customers_by_seq_filters;
DROP INDEX customers_by_search_key;
DROP INDEX customers_by_domain;
DROP INDEX customers_by_name;
DROP INDEX customers_by_status;
DROP INDEX customers_by_user_licenses;
DROP INDEX customers_by_licenses_in_use;
DROP INDEX customers_by_extra_storage_gb;
DROP INDEX customers_by_storage_used_gb;
DROP INDEX customers_by_storage_type;
DROP INDEX customers_by_created_at;
DROP INDEX customers_by_updated_at;
-- Reads of one reseller's customers (the index is loaded this way).
CREATE INDEX customers_by_reseller ON customers (reseller_id, seq);

CREATE TABLE customer_rev_head (
    reseller_id TEXT PRIMARY KEY,
    rev         INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO customer_rev_head (reseller_id, rev) SELECT DISTINCT reseller_id, 1 FROM customers;

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
