-- Shift swap requests (issue #9 item 2): a user on call in a window asks someone to take it; taking it records an
-- override on the schedule in the same transaction. Taking locks the row (SELECT ... FOR UPDATE), so with several
-- replicas only one taker wins; a request is open until taken or cancelled by its requester.
CREATE TABLE shift_swap_request (
    id          UUID        PRIMARY KEY,
    schedule_id TEXT        NOT NULL REFERENCES oncall_schedule (id) ON DELETE CASCADE,
    requester   TEXT        NOT NULL,
    start_at    TIMESTAMPTZ NOT NULL,
    end_at      TIMESTAMPTZ NOT NULL CHECK (end_at > start_at),
    description TEXT,
    status      TEXT        NOT NULL CHECK (status IN ('open', 'taken', 'cancelled')),
    taken_by    TEXT,
    taken_at    TIMESTAMPTZ,
    override_id TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX shift_swap_request_schedule ON shift_swap_request (schedule_id, created_at);
