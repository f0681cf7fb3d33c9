-- Issue #9 item 5: pages go out on every channel (Slack, Teams, ntfy, Twilio-compatible SMS and voice), not only by
-- e-mail. A delivery remembers the provider that sent it and the id that provider gave it (Slack's ts, ntfy's id,
-- Twilio's sid), and the ack link (a push notification's click action, a chat button). A channel comms can deliver
-- but the operator did not configure is recorded as 'unconfigured' with the reason, never silently dropped.
ALTER TABLE page_delivery
    ADD COLUMN provider    TEXT,
    ADD COLUMN provider_id TEXT,
    ADD COLUMN ack_url     TEXT;

ALTER TABLE page_delivery DROP CONSTRAINT page_delivery_status_check;
ALTER TABLE page_delivery ADD CONSTRAINT page_delivery_status_check
    CHECK (status IN ('pending', 'sent', 'failed', 'unsupported', 'unconfigured'));

-- Delivery receipts (issue #9 item 9): for an SMS or call a provider accepted, its own later status (Twilio's
-- delivered, undelivered, failed, completed, busy, no-answer...) looked up until final; next_attempt_at, unused once a
-- delivery is sent, is when it is looked up next.
ALTER TABLE page_delivery
    ADD COLUMN receipt    TEXT,
    ADD COLUMN receipt_at TIMESTAMPTZ;
CREATE INDEX page_delivery_receipt_due ON page_delivery (next_attempt_at)
    WHERE status = 'sent' AND provider_id IS NOT NULL AND channel IN ('sms', 'phone');
