-- Diagnostics are refreshed while their incident is open (issue #11): the run stays claimable (refresh) after DONE,
-- keeps what it last found and when that last changed.
ALTER TABLE diagnostic_run
    ADD COLUMN deployments   TEXT,                          -- JSON: the recent deployments found
    ADD COLUMN refresh       BOOLEAN NOT NULL DEFAULT TRUE, -- false once the incident resolved (true again on reopen)
    ADD COLUMN refreshed_at  TIMESTAMPTZ,
    ADD COLUMN refreshes     INT     NOT NULL DEFAULT 0,
    ADD COLUMN fingerprint   TEXT,                          -- JSON: the findings that count as a change
    ADD COLUMN changed_at    TIMESTAMPTZ,
    ADD COLUMN changes       TEXT;                          -- what changed last: "error rate peak: 5.0 % -> 30 %"

UPDATE diagnostic_run d SET refresh = FALSE
FROM incident i WHERE i.id = d.incident_id AND i.resolved_at IS NOT NULL;

CREATE INDEX diagnostic_run_refresh_due ON diagnostic_run (due_at) WHERE status = 'DONE' AND refresh;
