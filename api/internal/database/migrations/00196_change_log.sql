-- The change log (ADR 0196): which activities each change generation (ADR 0195) changed, so that a kept
-- read of an older generation can be brought up to date by reading and expanding only those activities
-- instead of computing the whole range again.
--
-- Every row trigger of 00195 now also writes, in the same deferred call at commit, the activity its row
-- belongs to: activities by id; activity_units, activity_partners, occurrence_overrides and attendance by
-- activity_id. A change the log cannot name by activity writes the nil uuid, "every activity": units and
-- partners (they label and count every group of the report), TRUNCATE, and a transaction that logs more
-- than 1,000 rows' activities (a bulk load: cheaper to compute again than to patch, and it keeps the log small).
-- Each generation has at least one row, so a reader can tell a complete log from a pruned one. The advancing
-- transaction prunes generations more than 1,000 behind its own.

-- +goose Up
CREATE TABLE change_log (
    name        text   NOT NULL CHECK (name IN ('calendar', 'report')),
    generation  bigint NOT NULL CHECK (generation > 0),
    activity_id uuid   NOT NULL,
    PRIMARY KEY (name, generation, activity_id)
);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION advance_change_generations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n      text;
    g      bigint;
    logged int;
    ids    uuid[] := '{}';
    every  CONSTANT uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
    IF TG_LEVEL = 'STATEMENT' OR TG_TABLE_NAME IN ('units', 'partners') THEN
        ids := ARRAY[every];
    ELSIF TG_TABLE_NAME = 'activities' THEN -- (a record's fields are resolved per statement: one table each)
        IF TG_OP <> 'DELETE' THEN ids := ids || NEW.id; END IF;
        IF TG_OP <> 'INSERT' THEN ids := ids || OLD.id; END IF;
    ELSE
        IF TG_OP <> 'DELETE' THEN ids := ids || NEW.activity_id; END IF;
        IF TG_OP <> 'INSERT' THEN ids := ids || OLD.activity_id; END IF;
    END IF;
    IF cardinality(ids) = 2 AND ids[1] = ids[2] THEN
        ids := ids[1:1];
    END IF;
    FOREACH n IN ARRAY TG_ARGV LOOP
        g := NULLIF(current_setting('kulttuurisilta.generation_' || n, true), '')::bigint;
        IF g IS NULL THEN
            UPDATE change_generations SET generation = generation + 1 WHERE name = n RETURNING generation INTO g;
            PERFORM set_config('kulttuurisilta.generation_' || n, g::text, true);
            PERFORM set_config('kulttuurisilta.logged_' || n, '0', true);
            DELETE FROM change_log WHERE name = n AND generation <= g - 1000;
        END IF;
        logged := current_setting('kulttuurisilta.logged_' || n)::int;
        IF logged < 1000 THEN
            IF logged + cardinality(ids) >= 1000 THEN
                ids := ARRAY[every];
                logged := 1000;
            ELSIF ids = ARRAY[every] THEN
                logged := 1000;
            ELSE
                logged := logged + cardinality(ids);
            END IF;
            INSERT INTO change_log (name, generation, activity_id) SELECT n, g, unnest(ids) ON CONFLICT DO NOTHING;
            PERFORM set_config('kulttuurisilta.logged_' || n, logged::text, true);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION advance_change_generations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n text;
BEGIN
    FOREACH n IN ARRAY TG_ARGV LOOP
        IF current_setting('kulttuurisilta.generation_' || n, true) IS DISTINCT FROM 'advanced' THEN
            UPDATE change_generations SET generation = generation + 1 WHERE name = n;
            PERFORM set_config('kulttuurisilta.generation_' || n, 'advanced', true);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
DROP TABLE change_log;
