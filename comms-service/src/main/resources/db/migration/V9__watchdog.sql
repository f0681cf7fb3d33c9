-- The watchdog (issue #9 item 9): pages the platform's own owners, directly through comms' channel senders (no Kafka,
-- no outbox), when the paging pipeline itself is unhealthy. One row per watched condition holds its state, so that
-- replicas page once (the row is claimed FOR UPDATE SKIP LOCKED while a round decides and sends) and a restart
-- neither forgets an outage nor pages it again before its repeat interval.
CREATE TABLE watchdog_condition (
    name           TEXT        PRIMARY KEY,
    healthy        BOOLEAN     NOT NULL,
    detail         TEXT,
    -- when the current state (healthy or not) began
    since          TIMESTAMPTZ NOT NULL,
    -- last time the owners were told of the current unhealthy state; null: not told yet (or healthy)
    alerted_at     TIMESTAMPTZ,
    -- the owners were told it was unhealthy and have not yet been told it recovered
    recovery_owed  BOOLEAN     NOT NULL DEFAULT false,
    checked_at     TIMESTAMPTZ NOT NULL
);

-- Each watchdog page to each owner, and what came of it (listed by GET /api/watchdog).
CREATE TABLE watchdog_page (
    id          UUID        PRIMARY KEY,
    condition   TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('unhealthy', 'still-unhealthy', 'recovered')),
    channel     TEXT        NOT NULL,
    address     TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('sent', 'failed', 'unconfigured')),
    provider    TEXT,
    error       TEXT,
    detail      TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX watchdog_page_created ON watchdog_page (created_at);

-- The watchdog counts the pages that failed for good in a recent window, every round: only failed rows are indexed.
CREATE INDEX page_delivery_failed ON page_delivery (created_at) WHERE status = 'failed';
