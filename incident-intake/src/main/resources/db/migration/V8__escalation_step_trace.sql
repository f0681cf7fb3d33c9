-- The trace of the work that scheduled a step (the alert's declaration, or the step before it): a step fired minutes
-- later pages people inside the alert's trace instead of in a trace of its own (#12, scheduled work traced).
ALTER TABLE escalation_step ADD COLUMN traceparent TEXT;
