-- The transaction the test consumer's handler ran in: shows which events were processed together.
ALTER TABLE test_effect ADD COLUMN tx_id BIGINT;
