-- Pages (issue #9): one row per incident.notification-requested (its notificationId is the key, so a repeated event
-- never sends twice), delivered by a SKIP LOCKED worker with retries and backoff.
CREATE TABLE page_delivery (
    id              UUID        PRIMARY KEY,
    incident_id     TEXT        NOT NULL,
    step_id         TEXT        NOT NULL,
    rule            INTEGER     NOT NULL,
    pass            INTEGER     NOT NULL,
    user_id         TEXT        NOT NULL,
    user_name       TEXT,
    channel         TEXT        NOT NULL,
    address         TEXT        NOT NULL,
    urgency         TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'unsupported')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX page_delivery_due ON page_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX page_delivery_incident ON page_delivery (incident_id, created_at);
