-- +goose Up
-- What `kulttuurisilta publish linked-events --apply` has sent to a Linked Events API (ADR 0045): one row
-- per exported event and target API, with the hash of the content sent and the id the remote gave it, so
-- a rerun sends only what is new, changed or gone. Rows are written only after the remote accepted the
-- whole batch they were part of.
CREATE TABLE linked_events_pushes (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    target        text NOT NULL CHECK (target ~ '^https?://' AND length(target) <= 500),
    local_id      text NOT NULL CHECK (length(local_id) BETWEEN 1 AND 200),
    parent_id     text NOT NULL DEFAULT '' CHECK (length(parent_id) <= 200),
    level         smallint NOT NULL CHECK (level BETWEEN 0 AND 2),
    starts_at     timestamptz,
    remote_id     text NOT NULL CHECK (length(remote_id) BETWEEN 1 AND 200),
    content_hash  text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT linked_events_pushes_local_key UNIQUE (target, local_id),
    CONSTRAINT linked_events_pushes_remote_key UNIQUE (target, remote_id)
);
CREATE INDEX linked_events_pushes_updated_at_idx ON linked_events_pushes (updated_at);

-- +goose Down
DROP TABLE linked_events_pushes;
