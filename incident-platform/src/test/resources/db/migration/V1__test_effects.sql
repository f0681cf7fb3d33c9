-- Effects of the test consumer; deliberately no unique key, so a duplicate effect would show.
CREATE TABLE test_effect (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID NOT NULL,
    incident_id TEXT NOT NULL
);
