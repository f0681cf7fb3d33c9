-- Plumbing tables every service has in its own schema (IncidentOps platform).

-- Transactional outbox: written in the transaction of the state change it announces,
-- relayed to Kafka (incident-events) after commit, deleted once the broker acknowledged it.
CREATE TABLE outbox_event (
    seq          BIGSERIAL PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,
    type         TEXT        NOT NULL,
    subject      TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

-- Idempotent inbox: an event ID is recorded in the transaction of its effect; a second delivery finds it.
CREATE TABLE processed_event (
    event_id     UUID        PRIMARY KEY,
    event_type   TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
