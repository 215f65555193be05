-- +goose Up
-- The push to Linked Events follows the remote's write rules (issue 16, ADR 0049):
--   * linked_events_pushes also remembers what the remote has of each event: its event_status (Linked
--     Events decides it on create and on update), the end it was sent with (a remote event that has ended
--     may no longer be edited), and the remote id of the super event it was linked to (so a re-created
--     super event re-links its sub-events);
--   * linked_events_outcomes is each exported event's latest outcome per target API: pushed, refused by
--     the remote (with its message), held back by us (with our reason), or removed from the remote. A
--     refused event is retried when its content changes (content_hash). generation counts the remote ids
--     the event has used: Linked Events keeps a deleted event's id for ever, so a re-created event needs
--     a new one.
ALTER TABLE linked_events_pushes
    ADD COLUMN remote_status text NOT NULL DEFAULT 'EventScheduled'
        CHECK (remote_status IN ('EventScheduled', 'EventCancelled', 'EventPostponed', 'EventRescheduled')),
    ADD COLUMN ends_at timestamptz,
    ADD COLUMN parent_remote_id text NOT NULL DEFAULT '' CHECK (length(parent_remote_id) <= 200);

CREATE TABLE linked_events_outcomes (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    target        text NOT NULL CHECK (target ~ '^https?://' AND length(target) <= 500),
    local_id      text NOT NULL CHECK (length(local_id) BETWEEN 1 AND 200),
    kind          text NOT NULL CHECK (kind IN ('series', 'activity', 'occurrence')),
    activity_id   uuid,
    series_id     uuid,
    name          text NOT NULL DEFAULT '' CHECK (length(name) <= 1000),
    starts_at     timestamptz,
    outcome       text NOT NULL CHECK (outcome IN ('pushed', 'refused', 'held_back', 'removed')),
    op            text NOT NULL CHECK (op IN ('create', 'update', 'replace', 'delete', 'none')),
    reason        text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
    remote_id     text NOT NULL DEFAULT '' CHECK (length(remote_id) <= 200),
    content_hash  text NOT NULL DEFAULT '' CHECK (content_hash = '' OR content_hash ~ '^[0-9a-f]{64}$'),
    generation    integer NOT NULL DEFAULT 0 CHECK (generation >= 0),
    CONSTRAINT linked_events_outcomes_key UNIQUE (target, local_id),
    -- A refusal or a hold-back always says why; a pushed event has no complaint.
    CONSTRAINT linked_events_outcomes_reason CHECK ((outcome IN ('refused', 'held_back')) = (reason <> '')),
    -- A series' umbrella event belongs to no activity; every other event to exactly one.
    CONSTRAINT linked_events_outcomes_owner CHECK (
        (kind = 'series' AND activity_id IS NULL AND series_id IS NOT NULL) OR
        (kind <> 'series' AND activity_id IS NOT NULL))
);
CREATE INDEX linked_events_outcomes_updated_at_idx ON linked_events_outcomes (updated_at);
CREATE INDEX linked_events_outcomes_activity_idx ON linked_events_outcomes (activity_id, local_id);
CREATE INDEX linked_events_outcomes_outcome_idx ON linked_events_outcomes (outcome, local_id);

-- +goose Down
DROP TABLE linked_events_outcomes;
ALTER TABLE linked_events_pushes DROP COLUMN parent_remote_id, DROP COLUMN ends_at, DROP COLUMN remote_status;
