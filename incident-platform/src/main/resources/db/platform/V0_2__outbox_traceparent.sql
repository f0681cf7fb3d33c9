-- The W3C trace context (traceparent) of the transaction that wrote an outbox row: the relay sends the event as a
-- child of it, so one alert's path through the services is one trace. Null for rows written outside a trace.
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT;
