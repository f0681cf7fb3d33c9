-- runbook-executor's own tables (schema executor). The platform's outbox_event/processed_event come first.

-- Incidents this service knows, copied from incident.declared (no other schema is ever read).
CREATE TABLE incident (
    id           TEXT PRIMARY KEY,
    service      TEXT,
    severity     TEXT,
    type         TEXT,
    title        TEXT,
    description  TEXT,
    labels       TEXT,            -- JSON object
    started_at   TIMESTAMPTZ,
    detected_at  TIMESTAMPTZ,
    declared_at  TIMESTAMPTZ NOT NULL,
    resolved_at  TIMESTAMPTZ
);

-- Deployments seen on the deployments topic; a redelivered record finds its natural key taken.
CREATE TABLE deployment (
    id           BIGSERIAL PRIMARY KEY,
    service      TEXT        NOT NULL,
    version      TEXT        NOT NULL,
    environment  TEXT,
    kind         TEXT        NOT NULL,
    deployed_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX deployment_natural_key
    ON deployment (service, version, kind, deployed_at, coalesce(environment, ''));
CREATE INDEX deployment_by_service_time ON deployment (service, deployed_at);

-- Diagnostics to collect for an incident: claimed by a worker (due_at pushed forward as a lease),
-- then finished together with the diagnostics.collected event.
CREATE TABLE diagnostic_run (
    incident_id    TEXT PRIMARY KEY REFERENCES incident (id),
    status         TEXT        NOT NULL,           -- PENDING | DONE
    due_at         TIMESTAMPTZ NOT NULL,
    attempts       INT         NOT NULL DEFAULT 0,
    health_status  TEXT,
    health_detail  TEXT,
    likely_cause   TEXT,
    completed_at   TIMESTAMPTZ
);
CREATE INDEX diagnostic_run_due ON diagnostic_run (due_at) WHERE status = 'PENDING';

-- One runbook run per incident, whatever the number of replicas or deliveries.
CREATE TABLE runbook_run (
    id               UUID PRIMARY KEY,
    incident_id      TEXT        NOT NULL UNIQUE REFERENCES incident (id),
    runbook          TEXT        NOT NULL,
    runbook_version  TEXT        NOT NULL,
    runbook_title    TEXT        NOT NULL,
    status           TEXT        NOT NULL,         -- RUNNING | COMPLETED | FAILED | ABANDONED
    started_at       TIMESTAMPTZ NOT NULL,
    completed_at     TIMESTAMPTZ
);

-- The steps of a run, copied from the runbook version it started with.
CREATE TABLE runbook_run_step (
    run_id        UUID        NOT NULL REFERENCES runbook_run (id),
    step          INT         NOT NULL,            -- 1-based, as in the runbook
    title         TEXT        NOT NULL,
    kind          TEXT        NOT NULL,            -- automated | manual
    action        TEXT,
    status        TEXT        NOT NULL,            -- PENDING | AWAITING_CONFIRMATION | DONE
    outcome       TEXT,                            -- passed | failed | confirmed | skipped
    detail        TEXT,
    completed_by  TEXT,
    completed_at  TIMESTAMPTZ,
    due_at        TIMESTAMPTZ,                     -- automated steps: next attempt (lease)
    PRIMARY KEY (run_id, step)
);
CREATE INDEX runbook_run_step_due ON runbook_run_step (due_at) WHERE status = 'PENDING';

-- Mitigations and the verification of recovery that follows a successful one.
CREATE TABLE mitigation (
    id                 UUID PRIMARY KEY,
    incident_id        TEXT        NOT NULL REFERENCES incident (id),
    action             TEXT        NOT NULL,
    target             TEXT        NOT NULL,
    parameters         TEXT,                       -- JSON object
    reason             TEXT        NOT NULL,
    requested_by       TEXT        NOT NULL,
    requested_at       TIMESTAMPTZ NOT NULL,
    status             TEXT        NOT NULL,       -- REQUESTED | APPLIED | FAILED
    detail             TEXT,
    completed_at       TIMESTAMPTZ,
    recovery_state     TEXT        NOT NULL,       -- NONE | VERIFYING | VERIFIED | FAILED | UNVERIFIABLE | CANCELLED
    health_url         TEXT,
    next_check_at      TIMESTAMPTZ,
    recovery_deadline  TIMESTAMPTZ,
    healthy_since      TIMESTAMPTZ,
    last_check_at      TIMESTAMPTZ,
    last_check_detail  TEXT,
    checks_passed      INT         NOT NULL DEFAULT 0,
    checks_failed      INT         NOT NULL DEFAULT 0,
    recovery_detail    TEXT,
    recovery_completed_at TIMESTAMPTZ
);
CREATE INDEX mitigation_by_incident ON mitigation (incident_id);
CREATE INDEX mitigation_recovery_due ON mitigation (next_check_at) WHERE recovery_state = 'VERIFYING';
