-- Intake's journal (issue #7): an Alertmanager webhook is answered once its alerts are durable here; the writer
-- applies them to incidents in large batches and deletes each row in the transaction that applies it (exactly once).
-- A row stays only while its alerts wait; rows of a replica that died are applied by any replica after a while.
CREATE TABLE alert_journal (
    id          BIGSERIAL   PRIMARY KEY,
    owner       UUID        NOT NULL,          -- the process that queued it (and applies it unless it dies)
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    alerts      TEXT        NOT NULL,          -- JSON array of normalised alerts (intake's Alert), one lane's share
    traceparent TEXT                           -- the caller's sampled trace, continued by the declaration
);
