-- Issue #9 items 10 and 7: page_delivery also carries the PIR's calendar invite (one row per attendee, mailed with a
-- text/calendar attachment) and the commander's update reminders. Neither belongs to an escalation step or, for an
-- invite, to an on-call user.
ALTER TABLE page_delivery ADD COLUMN purpose TEXT NOT NULL DEFAULT 'page'
    CHECK (purpose IN ('page', 'update-reminder', 'pir-invite'));
ALTER TABLE page_delivery ADD COLUMN calendar TEXT;
ALTER TABLE page_delivery ALTER COLUMN step_id DROP NOT NULL;
ALTER TABLE page_delivery ALTER COLUMN user_id DROP NOT NULL;
