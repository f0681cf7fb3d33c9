-- On-call (issue #9): people and how to reach them, schedules, escalation policies, services mapped to a policy, and
-- the escalation steps that page people until someone acknowledges. Value lists (contact methods, rules, layers,
-- overrides) are JSON replaced as a whole, as PagerDuty's API replaces them.

CREATE TABLE oncall_user (
    id                 TEXT        PRIMARY KEY,
    name               TEXT        NOT NULL,
    email              TEXT        NOT NULL,
    time_zone          TEXT        NOT NULL,
    contact_methods    JSONB       NOT NULL,
    notification_rules JSONB       NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX oncall_user_email ON oncall_user (lower(email));

CREATE TABLE oncall_schedule (
    id         TEXT        PRIMARY KEY,
    name       TEXT        NOT NULL,
    time_zone  TEXT        NOT NULL,
    layers     JSONB       NOT NULL,
    overrides  JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE escalation_policy (
    id          TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    rules       JSONB       NOT NULL,
    num_loops   INTEGER     NOT NULL CHECK (num_loops BETWEEN 0 AND 9),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- An incident's service (lower case) names its escalation policy.
CREATE TABLE oncall_service (
    name                 TEXT        PRIMARY KEY,
    escalation_policy_id TEXT        NOT NULL REFERENCES escalation_policy (id),
    created_at           TIMESTAMPTZ NOT NULL
);

-- A due timer: kind 'rule' pages rule_index of pass (loop) of the policy; 'contact' pages one user's contact method
-- after a notification rule's delay; 'users' pages the extra users a raised severity adds. Claimed with SKIP LOCKED
-- under a lease; fired (status 'fired') in the transaction that writes its events; acknowledgement or resolution
-- cancels the pending ones.
CREATE TABLE escalation_step (
    id                UUID        PRIMARY KEY,
    incident_id       TEXT        NOT NULL,
    kind              TEXT        NOT NULL CHECK (kind IN ('rule', 'contact', 'users')),
    policy_id         TEXT,
    rule_index        INTEGER     NOT NULL,
    pass              INTEGER     NOT NULL,
    user_ids          JSONB       NOT NULL,
    contact_method_id TEXT,
    urgency           TEXT        NOT NULL CHECK (urgency IN ('high', 'low')),
    severity          TEXT        NOT NULL,
    title             TEXT,
    service           TEXT,
    due_at            TIMESTAMPTZ NOT NULL,
    lease_until       TIMESTAMPTZ,
    status            TEXT        NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled')),
    fired_at          TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX escalation_step_due ON escalation_step (due_at) WHERE status = 'pending';
CREATE INDEX escalation_step_incident ON escalation_step (incident_id);
