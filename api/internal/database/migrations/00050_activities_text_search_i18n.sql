-- +goose Up
-- Text search on activities (GET /activities?q=) matches the Swedish and
-- English texts too. Their columns come from 00040, after the calendar's
-- 00027 index on the Finnish texts, so their trigram index lives here. The
-- expression is exactly the one the query uses.
CREATE INDEX activities_text_i18n_idx ON activities
    USING gin ((title_sv || ' ' || title_en || ' ' || description_sv || ' ' || description_en) gin_trgm_ops);

-- +goose Down
DROP INDEX activities_text_i18n_idx;
