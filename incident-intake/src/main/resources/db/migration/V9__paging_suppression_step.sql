-- Every fired escalation step asks whether a silence held it back: by its step id.
CREATE INDEX paging_suppression_step ON paging_suppression (step_id);
