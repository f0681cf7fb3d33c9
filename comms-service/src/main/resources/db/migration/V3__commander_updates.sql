-- Commanders post their own public updates (POST /api/incidents/{id}/updates): who wrote each one, kept internal.
ALTER TABLE incident_update ADD COLUMN posted_by TEXT;
