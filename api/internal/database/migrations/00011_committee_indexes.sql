-- +goose Up
-- Indexes for the idea list's orders (newest first, by unit; rank within a
-- committee), measured in BenchmarkIdeaList (api/internal/committee).
CREATE INDEX ideas_created_idx ON ideas (created_at DESC, id DESC);
CREATE INDEX ideas_unit_created_idx ON ideas (unit_id, created_at DESC, id DESC);
CREATE INDEX ideas_committee_rank_idx ON ideas (committee_id, priority ASC NULLS LAST, votes DESC, created_at, id);

-- +goose Down
DROP INDEX ideas_committee_rank_idx;
DROP INDEX ideas_unit_created_idx;
DROP INDEX ideas_created_idx;
