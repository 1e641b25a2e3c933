-- An outbox that never drops an email (as migrations/sqlite/0002_outbox_retries.sql): a refused
-- email is retried with backoff (next_attempt_at) for at least three days, then dead-lettered
-- (dead_at) and shown on its customer (activation_email), which then needs attention until a
-- Resend is delivered.

ALTER TABLE outbox ADD COLUMN next_attempt_at text COLLATE "C";
ALTER TABLE outbox ADD COLUMN dead_at text COLLATE "C";
DROP INDEX outbox_unsent;
-- What a claim reads: live unsent rows in due order (new rows, with no next attempt, first, as
-- SQLite sorts NULL).
CREATE INDEX outbox_due ON outbox (next_attempt_at NULLS FIRST, id)
    WHERE sent_at IS NULL AND dead_at IS NULL;

-- Where the customer's latest activation email is: queued, sent or undeliverable
-- (domain::ActivationEmail). Kept by the store as rows are queued, sent and dead-lettered.
ALTER TABLE customers ADD COLUMN activation_email text COLLATE "C" NOT NULL DEFAULT 'sent';
UPDATE customers SET activation_email = 'queued'
WHERE id IN (SELECT customer_id FROM outbox WHERE sent_at IS NULL);

-- The counts' `attention` now also holds for an undeliverable activation email
-- (Customer::needs_attention): the function gains the column, the trigger function is replaced
-- and the counts are rebuilt.
CREATE FUNCTION customer_attention(status text, licenses_in_use bigint, user_licenses bigint,
    storage_used_gb bigint, extra_storage_gb bigint, activation_email text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN status = 'pending_activation' OR activation_email = 'undeliverable'
        OR licenses_in_use > user_licenses OR storage_used_gb * 10 >= extra_storage_gb * 9;

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
                  OLD.activation_email);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO customer_rev_head AS h (reseller_id, rev) VALUES (NEW.reseller_id, 1)
            ON CONFLICT (reseller_id) DO UPDATE SET rev = h.rev + 1 RETURNING h.rev INTO r;
        INSERT INTO customer_revs (reseller_id, seq, rev) VALUES (NEW.reseller_id, NEW.seq, r)
            ON CONFLICT (reseller_id, seq) DO UPDATE SET rev = excluded.rev;
        INSERT INTO customer_counts AS k (reseller_id, status, storage_type, attention, n)
            VALUES (NEW.reseller_id, NEW.status, NEW.storage_type,
                customer_attention(NEW.status, NEW.licenses_in_use, NEW.user_licenses,
                    NEW.storage_used_gb, NEW.extra_storage_gb, NEW.activation_email), 1)
            ON CONFLICT (reseller_id, status, storage_type, attention) DO UPDATE SET n = k.n + 1;
    END IF;
    RETURN NULL;
END
$$;

DROP FUNCTION customer_attention(text, bigint, bigint, bigint, bigint);

DELETE FROM customer_counts;
INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
SELECT reseller_id, status, storage_type,
    customer_attention(status, licenses_in_use, user_licenses, storage_used_gb,
        extra_storage_gb, activation_email),
    count(*)
FROM customers GROUP BY 1, 2, 3, 4;
