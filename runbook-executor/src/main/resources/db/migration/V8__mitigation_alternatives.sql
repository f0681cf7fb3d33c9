-- The loop back after a failed recovery (seed step 6 -> 5): a mitigation the executor proposed from its runbook's
-- ordered alternatives keeps the entry's position (1-based); null for a mitigation a person requested.
ALTER TABLE mitigation ADD COLUMN alternative INT;

-- each entry is proposed at most once per incident
CREATE UNIQUE INDEX mitigation_alternative_once ON mitigation (incident_id, alternative) WHERE alternative IS NOT NULL;
