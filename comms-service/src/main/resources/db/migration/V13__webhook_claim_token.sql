-- Issue #8: each claim of a webhook delivery gets its own token. An attempt starts only while its claim is the row's
-- current one, and its outcome is recorded only then: a replica whose lease ran out (and whose delivery another
-- replica claimed meanwhile) neither posts the message again nor overwrites the other replica's outcome.
ALTER TABLE webhook_delivery ADD COLUMN claim_token UUID;
