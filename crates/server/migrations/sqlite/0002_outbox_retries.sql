-- An outbox that never drops an email: a refused email is retried with backoff
-- (next_attempt_at) for at least three days, then dead-lettered (dead_at) and shown on its
-- customer (activation_email), which then needs attention until a Resend is delivered.

ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN dead_at TEXT;
DROP INDEX outbox_unsent;
-- What a claim reads: live unsent rows in due order.
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND dead_at IS NULL;

-- Where the customer's latest activation email is: queued, sent or undeliverable
-- (domain::ActivationEmail). Kept by the store as rows are queued, sent and dead-lettered.
ALTER TABLE customers ADD COLUMN activation_email TEXT NOT NULL DEFAULT 'sent';
UPDATE customers SET activation_email = 'queued'
WHERE id IN (SELECT customer_id FROM outbox WHERE sent_at IS NULL);

-- The counts' `attention` now also holds for an undeliverable activation email
-- (Customer::needs_attention): the triggers are replaced and the counts rebuilt.
DROP TRIGGER customer_counts_insert;
DROP TRIGGER customer_counts_update;
DROP TRIGGER customer_counts_delete;
CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
    VALUES (NEW.reseller_id, NEW.status, NEW.storage_type,
        NEW.status = 'pending_activation' OR NEW.activation_email = 'undeliverable'
            OR NEW.licenses_in_use > NEW.user_licenses
            OR NEW.storage_used_gb * 10 >= NEW.extra_storage_gb * 9, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customer_counts_update AFTER UPDATE OF reseller_id, status, storage_type,
    licenses_in_use, user_licenses, storage_used_gb, extra_storage_gb, activation_email
    ON customers BEGIN
    UPDATE customer_counts SET n = n - 1
    WHERE reseller_id = OLD.reseller_id AND status = OLD.status AND storage_type = OLD.storage_type
      AND attention = (OLD.status = 'pending_activation' OR OLD.activation_email = 'undeliverable'
            OR OLD.licenses_in_use > OLD.user_licenses
            OR OLD.storage_used_gb * 10 >= OLD.extra_storage_gb * 9);
    INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
    VALUES (NEW.reseller_id, NEW.status, NEW.storage_type,
        NEW.status = 'pending_activation' OR NEW.activation_email = 'undeliverable'
            OR NEW.licenses_in_use > NEW.user_licenses
            OR NEW.storage_used_gb * 10 >= NEW.extra_storage_gb * 9, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers BEGIN
    UPDATE customer_counts SET n = n - 1
    WHERE reseller_id = OLD.reseller_id AND status = OLD.status AND storage_type = OLD.storage_type
      AND attention = (OLD.status = 'pending_activation' OR OLD.activation_email = 'undeliverable'
            OR OLD.licenses_in_use > OLD.user_licenses
            OR OLD.storage_used_gb * 10 >= OLD.extra_storage_gb * 9);
END;
DELETE FROM customer_counts;
INSERT INTO customer_counts (reseller_id, status, storage_type, attention, n)
SELECT reseller_id, status, storage_type,
    status = 'pending_activation' OR activation_email = 'undeliverable'
        OR licenses_in_use > user_licenses OR storage_used_gb * 10 >= extra_storage_gb * 9,
    count(*)
FROM customers GROUP BY 1, 2, 3, 4;
