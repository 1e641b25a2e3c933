-- Usage history and the forecast (README: Usage history and the forecast). One sample per
-- customer per day, replaced when reported again; the customer's current usage and forecast are
-- kept on its row from its samples (store/sql/usage.rs), so the list sorts and filters by them.

CREATE TABLE usage_samples (
    customer_id        TEXT NOT NULL REFERENCES customers(id),
    -- YYYY-MM-DD (UTC).
    day                TEXT NOT NULL,
    used_storage_bytes INTEGER NOT NULL,
    active_users       INTEGER NOT NULL,
    received_at        TEXT NOT NULL,
    PRIMARY KEY (customer_id, day)
) WITHOUT ROWID;

-- domain::RunsOut in its stored form (`in_days:<n>`, `now`, `not_growing`, `not_enough_history`,
-- `beyond_365`), as of the latest sample with the current allocation.
ALTER TABLE customers ADD COLUMN forecast_storage TEXT NOT NULL DEFAULT 'not_enough_history';
ALTER TABLE customers ADD COLUMN forecast_licenses TEXT NOT NULL DEFAULT 'not_enough_history';
-- The sooner of the two in days (0: now); 9999 when neither runs out within 365 days, so that
-- "runs out" sorts soonest first with the customers that do not run out last.
ALTER TABLE customers ADD COLUMN runs_out_days INTEGER NOT NULL DEFAULT 9999;
CREATE INDEX customers_by_runs_out_days ON customers (reseller_id, runs_out_days, id);

-- The counts' `attention` now also holds when the customer runs out within 30 days
-- (Customer::needs_attention): the triggers are replaced and the counts rebuilt.
DROP TRIGGER customer_counts_insert;
DROP TRIGGER customer_counts_update;
DROP TRIGGER customer_counts_delete;
CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
    VALUES (NEW.reseller_id, NEW.status, NEW.storage_type,
        NEW.status = 'pending_activation' OR NEW.activation_email = 'undeliverable'
            OR NEW.licenses_in_use > NEW.user_licenses
            OR NEW.storage_used_gb * 10 >= NEW.extra_storage_gb * 9 OR NEW.runs_out_days <= 30, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customer_counts_update AFTER UPDATE OF reseller_id, status, storage_type,
    licenses_in_use, user_licenses, storage_used_gb, extra_storage_gb, activation_email,
    runs_out_days ON customers BEGIN
    UPDATE customer_counts SET n = n - 1
    WHERE reseller_id = OLD.reseller_id AND status = OLD.status AND storage_type = OLD.storage_type
      AND attention = (OLD.status = 'pending_activation' OR OLD.activation_email = 'undeliverable'
            OR OLD.licenses_in_use > OLD.user_licenses
            OR OLD.storage_used_gb * 10 >= OLD.extra_storage_gb * 9 OR OLD.runs_out_days <= 30);
    INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
    VALUES (NEW.reseller_id, NEW.status, NEW.storage_type,
        NEW.status = 'pending_activation' OR NEW.activation_email = 'undeliverable'
            OR NEW.licenses_in_use > NEW.user_licenses
            OR NEW.storage_used_gb * 10 >= NEW.extra_storage_gb * 9 OR NEW.runs_out_days <= 30, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers BEGIN
    UPDATE customer_counts SET n = n - 1
    WHERE reseller_id = OLD.reseller_id AND status = OLD.status AND storage_type = OLD.storage_type
      AND attention = (OLD.status = 'pending_activation' OR OLD.activation_email = 'undeliverable'
            OR OLD.licenses_in_use > OLD.user_licenses
            OR OLD.storage_used_gb * 10 >= OLD.extra_storage_gb * 9 OR OLD.runs_out_days <= 30);
END;
DELETE FROM customer_counts;
INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
SELECT reseller_id, status, storage_type,
    status = 'pending_activation' OR activation_email = 'undeliverable'
        OR licenses_in_use > user_licenses OR storage_used_gb * 10 >= extra_storage_gb * 9
        OR runs_out_days <= 30,
    count(*)
FROM customers GROUP BY 1, 2, 3, 4;
