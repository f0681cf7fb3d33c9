-- Evidence of security incidents (#11 item 9): every step's input and output of a run that keeps evidence, in an
-- append-only log whose entries are hash-chained (each entry's SHA-256 covers the previous entry's hash).
ALTER TABLE runbook_run ADD COLUMN keeps_evidence BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE evidence_entry (
    incident_id TEXT        NOT NULL,
    seq         INT         NOT NULL CHECK (seq >= 1),
    recorded_at TIMESTAMPTZ NOT NULL,
    kind        TEXT        NOT NULL,  -- run.started | step.completed
    input       TEXT        NOT NULL,  -- JSON, hashed as stored
    output      TEXT        NOT NULL,  -- JSON, hashed as stored
    prev_hash   TEXT        NOT NULL,  -- hex; 64 zeros for the first entry
    hash        TEXT        NOT NULL,  -- hex SHA-256 (see EvidenceEntry#hashOf)
    PRIMARY KEY (incident_id, seq)
);

-- append-only: the database refuses to change or remove an entry, whoever asks
CREATE FUNCTION evidence_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'evidence_entry is append-only';
END
$$;
CREATE TRIGGER evidence_entry_no_change BEFORE UPDATE OR DELETE ON evidence_entry
    FOR EACH ROW EXECUTE FUNCTION evidence_entry_append_only();
CREATE TRIGGER evidence_entry_no_truncate BEFORE TRUNCATE ON evidence_entry
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_entry_append_only();
