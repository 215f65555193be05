-- +goose Up
-- The shared culture calendar: partners, series, activities (with their
-- hosting units and partners), per-occurrence overrides and attendance.
-- See docs/calendar.md and docs/adr/0020..0029.

CREATE TABLE partners (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    kind          text NOT NULL CHECK (kind IN ('art_centre', 'library', 'performer', 'museum', 'school',
                      'volunteer_org', 'association', 'company', 'other')),
    sector        text NOT NULL CHECK (sector IN ('public', 'private', 'third')),
    contact_name  text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 200),
    email         text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone         text NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
    website       text NOT NULL DEFAULT '' CHECK (length(website) <= 500),
    municipality  text NOT NULL DEFAULT '' CHECK (length(municipality) <= 100),
    notes         text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    active        boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX partners_name_key ON partners (lower(name));
CREATE INDEX partners_updated_at_idx ON partners (updated_at);

CREATE TABLE series (
    id           uuid PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    starts_on    date NOT NULL,
    ends_on      date NOT NULL,
    CONSTRAINT series_dates CHECK (ends_on >= starts_on AND ends_on - starts_on <= 366)
);
CREATE UNIQUE INDEX series_name_key ON series (lower(name), starts_on);
CREATE INDEX series_updated_at_idx ON series (updated_at);

-- An activity is one event or a recurring one. starts_at/ends_at are the
-- first occurrence; recurrence is an RFC 5545 RRULE (without "RRULE:"),
-- '' for a single event, expanded in the calendar zone's wall-clock time.
-- until_at is precomputed: the end of the last occurrence (NULL when the
-- rule is unbounded), so a range query selects candidates by the GiST index
-- on [starts_at, until_at) and expands only those (ADR 0022).
CREATE TABLE activities (
    id                   uuid PRIMARY KEY,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    title                text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    description          text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    category             text NOT NULL CHECK (category IN ('music', 'theatre', 'dance', 'visual_arts', 'crafts',
                             'literature', 'film', 'intergenerational', 'outdoor', 'other')),
    starts_at            timestamptz NOT NULL,
    ends_at              timestamptz NOT NULL,
    recurrence           text NOT NULL DEFAULT '' CHECK (length(recurrence) <= 500),
    exdates              timestamptz[] NOT NULL DEFAULT '{}' CHECK (cardinality(exdates) <= 1000),
    until_at             timestamptz,
    series_id            uuid REFERENCES series (id) ON DELETE RESTRICT,
    status               text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'planned', 'confirmed',
                             'completed', 'cancelled')),
    target_groups        text[] NOT NULL DEFAULT '{}' CHECK (target_groups <@ ARRAY['elderly', 'disability',
                             'mental_health', 'intergenerational', 'staff']),
    accessibility        text NOT NULL DEFAULT '' CHECK (length(accessibility) <= 2000),
    capacity             integer CHECK (capacity BETWEEN 0 AND 100000),
    visibility           text NOT NULL DEFAULT 'internal' CHECK (visibility IN ('public', 'internal')),
    cost_estimate_cents  bigint CHECK (cost_estimate_cents BETWEEN 0 AND 100000000000),
    proposed_by          uuid REFERENCES users (id) ON DELETE SET NULL,
    -- Copies of activity_units / activity_partners (written in the same
    -- transaction), so the calendar reads a month without a join (ADR 0022).
    unit_ids             uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(unit_ids) BETWEEN 1 AND 50),
    partner_ids          uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(partner_ids) <= 50),
    CONSTRAINT activities_times CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '14 days'),
    -- A single event ends at its own end; a recurring one no earlier.
    CONSTRAINT activities_until CHECK (until_at IS NULL OR until_at >= ends_at),
    CONSTRAINT activities_single_bounded CHECK (recurrence <> '' OR until_at = ends_at)
);
CREATE INDEX activities_span_idx ON activities USING gist (tstzrange(starts_at, until_at, '[)'));
CREATE INDEX activities_starts_idx ON activities (starts_at, id);
CREATE INDEX activities_series_idx ON activities (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX activities_updated_at_idx ON activities (updated_at);

-- Hosting units: at least one per activity (checked in Go, in the same
-- transaction). (unit_id, activity_id) serves the per-unit calendar.
CREATE TABLE activity_units (
    activity_id  uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    unit_id      uuid NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, unit_id)
);
CREATE INDEX activity_units_unit_idx ON activity_units (unit_id, activity_id);

CREATE TABLE activity_partners (
    activity_id  uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    partner_id   uuid NOT NULL REFERENCES partners (id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, partner_id)
);
CREATE INDEX activity_partners_partner_idx ON activity_partners (partner_id, activity_id);

-- One occurrence of a recurring activity moved or cancelled. The
-- occurrence keeps its identity (activity_id, original_start), which is the
-- iCalendar RECURRENCE-ID; starts_at/ends_at are where it now is.
CREATE TABLE occurrence_overrides (
    id              uuid PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    activity_id     uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    original_start  timestamptz NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    cancelled       boolean NOT NULL DEFAULT false,
    note            text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    CONSTRAINT occurrence_overrides_times CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '14 days'),
    CONSTRAINT occurrence_overrides_key UNIQUE (activity_id, original_start)
);
-- Finds occurrences moved into a range from outside their activity's span.
CREATE INDEX occurrence_overrides_starts_idx ON occurrence_overrides (starts_at, activity_id);
CREATE INDEX occurrence_overrides_original_idx ON occurrence_overrides (original_start, activity_id);
CREATE INDEX occurrence_overrides_updated_at_idx ON occurrence_overrides (updated_at);

-- Attendance and feedback of one occurrence, keyed by the occurrence's
-- identity (its original start). Counts only: no names.
CREATE TABLE attendance (
    id                uuid PRIMARY KEY,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    activity_id       uuid NOT NULL REFERENCES activities (id) ON DELETE RESTRICT,
    occurrence_start  timestamptz NOT NULL,
    residents         integer NOT NULL DEFAULT 0 CHECK (residents BETWEEN 0 AND 100000),
    staff             integer NOT NULL DEFAULT 0 CHECK (staff BETWEEN 0 AND 100000),
    volunteers        integer NOT NULL DEFAULT 0 CHECK (volunteers BETWEEN 0 AND 100000),
    relatives         integer NOT NULL DEFAULT 0 CHECK (relatives BETWEEN 0 AND 100000),
    feedback          smallint CHECK (feedback BETWEEN 1 AND 5),
    notes             text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    recorded_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT attendance_occurrence_key UNIQUE (activity_id, occurrence_start)
);
CREATE INDEX attendance_occurrence_idx ON attendance (occurrence_start);
CREATE INDEX attendance_updated_at_idx ON attendance (updated_at);

-- +goose Down
DROP TABLE attendance;
DROP TABLE occurrence_overrides;
DROP TABLE activity_partners;
DROP TABLE activity_units;
DROP TABLE activities;
DROP TABLE series;
DROP TABLE partners;
