-- One-click approve/reject links: the links are signed for the incident's commander, whom the executor now learns
-- from incident.commander-assigned; a decision records whether it came through a link or the API.
ALTER TABLE incident
    ADD COLUMN commander TEXT;             -- the name of incident.commander-assigned's commander; null until named
ALTER TABLE mitigation
    ADD COLUMN decided_via TEXT;           -- 'link' or 'api' once a commander approved or rejected it
