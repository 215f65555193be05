-- +goose Up
-- Notifications (issue 17, ADR 0060): the in-app inbox, one row per notification and recipient, and
-- each user's email settings per kind. River's own tables (river_job, ...) come from River's migrator,
-- run by MigrateUp after these.

-- One notification for one user. dedupe_key names the event (the same event never reaches the same user
-- twice: UNIQUE). params holds the non-personal facts the texts are made of (titles, units, months,
-- counts), link the SPA path of the screen it is about. email tracks the email copy: none (no SMTP
-- configured when it was made), off (the user's setting), pending (a River job will send it), sent,
-- skipped (the user turned it off or was deactivated before it went out).
CREATE TABLE notifications (
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('month_ready', 'approval_withdrawn', 'month_approved',
                    'month_locked', 'month_unlocked', 'attendance_missing', 'activity_changed',
                    'weekly_programme', 'idea_status_changed')),
    dedupe_key  text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
    params      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
    link        text NOT NULL CHECK (link LIKE '/%' AND length(link) <= 1000),
    read_at     timestamptz,
    email       text NOT NULL DEFAULT 'none' CHECK (email IN ('none', 'off', 'pending', 'sent', 'skipped')),
    emailed_at  timestamptz,
    CONSTRAINT notifications_emailed CHECK ((email = 'sent') = (emailed_at IS NOT NULL)),
    CONSTRAINT notifications_dedupe_key UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_updated_at_idx ON notifications (updated_at);

-- A user's email setting per kind: only the kinds the user changed are stored (an absent kind has its
-- default: on, except weekly_programme, which is opt-in).
CREATE TABLE notification_settings (
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    user_id     uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    email       jsonb NOT NULL DEFAULT '{}' CHECK (
                    jsonb_typeof(email) = 'object'
                    AND email - ARRAY['month_ready', 'approval_withdrawn', 'month_approved', 'month_locked',
                        'month_unlocked', 'attendance_missing', 'activity_changed', 'weekly_programme',
                        'idea_status_changed'] = '{}'::jsonb
                    AND NOT jsonb_path_exists(email, '$.* ? (@.type() != "boolean")'))
);
CREATE INDEX notification_settings_updated_at_idx ON notification_settings (updated_at);

-- The time-based reminders' ledger: what was reminded about and when, so a reminder repeats only when its
-- rule says (weekly for a month waiting for approval, once for an occurrence without attendance) even when
-- a run is missed or runs twice. An internal table (no API), keyed by what it is about.
CREATE TABLE notification_reminders (
    kind          text NOT NULL CHECK (kind IN ('month_ready', 'attendance_missing')),
    subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    last_sent_on  date NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, subject)
);
CREATE INDEX notification_reminders_sent_idx ON notification_reminders (last_sent_on);

-- +goose Down
DROP TABLE notification_reminders;
DROP TABLE notification_settings;
DROP TABLE notifications;
