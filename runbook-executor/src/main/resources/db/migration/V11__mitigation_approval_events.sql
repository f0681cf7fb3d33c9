-- Approval as events (mitigation.approval-requested / approved / rejected): why the approval rule made a mitigation
-- wait, and a commander's rejection (who, when, why). A rejected mitigation is never carried out.
ALTER TABLE mitigation
    ADD COLUMN approval_reason  TEXT,          -- why it waits for a commander; null when applied at once
    ADD COLUMN rejected_by      TEXT,
    ADD COLUMN rejected_at      TIMESTAMPTZ,
    ADD COLUMN rejection_reason TEXT;
