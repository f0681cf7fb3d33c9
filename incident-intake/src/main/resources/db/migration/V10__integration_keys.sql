-- Integration keys created through the admin API (configured keys stay in configuration). Only SHA-256 hashes of the
-- secrets are kept; a rotation keeps the previous hash valid until previous_valid_until (a grace period for senders).
CREATE TABLE integration_key (
    name                 TEXT        PRIMARY KEY,
    source_type          TEXT        NOT NULL,
    routes               TEXT        NOT NULL,  -- comma-separated route names
    max_severity         TEXT,
    rate_per_second      DOUBLE PRECISION,
    rate_burst           INTEGER,
    mapping              JSONB,     -- a custom source's field mapping
    secret_hash          TEXT        NOT NULL UNIQUE,
    previous_secret_hash TEXT,
    previous_valid_until TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL,
    created_by           TEXT        NOT NULL,
    rotated_at           TIMESTAMPTZ,
    revoked_at           TIMESTAMPTZ,
    revoked_by           TEXT,
    version              BIGINT      NOT NULL DEFAULT 0
);
