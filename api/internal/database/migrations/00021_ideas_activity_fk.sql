-- +goose Up
-- An idea turned into an activity points at it (POST /ideas/{id}/activity).
-- The committee migrations (00010-00019) create ideas.activity_id; the
-- guard keeps this migration safe on a database without that table.
-- +goose StatementBegin
DO $$
BEGIN
    IF to_regclass('ideas') IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM pg_constraint WHERE conname = 'ideas_activity_fk') THEN
        ALTER TABLE ideas ADD CONSTRAINT ideas_activity_fk
            FOREIGN KEY (activity_id) REFERENCES activities (id) ON DELETE SET NULL;
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
ALTER TABLE IF EXISTS ideas DROP CONSTRAINT IF EXISTS ideas_activity_fk;
