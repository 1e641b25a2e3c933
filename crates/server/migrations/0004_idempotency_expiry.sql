-- Idempotency keys expire (after a day, see IDEMPOTENCY_KEY_TTL_SECS): each create deletes the
-- expired ones, found by this index.
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);
