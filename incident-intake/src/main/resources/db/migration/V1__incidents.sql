-- incident-intake: incidents (the single owner of their status), the alerts recorded on them, the daily ID counter.

-- One row per UTC day; "INSERT ... ON CONFLICT DO UPDATE ... RETURNING" hands out 1, 2, 3... across replicas
-- (the row lock serialises concurrent declarations of the same day).
CREATE TABLE incident_sequence (
    day  DATE    PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE incident (
    id                 TEXT        PRIMARY KEY,
    title              TEXT        NOT NULL,
    description        TEXT,
    service            TEXT        NOT NULL,
    team               TEXT,
    severity           TEXT        NOT NULL,
    type               TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    source             TEXT        NOT NULL,
    dedup_key          TEXT        NOT NULL,
    labels             TEXT,
    customer_impact    TEXT,
    emergency_mode     BOOLEAN     NOT NULL DEFAULT FALSE,
    started_at         TIMESTAMPTZ NOT NULL,
    detected_at        TIMESTAMPTZ NOT NULL,
    acknowledged_at    TIMESTAMPTZ,
    acknowledged_by    TEXT,
    mitigated_at       TIMESTAMPTZ,
    last_mitigation    TEXT,
    resolved_at        TIMESTAMPTZ,
    resolved_by        TEXT,
    root_cause         TEXT,
    responders         TEXT,
    commander          TEXT,
    war_room_channel   TEXT,
    war_room_video_url TEXT,
    war_room_doc_url   TEXT,
    alert_count        INTEGER     NOT NULL DEFAULT 0,
    updated_at         TIMESTAMPTZ NOT NULL,
    version            BIGINT      NOT NULL DEFAULT 0
);

-- At most one open incident per dedup key, whatever number of replicas race (backstop of the advisory lock).
CREATE UNIQUE INDEX incident_open_dedup_key ON incident (dedup_key) WHERE status <> 'RESOLVED';
CREATE INDEX incident_newest ON incident (detected_at DESC, id DESC);
CREATE INDEX incident_status ON incident (status);

-- Every alert received for an incident: the one that declared it, repeats, resolved notices.
CREATE TABLE incident_alert (
    id           BIGSERIAL   PRIMARY KEY,
    incident_id  TEXT        NOT NULL REFERENCES incident (id),
    dedup_key    TEXT        NOT NULL,
    source       TEXT        NOT NULL,
    alert_status TEXT        NOT NULL,
    summary      TEXT,
    labels       TEXT,
    starts_at    TIMESTAMPTZ,
    ends_at      TIMESTAMPTZ,
    received_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX incident_alert_incident ON incident_alert (incident_id);
