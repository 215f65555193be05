-- +goose Up
-- Culture committee work: residents, committees with members and meetings,
-- ideas, culture profiles ("culture in the care record"), and culture
-- mentors with their trainings. See docs/adr/0010..0013.
--
-- The unit of a committee is immutable, and members and ideas carry the
-- committee's unit_id under a composite foreign key, so the database itself
-- refuses a member from another unit's residents or an idea filed under
-- the wrong unit.

CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Residents or clients of a unit who take part. Only a display name (first
-- name or nickname): no surnames, identity numbers or health data.
CREATE TABLE residents (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    unit_id       uuid NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    display_name  text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 60),
    active        boolean NOT NULL DEFAULT true,
    CONSTRAINT residents_id_unit_key UNIQUE (id, unit_id)
);
CREATE INDEX residents_unit_idx ON residents (unit_id, lower(display_name));
CREATE INDEX residents_updated_at_idx ON residents (updated_at);

CREATE TABLE committees (
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    unit_id     uuid NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    founded_on  date CHECK (founded_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    active      boolean NOT NULL DEFAULT true,
    CONSTRAINT committees_id_unit_key UNIQUE (id, unit_id)
);
CREATE UNIQUE INDEX committees_unit_name_key ON committees (unit_id, lower(name));
CREATE INDEX committees_updated_at_idx ON committees (updated_at);

-- A member is a resident of the committee's own unit. A member who leaves
-- gets left_on and stays in the history; one resident's periods on one
-- committee never overlap, and a committee has at most one current chair
-- and one current secretary.
CREATE TABLE committee_members (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    committee_id  uuid NOT NULL,
    unit_id       uuid NOT NULL,
    resident_id   uuid NOT NULL,
    role          text NOT NULL CHECK (role IN ('chair', 'secretary', 'member')),
    joined_on     date NOT NULL CHECK (joined_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    left_on       date CHECK (left_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    CONSTRAINT committee_members_dates CHECK (left_on IS NULL OR left_on >= joined_on),
    CONSTRAINT committee_members_committee_fkey FOREIGN KEY (committee_id, unit_id)
        REFERENCES committees (id, unit_id) ON DELETE RESTRICT,
    CONSTRAINT committee_members_resident_fkey FOREIGN KEY (resident_id, unit_id)
        REFERENCES residents (id, unit_id) ON DELETE CASCADE,
    CONSTRAINT committee_members_no_overlap EXCLUDE USING gist (
        committee_id WITH =, resident_id WITH =, daterange(joined_on, left_on, '[]') WITH &&)
);
CREATE UNIQUE INDEX committee_members_one_officer_key ON committee_members (committee_id, role)
    WHERE left_on IS NULL AND role <> 'member';
CREATE INDEX committee_members_committee_idx ON committee_members (committee_id, joined_on);
CREATE INDEX committee_members_resident_idx ON committee_members (resident_id);
CREATE INDEX committee_members_updated_at_idx ON committee_members (updated_at);

CREATE TABLE committee_meetings (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    committee_id  uuid NOT NULL REFERENCES committees (id) ON DELETE RESTRICT,
    held_on       date NOT NULL CHECK (held_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    agenda        text NOT NULL DEFAULT '' CHECK (length(agenda) <= 10000),
    minutes       text NOT NULL DEFAULT '' CHECK (length(minutes) <= 50000),
    decisions     text NOT NULL DEFAULT '' CHECK (length(decisions) <= 20000)
);
CREATE INDEX committee_meetings_committee_idx ON committee_meetings (committee_id, held_on);
CREATE INDEX committee_meetings_updated_at_idx ON committee_meetings (updated_at);

-- Ideas and wishes. activity_id is set when the idea became an activity;
-- the calendar's migration adds its foreign key to activities.
CREATE TABLE ideas (
    id                 uuid PRIMARY KEY,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    committee_id       uuid NOT NULL,
    unit_id            uuid NOT NULL,
    title              text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    description        text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    source             text NOT NULL CHECK (source IN ('survey', 'meeting', 'resident', 'staff', 'other')),
    status             text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'planned', 'done', 'declined')),
    votes              integer NOT NULL DEFAULT 0 CHECK (votes BETWEEN 0 AND 100000),
    priority           smallint CHECK (priority BETWEEN 1 AND 5),
    activity_id        uuid,
    status_changed_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ideas_committee_fkey FOREIGN KEY (committee_id, unit_id)
        REFERENCES committees (id, unit_id) ON DELETE RESTRICT
);
CREATE INDEX ideas_committee_idx ON ideas (committee_id, status);
CREATE INDEX ideas_unit_idx ON ideas (unit_id, status);
CREATE INDEX ideas_activity_idx ON ideas (activity_id) WHERE activity_id IS NOT NULL;
CREATE INDEX ideas_text_idx ON ideas USING gin ((title || ' ' || description) gin_trgm_ops);
CREATE INDEX ideas_updated_at_idx ON ideas (updated_at);

-- A resident's culture profile, 1:1 with the resident (id = resident id).
-- Personal data: erased with the resident or on request.
CREATE TABLE culture_profiles (
    id          uuid PRIMARY KEY REFERENCES residents (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    life_story  text NOT NULL DEFAULT '' CHECK (length(life_story) <= 20000),
    music       text NOT NULL DEFAULT '' CHECK (length(music) <= 5000),
    arts        text NOT NULL DEFAULT '' CHECK (length(arts) <= 5000),
    places      text NOT NULL DEFAULT '' CHECK (length(places) <= 5000),
    wishes      text NOT NULL DEFAULT '' CHECK (length(wishes) <= 5000)
);
CREATE INDEX culture_profiles_updated_at_idx ON culture_profiles (updated_at);

-- Culture mentors: staff named for one or more units, optionally linked to
-- their user account.
CREATE TABLE mentors (
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    email       text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone       text NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
    title       text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    since       date CHECK (since BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    active      boolean NOT NULL DEFAULT true,
    user_id     uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX mentors_user_key ON mentors (user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX mentors_email_key ON mentors (lower(email)) WHERE email <> '';
CREATE INDEX mentors_updated_at_idx ON mentors (updated_at);

CREATE TABLE mentor_units (
    mentor_id  uuid NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
    unit_id    uuid NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    PRIMARY KEY (mentor_id, unit_id)
);
CREATE INDEX mentor_units_unit_idx ON mentor_units (unit_id);

-- Hours are stored in tenths of an hour so sums are exact.
CREATE TABLE mentor_trainings (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    mentor_id     uuid NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
    course        text NOT NULL CHECK (length(btrim(course)) BETWEEN 1 AND 200),
    provider      text NOT NULL DEFAULT '' CHECK (length(provider) <= 200),
    completed_on  date NOT NULL CHECK (completed_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    hours_tenths  integer NOT NULL CHECK (hours_tenths BETWEEN 1 AND 10000)
);
CREATE INDEX mentor_trainings_mentor_idx ON mentor_trainings (mentor_id, completed_on);
CREATE INDEX mentor_trainings_completed_idx ON mentor_trainings (completed_on);
CREATE INDEX mentor_trainings_updated_at_idx ON mentor_trainings (updated_at);

-- +goose Down
DROP TABLE mentor_trainings;
DROP TABLE mentor_units;
DROP TABLE mentors;
DROP TABLE culture_profiles;
DROP TABLE ideas;
DROP TABLE committee_meetings;
DROP TABLE committee_members;
DROP TABLE committees;
DROP TABLE residents;
