-- Kubernetes mitigations: the preview shown before applying, the approval rule's verdict, the audit record (state read
-- before and after) and the undo.
ALTER TABLE mitigation
    ADD COLUMN executor     TEXT NOT NULL DEFAULT 'WEBHOOK',  -- WEBHOOK | KUBERNETES
    ADD COLUMN preview      TEXT,                             -- JSON: before, after, summary, beyondBounds
    ADD COLUMN approval     TEXT NOT NULL DEFAULT 'AUTOMATIC',-- AUTOMATIC | REQUIRED | APPROVED
    ADD COLUMN approved_by  TEXT,
    ADD COLUMN approved_at  TIMESTAMPTZ,
    ADD COLUMN state_before TEXT,                             -- JSON, read just before applying
    ADD COLUMN state_after  TEXT,                             -- JSON, read just after
    ADD COLUMN undo_data    TEXT,                             -- what undoing needs (a rollback: the replaced template)
    ADD COLUMN undo_state   TEXT,                             -- null | REQUESTED | DONE | FAILED
    ADD COLUMN undone_by    TEXT,
    ADD COLUMN undone_at    TIMESTAMPTZ,
    ADD COLUMN undo_detail  TEXT;
