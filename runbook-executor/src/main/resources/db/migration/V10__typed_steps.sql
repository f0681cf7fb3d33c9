-- #11 item 8: typed runbook steps and the result each one records.
ALTER TABLE runbook_run_step
    ADD COLUMN parameters        TEXT,                  -- JSON: the step's parameters, copied from the runbook at start
    ADD COLUMN waits_for_previous BOOLEAN NOT NULL DEFAULT FALSE, -- mitigation steps: run once every earlier step is DONE
    ADD COLUMN started_at        TIMESTAMPTZ,           -- automated: when the executor last took it up
    ADD COLUMN result            TEXT,                  -- JSON: figures, query and link, changes, statuses, mitigation
    ADD COLUMN mitigation_id     UUID REFERENCES mitigation (id); -- the mitigation a rollback/restart/scale/isolate step requested

-- status gains AWAITING_APPROVAL (a mitigation step whose mitigation waits for a commander);
-- outcome gains no-data, awaiting-approval and error.
CREATE INDEX runbook_run_step_mitigation ON runbook_run_step (mitigation_id) WHERE mitigation_id IS NOT NULL;
