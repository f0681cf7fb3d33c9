-- The diagnostics' other figures for the report (issue #11): latency peak, recent changes, third-party status.
ALTER TABLE incident_summary
    ADD COLUMN latency     TEXT,
    ADD COLUMN changes     TEXT,
    ADD COLUMN third_party TEXT;
