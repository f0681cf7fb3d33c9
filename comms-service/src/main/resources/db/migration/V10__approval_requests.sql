-- mitigation.approval-requested: the commander (or, with none known, the people paged for the incident) is told on
-- their channels; each notice is a page delivery of its own purpose, keyed by mitigation, channel and address.
ALTER TABLE page_delivery DROP CONSTRAINT page_delivery_purpose_check;
ALTER TABLE page_delivery ADD CONSTRAINT page_delivery_purpose_check
    CHECK (purpose IN ('page', 'update-reminder', 'pir-invite', 'commander-notice', 'approval-request'));
