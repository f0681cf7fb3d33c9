-- A mitigation is carried out once per attempt: each attempt that may be repeated (a runbook step claimed again after
-- its lease ran out, an HTTP request retried with the same Idempotency-Key) names itself by a key, and the first
-- recording of a key wins; a repeat finds the mitigation it recorded and carries nothing out again.
CREATE TABLE mitigation_attempt (
    idempotency_key TEXT PRIMARY KEY,         -- 'step:<runId>:<step>' or 'api:<user>:<Idempotency-Key>'
    mitigation_id   UUID        NOT NULL REFERENCES mitigation (id) DEFERRABLE INITIALLY DEFERRED,
    recorded_at     TIMESTAMPTZ NOT NULL
);
