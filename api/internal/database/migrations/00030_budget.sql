-- +goose Up
-- The joint budget: agreements between departments (possibly of two
-- organisations), their cost entries, and the monthly approve/lock periods.
-- The split of each entry is computed from the shares when read (package
-- costsplit defines the rule), never stored, so there is one truth; the
-- shares cannot change once a month is locked (ADR 0030).

-- Sum of a share vector; IMMUTABLE so CHECK constraints can use it.
CREATE FUNCTION budget_bp_sum(bp integer[]) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(sum(x), 0) FROM unnest(bp) AS x $$;

CREATE TABLE agreements (
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    starts_on   date NOT NULL,
    ends_on     date NOT NULL,
    CONSTRAINT agreements_period CHECK (ends_on >= starts_on AND ends_on - starts_on < 5 * 366)
);
CREATE INDEX agreements_updated_at_idx ON agreements (updated_at);

-- The departments of an agreement in the order they are listed (position
-- decides split ties and is the index into share vectors), each with its
-- default share and its budget for the agreement's period.
CREATE TABLE agreement_departments (
    agreement_id   uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    department_id  uuid NOT NULL REFERENCES departments (id) ON DELETE RESTRICT,
    position       smallint NOT NULL CHECK (position BETWEEN 0 AND 63),
    share_bp       integer NOT NULL CHECK (share_bp BETWEEN 0 AND 10000),
    budget_cents   bigint NOT NULL CHECK (budget_cents BETWEEN 0 AND 1000000000000),
    PRIMARY KEY (agreement_id, department_id),
    CONSTRAINT agreement_departments_position_key UNIQUE (agreement_id, position)
);
CREATE INDEX agreement_departments_department_idx ON agreement_departments (department_id);

-- Per-category share rules: shares aligned with the departments' positions.
CREATE TABLE agreement_category_shares (
    agreement_id  uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    category      text NOT NULL CHECK (category IN ('salary', 'performer_fee', 'travel', 'materials', 'venue', 'other')),
    shares_bp     integer[] NOT NULL CHECK (cardinality(shares_bp) BETWEEN 1 AND 64
                      AND budget_bp_sum(shares_bp) = 10000 AND 0 <= ALL (shares_bp) AND 10000 >= ALL (shares_bp)),
    PRIMARY KEY (agreement_id, category)
);

-- The default shares of an agreement's departments sum to 10000, checked at
-- commit so the departments can be replaced within one transaction.
-- +goose StatementBegin
CREATE FUNCTION agreement_shares_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    aid uuid := coalesce(NEW.agreement_id, OLD.agreement_id);
    total bigint;
    n integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM agreements WHERE id = aid) THEN
        RETURN NULL; -- the agreement itself was deleted
    END IF;
    SELECT coalesce(sum(share_bp), 0), count(*) INTO total, n FROM agreement_departments WHERE agreement_id = aid;
    IF n = 0 OR total <> 10000 THEN
        RAISE EXCEPTION 'the shares of agreement % sum to %, not 10000', aid, total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agreement_departments_share_sum';
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE CONSTRAINT TRIGGER agreement_departments_share_sum
    AFTER INSERT OR UPDATE OR DELETE ON agreement_departments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION agreement_shares_check();

CREATE TABLE costs (
    id              uuid PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    agreement_id    uuid NOT NULL REFERENCES agreements (id) ON DELETE RESTRICT,
    incurred_on     date NOT NULL,
    amount_cents    bigint NOT NULL CHECK (amount_cents <> 0 AND amount_cents BETWEEN -1000000000000 AND 1000000000000),
    category        text NOT NULL CHECK (category IN ('salary', 'performer_fee', 'travel', 'materials', 'venue', 'other')),
    description     text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 500),
    activity_id     uuid REFERENCES activities (id) ON DELETE SET NULL,
    unit_id         uuid REFERENCES units (id) ON DELETE RESTRICT,
    -- The entry's own shares, aligned with the agreement's department
    -- positions; NULL uses the category rule or the default.
    share_override  integer[] CHECK (share_override IS NULL OR (cardinality(share_override) BETWEEN 1 AND 64
                        AND budget_bp_sum(share_override) = 10000 AND 0 <= ALL (share_override)
                        AND 10000 >= ALL (share_override)))
);
-- The split report and the cost list read an agreement's entries by date.
CREATE INDEX costs_agreement_incurred_idx ON costs (agreement_id, incurred_on);
CREATE INDEX costs_unit_idx ON costs (unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX costs_activity_idx ON costs (activity_id) WHERE activity_id IS NOT NULL;
CREATE INDEX costs_updated_at_idx ON costs (updated_at);

-- A month of an agreement. A month without a row is open with no
-- approvals; the row is created when something first happens to it. Every
-- change to a month's costs locks this row first, so a cost write and a
-- lock (or concurrent approvals) serialise (ADR 0032).
CREATE TABLE agreement_periods (
    id             uuid PRIMARY KEY,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    agreement_id   uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    month          date NOT NULL CHECK (extract(day FROM month) = 1),
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'locked')),
    locked_at      timestamptz,
    locked_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT agreement_periods_key UNIQUE (agreement_id, month),
    CONSTRAINT agreement_periods_locked CHECK ((status = 'locked') = (locked_at IS NOT NULL))
);
CREATE INDEX agreement_periods_updated_at_idx ON agreement_periods (updated_at);

-- One department's approval of a month, by its manager.
CREATE TABLE period_approvals (
    period_id      uuid NOT NULL REFERENCES agreement_periods (id) ON DELETE CASCADE,
    department_id  uuid NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_id, department_id)
);

-- +goose Down
DROP TABLE period_approvals;
DROP TABLE agreement_periods;
DROP TABLE costs;
DROP TRIGGER agreement_departments_share_sum ON agreement_departments;
DROP FUNCTION agreement_shares_check();
DROP TABLE agreement_category_shares;
DROP TABLE agreement_departments;
DROP TABLE agreements;
DROP FUNCTION budget_bp_sum(integer[]);
