-- +goose Up
-- Residents' own voice (issue 19, docs/residents.md, ADR 0110): who of a
-- unit's residents took part in an occurrence, how, and what they said.
-- Personal data, as culture profiles: erased with the resident (ON DELETE
-- CASCADE), while the attendance counts stay.
CREATE TABLE attendance_participants (
    id             uuid PRIMARY KEY,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    attendance_id  uuid NOT NULL REFERENCES attendance (id) ON DELETE CASCADE,
    resident_id    uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
    participation  text NOT NULL CHECK (participation IN ('active', 'passive', 'declined')),
    feedback       smallint CHECK (feedback BETWEEN 1 AND 5),
    feedback_by    text NOT NULL DEFAULT 'self' CHECK (feedback_by IN ('self', 'proxy')),
    CONSTRAINT attendance_participants_key UNIQUE (attendance_id, resident_id)
);
CREATE INDEX attendance_participants_resident_idx ON attendance_participants (resident_id, participation);
CREATE INDEX attendance_participants_updated_at_idx ON attendance_participants (updated_at);

-- Only residents of the units hosting the activity take part.
-- +goose StatementBegin
CREATE FUNCTION attendance_participant_unit_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM attendance a
        JOIN activity_units au ON au.activity_id = a.activity_id
        JOIN residents r ON r.unit_id = au.unit_id
        WHERE a.id = NEW.attendance_id AND r.id = NEW.resident_id) THEN
        RAISE EXCEPTION 'a participant must be a resident of a unit hosting the activity'
            USING ERRCODE = '23514', CONSTRAINT = 'attendance_participants_unit_check';
    END IF;
    RETURN NEW;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER attendance_participants_unit_check BEFORE INSERT OR UPDATE OF attendance_id, resident_id
    ON attendance_participants FOR EACH ROW EXECUTE FUNCTION attendance_participant_unit_check();

-- The residents count is at least the active and passive participants;
-- checked at commit, so a write may change the count and the list together.
-- +goose StatementBegin
CREATE FUNCTION attendance_residents_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    att uuid;
BEGIN
    IF TG_TABLE_NAME = 'attendance' THEN
        att := NEW.id;
    ELSE
        att := NEW.attendance_id;
    END IF;
    IF (SELECT count(*) FROM attendance_participants
        WHERE attendance_id = att AND participation IN ('active', 'passive'))
        > COALESCE((SELECT residents FROM attendance WHERE id = att), 2147483647) THEN
        RAISE EXCEPTION 'the residents count is below the active and passive participants'
            USING ERRCODE = '23514', CONSTRAINT = 'attendance_residents_participants_check';
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE CONSTRAINT TRIGGER attendance_participants_count_check AFTER INSERT OR UPDATE ON attendance_participants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION attendance_residents_check();
CREATE CONSTRAINT TRIGGER attendance_residents_count_check AFTER UPDATE OF residents ON attendance
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION attendance_residents_check();

-- A resident's optional culture goal: active days per month.
ALTER TABLE residents ADD COLUMN culture_goal_days smallint CHECK (culture_goal_days BETWEEN 1 AND 31);

-- +goose Down
ALTER TABLE residents DROP COLUMN culture_goal_days;
DROP TABLE attendance_participants;
DROP FUNCTION attendance_residents_check();
DROP FUNCTION attendance_participant_unit_check();
