-- +goose Up
-- Foundation: organisation (departments, units), users and their credentials,
-- and the audit log. Every resource table has id, created_at, updated_at and
-- version; constraints live here as well as in Go.

CREATE TABLE departments (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    code          text NOT NULL CHECK (length(btrim(code)) BETWEEN 1 AND 50),
    kind          text NOT NULL CHECK (kind IN ('social_care', 'culture', 'other')),
    organisation  text NOT NULL CHECK (length(btrim(organisation)) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX departments_code_key ON departments (lower(code));
CREATE INDEX departments_updated_at_idx ON departments (updated_at);

CREATE TABLE units (
    id                uuid PRIMARY KEY,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    name              text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    kind              text NOT NULL CHECK (kind IN ('care_home', 'day_centre', 'sheltered_housing',
                          'supported_housing', 'mental_health_rehab', 'work_activity', 'other')),
    organisation      text NOT NULL CHECK (length(btrim(organisation)) BETWEEN 1 AND 200),
    sector            text NOT NULL CHECK (sector IN ('public', 'private', 'third')),
    department_id     uuid REFERENCES departments (id) ON DELETE RESTRICT,
    municipality      text NOT NULL DEFAULT '' CHECK (length(municipality) <= 100),
    address           text NOT NULL DEFAULT '' CHECK (length(address) <= 300),
    resident_capacity integer NOT NULL DEFAULT 0 CHECK (resident_capacity BETWEEN 0 AND 100000),
    active            boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX units_name_key ON units (lower(name), lower(organisation));
CREATE INDEX units_department_idx ON units (department_id);
CREATE INDEX units_updated_at_idx ON units (updated_at);

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    email          text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
    name           text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    role           text NOT NULL CHECK (role IN ('admin', 'producer', 'manager', 'mentor', 'viewer')),
    department_id  uuid REFERENCES departments (id) ON DELETE RESTRICT,
    password_hash  text NOT NULL,
    active         boolean NOT NULL DEFAULT true,
    last_login_at  timestamptz,
    -- A manager acts for exactly one department.
    CONSTRAINT users_manager_department CHECK (role <> 'manager' OR department_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_updated_at_idx ON users (updated_at);

CREATE TABLE user_units (
    user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    unit_id  uuid NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    PRIMARY KEY (user_id, unit_id)
);
CREATE INDEX user_units_unit_idx ON user_units (unit_id);

-- Refresh tokens are stored only as SHA-256 hashes. Each login starts a
-- family; every refresh rotates within it, and presenting a used token
-- again revokes the whole family (it was stolen or replayed).
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

CREATE TABLE api_tokens (
    id            uuid PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    owner_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash    bytea NOT NULL UNIQUE,
    prefix        text NOT NULL,
    scopes        text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['calendar:read',
                      'calendar:write', 'org:read', 'org:write', 'budget:read', 'budget:write']),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX api_tokens_updated_at_idx ON api_tokens (updated_at);

-- Failed logins, counted per account and per address over a window. Kept in
-- the database so the limit holds across API processes.
CREATE TABLE login_failures (
    id     bigserial PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT now(),
    email  text NOT NULL,
    ip     text NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (lower(email), at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);

CREATE TABLE audit_events (
    id           uuid PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1 CHECK (version = 1),
    actor_id     uuid,
    actor_kind   text NOT NULL CHECK (actor_kind IN ('user', 'api_token', 'system')),
    action       text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    entity_type  text NOT NULL CHECK (length(entity_type) BETWEEN 1 AND 100),
    entity_id    uuid,
    before       jsonb,
    after        jsonb,
    request_id   text NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_created_idx ON audit_events (created_at, id);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, created_at);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, created_at);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE refresh_tokens;
DROP TABLE user_units;
DROP TABLE users;
DROP TABLE units;
DROP TABLE departments;
