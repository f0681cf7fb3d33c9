-- Diagnostics read figures from Prometheus (issue #11): the lines the event carried, and every figure with the query
-- that produced it and its link (JSON), for GET /api/incidents/{id}/diagnostics.
ALTER TABLE diagnostic_run
    ADD COLUMN error_rate      TEXT,
    ADD COLUMN latency         TEXT,
    ADD COLUMN infrastructure  TEXT,
    ADD COLUMN metrics         TEXT;   -- JSON: MetricsSnapshot
