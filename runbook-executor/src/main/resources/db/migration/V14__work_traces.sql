-- The trace of the work that created each item an executor worker claims later (an incident's diagnostics and their
-- refreshes, an automated runbook step, a recovery verification): the worker continues it, so diagnostics.collected,
-- runbook.step-completed and recovery.verified/failed are part of the alert's trace (#12 item 3). NULL: created
-- outside a sampled trace.
ALTER TABLE diagnostic_run ADD COLUMN traceparent VARCHAR(55);
ALTER TABLE runbook_run_step ADD COLUMN traceparent VARCHAR(55);
ALTER TABLE recovery_verification ADD COLUMN traceparent VARCHAR(55);
