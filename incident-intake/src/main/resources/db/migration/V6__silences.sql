-- Silences and maintenance windows (issue #9 item 9): while one matches an incident's alerts, its escalation steps
-- page nobody and wait for the silence's end; the alerts and the incident are recorded as always.
-- matchers: Alertmanager's [{name, value, isRegex, isEqual}]; recurrence (maintenance windows): null for a one-off
-- silence, else {timeZone, days, startTime, duration}: active during each occurrence between starts_at and ends_at.
-- Expiring sets ends_at (and a pending silence's starts_at) to that moment, as Alertmanager does.
CREATE TABLE silence (
    id          UUID        PRIMARY KEY,
    matchers    JSONB       NOT NULL,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL CHECK (ends_at >= starts_at),
    recurrence  JSONB,
    created_by  TEXT        NOT NULL,
    comment     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    expired_by  TEXT,
    expired_at  TIMESTAMPTZ
);
CREATE INDEX silence_ends_at ON silence (ends_at);

-- Who created or expired which silence, when (actor = the authenticated caller).
CREATE TABLE silence_audit (
    id         UUID        PRIMARY KEY,
    silence_id UUID        NOT NULL REFERENCES silence (id),
    action     TEXT        NOT NULL CHECK (action IN ('created', 'expired')),
    actor      TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    detail     TEXT
);
CREATE INDEX silence_audit_silence ON silence_audit (silence_id, at);
CREATE INDEX silence_audit_at ON silence_audit (at);

-- An escalation step that paged nobody because of a silence, and until when it waits.
CREATE TABLE paging_suppression (
    id            UUID        PRIMARY KEY,
    incident_id   TEXT        NOT NULL,
    step_id       UUID        NOT NULL,
    silence_id    UUID        NOT NULL REFERENCES silence (id),
    suppressed_at TIMESTAMPTZ NOT NULL,
    until         TIMESTAMPTZ NOT NULL
);
CREATE INDEX paging_suppression_incident ON paging_suppression (incident_id, suppressed_at);
CREATE INDEX paging_suppression_silence ON paging_suppression (silence_id);
