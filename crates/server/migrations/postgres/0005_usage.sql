-- Usage history and the forecast (as migrations/sqlite/0005_usage.sql; README: Usage history and
-- the forecast). One sample per customer per day, replaced when reported again; the customer's
-- current usage and forecast are kept on its row from its samples (store/sql/usage.rs), so the
-- list sorts and filters by them.

CREATE TABLE usage_samples (
    customer_id        text COLLATE "C" NOT NULL REFERENCES customers(id),
    -- YYYY-MM-DD (UTC).
    day                text COLLATE "C" NOT NULL,
    used_storage_bytes bigint NOT NULL,
    active_users       bigint NOT NULL,
    received_at        text NOT NULL,
    PRIMARY KEY (customer_id, day)
);

-- domain::RunsOut in its stored form (`in_days:<n>`, `now`, `not_growing`, `not_enough_history`,
-- `beyond_365`), as of the latest sample with the current allocation.
ALTER TABLE customers ADD COLUMN forecast_storage text NOT NULL DEFAULT 'not_enough_history';
ALTER TABLE customers ADD COLUMN forecast_licenses text NOT NULL DEFAULT 'not_enough_history';
-- The sooner of the two in days (0: now); 9999 when neither runs out within 365 days, so that
-- "runs out" sorts soonest first with the customers that do not run out last.
ALTER TABLE customers ADD COLUMN runs_out_days bigint NOT NULL DEFAULT 9999;
CREATE INDEX customers_by_runs_out_days ON customers (reseller_id, runs_out_days, id);

-- The counts' `attention` now also holds when the customer runs out within 30 days
-- (Customer::needs_attention): the function gains the column, the trigger function is replaced
-- and the counts are rebuilt.
CREATE FUNCTION customer_attention(status text, licenses_in_use bigint, user_licenses bigint,
    storage_used_gb bigint, extra_storage_gb bigint, activation_email text, runs_out_days bigint)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN status = 'pending_activation' OR activation_email = 'undeliverable'
        OR licenses_in_use > user_licenses OR storage_used_gb * 10 >= extra_storage_gb * 9
        OR runs_out_days <= 30;

CREATE OR REPLACE FUNCTION customers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r bigint;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO customer_rev_head AS h (reseller_id, rev) VALUES (OLD.reseller_id, 1)
            ON CONFLICT (reseller_id) DO UPDATE SET rev = h.rev + 1 RETURNING h.rev INTO r;
        INSERT INTO customer_revs (reseller_id, seq, rev) VALUES (OLD.reseller_id, OLD.seq, r)
            ON CONFLICT (reseller_id, seq) DO UPDATE SET rev = excluded.rev;
        UPDATE customer_counts SET n = n - 1
            WHERE reseller_id = OLD.reseller_id AND status = OLD.status
              AND storage_type = OLD.storage_type
              AND attention = customer_attention(OLD.status, OLD.licenses_in_use,
                  OLD.user_licenses, OLD.storage_used_gb, OLD.extra_storage_gb,
                  OLD.activation_email, OLD.runs_out_days);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO customer_rev_head AS h (reseller_id, rev) VALUES (NEW.reseller_id, 1)
            ON CONFLICT (reseller_id) DO UPDATE SET rev = h.rev + 1 RETURNING h.rev INTO r;
        INSERT INTO customer_revs (reseller_id, seq, rev) VALUES (NEW.reseller_id, NEW.seq, r)
            ON CONFLICT (reseller_id, seq) DO UPDATE SET rev = excluded.rev;
        INSERT INTO customer_counts AS k (reseller_id, status, storage_type, attention, n)
            VALUES (NEW.reseller_id, NEW.status, NEW.storage_type,
                customer_attention(NEW.status, NEW.licenses_in_use, NEW.user_licenses,
                    NEW.storage_used_gb, NEW.extra_storage_gb, NEW.activation_email,
                    NEW.runs_out_days), 1)
            ON CONFLICT (reseller_id, status, storage_type, attention) DO UPDATE SET n = k.n + 1;
    END IF;
    RETURN NULL;
END
$$;

DROP FUNCTION customer_attention(text, bigint, bigint, bigint, bigint, text);

DELETE FROM customer_counts;
INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
SELECT reseller_id, status, storage_type,
    customer_attention(status, licenses_in_use, user_licenses, storage_used_gb,
        extra_storage_gb, activation_email, runs_out_days),
    count(*)
FROM customers GROUP BY 1, 2, 3, 4;
