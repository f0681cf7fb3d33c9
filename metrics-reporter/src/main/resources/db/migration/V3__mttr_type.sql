-- MTTR per incident type too (the console's trends by type): the type the incident had when it was resolved.
ALTER TABLE mttr_result ADD COLUMN type TEXT;
UPDATE mttr_result m SET type = s.type FROM incident_summary s WHERE s.incident_id = m.incident_id;
