-- Mitigations left REQUESTED (the executor stopped between recording an attempt and its outcome) are closed as failed
-- after incidentops.executor.mitigations.requested-timeout: the closer looks for them on every worker poll, so only the
-- few rows in that state are indexed.
CREATE INDEX mitigation_requested_since ON mitigation ((COALESCE(approved_at, requested_at))) WHERE status = 'REQUESTED';
