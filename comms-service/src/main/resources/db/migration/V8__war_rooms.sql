-- Issue #9 item 6: the war room that intake names at declaration (incident.war-room-opened) is created for real on
-- Slack. One row per incident, worked by a SKIP LOCKED worker under a lease (lease_until) so replicas and redelivered
-- events create, invite, pin and archive exactly once; next_attempt_at is when there is work (now, after a backoff,
-- or the archive's due time), null when there is none.
CREATE TABLE war_room (
    incident_id     TEXT        PRIMARY KEY,
    -- the channel name as intake gave it, and as Slack accepts it
    requested_name  TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    video_url       TEXT,
    document_url    TEXT,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'created', 'archived', 'unconfigured', 'failed')),
    channel_id      TEXT,
    url             TEXT,
    -- the pinned summary: its message ts once posted, pinned once pins.add succeeded
    summary_ts      TEXT,
    pinned          BOOLEAN     NOT NULL DEFAULT FALSE,
    -- archived at resolution + war-room.archive-after; a reopening clears it (and asks for an unarchive when late)
    archive_due_at  TIMESTAMPTZ,
    unarchive       BOOLEAN     NOT NULL DEFAULT FALSE,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    lease_until     TIMESTAMPTZ,
    last_error      TEXT,
    opened_at       TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ,
    archived_at     TIMESTAMPTZ
);
CREATE INDEX war_room_due ON war_room (next_attempt_at) WHERE next_attempt_at IS NOT NULL;

-- The Slack users to invite: responders paged on Slack (before or after the war room exists) and the configured
-- always-invited ones. invited_at once Slack has them in the channel; error when Slack refused this user for good.
CREATE TABLE war_room_member (
    incident_id   TEXT        NOT NULL,
    slack_user_id TEXT        NOT NULL,
    added_at      TIMESTAMPTZ NOT NULL,
    invited_at    TIMESTAMPTZ,
    error         TEXT,
    PRIMARY KEY (incident_id, slack_user_id)
);
