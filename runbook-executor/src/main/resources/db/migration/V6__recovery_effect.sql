-- Recovery after a mitigation is judged on error rate and latency too (issue #11): when they do not return to normal,
-- mitigation.failed names the mitigation's action, target and requester.
ALTER TABLE recovery_verification
    ADD COLUMN action        TEXT,
    ADD COLUMN target        TEXT,
    ADD COLUMN requested_by  TEXT,
    ADD COLUMN effect        TEXT;   -- the last figures judged: "error rate peak 0.40 % <= 1.00 % (...); p95 ..."
