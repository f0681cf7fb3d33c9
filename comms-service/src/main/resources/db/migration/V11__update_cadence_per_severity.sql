-- The update cadence per severity (issue #9 items 3 and 7): emergency mode (intake's, for a P0/P1, announced as
-- incident.escalated) halves the interval. Every public incident so far was a P0/P1 opened in emergency mode.
ALTER TABLE page_incident ADD COLUMN emergency_mode BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE page_incident SET emergency_mode = TRUE WHERE severity IN ('P0', 'P1');
