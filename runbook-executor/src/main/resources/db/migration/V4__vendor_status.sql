-- Third-party dependencies' status pages (issue #11): the last reading of each configured (service, dependency),
-- read by a claim worker every vendors.poll-interval, so that incident.declared can choose the runbook from it.
CREATE TABLE vendor_status (
    service        TEXT        NOT NULL,
    dependency     TEXT        NOT NULL,
    status_url     TEXT        NOT NULL,
    state          TEXT        NOT NULL,   -- UP | MAINTENANCE | DEGRADED | UNKNOWN | DOWN
    page           TEXT,
    description    TEXT,
    incidents      TEXT,                   -- JSON list of unresolved incidents
    error          TEXT,
    checked_at     TIMESTAMPTZ,
    next_check_at  TIMESTAMPTZ NOT NULL,   -- pushed forward on claim: a lease
    PRIMARY KEY (service, dependency)
);
CREATE INDEX vendor_status_due ON vendor_status (next_check_at);

-- diagnostics keep the dependencies' states they announced (the event's thirdParty)
ALTER TABLE diagnostic_run ADD COLUMN third_party TEXT;
