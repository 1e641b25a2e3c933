-- Retention (src/retention.rs) finds its rows by index, a bounded batch at a time: delivered
-- emails that still keep their body and activation token, by delivery time, and audit entries
-- by time. (Idempotency keys already have idempotency_keys_by_created_at.)
CREATE INDEX outbox_delivered_kept ON outbox (sent_at) WHERE activation_token <> '';
CREATE INDEX audit_by_at ON audit (at);
