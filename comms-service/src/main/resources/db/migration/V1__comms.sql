-- comms-service: the public status page (Statuspage v2 model) and every message sent.

-- The one status page this service publishes. A singleton row: name, url and time zone come from config at start.
CREATE TABLE status_page (
    singleton   BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    id          TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    url         TEXT        NOT NULL,
    time_zone   TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- One component per affected service, created on the first public incident for it.
CREATE TABLE page_component (
    id          TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    status      TEXT        NOT NULL CHECK (status IN ('operational', 'degraded_performance', 'partial_outage', 'major_outage')),
    position    INTEGER     GENERATED ALWAYS AS IDENTITY,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Every incident comms has heard of (any severity): what later events (resolved, severity change) need to know.
CREATE TABLE tracked_incident (
    incident_id     TEXT        PRIMARY KEY,
    title           TEXT,
    description     TEXT,
    service         TEXT,
    incident_type   TEXT,
    severity        TEXT        NOT NULL,
    customer_impact TEXT,
    started_at      TIMESTAMPTZ,
    declared_at     TIMESTAMPTZ NOT NULL,
    resolved_at     TIMESTAMPTZ
);

-- A public status-page incident (P0/P1). next_update_due_at drives the update cadence (comms.update-due).
CREATE TABLE page_incident (
    id                 TEXT        PRIMARY KEY,
    incident_id        TEXT        NOT NULL UNIQUE,
    component_id       TEXT        NOT NULL REFERENCES page_component (id),
    severity           TEXT        NOT NULL,
    name               TEXT        NOT NULL,
    status             TEXT        NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem')),
    impact             TEXT        NOT NULL CHECK (impact IN ('none', 'minor', 'major', 'critical')),
    shortlink          TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    started_at         TIMESTAMPTZ NOT NULL,
    monitoring_at      TIMESTAMPTZ,
    resolved_at        TIMESTAMPTZ,
    last_update_at     TIMESTAMPTZ NOT NULL,
    next_update_due_at TIMESTAMPTZ
);
CREATE INDEX page_incident_created ON page_incident (created_at DESC);
CREATE INDEX page_incident_due ON page_incident (next_update_due_at) WHERE resolved_at IS NULL;

CREATE TABLE incident_update (
    id                  TEXT        PRIMARY KEY,
    page_incident_id    TEXT        NOT NULL REFERENCES page_incident (id),
    status              TEXT        NOT NULL,
    body                TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    display_at          TIMESTAMPTZ NOT NULL,
    -- JSON array of {code, name, old_status, new_status}, as Statuspage shows it
    affected_components TEXT        NOT NULL DEFAULT '[]'
);
CREATE INDEX incident_update_incident ON incident_update (page_incident_id, display_at DESC);

-- Every message sent (status page, webhooks), announced by comms.notification-sent in the same transaction.
CREATE TABLE notification (
    id          UUID        PRIMARY KEY,
    incident_id TEXT        NOT NULL,
    channel     TEXT        NOT NULL CHECK (channel IN ('status_page', 'webhook')),
    audience    TEXT        NOT NULL CHECK (audience IN ('customers', 'stakeholders', 'responders')),
    kind        TEXT        NOT NULL CHECK (kind IN ('initial', 'update', 'resolution')),
    destination TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX notification_incident ON notification (incident_id, created_at DESC);
CREATE INDEX notification_created ON notification (created_at DESC);

-- Outgoing webhook POSTs, written in the transaction of the message; a worker delivers them (SKIP LOCKED).
CREATE TABLE webhook_delivery (
    id              UUID        PRIMARY KEY,
    notification_id UUID        NOT NULL REFERENCES notification (id),
    url             TEXT        NOT NULL,
    payload         TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_pending ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_notification ON webhook_delivery (notification_id);
