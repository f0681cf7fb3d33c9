-- The trace of the work that created each item a comms worker claims later (a page, reminder, notice or invite and
-- its delivery receipts; a webhook delivery; a war room): the worker continues it, so a page sent seconds after the
-- request, or a retry minutes later, is part of the alert's trace (#12 item 3). NULL: created outside a sampled trace.
ALTER TABLE page_delivery ADD COLUMN traceparent VARCHAR(55);
ALTER TABLE webhook_delivery ADD COLUMN traceparent VARCHAR(55);
ALTER TABLE war_room ADD COLUMN traceparent VARCHAR(55);
