-- The trace the test consumer's handler ran in (null outside one): shows that consumers continue the sender's trace.
ALTER TABLE test_effect ADD COLUMN trace_id TEXT;
