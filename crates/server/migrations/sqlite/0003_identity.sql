-- API tokens stored as hashes, with a name, a role, an expiry and a revocation; demo identities
-- flagged (accepted only with --seed-demo or --bench-seed); the audit log records the person and their role.
-- The plaintext `tokens` rows are moved here, hashed, by the server at start-up (SQLite has no
-- SHA-256 in SQL); the table is left empty.

CREATE TABLE api_tokens (
    -- The token's public part (`cm_<prefix>_<secret>`): shown in lists, named by revoke.
    prefix       TEXT PRIMARY KEY,
    -- SHA-256 (hex) of the whole token: the only form the secret is kept in.
    hash         TEXT NOT NULL UNIQUE,
    reseller_id  TEXT NOT NULL REFERENCES resellers(id),
    name         TEXT NOT NULL,
    -- domain::Role: viewer or manager.
    role         TEXT NOT NULL,
    -- A seeded demo or benchmark identity: refused unless the server runs with --seed-demo or
    -- --bench-seed.
    demo         INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_by_reseller ON api_tokens (reseller_id, created_at);

ALTER TABLE audit ADD COLUMN actor_sub TEXT;
ALTER TABLE audit ADD COLUMN actor_email TEXT;
ALTER TABLE audit ADD COLUMN actor_role TEXT;
