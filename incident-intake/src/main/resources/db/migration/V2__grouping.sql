-- Alert grouping (issue #7): related alerts join one open incident of their group key; every distinct alert is
-- recorded once per incident with its own state and delivery count; repeats are summarised per interval.

ALTER TABLE incident ADD COLUMN group_key TEXT;
UPDATE incident SET group_key = 'dedup=' || dedup_key;   -- before grouping, each incident was its own group
ALTER TABLE incident ALTER COLUMN group_key SET NOT NULL;

-- Deliveries and changes not yet announced in an incident.alert-activity event (one per incident per interval).
ALTER TABLE incident ADD COLUMN activity_since       TIMESTAMPTZ;
ALTER TABLE incident ADD COLUMN activity_reported_at TIMESTAMPTZ;
ALTER TABLE incident ADD COLUMN pending_deliveries   BIGINT NOT NULL DEFAULT 0;
ALTER TABLE incident ADD COLUMN reopen_count         INTEGER NOT NULL DEFAULT 0;

-- One open incident per group key, whatever number of replicas race (backstop of the advisory lock).
DROP INDEX incident_open_dedup_key;
CREATE UNIQUE INDEX incident_open_group_key ON incident (group_key) WHERE status <> 'RESOLVED';
-- The group's most recently resolved incident, for reopening.
CREATE INDEX incident_resolved_group_key ON incident (group_key, resolved_at DESC) WHERE status = 'RESOLVED';
CREATE INDEX incident_activity_due ON incident (activity_since) WHERE activity_since IS NOT NULL;

-- One row per distinct alert (fingerprint / dedup key) per incident, replacing one row per delivery.
CREATE TABLE grouped_alert (
    incident_id TEXT        NOT NULL REFERENCES incident (id),
    dedup_key   TEXT        NOT NULL,
    group_key   TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('firing', 'resolved')),
    severity    TEXT        NOT NULL,
    summary     TEXT,
    labels      TEXT,
    starts_at   TIMESTAMPTZ,
    ends_at     TIMESTAMPTZ,
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    deliveries  BIGINT      NOT NULL,
    -- when it joined the incident or last changed state (firing <-> resolved)
    changed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, dedup_key)
);
CREATE INDEX grouped_alert_dedup_key ON grouped_alert (dedup_key);

INSERT INTO grouped_alert (incident_id, dedup_key, group_key, source, status, severity, summary, labels, starts_at,
                           ends_at, first_seen, last_seen, deliveries, changed_at)
SELECT DISTINCT ON (a.incident_id, a.dedup_key)
       a.incident_id, a.dedup_key, i.group_key, a.source, a.alert_status, i.severity, a.summary, a.labels, a.starts_at,
       a.ends_at,
       min(a.received_at) OVER w, max(a.received_at) OVER w, count(*) OVER w, a.received_at
FROM incident_alert a JOIN incident i ON i.id = a.incident_id
WINDOW w AS (PARTITION BY a.incident_id, a.dedup_key)
ORDER BY a.incident_id, a.dedup_key, a.received_at DESC, a.id DESC;

UPDATE incident i SET alert_count = (SELECT count(*) FROM grouped_alert g WHERE g.incident_id = i.id);

DROP TABLE incident_alert;
