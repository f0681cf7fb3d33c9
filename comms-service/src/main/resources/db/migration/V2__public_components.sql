-- Public components are the operators' (GET/POST /api/components); an alert's service label only selects one.

-- Internal service names (an incident's service label, lower case) shown on the page as one component.
CREATE TABLE component_service (
    service      TEXT PRIMARY KEY,
    component_id TEXT NOT NULL REFERENCES page_component (id) ON DELETE CASCADE
);
CREATE INDEX component_service_component ON component_service (component_id);

-- Components made from service labels before this version stay, mapped to the label they were named after;
-- operators rename or delete them through the API.
INSERT INTO component_service (service, component_id)
SELECT lower(name), id FROM page_component ON CONFLICT DO NOTHING;

-- An incident whose service maps to no component is shown against none; deleting a component keeps its past incidents.
ALTER TABLE page_incident ALTER COLUMN component_id DROP NOT NULL;
ALTER TABLE page_incident DROP CONSTRAINT page_incident_component_id_fkey;
ALTER TABLE page_incident ADD CONSTRAINT page_incident_component_id_fkey
    FOREIGN KEY (component_id) REFERENCES page_component (id) ON DELETE SET NULL;

-- Public text written before this version quoted alert text (title, description with its source URL, customer
-- impact) and the internal root cause: replace it with the wording the templates use now.
UPDATE incident_update SET body = 'We are investigating this issue. Our team is actively working on it.'
 WHERE body LIKE 'We are investigating reports of %';
UPDATE incident_update SET body = 'This issue has been resolved. Services are now operating normally. We apologize for the disruption.'
 WHERE status = 'resolved' AND body LIKE 'The issue affecting %';
UPDATE page_incident p
   SET name = c.name || CASE WHEN p.status = 'resolved' THEN ' issue resolved'
                             ELSE ' experiencing ' || CASE p.impact WHEN 'critical' THEN 'a major outage'
                                                                   WHEN 'major' THEN 'a partial outage'
                                                                   WHEN 'minor' THEN 'degraded performance'
                                                                   ELSE 'issues' END END
  FROM page_component c
 WHERE c.id = p.component_id;
