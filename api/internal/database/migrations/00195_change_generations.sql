-- Change generations (ADR 0195): a counter per kind of derived read, advanced
-- in the same transaction as every committed change to the tables that read
-- depends on. A process may keep what it computed from the data of one
-- generation and serve it again while the generation stays the same: any
-- committed change makes every snapshot after it see a higher number.
--
--   calendar: the expanded occurrences of a range (activities, their units
--             and partners, occurrence overrides);
--   report:   the activity report (those, attendance, and the units and
--             partners that label and count its groups).
--
-- The triggers are deferred to commit, so a transaction takes the counter's
-- row lock last (no lock-order cycle with the rows it changed) and holds it
-- only while it commits; a transaction advances each counter once, however
-- many rows it changes (a transaction-local setting remembers it).

-- +goose Up
CREATE TABLE change_generations (
    name       text PRIMARY KEY CHECK (name IN ('calendar', 'report')),
    generation bigint NOT NULL DEFAULT 0 CHECK (generation >= 0)
);
INSERT INTO change_generations (name) VALUES ('calendar'), ('report');

-- +goose StatementBegin
CREATE FUNCTION advance_change_generations() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE CONSTRAINT TRIGGER activities_generation AFTER INSERT OR UPDATE OR DELETE ON activities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION advance_change_generations('calendar', 'report');
CREATE CONSTRAINT TRIGGER activity_units_generation AFTER INSERT OR UPDATE OR DELETE ON activity_units
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION advance_change_generations('calendar', 'report');
CREATE CONSTRAINT TRIGGER activity_partners_generation AFTER INSERT OR UPDATE OR DELETE ON activity_partners
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION advance_change_generations('calendar', 'report');
CREATE CONSTRAINT TRIGGER occurrence_overrides_generation AFTER INSERT OR UPDATE OR DELETE ON occurrence_overrides
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION advance_change_generations('calendar', 'report');
CREATE CONSTRAINT TRIGGER attendance_generation AFTER INSERT OR UPDATE OR DELETE ON attendance
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION advance_change_generations('report');
CREATE CONSTRAINT TRIGGER units_generation AFTER INSERT OR UPDATE OR DELETE ON units
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION advance_change_generations('report');
CREATE CONSTRAINT TRIGGER partners_generation AFTER INSERT OR UPDATE OR DELETE ON partners
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION advance_change_generations('report');

-- TRUNCATE fires no row trigger: a statement trigger advances the counters at once.
CREATE TRIGGER activities_generation_truncate AFTER TRUNCATE ON activities
    FOR EACH STATEMENT EXECUTE FUNCTION advance_change_generations('calendar', 'report');
CREATE TRIGGER activity_units_generation_truncate AFTER TRUNCATE ON activity_units
    FOR EACH STATEMENT EXECUTE FUNCTION advance_change_generations('calendar', 'report');
CREATE TRIGGER activity_partners_generation_truncate AFTER TRUNCATE ON activity_partners
    FOR EACH STATEMENT EXECUTE FUNCTION advance_change_generations('calendar', 'report');
CREATE TRIGGER occurrence_overrides_generation_truncate AFTER TRUNCATE ON occurrence_overrides
    FOR EACH STATEMENT EXECUTE FUNCTION advance_change_generations('calendar', 'report');
CREATE TRIGGER attendance_generation_truncate AFTER TRUNCATE ON attendance
    FOR EACH STATEMENT EXECUTE FUNCTION advance_change_generations('report');
CREATE TRIGGER units_generation_truncate AFTER TRUNCATE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION advance_change_generations('report');
CREATE TRIGGER partners_generation_truncate AFTER TRUNCATE ON partners
    FOR EACH STATEMENT EXECUTE FUNCTION advance_change_generations('report');

-- +goose Down
DROP TRIGGER partners_generation_truncate ON partners;
DROP TRIGGER units_generation_truncate ON units;
DROP TRIGGER attendance_generation_truncate ON attendance;
DROP TRIGGER occurrence_overrides_generation_truncate ON occurrence_overrides;
DROP TRIGGER activity_partners_generation_truncate ON activity_partners;
DROP TRIGGER activity_units_generation_truncate ON activity_units;
DROP TRIGGER activities_generation_truncate ON activities;
DROP TRIGGER partners_generation ON partners;
DROP TRIGGER units_generation ON units;
DROP TRIGGER attendance_generation ON attendance;
DROP TRIGGER occurrence_overrides_generation ON occurrence_overrides;
DROP TRIGGER activity_partners_generation ON activity_partners;
DROP TRIGGER activity_units_generation ON activity_units;
DROP TRIGGER activities_generation ON activities;
DROP FUNCTION advance_change_generations();
DROP TABLE change_generations;
