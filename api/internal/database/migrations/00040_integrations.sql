-- +goose Up
-- Integrations and reports: translations of public texts (ADR 0040), feed
-- tokens for private iCalendar feeds (ADR 0042), Linked Events place ids of
-- units and tombstones of activities and series that left the public export
-- (ADR 0044).

-- Swedish and English beside the Finnish title/name and description. ''
-- means "no translation"; the Finnish text stays required.
ALTER TABLE activities
    ADD COLUMN title_sv        text NOT NULL DEFAULT '' CHECK (length(title_sv) <= 200),
    ADD COLUMN title_en        text NOT NULL DEFAULT '' CHECK (length(title_en) <= 200),
    ADD COLUMN description_sv  text NOT NULL DEFAULT '' CHECK (length(description_sv) <= 5000),
    ADD COLUMN description_en  text NOT NULL DEFAULT '' CHECK (length(description_en) <= 5000);
ALTER TABLE series
    ADD COLUMN name_sv         text NOT NULL DEFAULT '' CHECK (length(name_sv) <= 200),
    ADD COLUMN name_en         text NOT NULL DEFAULT '' CHECK (length(name_en) <= 200),
    ADD COLUMN description_sv  text NOT NULL DEFAULT '' CHECK (length(description_sv) <= 5000),
    ADD COLUMN description_en  text NOT NULL DEFAULT '' CHECK (length(description_en) <= 5000);
ALTER TABLE partners
    ADD COLUMN name_sv         text NOT NULL DEFAULT '' CHECK (length(name_sv) <= 200),
    ADD COLUMN name_en         text NOT NULL DEFAULT '' CHECK (length(name_en) <= 200);

-- A revocable, read-only token that opens a private calendar feed. Only
-- the SHA-256 of the secret is stored; the secret is shown once.
CREATE TABLE feed_tokens (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    scope         text NOT NULL CHECK (scope IN ('all', 'unit', 'partner')),
    unit_id       uuid REFERENCES units (id) ON DELETE CASCADE,
    partner_id    uuid REFERENCES partners (id) ON DELETE CASCADE,
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    prefix        text NOT NULL,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    CONSTRAINT feed_tokens_scope_target CHECK (
        (scope = 'all' AND unit_id IS NULL AND partner_id IS NULL) OR
        (scope = 'unit' AND unit_id IS NOT NULL AND partner_id IS NULL) OR
        (scope = 'partner' AND partner_id IS NOT NULL AND unit_id IS NULL))
);
CREATE INDEX feed_tokens_updated_at_idx ON feed_tokens (updated_at);

-- The Linked Events / Palvelukartta (TPREK) place id of a unit, kept beside
-- the unit rather than in it (the org resource stays as it is).
CREATE TABLE unit_places (
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    unit_id     uuid NOT NULL UNIQUE REFERENCES units (id) ON DELETE CASCADE,
    tprek_id    text NOT NULL CHECK (tprek_id ~ '^[0-9]{1,12}$')
);
CREATE INDEX unit_places_updated_at_idx ON unit_places (updated_at);

-- Activities and series that left the public export (deleted, made
-- internal, or a series without public activities), so an importer syncing
-- with last_modified_since learns to delete them. Written only by the
-- trigger below; a row disappears when the item is published again.
CREATE TABLE export_tombstones (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    entity_type  text NOT NULL CHECK (entity_type IN ('activity', 'series')),
    entity_id    uuid NOT NULL,
    reason       text NOT NULL CHECK (reason IN ('deleted', 'unpublished')),
    CONSTRAINT export_tombstones_entity_key UNIQUE (entity_type, entity_id)
);
CREATE INDEX export_tombstones_updated_at_idx ON export_tombstones (updated_at);

-- +goose StatementBegin
CREATE FUNCTION export_tombstone(kind text, eid uuid, why text) RETURNS void LANGUAGE sql AS $$
    INSERT INTO export_tombstones (entity_type, entity_id, reason) VALUES (kind, eid, why)
    ON CONFLICT (entity_type, entity_id) DO UPDATE
        SET reason = EXCLUDED.reason, updated_at = now(), version = export_tombstones.version + 1;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION activities_export_tombstones() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_public boolean := TG_OP <> 'INSERT' AND OLD.visibility = 'public' AND OLD.status <> 'proposed';
    is_public  boolean := TG_OP <> 'DELETE' AND NEW.visibility = 'public' AND NEW.status <> 'proposed';
BEGIN
    IF is_public THEN
        DELETE FROM export_tombstones WHERE entity_type = 'activity' AND entity_id = NEW.id;
        IF NEW.series_id IS NOT NULL THEN
            DELETE FROM export_tombstones WHERE entity_type = 'series' AND entity_id = NEW.series_id;
        END IF;
    ELSIF was_public THEN
        PERFORM export_tombstone('activity', OLD.id, CASE WHEN TG_OP = 'DELETE' THEN 'deleted' ELSE 'unpublished' END);
    END IF;
    -- A series is exported while it has a public activity.
    IF was_public AND OLD.series_id IS NOT NULL
       AND (NOT is_public OR NEW.series_id IS DISTINCT FROM OLD.series_id)
       AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.series_id = OLD.series_id AND a.id <> OLD.id
                       AND a.visibility = 'public' AND a.status <> 'proposed') THEN
        PERFORM export_tombstone('series', OLD.series_id, 'unpublished');
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER activities_export_tombstones
    AFTER INSERT OR UPDATE OF visibility, status, series_id OR DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION activities_export_tombstones();

-- Reports group attendance by occurrence start within a range.
CREATE INDEX attendance_activity_occurrence_idx ON attendance (activity_id, occurrence_start);

-- +goose Down
DROP INDEX attendance_activity_occurrence_idx;
DROP TRIGGER activities_export_tombstones ON activities;
DROP FUNCTION activities_export_tombstones();
DROP FUNCTION export_tombstone(text, uuid, text);
DROP TABLE export_tombstones;
DROP TABLE unit_places;
DROP TABLE feed_tokens;
ALTER TABLE partners DROP COLUMN name_sv, DROP COLUMN name_en;
ALTER TABLE series DROP COLUMN name_sv, DROP COLUMN name_en, DROP COLUMN description_sv, DROP COLUMN description_en;
ALTER TABLE activities DROP COLUMN title_sv, DROP COLUMN title_en, DROP COLUMN description_sv, DROP COLUMN description_en;
