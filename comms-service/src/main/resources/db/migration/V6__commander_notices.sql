-- The commander is told when a fix did not hold (recovery.failed): comms remembers who intake named commander, and the
-- e-mail to them is a page delivery of its own purpose.
ALTER TABLE tracked_incident
    ADD COLUMN commander_name    TEXT,
    ADD COLUMN commander_contact TEXT;

ALTER TABLE page_delivery DROP CONSTRAINT page_delivery_purpose_check;
ALTER TABLE page_delivery ADD CONSTRAINT page_delivery_purpose_check
    CHECK (purpose IN ('page', 'update-reminder', 'pir-invite', 'commander-notice'));
