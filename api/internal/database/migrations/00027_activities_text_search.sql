-- +goose Up
-- Text search of GET /activities?q=: a case-insensitive substring match
-- (ILIKE) on the title and description, served by a GIN trigram index
-- (pg_trgm, created by 00010_committee). Only the Finnish text can be
-- indexed here: the Swedish and English columns are added by
-- 00040_integrations, which runs after this migration on a fresh database.
-- The query matches them as a second expression,
-- (title_sv || ' ' || title_en || ' ' || description_sv || ' ' || description_en),
-- so a trigram index on exactly that expression in a migration numbered
-- after 00040 turns the search into one BitmapOr of two index scans.
CREATE INDEX activities_text_idx ON activities USING gin ((title || ' ' || description) gin_trgm_ops);

-- +goose Down
DROP INDEX activities_text_idx;
