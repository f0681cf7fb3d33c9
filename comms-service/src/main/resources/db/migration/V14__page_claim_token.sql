-- Issue #8: each claim of a page delivery gets its own token, and an attempt records its outcome only while its claim
-- is the row's current one: a replica whose lease ran out (another replica claimed the page since) does not mark the
-- page sent a second time, publish a second comms.notification-sent or overwrite the other replica's outcome.
ALTER TABLE page_delivery ADD COLUMN claim_token UUID;
