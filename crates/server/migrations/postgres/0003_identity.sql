-- API tokens stored as hashes, with a name, a role, an expiry and a revocation; demo identities
-- flagged (accepted only with --seed-demo or --bench-seed); the audit log records the person and their role.
-- The plaintext `tokens` rows are moved here, hashed, by the server at start-up (the same code as
-- on SQLite, which has no SHA-256 in SQL); the table is left empty.

CREATE TABLE api_tokens (
    -- The token's public part (`cm_<prefix>_<secret>`): shown in lists, named by revoke.
    prefix       text COLLATE "C" PRIMARY KEY,
    -- SHA-256 (hex) of the whole token: the only form the secret is kept in.
    hash         text NOT NULL UNIQUE,
    reseller_id  text COLLATE "C" NOT NULL REFERENCES resellers(id),
    name         text NOT NULL,
    -- domain::Role: viewer or manager.
    role         text NOT NULL,
    -- A seeded demo or benchmark identity: refused unless the server runs with --seed-demo or
    -- --bench-seed.
    demo         boolean NOT NULL DEFAULT false,
    created_at   text COLLATE "C" NOT NULL,
    expires_at   text,
    last_used_at text,
    revoked_at   text
);
CREATE INDEX api_tokens_by_reseller ON api_tokens (reseller_id, created_at);

ALTER TABLE audit ADD COLUMN actor_sub text;
ALTER TABLE audit ADD COLUMN actor_email text;
ALTER TABLE audit ADD COLUMN actor_role text;
