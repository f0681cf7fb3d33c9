-- metrics-reporter: a projection of incident-events (timeline + per-incident summary), MTTR results, documents.

-- Every event of every incident, once (event_id unique); seq keeps arrival order for ties on occurred_at.
CREATE TABLE timeline_entry (
    seq          BIGSERIAL PRIMARY KEY,
    incident_id  TEXT        NOT NULL,
    event_id     UUID        NOT NULL UNIQUE,
    type         TEXT        NOT NULL,
    source       TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    description  TEXT        NOT NULL,
    data         TEXT        NOT NULL
);
CREATE INDEX timeline_entry_incident ON timeline_entry (incident_id, occurred_at, seq);

-- What the reporter knows about an incident, folded from its events. List columns hold JSON arrays.
CREATE TABLE incident_summary (
    incident_id      TEXT PRIMARY KEY,
    title            TEXT,
    description      TEXT,
    service          TEXT,
    severity         TEXT,
    type             TEXT,
    status           TEXT,
    started_at       TIMESTAMPTZ,
    detected_at      TIMESTAMPTZ,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  TEXT,
    mitigated_at     TIMESTAMPTZ,
    recovered_at     TIMESTAMPTZ,
    resolved_at      TIMESTAMPTZ,
    commander        TEXT,
    responders       TEXT NOT NULL DEFAULT '[]',
    runbooks         TEXT NOT NULL DEFAULT '[]',
    mitigations      TEXT NOT NULL DEFAULT '[]',
    root_cause       TEXT,
    customer_impact  TEXT,
    alert_source     TEXT,
    war_room         TEXT,
    affected_users   TEXT,
    error_rate       TEXT,
    escalations      INTEGER NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- MTTR breakdown and SLA result, computed on incident.resolved (recomputed on a later resolution).
CREATE TABLE mttr_result (
    incident_id               TEXT PRIMARY KEY,
    severity                  TEXT,
    started_at                TIMESTAMPTZ,
    detected_at               TIMESTAMPTZ,
    acknowledged_at           TIMESTAMPTZ,
    mitigated_at              TIMESTAMPTZ,
    resolved_at               TIMESTAMPTZ NOT NULL,
    detection_seconds         BIGINT,
    response_seconds          BIGINT,
    mitigation_seconds        BIGINT,
    resolution_seconds        BIGINT,
    total_seconds             BIGINT,
    response_target_seconds   BIGINT,
    resolution_target_seconds BIGINT,
    sla_met                   BOOLEAN     NOT NULL,
    sla_missed                TEXT        NOT NULL DEFAULT '',
    computed_at               TIMESTAMPTZ NOT NULL
);
CREATE INDEX mttr_result_resolved_at ON mttr_result (resolved_at);

-- Rendered documents (kind incident-report | pir), as written to the reports directory.
CREATE TABLE report_document (
    incident_id  TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    location     TEXT        NOT NULL,
    content      TEXT        NOT NULL,
    requirement  TEXT,
    due_by       TIMESTAMPTZ,
    rendered_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, kind)
);
