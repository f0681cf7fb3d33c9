-- The relay claims rows for a lease instead of holding a lock while the broker answers: several replicas send at once,
-- an incident's rows are claimed by one relay at a time (so they leave in order), and a row the broker keeps refusing
-- is set aside with its reason instead of blocking the rest.
ALTER TABLE outbox_event
    ADD COLUMN claim_token   UUID,
    ADD COLUMN claimed_until TIMESTAMPTZ,
    ADD COLUMN attempts      INT NOT NULL DEFAULT 0,
    ADD COLUMN last_error    TEXT,
    ADD COLUMN set_aside_at  TIMESTAMPTZ;

-- The incidents some relay is sending right now; new rows (never claimed) are not in it, so inserts do not pay for it.
CREATE INDEX outbox_event_claimed_subject ON outbox_event (subject) WHERE claim_token IS NOT NULL;
CREATE INDEX outbox_event_set_aside ON outbox_event (seq) WHERE set_aside_at IS NOT NULL;
