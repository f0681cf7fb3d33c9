-- Records this service could never process (poison), as they were read, with the reason: the list an admin reads
-- and replays from after a fix. The dead-letter topics keep them too, but they are shared by every consumer group.
CREATE TABLE dead_letter (
    id              UUID        PRIMARY KEY,
    topic           TEXT        NOT NULL,
    kafka_partition INT         NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    record_key      TEXT,
    record_value    TEXT,
    -- the record's headers as [{"name": ..., "value": ...}] (UTF-8 text, as every header here is)
    headers         JSONB       NOT NULL,
    reason          TEXT        NOT NULL,
    dead_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    replayed_at     TIMESTAMPTZ,
    replayed_by     TEXT,
    -- a record read again (a poll retried after a crash) is recorded once
    UNIQUE (topic, kafka_partition, kafka_offset)
);

CREATE INDEX dead_letter_waiting ON dead_letter (topic, dead_at) WHERE replayed_at IS NULL;
