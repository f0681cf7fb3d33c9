-- Recovery verification gets its own table: it now follows either an applied mitigation or every alert of the
-- incident resolving (incident.alerts-resolved), and one table keeps one claim loop for both.

CREATE TABLE recovery_verification (
    id                  UUID PRIMARY KEY,
    incident_id         TEXT        NOT NULL REFERENCES incident (id),
    mitigation_id       UUID        UNIQUE REFERENCES mitigation (id),  -- set: follows this mitigation
    alerts_resolved_at  TIMESTAMPTZ,                                    -- set: follows incident.alerts-resolved
    follows             TEXT        NOT NULL,                           -- for people: "ROLLBACK of checkout"
    state               TEXT        NOT NULL,   -- VERIFYING | VERIFIED | FAILED | UNVERIFIABLE | CANCELLED
    health_url          TEXT,
    started_at          TIMESTAMPTZ NOT NULL,
    next_check_at       TIMESTAMPTZ,
    deadline            TIMESTAMPTZ,
    healthy_since       TIMESTAMPTZ,
    last_check_at       TIMESTAMPTZ,
    last_check_detail   TEXT,
    checks_passed       INT         NOT NULL DEFAULT 0,
    checks_failed       INT         NOT NULL DEFAULT 0,
    detail              TEXT,
    completed_at        TIMESTAMPTZ,
    CONSTRAINT recovery_verification_follows_one CHECK ((mitigation_id IS NULL) <> (alerts_resolved_at IS NULL))
);
-- at most one verification per incident.alerts-resolved, whatever the deliveries or replicas
CREATE UNIQUE INDEX recovery_verification_per_alerts_resolved
    ON recovery_verification (incident_id, alerts_resolved_at) WHERE alerts_resolved_at IS NOT NULL;
CREATE INDEX recovery_verification_by_incident ON recovery_verification (incident_id);
CREATE INDEX recovery_verification_due ON recovery_verification (next_check_at) WHERE state = 'VERIFYING';

-- the verifications of existing mitigations move over, in whatever state they are (same ID as their mitigation)
INSERT INTO recovery_verification (id, incident_id, mitigation_id, follows, state, health_url, started_at,
                                   next_check_at, deadline, healthy_since, last_check_at, last_check_detail,
                                   checks_passed, checks_failed, detail, completed_at)
SELECT id, incident_id, id, action || ' of ' || target, recovery_state, health_url,
       coalesce(completed_at, requested_at), next_check_at, recovery_deadline, healthy_since, last_check_at,
       last_check_detail, checks_passed, checks_failed, recovery_detail, recovery_completed_at
FROM mitigation
WHERE recovery_state <> 'NONE';

DROP INDEX mitigation_recovery_due;
ALTER TABLE mitigation
    DROP COLUMN recovery_state,
    DROP COLUMN health_url,
    DROP COLUMN next_check_at,
    DROP COLUMN recovery_deadline,
    DROP COLUMN healthy_since,
    DROP COLUMN last_check_at,
    DROP COLUMN last_check_detail,
    DROP COLUMN checks_passed,
    DROP COLUMN checks_failed,
    DROP COLUMN recovery_detail,
    DROP COLUMN recovery_completed_at;
