-- Heartbeats (Opsgenie's dead man's switch). A ping moves expires_at on (one small UPDATE); the expiry worker claims
-- heartbeats past it with FOR UPDATE SKIP LOCKED and marks them expired in the claiming statement, so of any number
-- of replicas one raises the alert. `notice` is the alert still to send for the last transition ('expired' or
-- 'resolved'), kept until it is durable in intake so that a replica dying in between leaves it to the lease.
CREATE TABLE heartbeat (
    name           TEXT        PRIMARY KEY,
    description    TEXT,
    interval_count INTEGER     NOT NULL CHECK (interval_count >= 1),
    interval_unit  TEXT        NOT NULL CHECK (interval_unit IN ('minutes', 'hours', 'days')),
    enabled        BOOLEAN     NOT NULL,
    owner_team     TEXT,
    alert_message  TEXT,
    alert_tags     JSONB       NOT NULL,
    alert_priority TEXT        NOT NULL CHECK (alert_priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
    expires_at     TIMESTAMPTZ NOT NULL,
    last_ping_at   TIMESTAMPTZ,
    expired        BOOLEAN     NOT NULL DEFAULT FALSE,
    notice         TEXT        CHECK (notice IN ('expired', 'resolved')),
    lease_until    TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL
);

-- what the expiry worker looks for: enabled heartbeats not yet expired, and notices still to send
CREATE INDEX heartbeat_due ON heartbeat (expires_at) WHERE enabled AND NOT expired;
CREATE INDEX heartbeat_notice ON heartbeat (name) WHERE notice IS NOT NULL;
